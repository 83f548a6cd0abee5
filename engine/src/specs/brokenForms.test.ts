import { makeResidentIdNumber, type Overlay } from '@formwork/definitions';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture } from '../testing/index.js';

/**
 * Issue 13: a form that can never compile (a remote `$ref`, a `$ref` cycle, the pattern `(((`, the
 * JsonLogic operation `eval`, a schema over 512 KiB) is refused when a spec or overlay version is
 * drafted or edited, again when it is submitted or published, and when a release is compiled; a
 * release stored before that check does not take its jurisdiction down.
 */
let f: IdentityFixture;
let doctor: string;
let configurator: string;
let reviewer: string;
let publisher: string;
let nationalAuthor: string;
let national: Record<string, unknown> & { forms: Record<string, Record<string, unknown>> };

const FORM = 'hypertension-followup';
const CURRENT_FUJIAN = 'national-phs@3.0.1+fujian@1.2.0';

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.login(await f.user('village-doctor', '350121101201'));
  configurator = await f.login(await f.user('province-configurator', '350000'));
  reviewer = await f.login(await f.user('province-reviewer', '350000'));
  publisher = await f.login(await f.user('province-publisher', '350000', { withTotp: true }));
  nationalAuthor = await f.login(await f.user('province-configurator', '100000'));
  national = (await f.request('GET', '/api/specs/national-phs/versions/3.0.1', configurator)).body
    .content;
});
afterAll(() => f?.stop());

const sql = async <T>(query: string, bind: unknown[] = []) =>
  (await f.t.engine.database.sequelize.query(query, { bind }))[0] as T[];

interface Hostile {
  name: string;
  /** The field added to the hypertension follow-up (spec and overlay alike), or a rule. */
  field?: Record<string, unknown>;
  rule?: Record<string, unknown>;
  /** Where the problem is, inside the form. */
  formPath: string;
  code: string;
}

const hostile: Hostile[] = [
  {
    name: 'a remote $ref (file:///etc/passwd)',
    field: { $ref: 'file:///etc/passwd' },
    formPath: '/schema/properties/extra/$ref',
    code: 'remote-ref-forbidden',
  },
  {
    name: 'a $ref cycle',
    field: {
      $defs: {
        a: { $ref: '#/properties/extra/$defs/b' },
        b: { $ref: '#/properties/extra/$defs/a' },
      },
      $ref: '#/properties/extra/$defs/a',
    },
    formPath: '/schema/properties/extra/$defs/b/$ref',
    code: 'ref-cycle',
  },
  {
    name: 'the pattern (((',
    field: { type: 'string', pattern: '(((' },
    formPath: '/schema/properties/extra/pattern',
    code: 'pattern-unsupported',
  },
  {
    name: 'a visibility rule with the JsonLogic operation eval',
    field: { type: 'string', 'x-visible': { eval: ['process.exit(1)'] } },
    formPath: '/schema/properties/extra/x-visible/eval',
    code: 'rule-invalid',
  },
  {
    name: 'a schema over 512 KiB',
    field: { type: 'string', description: '说'.repeat(200 * 1024) },
    formPath: '/schema',
    code: 'schema-too-large',
  },
];

/** The national content with the hypertension follow-up changed as `change` says. */
function nationalWith(version: string, change: Pick<Hostile, 'field' | 'rule'>) {
  const form = structuredClone(national.forms[FORM]!) as {
    schema: { properties: Record<string, unknown> };
    rules?: unknown[];
  };
  if (change.field) form.schema.properties.extra = change.field;
  if (change.rule) form.rules = [...(form.rules ?? []), change.rule];
  return { version, content: { ...national, version, forms: { ...national.forms, [FORM]: form } } };
}

/** Fujian 1.2.0 as `version`, with one more operation adding `extra` to the hypertension form. */
function fujianWith(version: string, field: Record<string, unknown>): Overlay {
  const overlay = readOverlay('fujian', '1.2.0');
  return {
    ...overlay,
    version,
    operations: [
      ...overlay.operations,
      { op: 'add-field', form: FORM, path: '', field: { name: 'extra', schema: field } },
    ] as Overlay['operations'],
  };
}

