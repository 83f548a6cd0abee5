import { createHash } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/canonicalJson.js';
import { fakeSigner } from '../specs/fixtures/fakeSignerPlugin.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';

/**
 * Signed submissions: a form marked `x-signable` (the national referral slip) is signed by the
 * doctor who stores it, in the statement that stores it; every revision again; a signer that
 * fails stores nothing; the signature is verified from the stored record, with the same rights
 * as reading it.
 */
const CLINIC = '350121101201-V01';
let f: IdentityFixture;
let doctor: TestUser;
let token: string;
let otherCounty: string;
let serial = 0;
let failure: string | undefined;
const signer = () => fakeSigner({ now: () => f.clock.now(), fail: () => failure });
let current: ReturnType<typeof signer>;

const sql = async <T>(query: string, bind: unknown[] = []) =>
  (await f.t.engine.database.sequelize.query(query, { bind }))[0] as T[];

async function resident(): Promise<string> {
  serial++;
  const res = await f.request('POST', '/api/subjects', token, {
    name: `转诊对象${serial}`,
    idNumber: makeResidentIdNumber('350121', '1957-06-01', 800 + serial),
    orgCode: CLINIC,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const slip = async (data: object = REFERRAL_OUT) =>
  f.request('POST', '/api/submissions', token, {
    formKey: 'referral-out',
    subjectId: await resident(),
    data,
  });

const signatureOf = (id: string, as = token) =>
  f.request('GET', `/api/submissions/${id}/signature`, as);

const rowsOf = (id: string) =>
  sql<{ subject_revision: number; content_hash: string; signed_by: unknown; signer: string }>(
    `SELECT subject_revision, content_hash, signed_by, signer FROM signatures
     WHERE subject_type = 'submission' AND subject_id = $1 ORDER BY subject_revision`,
    [id],
  );

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.user('township-phc', '350121101');
  token = await f.login(doctor);
  otherCounty = await f.login(await f.user('township-phc', '350122101'));
});
beforeEach(() => {
  failure = undefined;
  current = signer();
  f.t.engine.services.signing.signer = current;
});
afterAll(() => f?.stop());

describe('a signable form (the referral slip)', () => {
  it('given a signing plugin, when the township doctor stores a referral slip, then it is signed as the doctor over its ids, form version hash and clear data, and the signature verifies', async () => {
    const stored = await slip();
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    const id = stored.body.id as string;

    // What the doctor signed: the record's place, the exact form version (its hash in the
    // release manifest) and the data in clear (the patient's name is sealed at rest)
    const [signed] = current.signed;
    const release = await f.request(
      'GET',
      `/api/releases/${encodeURIComponent(stored.body.releaseId)}`,
      token,
    );
    expect(signed).toEqual({
      content: {
        submissionId: id,
        revision: 1,
        formKey: 'referral-out',
        formVersion: '3.0.1',
        formVersionHash: release.body.manifest.forms['referral-out'].hash,
        subjectId: stored.body.subjectId,
        data: expect.objectContaining({ patientName: '王建国', program: '1' }),
      },
      as: { kind: 'user', userId: doctor.id, username: doctor.username },
    });
    const [payload] = await sql<{ payload: { patientName: unknown } }>(
      'SELECT payload FROM submissions WHERE id = $1',
      [id],
    );
    expect(payload!.payload.patientName).toMatchObject({ $sealed: expect.any(String) });

    // Stored beside it, with the hash of what was signed
    expect(await rowsOf(id)).toEqual([
      {
        subject_revision: 1,
        content_hash: createHash('sha256').update(canonicalJson(signed!.content)).digest('hex'),
        signed_by: { kind: 'user', userId: doctor.id, username: doctor.username },
        signer: `CN=${doctor.username}, O=Formwork Test`,
      },
    ]);
    const verified = await signatureOf(id);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'valid',
      signer: `CN=${doctor.username}, O=Formwork Test`,
      algorithm: 'HMAC-SHA256-TEST',
      signedAt: f.clock.now().toISOString(),
      revision: 1,
      signedRevision: 1,
    });
  });

  it('given a signed slip, when the doctor amends it, then the new revision is signed again beside the first (append-only), and the newest verifies', async () => {
    const stored = await slip();
    const id = stored.body.id as string;
    const amended = await f.request(
      'PUT',
      `/api/submissions/${id}`,
      token,
      { data: { ...REFERRAL_OUT, initialImpression: '血压控制不佳伴头晕' }, reason: '补充' },
      { 'if-match': '"1"' },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect((await rowsOf(id)).map((r) => r.subject_revision)).toEqual([1, 2]);
    expect((await signatureOf(id)).body).toMatchObject({
      status: 'valid',
      revision: 2,
      signedRevision: 2,
    });
    // Nobody edits or removes a signature, not even the engine
    const { sequelize } = f.t.engine.database;
    await expect(sequelize.query(`UPDATE signatures SET signer = 'x'`)).rejects.toThrow(
      'signatures is append-only',
    );
    await expect(sequelize.query('DELETE FROM signatures')).rejects.toThrow(
      'signatures is append-only',
    );
    await expect(sequelize.query('TRUNCATE signatures')).rejects.toThrow(
      'signatures is append-only',
    );
  });

  it('given the signing plugin fails, when the doctor stores a slip, then 502 signature_failed names the cause and nothing is stored', async () => {
    const before = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM signatures)
         + (SELECT count(*) FROM record_audit_events) + (SELECT count(*) FROM outbox) AS n`,
    );
    const subjectId = await resident();
    failure = '证书已吊销 / the certificate is revoked';
    const refused = await f.request('POST', '/api/submissions', token, {
      formKey: 'referral-out',
      subjectId,
      data: REFERRAL_OUT,
    });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('signature_failed');
    expect(refused.body.error.message).toContain('the certificate is revoked');
    expect(refused.body.error.message).toMatch(/签名失败.*nothing was stored/);
    const after = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM submissions) + (SELECT count(*) FROM signatures)
         + (SELECT count(*) FROM record_audit_events) + (SELECT count(*) FROM outbox) AS n`,
    );
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });

  it('given no signing plugin, when a slip is stored, then it is stored unsigned; a signed one then answers 503 signer_unavailable, not a verdict', async () => {
    const signedSlip = await slip();
    f.t.engine.services.signing.signer = undefined;
    const unsigned = await slip();
    expect(unsigned.status).toBe(201);
    expect(await rowsOf(unsigned.body.id)).toEqual([]);
    expect((await signatureOf(unsigned.body.id)).body).toMatchObject({
      status: 'unsigned',
      revision: 1,
      message: { zh: expect.any(String), en: 'The submission is not signed' },
    });
    const cannot = await signatureOf(signedSlip.body.id);
    expect(cannot.status).toBe(503);
    expect(cannot.body.error.code).toBe('signer_unavailable');
  });

  it('given a signed slip, when a superuser changes its stored data, then its signature is invalid', async () => {
    const stored = await slip();
    const id = stored.body.id as string;
    await sql(`UPDATE submissions SET payload = jsonb_set(payload, '{age}', '69') WHERE id = $1`, [
      id,
    ]);
    const verified = await signatureOf(id);
    expect(verified.body).toMatchObject({ status: 'invalid' });
    expect(verified.body.message.en).toMatch(/changed after it was signed/);
  });

  it('given a signed slip, when a doctor of another county asks for its signature, then 404 as for the slip itself, and the refusal is audited', async () => {
    const stored = await slip();
    const refused = await signatureOf(stored.body.id, otherCounty);
    expect(refused.status).toBe(404);
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
    // The owner's read is audited as a view of the record
    await signatureOf(stored.body.id);
    const [last] = await sql<{ action: string; details: { via: string } }>(
      'SELECT action, details FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    expect(last).toMatchObject({ action: 'subject.view', details: { via: 'signature' } });
  });
});

describe('a form that is not signable', () => {
  it('given a hypertension visit, then it is stored unsigned; signing it through the plugin API signs it once (idempotent) and it verifies', async () => {
    const visit = await f.request('POST', '/api/submissions', token, {
      formKey: 'hypertension-followup',
      subjectId: await resident(),
      data: HT_VISIT,
    });
    expect(visit.status).toBe(201);
    const id = visit.body.id as string;
    expect((await signatureOf(id)).body.status).toBe('unsigned');
    expect(current.signed).toEqual([]);

    const as = { kind: 'user', userId: doctor.id, username: doctor.username } as const;
    const first = await f.t.engine.services.signatures.signSubmission(id, as);
    const again = await f.t.engine.services.signatures.signSubmission(id, as);
    expect(again).toEqual(first);
    expect(current.signed).toHaveLength(1);
    expect(await rowsOf(id)).toHaveLength(1);
    expect((await f.t.engine.services.signatures.verifySubmission(id)).status).toBe('valid');
  });
});
