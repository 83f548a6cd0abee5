import { createHash, createHmac } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/canonicalJson.js';
import { RouteRegistry } from '../http/RouteRegistry.js';
import { PluginHost } from '../plugin-host/PluginHost.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { FAKE_CERTIFICATE, FAKE_SIGNING_KEY, fakeEnvelope } from './fixtures/fakeSignerPlugin.js';
import { importSeed, importUpgradeDemo } from './seedReleases.js';

/**
 * Releases from the database: the seed imported on start, published versions immutable down to
 * SQL, a rebased overlay published as a signed release that new records are captured on, and the
 * semantic diff and rebase endpoints on the upgrade demonstration's 3.0.0 → 3.1.0 change. The
 * seed's current releases are the printed national base 3.0.1 and the provinces' 1.2.0 on it;
 * the older ones stay readable, and the upgrade demonstration (imported as the demo world does)
 * is readable and never current.
 */
let f: IdentityFixture;
let doctor: string;
let configurator: string;
let reviewer: string;
let publisher: string;
let publisherUser: TestUser;

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.login(await f.user('village-doctor', '350121101201'));
  configurator = await f.login(await f.user('province-configurator', '350000'));
  reviewer = await f.login(await f.user('province-reviewer', '350000'));
  publisherUser = await f.user('province-publisher', '350000', { withTotp: true });
  publisher = await f.login(publisherUser);
});
afterAll(() => f?.stop());

const sql = (query: string, bind: unknown[] = []) =>
  f.t.engine.database.sequelize.query(query, { bind });

/** The upgrade demonstration in the database and the catalog, as the demo world has it. */
async function withUpgradeDemo() {
  await importUpgradeDemo(f.t.engine.database, f.clock);
  await f.t.engine.services.specs.reloadCatalog();
}