/** The answer names the form, the path inside it and the problem, in Chinese and English. */
function expectNamed(
  res: { status: number; body: { error: { code: string; message: string; details: never } } },
  code: string,
  list: 'errors' | 'problems',
  expected: Pick<Hostile, 'formPath' | 'code'>,
) {
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(422);
  expect(res.body.error.code).toBe(code);
  const entries = (res.body.error.details as Record<string, unknown[]>)[list];
  expect(entries).toContainEqual({
    form: FORM,
    formPath: expected.formPath,
    path: `/forms/${FORM}${expected.formPath}`,
    code: expected.code,
    message: { zh: expect.any(String), en: expect.any(String) },
  });
  expect(res.body.error.message).toContain(FORM);
  expect(res.body.error.message).toContain(expected.formPath);
}

async function overlayRow(version: string) {
  return sql<{ status: string; content_hash: string }>(
    "SELECT status, content_hash FROM overlay_versions WHERE key = 'fujian' AND version = $1",
    [version],
  );
}

/** An overlay version written straight into the table, as a row stored before the fix. */
async function storeOverlay(
  version: string,
  overlay: Overlay,
  status: 'draft' | 'in-review' | 'published',
) {
  await sql(
    `INSERT INTO overlay_versions (key, version, jurisdiction, base_spec, base_version, content,
       content_hash, status, created_at, updated_at, approved_at, published_at)
     VALUES ('fujian', $1, '350000', 'national-phs', '3.0.1', $2::jsonb, repeat('a', 64), $3,
       $4, $4, CASE WHEN $3 = 'draft' THEN NULL ELSE $4::timestamptz END,
       CASE WHEN $3 = 'published' THEN $4::timestamptz END)`,
    [version, JSON.stringify(overlay), status, '2026-12-01T00:00:00Z'],
  );
}

