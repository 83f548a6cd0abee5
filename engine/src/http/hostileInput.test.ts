import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { seedSpecContent } from '../specs/seedReleases.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';
import { MINHOU_DOCTORS, WorkflowScenario } from '../workflows/fixtures/workflowScenario.js';
import { MAX_JSON_DEPTH } from './screenInput.js';

/*
 * Hostile data at the HTTP edge (issue 13): strings PostgreSQL cannot store (U+0000, a lone
 * surrogate) and JSON nested deeper than any legitimate body, sent through the real HTTP API to
 * every place a frontline user or a configurator writes: submissions, drafts, task variables,
 * residents, query parameters and spec drafts. Each is a clear 422 naming where, and nothing is
 * written.
 */

const CLINIC = '350121101201-V01';
const f = new WorkflowScenario();
let doctor: string;
let configurator: string;

const resident = () => f.resident(doctor, CLINIC, '1958-03-14', 700, '恶意输入');

/** `{"a":{"a":…1…}}`, `levels` objects deep, written by hand (JSON.stringify recurses). */
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
/** A JsonLogic rule `{"!":{"!":…true…}}`, `levels` operators deep. */
const deepRule = (levels: number) => '{"!":'.repeat(levels) + 'true' + '}'.repeat(levels);

/** `value` as JSON, with the string "@@RAW@@" replaced by `raw` (JSON text). */
const withRaw = (value: unknown, raw: string) =>
  JSON.stringify(value).replace('"@@RAW@@"', () => raw);

/** Sends a JSON text as it is (no JSON.stringify on the client). */
async function sendRaw(
  method: string,
  path: string,
  token: string,
  text: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${f.fixture.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: text,
  });
  const body = await response.text();
  return { status: response.status, body: JSON.parse(body) as ApiResponse['body'] };
}

async function count(table: string): Promise<number> {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return (rows as { n: number }[])[0]!.n;
}

async function stored() {
  return {
    submissions: await count('submissions'),
    drafts: await count('submission_drafts'),
    subjects: await count('subjects'),
    specVersions: await count('spec_versions'),
  };
}

/** The error of a refused request, with the paths its details name. */
function expectUnstorable(res: Pick<ApiResponse, 'status' | 'body'>, paths: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe('unstorable_text');
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff].* \/ .*[a-z]/);
  expect(res.body.error.message).toContain(paths[0]);
  expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(paths);
}

function expectTooDeep(res: Pick<ApiResponse, 'status' | 'body'>, under: string) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(422);
  expect(res.body.error.code).toBe('json_too_deep');
  expect(res.body.error.details.limit).toBe(MAX_JSON_DEPTH);
  expect(res.body.error.details.path.startsWith(under)).toBe(true);
  expect(res.body.error.message).toContain(String(MAX_JSON_DEPTH));
}

let users: { doctor: TestUser; configurator: TestUser };

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    doctor: MINHOU_DOCTORS.township,
    configurator: { role: 'province-configurator', org: '350000' },
  });
  ({ doctor, configurator } = await f.signIn(users));
}, 60_000);
afterAll(() => f.stop());