async function newResident(serial: number) {
  const created = await f.request('POST', '/api/subjects', doctor, {
    name: '陈美玲',
    idNumber: makeResidentIdNumber('350121', '1956-03-09', serial),
    orgCode: '350121101201',
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('the seed in the database', () => {
  it('given a new database, when the engine starts (no demo world), then every national base and overlay version and a current release per jurisdiction (the printed 3.0.1 line) are stored and served', async () => {
    const { body } = await f.request('GET', '/api/releases', doctor);
    expect(
      body.releases.map((r: { id: string; current: boolean; signature: unknown }) => [
        r.id,
        r.current,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['national-phs@3.0.0', false],
        ['national-phs@3.0.1', true],
        ['national-phs@3.0.0+fujian@1.0.0', false],
        ['national-phs@3.0.0+yunnan@1.0.0', false],
        ['national-phs@3.0.1+fujian@1.2.0', true],
        ['national-phs@3.0.1+yunnan@1.2.0', true],
      ]),
    );
    expect(body.releases).toHaveLength(6);
    const one = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent('national-phs@3.0.0+fujian@1.0.0')}`,
      doctor,
    );
    expect(one.body.manifest.forms['hypertension-followup']).toEqual({
      version: '3.0.0',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(one.body.manifestHash).toBe(
      createHash('sha256').update(canonicalJson(one.body.manifest)).digest('hex'),
    );
    const current = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent('national-phs@3.0.1+fujian@1.2.0')}`,
      doctor,
    );
    expect(current.body.manifest.forms['diabetes-followup']).toEqual({
      version: '3.0.1',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(current.body.manifest.overlay).toMatchObject({ key: 'fujian', version: '1.2.0' });
    expect(f.t.engine.services.catalog.forOrgPath('/100000/350000/350100/350121/').id).toBe(
      'national-phs@3.0.1+fujian@1.2.0',
    );
    expect(f.t.engine.services.catalog.forOrgPath('/100000/530000/').id).toBe(
      'national-phs@3.0.1+yunnan@1.2.0',
    );
    expect(f.t.engine.services.catalog.forOrgPath('/100000/110000/').id).toBe('national-phs@3.0.1');
  });

  it('given the national release a Yunnan clinic is served, then its 65+ systolic target is the national 150 and its postpartum visit rate counts 28 days', async () => {
    const served = f.t.engine.services.catalog.forOrgPath('/100000/530000/');
    const value = (key: string) =>
      served.spec.parameters.parameters.find((p) => p.key === key)?.value;
    expect(value('bpTargetSystolicElderly')).toBe(150);
    expect(value('postpartumVisitWindowDays')).toBe(28);
    expect(
      f.t.engine.services.catalog
        .forOrgPath('/100000/350000/')
        .spec.parameters.parameters.find((p) => p.key === 'postpartumVisitWindowDays')?.value,
    ).toBe(28);
  });

  it('given the seed is stored, when imported again (a restart), then nothing is imported', async () => {
    expect(await importSeed(f.t.engine.database, f.clock)).toEqual({ imported: [] });
  });

  it('given the upgrade demonstration imported (as the demo world does), then its releases are readable, none is current, and the national line still serves', async () => {
    const { imported } = await importUpgradeDemo(f.t.engine.database, f.clock);
    expect(imported.sort()).toEqual([
      'upgrade-demo@3.0.0',
      'upgrade-demo@3.0.0+demo-fujian@1.0.0',
      'upgrade-demo@3.0.0+demo-yunnan@1.0.0',
      'upgrade-demo@3.1.0',
      'upgrade-demo@3.1.1',
      'upgrade-demo@3.1.1+demo-fujian@1.1.0',
      'upgrade-demo@3.1.1+demo-yunnan@1.1.0',
    ]);
    await f.t.engine.services.specs.reloadCatalog();
    const { body } = await f.request('GET', '/api/releases', doctor);
    const demo = (body.releases as { id: string; current: boolean }[])
      .filter((r) => r.id.startsWith('upgrade-demo@'))
      .map((r) => [r.id, r.current])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(demo).toEqual(imported.map((id) => [id, false]));
    const one = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent('upgrade-demo@3.1.1+demo-fujian@1.1.0')}`,
      doctor,
    );
    expect(one.body).toMatchObject({ jurisdiction: '350000', current: false });
    expect(one.body.manifest.forms['diabetes-followup'].version).toBe('3.1.1');
    expect(f.t.engine.services.catalog.forOrgPath('/100000/350000/350100/350121/').id).toBe(
      'national-phs@3.0.1+fujian@1.2.0',
    );
    expect(f.t.engine.services.catalog.forOrgPath('/100000/110000/').id).toBe('national-phs@3.0.1');
    expect(await importSeed(f.t.engine.database, f.clock, { upgradeDemo: true })).toEqual({
      imported: [],
    });
  });
});

describe('published versions are immutable in the database itself', () => {
  it.each([
    [
      "UPDATE spec_versions SET content = '{}'::jsonb WHERE spec = 'national-phs' AND version = '3.0.0'",
    ],
    ["UPDATE spec_versions SET status = 'draft' WHERE spec = 'national-phs' AND version = '3.0.0'"],
    ["DELETE FROM spec_versions WHERE spec = 'national-phs' AND version = '3.0.1'"],
    [
      "UPDATE overlay_versions SET content = (content::jsonb || '{\"operations\": []}')::json WHERE key = 'fujian' AND version = '1.0.0'",
    ],
    ["DELETE FROM overlay_versions WHERE key = 'yunnan'"],
    ["UPDATE releases SET manifest_hash = repeat('0', 64) WHERE id = 'national-phs@3.0.0'"],
    ["DELETE FROM releases WHERE id = 'national-phs@3.0.0'"],
    ['TRUNCATE releases CASCADE'],
    ["UPDATE spec_transitions SET reason = 'x'"],
  ])(
    'given published rows, when `%s` runs directly, then PostgreSQL refuses it',
    async (statement) => {
      await expect(sql(statement)).rejects.toThrow(/published|append-only|keeps published/);
    },
  );

  it('given a published release, when only its current flag or published → deprecated changes, then the database allows it (and never back)', async () => {
    await sql(
      `INSERT INTO overlay_versions (key, version, jurisdiction, base_spec, base_version, content, content_hash,
         status, created_at, updated_at, published_at)
       SELECT key, '0.0.1', jurisdiction, base_spec, base_version, content, content_hash, 'published', now(), now(), now()
       FROM overlay_versions WHERE key = 'yunnan' AND version = '1.0.0'`,
    );
    await sql(
      "UPDATE overlay_versions SET status = 'deprecated' WHERE key = 'yunnan' AND version = '0.0.1'",
    );
    await expect(
      sql(
        "UPDATE overlay_versions SET status = 'published' WHERE key = 'yunnan' AND version = '0.0.1'",
      ),
    ).rejects.toThrow(/never change/);
  });
});

describe('rebase, publish a signed release, capture on it', () => {
  it('given the demonstration overlay demo-fujian 1.0.0, when rebased onto upgrade-demo 3.1.0, then exactly the footExam operation conflicts, the rest carries over into a draft 1.2.0', async () => {
    await withUpgradeDemo();
    const rebased = await f.request(
      'POST',
      '/api/overlays/demo-fujian/versions/1.0.0/rebase',
      configurator,
      {
        toBaseVersion: '3.1.0',
        version: '1.2.0',
      },
    );
    expect(rebased.status, JSON.stringify(rebased.body).slice(0, 300)).toBe(201);
    expect(rebased.body.conflicts).toEqual([
      {
        index: 0,
        op: expect.objectContaining({ op: 'add-field', form: 'diabetes-followup' }),
        code: 'field-exists',
        baseChange: expect.objectContaining({ form: 'diabetes-followup', path: '/footExam' }),
        reason: { zh: expect.any(String), en: expect.any(String) },
      },
    ]);
    expect(rebased.body.carried.map((c: { index: number }) => c.index)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(rebased.body.overlay).toMatchObject({
      key: 'demo-fujian',
      version: '1.2.0',
      status: 'draft',
      base: { spec: 'upgrade-demo', version: '3.1.0' },
    });
    const history = (
      await f.request('GET', '/api/overlays/demo-fujian/versions/1.2.0', configurator)
    ).body;
    expect(history.transitions[0]).toMatchObject({ action: 'rebase', to: 'draft' });
  });

  it('given Fujian 1.0.0, when rebased onto the printed base 3.0.1, then exactly the operation restating the national 28-day window and the hypertension rows the printed base now has conflict, the rest carries over into a draft 1.3.0', async () => {
    const rebased = await f.request(
      'POST',
      '/api/overlays/fujian/versions/1.0.0/rebase',
      configurator,
      { toBaseVersion: '3.0.1', version: '1.3.0' },
    );
    expect(rebased.status, JSON.stringify(rebased.body).slice(0, 300)).toBe(201);
    expect(rebased.body.conflicts).toEqual([
      {
        index: 6,
        op: { op: 'set-parameter', key: 'postpartumVisitWindowDays', value: 28 },
        code: 'parameter-not-overridable',
        baseChange: expect.objectContaining({ parameter: 'postpartumVisitWindowDays' }),
        reason: { zh: expect.any(String), en: expect.any(String) },
      },
      // 用药调整意见, referral contact and phone, 转诊结果, 下一步管理措施, 居民签名: printed rows
      ...[7, 8, 9, 10, 11, 12].map((index) =>
        expect.objectContaining({ index, code: 'field-exists' }),
      ),
    ]);
    expect(rebased.body.carried.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rebased.body.overlay).toMatchObject({
      key: 'fujian',
      version: '1.3.0',
      status: 'draft',
      base: { spec: 'national-phs', version: '3.0.1' },
    });
  });

  it('given the rebased draft approved and published, when the release is published with a signing plugin, then the manifest is signed, the release is current, and new records are captured on it', async () => {
    // Given: the signing plugin loaded through the real plugin host
    const host = new PluginHost(new RouteRegistry(), f.t.engine.logger, f.t.database.dataDir, {
      clickhouseUrl: undefined,
    });
    await host.load([new URL('./fixtures/fakeSignerPlugin.ts', import.meta.url).pathname]);
    f.t.engine.services.signing.signer = host.signer;

    const residentBefore = await newResident(11);
    const before = await f.request('POST', '/api/submissions', doctor, {
      formKey: 'hypertension-followup',
      subjectId: residentBefore,
      data: HT_VISIT,
    });
    expect(before.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');

    const step = (action: string, token: string, body = {}) =>
      f.request('POST', `/api/overlays/fujian/versions/1.3.0/${action}`, token, body);
    expect((await step('submit', configurator)).status).toBe(200);
    expect((await step('approve', reviewer)).status).toBe(200);
    expect((await step('publish', publisher)).status).toBe(200);

    // A draft cannot be released
    expect(
      (
        await f.request('POST', '/api/releases', publisher, {
          overlay: { key: 'fujian', version: '9.9.9' },
        })
      ).status,
    ).toBe(404);
    // When
    const released = await f.request('POST', '/api/releases', publisher, {
      overlay: { key: 'fujian', version: '1.3.0' },
    });
    expect(released.status, JSON.stringify(released.body).slice(0, 300)).toBe(201);
    const release = released.body;
    expect(release).toMatchObject({
      id: 'national-phs@3.0.1+fujian@1.3.0',
      jurisdiction: '350000',
      current: true,
      status: 'published',
      publishedBy: publisherUser.id,
    });
    // Then the signature is the plugin's over the envelope of the manifest (as the platform)
    const canonical = canonicalJson(release.manifest);
    expect(release.manifestHash).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(release.signature).toMatchObject({
      algorithm: 'HMAC-SHA256-TEST',
      signer: 'CN=Formwork release, O=Formwork Test',
      certificate: FAKE_CERTIFICATE,
      value: createHmac('sha256', FAKE_SIGNING_KEY)
        .update(fakeEnvelope(release.manifest, FAKE_CERTIFICATE, release.signature.signedAt))
        .digest('base64'),
    });
    // And it verifies, for anyone who may read the release
    const verified = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent(release.id)}/signature`,
      doctor,
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'valid',
      signer: 'CN=Formwork release, O=Formwork Test',
      algorithm: 'HMAC-SHA256-TEST',
    });
    const [stored] = (
      await sql('SELECT signature FROM releases WHERE id = $1', [release.id])
    )[0] as {
      signature: { value: string };
    }[];
    expect(stored!.signature.value).toBe(release.signature.value);
    expect(release.manifest.overlay).toMatchObject({ key: 'fujian', version: '1.3.0' });
    expect(release.manifest.forms['diabetes-followup'].version).toBe('3.0.1');

    // And the old one is no longer current, but still readable
    const old = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent('national-phs@3.0.1+fujian@1.2.0')}`,
      doctor,
    );
    expect(old.body.current).toBe(false);
    // Publishing it twice is a conflict
    const again = await f.request('POST', '/api/releases', publisher, {
      overlay: { key: 'fujian', version: '1.3.0' },
    });
    expect(again.body.error.code).toBe('release_exists');

    // New records in Fujian are captured on the new release, with no restart
    const resident = await newResident(12);
    const after = await f.request('POST', '/api/submissions', doctor, {
      formKey: 'hypertension-followup',
      subjectId: resident,
      data: HT_VISIT,
    });
    expect(after.status, JSON.stringify(after.body).slice(0, 300)).toBe(201);
    expect(after.body).toMatchObject({
      releaseId: 'national-phs@3.0.1+fujian@1.3.0',
      formVersion: '3.0.1',
    });
    // The earlier submission still amends on its own release
    const amended = await f.request(
      'PUT',
      `/api/submissions/${before.body.id}`,
      doctor,
      { data: { ...HT_VISIT, sbp: 128 }, reason: '复核' },
      { 'if-match': '"1"' },
    );
    expect(amended.status).toBe(200);
    expect(amended.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');

    const [audit] = await sql(
      "SELECT details FROM audit_events WHERE action = 'release.publish' AND target_id = $1",
      [release.id],
    );
    expect(audit).toEqual([
      { details: { jurisdiction: '350000', manifestHash: release.manifestHash, signed: true } },
    ]);

    // A release published without a signer is unsigned
    const unsigned = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent('national-phs@3.0.1+fujian@1.2.0')}/signature`,
      doctor,
    );
    expect(unsigned.body).toMatchObject({
      status: 'unsigned',
      message: { en: expect.any(String) },
    });

    // When a superuser rewrites the stored manifest (triggers off), then it no longer verifies
    await sql('ALTER TABLE releases DISABLE TRIGGER USER');
    try {
      await sql(
        `UPDATE releases SET manifest = jsonb_set(manifest, '{forms,diabetes-followup,version}', '"9.9.9"')
         WHERE id = $1`,
        [release.id],
      );
    } finally {
      await sql('ALTER TABLE releases ENABLE TRIGGER USER');
    }
    const tampered = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent(release.id)}/signature`,
      doctor,
    );
    expect(tampered.body).toMatchObject({ status: 'invalid' });
    expect(tampered.body.message.en).toMatch(/manifest was changed/);
    // Even when the manifest hash is rewritten to match, the signature does not hold
    await sql('ALTER TABLE releases DISABLE TRIGGER USER');
    try {
      const [[row]] = (await sql('SELECT manifest FROM releases WHERE id = $1', [release.id])) as [
        { manifest: unknown }[],
        unknown,
      ];
      await sql('UPDATE releases SET manifest_hash = $2 WHERE id = $1', [
        release.id,
        createHash('sha256').update(canonicalJson(row!.manifest)).digest('hex'),
      ]);
    } finally {
      await sql('ALTER TABLE releases ENABLE TRIGGER USER');
    }
    const rehashed = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent(release.id)}/signature`,
      doctor,
    );
    expect(rehashed.body).toMatchObject({ status: 'invalid' });

    // Without a signing plugin, a signed release cannot be verified: 503, not a verdict
    f.t.engine.services.signing.signer = undefined;
    const noSigner = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent(release.id)}/signature`,
      doctor,
    );
    expect(noSigner.status).toBe(503);
    expect(noSigner.body.error.code).toBe('signer_unavailable');
  });
});

describe('semantic diff', () => {
  it('given submissions stored on the upgrade demonstration 3.0.0, when 3.0.0 and 3.1.0 are diffed, then the hypertension changes are classified with their usages and the submissions they touch', async () => {
    await withUpgradeDemo();
    const subjectId = await newResident(21);
    for (const [i, data] of [HT_VISIT, { ...HT_VISIT, heartRate: undefined }].entries()) {
      await sql(
        `INSERT INTO submissions (id, subject_id, form_key, form_version, release_id, org_code, org_path,
           payload, author_id, created_at, updated_by, updated_at)
         SELECT gen_random_uuid(), id, 'hypertension-followup', '3.0.0', 'upgrade-demo@3.0.0', org_code,
           org_path, $2::jsonb, gen_random_uuid(), now(), gen_random_uuid(), now()
         FROM subjects WHERE id = $1`,
        [subjectId, JSON.stringify({ ...data, n: i })],
      );
    }
    const diff = await f.request(
      'GET',
      '/api/diff?from=upgrade-demo@3.0.0&to=upgrade-demo@3.1.0&form=hypertension-followup',
      doctor,
    );
    expect(diff.status, JSON.stringify(diff.body).slice(0, 300)).toBe(200);
    expect(diff.body.forms.submissions).toEqual({ 'hypertension-followup': 2 });
    const changes = diff.body.forms.changes['hypertension-followup'] as {
      path: string;
      kind: string;
      submissions: number;
      usages: Record<string, string[]>;
    }[];
    const at = (path: string) => changes.filter((c) => c.path === path).map((c) => c.kind);
    expect(at('/heartRate')).toContain('type-narrowed');
    expect(at('/homeBpMonitoring')).toEqual(['field-added']);
    expect(at('/auxiliaryExams')).toEqual(['label-changed']);
    const heartRate = changes.find((c) => c.path === '/heartRate' && c.kind === 'type-narrowed')!;
    expect(heartRate.submissions).toBe(1);
    expect(heartRate.usages).toEqual({
      rules: expect.any(Array),
      schedules: expect.any(Array),
      indicators: expect.any(Array),
      workflows: expect.any(Array),
      triggers: expect.any(Array),
    });
    expect(changes.find((c) => c.path === '/homeBpMonitoring')!.submissions).toBe(2);
    expect(changes.find((c) => c.path === '/auxiliaryExams')!.submissions).toBe(0);
    expect(Object.keys(diff.body.forms.changes)).toEqual(['hypertension-followup']);

    const whole = await f.request(
      'GET',
      '/api/diff?from=upgrade-demo@3.0.0&to=upgrade-demo@3.1.0',
      doctor,
    );
    expect(whole.body.forms.changed).toEqual(
      expect.arrayContaining(['hypertension-followup', 'diabetes-followup']),
    );
    expect(whole.body.codeTables.changed).toContain('visit-mode');
    expect(whole.body.parameters.map((p: { key: string }) => p.key)).toContain(
      'diabeticFootExamIntervalMonths',
    );

    // A draft not released yet is compiled on the fly
    const draft = await f.request('POST', '/api/overlays/fujian/versions', configurator, {
      ...readOverlay('fujian', '1.0.0'),
      version: '2.0.0',
      title: { zh: '草稿', en: 'Draft' },
    });
    expect(draft.status).toBe(201);
    const toDraft = await f.request(
      'GET',
      `/api/diff?from=${encodeURIComponent('national-phs@3.0.0+fujian@1.0.0')}&to=${encodeURIComponent('national-phs@3.0.0+fujian@2.0.0')}`,
      doctor,
    );
    expect(toDraft.status).toBe(200);
    expect(toDraft.body).toMatchObject({ compatible: true, forms: { changed: [], changes: {} } });

    const missing = await f.request(
      'GET',
      '/api/diff?from=national-phs@9.0.0&to=national-phs@3.0.1',
      doctor,
    );
    expect(missing.status).toBe(404);
  });
});

describe('the effective spec a province edits against', () => {
  it('given a Fujian draft adding a field after the systolic pressure, when its effective spec is read, then its hypertension follow-up has the field and the national form does not', async () => {
    const added = {
      op: 'add-field',
      form: 'hypertension-followup',
      path: '',
      field: {
        name: 'homeBpDiary',
        after: 'dbp',
        schema: { type: 'string', title: '家庭血压记录', 'x-title-en': 'Home BP diary' },
      },
    };
    const base = readOverlay('fujian', '1.0.0');
    const draft = await f.request('POST', '/api/overlays/fujian/versions', configurator, {
      ...base,
      version: '2.1.0',
      operations: [...base.operations, added],
    });
    expect(draft.status, JSON.stringify(draft.body).slice(0, 300)).toBe(201);

    const effective = await f.request(
      'GET',
      `/api/effective-specs/${encodeURIComponent('national-phs@3.0.0+fujian@2.1.0')}`,
      configurator,
    );
    expect(effective.status, JSON.stringify(effective.body).slice(0, 300)).toBe(200);
    expect(effective.body.jurisdiction).toBe('350000');
    const fields = (id: { forms: Record<string, { schema: { properties: object } }> }) =>
      Object.keys(id.forms['hypertension-followup']!.schema.properties);
    expect(fields(effective.body)).toContain('homeBpDiary');
    expect(effective.body.workflows).toContain('two-way-referral');

    const national = await f.request(
      'GET',
      '/api/effective-specs/national-phs@3.0.0',
      configurator,
    );
    expect(national.status).toBe(200);
    expect(fields(national.body)).not.toContain('homeBpDiary');

    const unknown = await f.request('GET', '/api/effective-specs/national-phs@9.9.9', configurator);
    expect(unknown.status).toBe(404);
  });
});