describe('a form that can never compile is refused when drafted', () => {
  it('given a national configurator, when a spec version with a sound extra field is drafted, then it is stored (the control case)', async () => {
    const res = await f.request(
      'POST',
      '/api/specs/national-phs/versions',
      nationalAuthor,
      nationalWith('4.0.0', { field: { type: 'string', pattern: '^[0-9]{6}$' } }),
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(201);
  });

  it.each(hostile.map((h, i) => [h.name, h, `4.1.${i}`] as const))(
    'given a national configurator, when a spec version whose hypertension form holds %s is drafted, then 422 names the form, the path and the problem, and nothing is stored',
    async (_name, h, version) => {
      const res = await f.request(
        'POST',
        '/api/specs/national-phs/versions',
        nationalAuthor,
        nationalWith(version, h),
      );
      expectNamed(res, 'spec_invalid', 'errors', h);
      const stored = await f.request(
        'GET',
        `/api/specs/national-phs/versions/${version}`,
        nationalAuthor,
      );
      expect(stored.status).toBe(404);
    },
  );

  it('given a national configurator, when a spec version with a cross-field rule using eval is drafted, then 422 names the rule', async () => {
    const rules = (national.forms[FORM]!.rules as unknown[] | undefined) ?? [];
    const res = await f.request(
      'POST',
      '/api/specs/national-phs/versions',
      nationalAuthor,
      nationalWith('4.2.0', {
        rule: {
          id: 'sbp-eval',
          path: '/sbp',
          assert: { eval: ['process.exit(1)'] },
          message: { zh: '收缩压', en: 'Systolic' },
        },
      }),
    );
    expectNamed(res, 'spec_invalid', 'errors', {
      formPath: `/rules/${rules.length}/assert/eval`,
      code: 'rule-invalid',
    });
    expect(
      (await f.request('GET', '/api/specs/national-phs/versions/4.2.0', nationalAuthor)).status,
    ).toBe(404);
  });

  it.each(hostile.map((h, i) => [h.name, h, `9.0.${i}`] as const))(
    'given a Fujian configurator, when an overlay adding a field with %s is drafted, then 422 names the form as the overlay makes it, the path and the problem, and nothing is stored',
    async (_name, h, version) => {
      const res = await f.request(
        'POST',
        '/api/overlays/fujian/versions',
        configurator,
        fujianWith(version, h.field!),
      );
      expectNamed(res, 'form_invalid', 'problems', h);
      expect(await overlayRow(version)).toEqual([]);
    },
  );

  it('given a sound Fujian draft, when it is edited to add the pattern (((, then 422 and the draft keeps its content', async () => {
    const sound = fujianWith('9.1.0', { type: 'string', pattern: '^[0-9]{6}$' });
    const created = await f.request('POST', '/api/overlays/fujian/versions', configurator, sound);
    expect(created.status, JSON.stringify(created.body).slice(0, 600)).toBe(201);
    const before = await overlayRow('9.1.0');
    const edited = await f.request(
      'PUT',
      '/api/overlays/fujian/versions/9.1.0',
      configurator,
      fujianWith('9.1.0', { type: 'string', pattern: '(((' }),
      { 'if-match': '"1"' },
    );
    expectNamed(edited, 'form_invalid', 'problems', hostile[2]!);
    expect(await overlayRow('9.1.0')).toEqual(before);
  });

  it('given a national draft, when it is edited to add a remote $ref, then 422 and the draft keeps its content', async () => {
    const res = await f.request(
      'PUT',
      '/api/specs/national-phs/versions/4.0.0',
      nationalAuthor,
      { content: nationalWith('4.0.0', hostile[0]!).content },
      { 'if-match': '"1"' },
    );
    expectNamed(res, 'spec_invalid', 'errors', hostile[0]!);
    const stored = await f.request('GET', '/api/specs/national-phs/versions/4.0.0', nationalAuthor);
    expect(stored.body.rowVersion).toBe(1);
    expect(stored.body.content.forms[FORM].schema.properties.extra).toEqual({
      type: 'string',
      pattern: '^[0-9]{6}$',
    });
  });
});

describe('versions stored before the fix are checked again on their way to publication', () => {
  it('given a Fujian draft with the pattern ((( stored before the fix, when its author submits it, then 422 names the problem and it stays a draft', async () => {
    await storeOverlay('9.2.0', fujianWith('9.2.0', { type: 'string', pattern: '(((' }), 'draft');
    const res = await f.request(
      'POST',
      '/api/overlays/fujian/versions/9.2.0/submit',
      configurator,
      {},
    );
    expectNamed(res, 'form_invalid', 'problems', hostile[2]!);
    expect((await overlayRow('9.2.0'))[0]!.status).toBe('draft');
  });

  it('given an approved Fujian version with a remote $ref stored before the fix, when the publisher publishes it, then 422 and it is not published', async () => {
    await storeOverlay('9.3.0', fujianWith('9.3.0', hostile[0]!.field!), 'in-review');
    const res = await f.request(
      'POST',
      '/api/overlays/fujian/versions/9.3.0/publish',
      publisher,
      {},
    );
    expectNamed(res, 'form_invalid', 'problems', hostile[0]!);
    expect((await overlayRow('9.3.0'))[0]!.status).toBe('in-review');
    // the reviewer's approval is untouched too
    expect(
      (await f.request('GET', '/api/overlays/fujian/versions/9.3.0', reviewer)).body.approved,
    ).toBe(true);
  });
});

describe('a release that does not compile completely is refused', () => {
  it('given a published Fujian version whose hypertension form has the pattern (((, when the publisher publishes a release of it, then 422 names the form, nothing is stored and the current release stays', async () => {
    await storeOverlay(
      '9.4.0',
      fujianWith('9.4.0', { type: 'string', pattern: '(((' }),
      'published',
    );
    const res = await f.request('POST', '/api/releases', publisher, {
      overlay: { key: 'fujian', version: '9.4.0' },
    });
    expectNamed(res, 'form_invalid', 'problems', hostile[2]!);
    expect(
      await sql("SELECT id FROM releases WHERE id = 'national-phs@3.0.1+fujian@9.4.0'"),
    ).toEqual([]);
    const { body } = await f.request('GET', '/api/releases', doctor);
    const current = body.releases.filter(
      (r: { jurisdiction: string; current: boolean }) => r.jurisdiction === '350000' && r.current,
    );
    expect(current.map((r: { id: string }) => r.id)).toEqual([CURRENT_FUJIAN]);
    expect((await f.request('GET', `/api/forms/${FORM}`, doctor)).body.releaseId).toBe(
      CURRENT_FUJIAN,
    );
  });
});

describe('a release stored before the fix does not take its jurisdiction down', () => {
  const BROKEN = 'national-phs@3.0.1+fujian@9.5.0';

  it('given a current Fujian release whose hypertension form cannot compile, when the catalog loads, then the previous release serves Fujian, the error is logged, and the broken form answers 409 naming the problem instead of 500', async () => {
    // Given: stored before the fix, and made current
    await storeOverlay(
      '9.5.0',
      fujianWith('9.5.0', { type: 'string', pattern: '(((' }),
      'published',
    );
    await sql("UPDATE releases SET current = false WHERE jurisdiction = '350000' AND current");
    await sql(
      `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
         overlay_version, status, manifest, manifest_hash, current, published_at)
       VALUES ($1, '350000', 'national-phs', '3.0.1', 'fujian', '9.5.0', 'published', '{}'::jsonb,
         repeat('b', 64), true, '2026-12-01T00:00:00Z')`,
      [BROKEN],
    );
    // When: the catalog is loaded again (what a start does)
    await f.t.engine.services.specs.reloadCatalog();

    // Then: the village doctor captures on the previous release
    const forms = await f.request('GET', `/api/forms/${FORM}`, doctor);
    expect(forms.status).toBe(200);
    expect(forms.body.releaseId).toBe(CURRENT_FUJIAN);
    const subject = await f.request('POST', '/api/subjects', doctor, {
      name: '陈美玲',
      idNumber: makeResidentIdNumber('350121', '1956-03-09', 31),
      orgCode: '350121101201',
    });
    expect(subject.status).toBe(201);
    const submitted = await f.request('POST', '/api/submissions', doctor, {
      formKey: FORM,
      subjectId: subject.body.id,
      data: HT_VISIT,
    });
    expect(submitted.status, JSON.stringify(submitted.body).slice(0, 400)).toBe(201);
    expect(submitted.body.releaseId).toBe(CURRENT_FUJIAN);

    // The error is in the log, naming the release, the form and the path
    const logged = f.t.logs.filter((l) => l.level >= 50 && JSON.stringify(l).includes(BROKEN));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged[0])).toContain('/schema/properties/extra/pattern');

    // The release list says which release is really current, and what is wrong with the other
    const { body } = await f.request('GET', '/api/releases', doctor);
    const byId = Object.fromEntries(
      body.releases.map((r: { id: string }) => [r.id, r] as const),
    ) as Record<string, { current: boolean; problems?: unknown[] }>;
    expect(byId[CURRENT_FUJIAN]!.current).toBe(true);
    expect(byId[BROKEN]!.current).toBe(false);
    expect(byId[BROKEN]!.problems).toContainEqual(
      expect.objectContaining({ form: FORM, formPath: '/schema/properties/extra/pattern' }),
    );

    // The broken form itself answers 409, naming the problem, for the form and its TypeScript
    const broken = await f.request(
      'GET',
      `/api/forms/${FORM}?release=${encodeURIComponent(BROKEN)}`,
      doctor,
    );
    expect(broken.status, JSON.stringify(broken.body).slice(0, 400)).toBe(409);
    expect(broken.body.error.code).toBe('form_broken');
    expect(broken.body.error.message).toContain('/schema/properties/extra/pattern');
    expect(broken.body.error.details.problems).toContainEqual(
      expect.objectContaining({ form: FORM, code: 'pattern-unsupported' }),
    );
    const typescript = await f.request(
      'GET',
      `/api/forms/${FORM}/versions/3.0.1/typescript?release=${encodeURIComponent(BROKEN)}`,
      doctor,
    );
    expect(typescript.status).toBe(409);
    expect(typescript.body.error.code).toBe('form_broken');
    // A form of that release that compiles is still readable
    const other = await f.request(
      'GET',
      `/api/forms/diabetes-followup?release=${encodeURIComponent(BROKEN)}`,
      doctor,
    );
    expect(other.status).toBe(200);
  });
});
