import { randomUUID } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';
import { HT_VISIT } from './fixtures/hypertensionVisit.js';

/**
 * What one submission costs in SQL statements, end to end through the HTTP API. The figures are
 * documented in engine/README.md ("What a request costs"); change both together.
 *
 * - 1 to admit the caller: the live session with its user and grants (the session's idle timer
 *   is written by the same statement, at most every 30 seconds);
 * - 1 to find the resident inside the caller's scope (with their active enrollments);
 * - 1 to write the idempotency key, the submission, its first revision and the outbox event
 *   (one statement, so no BEGIN/COMMIT round trips).
 */
const ADMIT = 1;

let f: IdentityFixture;
let token: string;
let subjectId: string;

beforeAll(async () => {
  f = await IdentityFixture.start();
  const doctor = await f.user('township-phc', '350121101');
  token = await f.login(doctor);
  const created = await f.request('POST', '/api/subjects', token, {
    name: '计数对象',
    idNumber: makeResidentIdNumber('350121', '1960-01-02', 17),
    orgCode: '350121101201-V01',
  });
  subjectId = created.body.id;
});
afterAll(() => f?.stop());

async function statementsFor(run: () => Promise<{ status: number }>, status: number) {
  const before = f.t.engine.database.statementCount;
  const res = await run();
  expect(res.status).toBe(status);
  return f.t.engine.database.statementCount - before;
}

describe('the SQL statements one submission costs', () => {
  const body = () => ({ formKey: 'hypertension-followup', subjectId, data: HT_VISIT });

  it('given a new submission with an Idempotency-Key, then it costs 3 statements: 1 to admit the caller, 1 to find the resident, 1 to write', async () => {
    const cost = await statementsFor(
      () =>
        f.request('POST', '/api/submissions', token, body(), { 'idempotency-key': randomUUID() }),
      201,
    );
    expect(cost).toBe(ADMIT + 2);
  });

  it('given a retry with the same key, then it costs one more statement to read the stored answer', async () => {
    const key = randomUUID();
    await f.request('POST', '/api/submissions', token, body(), { 'idempotency-key': key });
    const cost = await statementsFor(
      () => f.request('POST', '/api/submissions', token, body(), { 'idempotency-key': key }),
      201,
    );
    expect(cost).toBe(ADMIT + 3);
  });

  it('given invalid data, then nothing is written: 1 to admit the caller and 1 to find the resident', async () => {
    const cost = await statementsFor(
      () =>
        f.request('POST', '/api/submissions', token, {
          ...body(),
          data: { ...HT_VISIT, sbp: 999 },
        }),
      422,
    );
    expect(cost).toBe(ADMIT + 1);
  });
});