describe('strings PostgreSQL cannot store', () => {
  it('given a follow-up visit whose signature holds a NUL character, when submitted, then 422 names the field and nothing is stored', async () => {
    const subjectId = await resident();
    const before = await stored();
    const res = await f.request('POST', '/api/submissions', doctor, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { ...HT_VISIT, doctorSignature: '李\u0000医生' },
    });
    expectUnstorable(res, ['/body/data/doctorSignature']);
    expect(res.body.error.details.issues[0].rule).toBe('nul');
    expect(await stored()).toEqual(before);
  });

  it('given a visit whose signature and a medication hold lone surrogates, when submitted, then 422 names each field and nothing is stored', async () => {
    const subjectId = await resident();
    const before = await stored();
    const res = await f.request('POST', '/api/submissions', doctor, {
      formKey: 'hypertension-followup',
      subjectId,
      data: {
        ...HT_VISIT,
        medications: [{ ...HT_VISIT.medications[0], drugName: '氨氯地平\uD83D' }],
        doctorSignature: '\uDC00李医生',
      },
    });
    expectUnstorable(res, ['/body/data/medications/0/drugName', '/body/data/doctorSignature']);
    expect(res.body.error.details.issues[0].rule).toBe('lone_surrogate');
    expect(await stored()).toEqual(before);
  });

  it('given a saved draft, when it is saved again with a NUL in a field, then 422 names the field and the draft keeps what it had', async () => {
    const subjectId = await resident();
    const created = await f.request('POST', '/api/drafts', doctor, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { sbp: 132 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const onCreate = await f.request('POST', '/api/drafts', doctor, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { doctorSignature: '\u0000' },
    });
    expectUnstorable(onCreate, ['/body/data/doctorSignature']);
    const saved = await f.request(
      'PUT',
      `/api/drafts/${created.body.id}`,
      doctor,
      { data: { sbp: 140, doctorSignature: '李\u0000' } },
      { 'if-match': `"${created.body.rowVersion}"` },
    );
    expectUnstorable(saved, ['/body/data/doctorSignature']);
    const read = await f.request('GET', `/api/drafts/${created.body.id}`, doctor);
    expect(read.body).toMatchObject({ data: { sbp: 132 }, rowVersion: created.body.rowVersion });
  });

  it('given a referral waiting to be filled in, when the task is completed with a NUL in a variable name and a lone surrogate in a value, then 422 names both and the task stays on the worklist', async () => {
    const subjectId = await resident();
    const { id } = await f.start('two-way-referral', doctor, {
      subjectId,
      businessKey: `hostile-${subjectId}`,
    });
    const task = await f.openTask(doctor, id, 'UserTask_fill');
    const res = await f.attempt(doctor, task, {
      data: REFERRAL_OUT,
      variables: { 'no\u0000te': 'x', reason: ['ok', '转诊\uDBFF'] },
    });
    expectUnstorable(res, ['/body/variables/no\uFFFDte', '/body/variables/reason/1']);
    expect(res.body.error.details.issues[0]).toMatchObject({ rule: 'nul', in: 'key' });
    expect(res.body.error.details.issues[1]).toMatchObject({ rule: 'lone_surrogate', in: 'value' });
    const still = await f.openTask(doctor, id, 'UserTask_fill');
    expect(still.version).toBe(task.version);
  });

  it('given a resident being registered or renamed with a NUL or a lone surrogate in the name, then 422 names the field and the stored name is unchanged', async () => {
    const before = await stored();
    const created = await f.request('POST', '/api/subjects', doctor, {
      name: '张\u0000三',
      idNumber: '350121195803140710',
      orgCode: CLINIC,
    });
    expectUnstorable(created, ['/body/name']);
    expect(await stored()).toEqual(before);

    const subjectId = await resident();
    const read = await f.request('GET', `/api/subjects/${subjectId}`, doctor);
    for (const name of ['王\u0000五', '王\uD800五']) {
      const renamed = await f.request(
        'PATCH',
        `/api/subjects/${subjectId}`,
        doctor,
        { name },
        { 'if-match': read.headers.get('etag')! },
      );
      expectUnstorable(renamed, ['/body/name']);
    }
    const after = await f.request('GET', `/api/subjects/${subjectId}`, doctor);
    expect(after.body.name).toBe(read.body.name);
    expect(after.headers.get('etag')).toBe(read.headers.get('etag'));
  });

  it('given a resident search with a NUL in the name or a path parameter, then the request is refused naming the parameter', async () => {
    const search = await f.request('GET', '/api/subjects?name=%E5%BC%A0%00', doctor);
    expectUnstorable(search, ['/query/name']);
    const byKey = await f.request('GET', '/api/forms/hypertension%00', doctor);
    expectUnstorable(byKey, ['/params/key']);
    // A well-formed search still works.
    expect((await f.request('GET', '/api/subjects?name=%E5%BC%A0', doctor)).status).toBe(200);
  });
});

