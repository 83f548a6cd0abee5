/**
 * The plugin loaded by a real engine (PostgreSQL in CI, PGlite elsewhere), end to end with SM2:
 * the remote consultation's report is signed inside the workflow by the expert and its
 * verification shows in the API; the township's consultation request (a signable form) is signed
 * by the doctor who submitted it; a published release's manifest signature verifies; a signature
 * stored and then altered in SQL is reported invalid. The development CA is created on the
 * engine's first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSULT_REPORT } from '../../../engine/src/workflows/fixtures/forms.js';
import { WorkflowScenario } from '../../../engine/src/workflows/fixtures/workflowScenario.js';
import type { TestUser } from '../../../engine/src/testing/index.js';

const CLINIC = '350121101201-V01';
const f = new WorkflowScenario();
const { openTask, complete } = f;
let users: Record<'township' | 'county' | 'configurator' | 'reviewer' | 'publisher', TestUser>;
let token: Record<keyof typeof users, string>;

beforeAll(async () => {
  await f.startEngine({ plugins: ['@formwork/plugin-ca-signing'] });
  users = {
    township: await f.user('township-phc', '350121101'),
    county: await f.user('county-clinician', '350121'),
    configurator: await f.user('province-configurator', '350000'),
    reviewer: await f.user('province-reviewer', '350000'),
    publisher: await f.user('province-publisher', '350000', { withTotp: true }),
  };
  // The report fixture is dated three days after the fixture clock's start (a TOTP code is
  // accepted once, and the clock stands still from here on).
  f.clock.advance(3 * 24 * 3600_000);
  token = await f.signIn(users);
}, 120_000);
afterAll(() => f.stop({ quiet: true }));

const signatureOf = async (kind: 'submissions' | 'releases', id: string) => {
  const res = await f.request(
    'GET',
    `/api/${kind}/${encodeURIComponent(id)}/signature`,
    token.county,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    status: string;
    algorithm: string;
    signer: string;
    message: { en: string };
    certificate: { issuer: string };
  };
};

describe('SM2 signatures in a running engine', () => {
  it('given the engine started with the plugin, then a development CA exists in its data directory, marked not for production', () => {
    const keys = path.join(f.t.database.dataDir, 'plugins', 'ca-signing', 'keys');
    expect(fs.readdirSync(keys)).toEqual(
      expect.arrayContaining(['ca.crt.pem', 'DEVELOPMENT-CA-NOT-FOR-PRODUCTION']),
    );
  });

  it('given a consultation triaged and confirmed, when the county expert completes the report, then sign-report signs it with the expert’s SM2 certificate and the API verifies it', async () => {
    // Given
    const id = await f.consultationAwaitingReport(token, CLINIC, {
      birthDate: '1966-02-11',
      firstSerial: 700,
      namePrefix: '会诊签名',
    });
    // When
    const done = await complete(
      token.county,
      await openTask(token.county, id, 'UserTask_consult'),
      { data: CONSULT_REPORT },
    );
    // Then
    expect(done.instance.status).toBe('completed');
    expect(done.instance.variables).toMatchObject({
      reportSigned: true,
      reportSignedBy: expect.stringContaining(`CN=${users.county.username}`),
    });
    const view = await f.view(token.county, id);
    const signed = view.history.find((h) => h.event === 'report-signed');
    const reportId = signed?.details.submissionId as string;
    const verification = await signatureOf('submissions', reportId);
    expect(verification).toMatchObject({
      status: 'valid',
      algorithm: 'SM2-SM3',
      signer: expect.stringContaining(users.county.username),
    });
    expect(verification.certificate.issuer).toContain('NOT FOR PRODUCTION');
    // The request, a signable form, was signed by the township doctor when it was submitted.
    const requestTask = view.history.find(
      (h) => h.event === 'task.completed' && h.elementId === 'UserTask_request',
    );
    const request = await signatureOf('submissions', requestTask?.details.submissionId as string);
    expect(request).toMatchObject({
      status: 'valid',
      signer: expect.stringContaining(users.township.username),
    });
  });

  it('given a signed report, when its data is altered in SQL, then its verification says invalid', async () => {
    const [row] = (await f.t.engine.database.sequelize.query(
      `SELECT subject_id FROM signatures WHERE subject_type = 'submission' ORDER BY created_at DESC LIMIT 1`,
    )) as [{ subject_id: string }[], unknown];
    const id = row[0]!.subject_id;
    expect((await signatureOf('submissions', id)).status).toBe('valid');
    const q = (sql: string, bind?: unknown[]) =>
      f.t.engine.database.sequelize.query(sql, bind ? { bind } : {});
    await q('ALTER TABLE submissions DISABLE TRIGGER USER');
    await q(
      `UPDATE submissions SET payload = payload || jsonb_build_object('diagnosis', $2::text) WHERE id = $1`,
      [id, '已改动'],
    );
    await q('ALTER TABLE submissions ENABLE TRIGGER USER');
    const altered = await signatureOf('submissions', id);
    expect(altered.status).toBe('invalid');
  });

  it('given an overlay version approved and published, when the release is published, then its manifest carries an SM2 signature by the platform that verifies', async () => {
    const overlay = readOverlay('fujian', '1.2.0');
    const created = await f.request('POST', '/api/overlays/fujian/versions', token.configurator, {
      ...overlay,
      version: '1.2.9',
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const step = (action: string, as: string) =>
      f.request('POST', `/api/overlays/fujian/versions/1.2.9/${action}`, as, {});
    expect((await step('submit', token.configurator)).status).toBe(200);
    expect((await step('approve', token.reviewer)).status).toBe(200);
    expect((await step('publish', token.publisher)).status).toBe(200);
    const released = await f.request('POST', '/api/releases', token.publisher, {
      overlay: { key: 'fujian', version: '1.2.9' },
    });
    expect(released.status, JSON.stringify(released.body).slice(0, 300)).toBe(201);
    expect(released.body.signature).toMatchObject({
      algorithm: 'SM2-SM3',
      signer: expect.stringContaining('Formwork 平台 platform'),
    });
    const verification = await signatureOf('releases', released.body.id as string);
    expect(verification).toMatchObject({ status: 'valid', algorithm: 'SM2-SM3' });
  });
});
