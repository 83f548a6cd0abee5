import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';

/**
 * Personal values in form data (fields the form marks `x-sensitive` as a name, phone or address —
 * here the referral slip's): sealed wherever they are stored, masked in every answer, shown only
 * to a holder of personal-data.read who asks (audited), and never carried by a workflow.
 */
const CLINIC = '350121101201-V01';
const NAME = '欧阳秀英';
const PHONE = '13905917731';
const ADDRESS = '福建省福州市闽侯县上街镇厚美村九十八号';
const SLIP = { ...REFERRAL_OUT, patientName: NAME, phone: PHONE, address: ADDRESS };
const MASKED = { patientName: '欧***', phone: '139****7731', address: '福建省福州市****' };

let f: IdentityFixture;
let township: string;
let manager: string;
let serial = 0;

beforeAll(async () => {
  f = await IdentityFixture.start();
  township = await f.login(await f.user('township-phc', '350121101'));
  manager = await f.login(await f.user('county-phc-manager', '350121', { homeOrg: '350121-H01' }));
});
afterAll(() => f?.stop());

async function resident(): Promise<string> {
  serial++;
  const res = await f.request('POST', '/api/subjects', township, {
    name: `转诊对象${serial}`,
    idNumber: makeResidentIdNumber('350121', '1957-06-02', 500 + serial),
    orgCode: CLINIC,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Every text of every row of the tables a form's data is kept in, as one string. */
async function storedText(): Promise<string> {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT (SELECT coalesce(string_agg(payload::text, ' '), '') FROM submissions)
         || (SELECT coalesce(string_agg(payload::text, ' '), '') FROM submission_revisions)
         || (SELECT coalesce(string_agg(payload::text, ' '), '') FROM submission_drafts)
         || (SELECT coalesce(string_agg(payload::text, ' '), '') FROM outbox)
         || (SELECT coalesce(string_agg(response, ' '), '') FROM idempotency_keys)
         || (SELECT coalesce(string_agg(variables::text || coalesce(state::text, ''), ' '), '')
             FROM workflow_instances)
         || (SELECT coalesce(string_agg(details::text, ' '), '') FROM workflow_history)
         AS text`,
  );
  return (rows as { text: string }[])[0]!.text;
}

const expectNoClearValue = (text: string) => {
  for (const value of [NAME, PHONE, ADDRESS]) expect(text).not.toContain(value);
};

describe('personal values in a referral slip', () => {
  it('given a township doctor submits a slip with the patient’s name, phone and address, then they are stored sealed and every answer shows them masked', async () => {
    const subjectId = await resident();
    const created = await f.request(
      'POST',
      '/api/submissions',
      township,
      { formKey: 'referral-out', subjectId, data: SLIP },
      { 'idempotency-key': `slip-${subjectId}` },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject(MASKED);
    expect(created.body.data.historyAndReason).toBe(SLIP.historyAndReason);

    const replayed = await f.request(
      'POST',
      '/api/submissions',
      township,
      { formKey: 'referral-out', subjectId, data: SLIP },
      { 'idempotency-key': `slip-${subjectId}` },
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.data).toMatchObject(MASKED);

    const read = await f.request('GET', `/api/submissions/${created.body.id}`, township);
    expect(read.body.data).toMatchObject(MASKED);
    const listed = await f.request('GET', `/api/subjects/${subjectId}/submissions`, manager);
    expect(listed.body.submissions[0].data).toMatchObject(MASKED);
    const first = await f.request(
      'GET',
      `/api/submissions/${created.body.id}/revisions/1`,
      township,
    );
    expect(first.body.data).toMatchObject(MASKED);

    expectNoClearValue(await storedText());
    const [sealed] = await f.t.engine.database.sequelize.query(
      `SELECT payload->'phone' AS phone FROM submissions WHERE id = $1`,
      { bind: [created.body.id] },
    );
    expect((sealed as { phone: unknown }[])[0]!.phone).toEqual({
      $sealed: expect.stringMatching(/^v1\.[0-9a-f]{8}\./),
      kind: 'phone',
    });
  });

  it('given a slip, when the township doctor asks to see it unmasked, then 403 and the refusal is audited; the county manager who may see personal data sees it, and that view is audited as such', async () => {
    const subjectId = await resident();
    const { body } = await f.request('POST', '/api/submissions', township, {
      formKey: 'referral-out',
      subjectId,
      data: SLIP,
    });
    const refused = await f.request('GET', `/api/submissions/${body.id}?reveal=true`, township);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(PHONE);
    expect((await f.auditActions()).at(-1)).toBe('access.denied');

    const revealed = await f.request('GET', `/api/submissions/${body.id}?reveal=true`, manager);
    expect(revealed.status).toBe(200);
    expect(revealed.body.data).toMatchObject({
      patientName: NAME,
      phone: PHONE,
      address: ADDRESS,
    });
    expect((await f.auditActions()).at(-1)).toBe('subject.view-personal-data');
    const list = await f.request(
      'GET',
      `/api/subjects/${subjectId}/submissions?reveal=true`,
      manager,
    );
    expect(list.body.submissions[0].data.phone).toBe(PHONE);
    expect(
      (await f.request('GET', `/api/subjects/${subjectId}/submissions?reveal=true`, township))
        .status,
    ).toBe(403);
  });

  it('given a slip shown masked, when the doctor amends another field and sends the masks back unchanged, then the stored values are kept and only that field changed', async () => {
    const subjectId = await resident();
    const created = await f.request('POST', '/api/submissions', township, {
      formKey: 'referral-out',
      subjectId,
      data: SLIP,
    });
    const amended = await f.request(
      'PUT',
      `/api/submissions/${created.body.id}`,
      township,
      {
        data: { ...created.body.data, initialImpression: '高血压 3 级，控制不佳' },
        reason: '补充初步印象',
      },
      { 'if-match': '"1"' },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(amended.body.data).toMatchObject(MASKED);
    const revisions = await f.request(
      'GET',
      `/api/submissions/${created.body.id}/revisions`,
      township,
    );
    expect(revisions.body.revisions.at(-1).changed).toEqual(['/initialImpression']);
    const revealed = await f.request(
      'GET',
      `/api/submissions/${created.body.id}?reveal=true`,
      manager,
    );
    expect(revealed.body.data).toMatchObject({ patientName: NAME, phone: PHONE });

    // A new phone number typed over the mask replaces the stored one.
    const retyped = await f.request(
      'PUT',
      `/api/submissions/${created.body.id}`,
      township,
      { data: { ...amended.body.data, phone: '13800000001' }, reason: '电话变更' },
      { 'if-match': '"2"' },
    );
    expect(retyped.status).toBe(200);
    expect(
      (await f.request('GET', `/api/submissions/${created.body.id}?reveal=true`, manager)).body.data
        .phone,
    ).toBe('13800000001');
    expectNoClearValue(await storedText());
  });

  it('given a draft of a slip, then it is stored sealed, shown masked, kept through a save of the masks, and submitted with the real values', async () => {
    const subjectId = await resident();
    const draft = await f.request('POST', '/api/drafts', township, {
      formKey: 'referral-out',
      subjectId,
      data: SLIP,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.data).toMatchObject(MASKED);
    expect(draft.body.check.valid).toBe(true);
    expectNoClearValue(await storedText());

    const saved = await f.request(
      'PUT',
      `/api/drafts/${draft.body.id}`,
      township,
      { data: { ...draft.body.data, receivingDoctor: '张医生' } },
      { 'if-match': '"1"' },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.check.valid).toBe(true);
    const submitted = await f.request('POST', `/api/drafts/${draft.body.id}/submit`, township);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const revealed = await f.request(
      'GET',
      `/api/submissions/${submitted.body.id}?reveal=true`,
      manager,
    );
    expect(revealed.body.data).toMatchObject({
      patientName: NAME,
      phone: PHONE,
      address: ADDRESS,
      receivingDoctor: '张医生',
    });
    expectNoClearValue(await storedText());
  });

  it('given a referral, when the township doctor completes its slip task, then the slip is stored sealed and the workflow keeps none of its personal values', async () => {
    const subjectId = await resident();
    const started = await f.request('POST', '/api/workflows/two-way-referral/instances', township, {
      subjectId,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { body } = await f.request('GET', '/api/tasks', township);
    const fill = body.tasks.find((t: { instanceId: string }) => t.instanceId === started.body.id);
    const done = await f.request(
      'POST',
      `/api/tasks/${fill.id}/complete`,
      township,
      { data: SLIP },
      { 'if-match': `"${fill.version}"` },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const instance = await f.request(
      'GET',
      `/api/workflows/instances/${started.body.id}`,
      township,
    );
    expect(instance.body.variables).toMatchObject({ urgency: SLIP.urgency });
    expect(instance.body.variables).not.toHaveProperty('patientName');
    expect(instance.body.variables).not.toHaveProperty('phone');
    expectNoClearValue(JSON.stringify(instance.body));
    expectNoClearValue(await storedText());
  });
});