describe('JSON nested deeper than any form, rule or workflow needs', () => {
  it('given a visit whose data is nested 2,000 levels deep, when submitted or saved as a draft, then 422 names where the limit was crossed and nothing is stored', async () => {
    const subjectId = await resident();
    const before = await stored();
    const body = withRaw(
      { formKey: 'hypertension-followup', subjectId, data: { ...HT_VISIT, notes: '@@RAW@@' } },
      deepObject(2000),
    );
    expectTooDeep(await sendRaw('POST', '/api/submissions', doctor, body), '/body/data/notes/a/a');
    expectTooDeep(await sendRaw('POST', '/api/drafts', doctor, body), '/body/data/notes/a/a');
    expect(await stored()).toEqual(before);
  });

  it('given a referral waiting to be filled in, when the task is completed with variables nested 10,000 levels deep, then 422 and the task stays on the worklist', async () => {
    const subjectId = await resident();
    const { id } = await f.start('two-way-referral', doctor, {
      subjectId,
      businessKey: `deep-${subjectId}`,
    });
    const task = await f.openTask(doctor, id, 'UserTask_fill');
    const res = await sendRaw(
      'POST',
      `/api/tasks/${task.id}/complete`,
      doctor,
      withRaw({ data: REFERRAL_OUT, variables: '@@RAW@@' }, deepObject(10_000)),
      { 'if-match': `"${task.version}"` },
    );
    expectTooDeep(res, '/body/variables/a/a');
    expect((await f.openTask(doctor, id, 'UserTask_fill')).version).toBe(task.version);
  });

  it('given a configurator drafting a spec version whose visibility rule is 5,000 operators deep, then 422 and no draft is stored', async () => {
    const content = seedSpecContent('national-phs', '3.0.1');
    const form = content.forms['hypertension-followup'] as unknown as {
      schema: { properties: Record<string, Record<string, unknown>> };
    };
    form.schema.properties.doctorSignature!['x-visible'] = '@@RAW@@';
    const before = await stored();
    const res = await sendRaw(
      'POST',
      '/api/specs/national-phs/versions',
      configurator,
      withRaw({ version: '9.0.0', jurisdiction: '350000', content }, deepRule(5000)),
    );
    expectTooDeep(
      res,
      '/body/content/forms/hypertension-followup/schema/properties/doctorSignature/x-visible/!/!',
    );
    expect(await stored()).toEqual(before);
  });

  it(`given the deepest body the national spec needs, when a spec draft nests a rule up to the limit of ${MAX_JSON_DEPTH}, then it passes the edge (the spec checks judge it)`, async () => {
    const content = seedSpecContent('national-phs', '3.0.1');
    const form = content.forms['hypertension-followup'] as unknown as {
      schema: { properties: Record<string, Record<string, unknown>> };
    };
    form.schema.properties.doctorSignature!['x-visible'] = '@@RAW@@';
    // body → content → forms → form → schema → properties → field → rule: 8 levels before it
    const res = await sendRaw(
      'POST',
      '/api/specs/national-phs/versions',
      configurator,
      withRaw({ version: '9.0.1', jurisdiction: '350000', content }, deepRule(MAX_JSON_DEPTH - 7)),
    );
    expect(res.body.error?.code).not.toBe('json_too_deep');
    const over = await sendRaw(
      'POST',
      '/api/specs/national-phs/versions',
      configurator,
      withRaw({ version: '9.0.1', jurisdiction: '350000', content }, deepRule(MAX_JSON_DEPTH - 6)),
    );
    expect(over.body.error.code).toBe('json_too_deep');
  });
});
