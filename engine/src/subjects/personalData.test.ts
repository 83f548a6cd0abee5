import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';

const CLINIC = '350121101201-V01';
const ID_NUMBER = makeResidentIdNumber('350121', '1956-03-09', 218);
const PHONE = '13905918876';

describe('personal data of residents', () => {
  let f: IdentityFixture;
  let doctor: TestUser;
  let manager: TestUser;
  let subjectId: string;
  const responses: string[] = [];

  beforeAll(async () => {
    f = await IdentityFixture.start();
    doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    manager = await f.user('county-phc-manager', '350121', { homeOrg: '350121-H01' });
  });
  afterAll(() => f?.stop());

  async function call(method: string, path: string, token: string, body?: unknown) {
    const response = await f.request(method, path, token, body);
    responses.push(JSON.stringify(response.body));
    return response;
  }

  it('given a village doctor registers a resident, then the answer shows the ID and phone numbers masked', async () => {
    const token = await f.login(doctor);
    const created = await call('POST', '/api/subjects', token, {
      name: '陈桂英',
      idNumber: ID_NUMBER.toLowerCase(),
      phone: PHONE,
      orgCode: CLINIC,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      idNumber: `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(14)}`,
      phone: '139****8876',
      masked: true,
      birthDate: '1956-03-09',
    });
    subjectId = created.body.id;

    const again = await call('POST', '/api/subjects', token, {
      name: '陈桂英',
      idNumber: ID_NUMBER,
      orgCode: CLINIC,
    });
    expect(again.status).toBe(409);
    const found = await call('GET', `/api/subjects?idNumber=${ID_NUMBER}`, token);
    expect(found.body.subjects.map((s: { id: string }) => s.id)).toEqual([subjectId]);
  });

  it('refuses an ID number with a wrong check digit, naming the field', async () => {
    const token = await f.login(doctor);
    const last = ID_NUMBER.at(-1) === '1' ? '2' : '1';
    const bad = await call('POST', '/api/subjects', token, {
      name: '张三',
      idNumber: ID_NUMBER.slice(0, 17) + last,
      orgCode: CLINIC,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors[0]).toMatchObject({
      path: '/idNumber',
      keyword: 'bad-check-digit',
    });
  });

  it('shows the numbers unmasked only to a holder of personal-data.read who asks, and audits that view', async () => {
    const doctorToken = await f.login(doctor);
    const denied = await call('GET', `/api/subjects/${subjectId}?reveal=true`, doctorToken);
    expect(denied.status).toBe(403);

    const managerToken = await f.login(manager);
    const masked = await call('GET', `/api/subjects/${subjectId}`, managerToken);
    expect(masked.body.masked).toBe(true);
    const revealed = await f.request('GET', `/api/subjects/${subjectId}?reveal=true`, managerToken);
    expect(revealed.body).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE, masked: false });
    expect(await f.auditActions()).toContain('subject.view-personal-data');
  });

  it("answers the resident's question: who opened my record, and when", async () => {
    const token = await f.login(manager);
    const log = await call('GET', `/api/subjects/${subjectId}/access-log`, token);
    expect(log.status).toBe(200);
    const who = log.body.entries.map(
      (e: { actorUsername: string; action: string }) => `${e.actorUsername} ${e.action}`,
    );
    expect(who).toEqual(
      expect.arrayContaining([
        `${doctor.username} subject.create`,
        `${doctor.username} subject.view`,
        `${manager.username} subject.view`,
        `${manager.username} subject.view-personal-data`,
      ]),
    );
    for (const entry of log.body.entries) expect(entry.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('the ID number appears in clear text nowhere: not in any table, not in the logs, not in any answer without the permission', async () => {
    const { sequelize } = f.t.engine.database;
    const [columns] = await sequelize.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
    );
    expect((columns as unknown[]).length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const { table_name, column_name } of columns as {
      table_name: string;
      column_name: string;
    }[]) {
      for (const needle of [ID_NUMBER, ID_NUMBER.toLowerCase(), PHONE]) {
        const [rows] = await sequelize.query(
          `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
          { bind: [`%${needle}%`] },
        );
        if ((rows as { n: number }[])[0]!.n) hits.push(`${table_name}.${column_name}`);
      }
    }
    expect(hits).toEqual([]);
    const logs = JSON.stringify(f.t.logs);
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain(ID_NUMBER.toLowerCase());
    expect(logs).not.toContain(PHONE);
    expect(responses.length).toBeGreaterThan(5);
    for (const body of responses) {
      expect(body).not.toContain(ID_NUMBER);
      expect(body).not.toContain(PHONE);
    }
  });
});
