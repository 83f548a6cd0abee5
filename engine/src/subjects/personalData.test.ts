import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { databaseFilesHolding, tableColumnsHolding } from './findClearText.js';

const CLINIC = '350121101201-V01';
const ID_NUMBER = makeResidentIdNumber('350121', '1956-03-09', 218);
const PHONE = '13905918876';
const NAME = '陈桂英';
const NEW_NAME = '陈贵英';

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

  async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    const response = await f.request(method, path, token, body, headers);
    responses.push(JSON.stringify(response.body));
    return response;
  }

  it('given a village doctor registers a resident, then the answer shows the ID and phone numbers masked', async () => {
    const token = await f.login(doctor);
    const created = await call('POST', '/api/subjects', token, {
      name: NAME,
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
      name: NAME,
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
    const noReason = await call('GET', `/api/subjects/${subjectId}?reveal=true`, managerToken);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('reason_required');
    const reason = encodeURIComponent('随访核对身份');
    const revealed = await f.request(
      'GET',
      `/api/subjects/${subjectId}?reveal=true&reason=${reason}`,
      managerToken,
    );
    expect(revealed.body).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE, masked: false });
    expect(await f.auditActions()).toContain('subject.view-personal-data');
    const [event] = (await f.t.engine.database.sequelize.query(
      `SELECT details FROM audit_events WHERE action = 'subject.view-personal-data'
       ORDER BY seq DESC LIMIT 1`,
      { type: QueryTypes.SELECT },
    )) as { details: { reason?: string } }[];
    expect(event?.details.reason).toBe('随访核对身份');
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

  it('given the county manager showed the record in full with a reason, then the access log gives that reason beside the view, and no reason beside the other entries', async () => {
    const token = await f.login(doctor);
    const log = await call('GET', `/api/subjects/${subjectId}/access-log`, token);
    expect(log.status).toBe(200);
    const reasons = log.body.entries.map(
      (e: { actorUsername: string; action: string; reason: string | null }) =>
        `${e.actorUsername} ${e.action} ${e.reason}`,
    );
    expect(reasons).toContain(`${manager.username} subject.view-personal-data 随访核对身份`);
    // A refusal's own reason (the engine's words, e.g. the permission missing) is no reason given.
    expect(
      reasons.filter((r: string) => !r.endsWith(' null') && !r.endsWith(' 随访核对身份')),
    ).toEqual([]);
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ action: 'access.denied', reason: null }),
    );
  });

  it('given a reason typed with an ID number in it, then the access log shows it with the number redacted', async () => {
    const managerToken = await f.login(manager);
    const typed = `核对身份 ${ID_NUMBER}`;
    const revealed = await f.request(
      'GET',
      `/api/subjects/${subjectId}?reveal=true&reason=${encodeURIComponent(typed)}`,
      managerToken,
    );
    expect(revealed.status).toBe(200);
    const log = await call('GET', `/api/subjects/${subjectId}/access-log`, managerToken);
    const [latest] = log.body.entries.filter(
      (e: { action: string }) => e.action === 'subject.view-personal-data',
    );
    expect(latest.reason).toMatch(/^核对身份 /);
    expect(latest.reason).not.toContain(ID_NUMBER);
  });

  it('given a village doctor of another county, when they ask who opened the record, then 404 as for any resident outside their area: neither the views nor their reasons', async () => {
    const outsider = await f.user('village-doctor', '350122101201', {
      homeOrg: '350122101201-V01',
    });
    const log = await call('GET', `/api/subjects/${subjectId}/access-log`, await f.login(outsider));
    expect(log.status).toBe(404);
    expect(JSON.stringify(log.body)).not.toContain('随访核对身份');
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
  });

  it('given the resident is renamed, then staff find the new name by name and by initials, and the old name no more', async () => {
    const token = await f.login(doctor);
    const read = await call('GET', `/api/subjects/${subjectId}`, token);
    expect(read.body.name).toBe(NAME);
    const renamed = await call(
      'PATCH',
      `/api/subjects/${subjectId}`,
      token,
      { name: NEW_NAME },
      { 'if-match': read.headers.get('etag')! },
    );
    expect(renamed.body.name).toBe(NEW_NAME);
    const ids = (response: { body: { subjects: { id: string; name: string }[] } }) =>
      response.body.subjects.map((s) => `${s.id} ${s.name}`);
    const byName = await call('GET', `/api/subjects?name=${encodeURIComponent('陈贵')}`, token);
    expect(ids(byName)).toEqual([`${subjectId} ${NEW_NAME}`]);
    expect(ids(await call('GET', '/api/subjects?initials=CG', token))).toEqual([
      `${subjectId} ${NEW_NAME}`,
    ]);
    const oldName = await call('GET', `/api/subjects?name=${encodeURIComponent(NAME)}`, token);
    expect(oldName.body.subjects).toEqual([]);
  });

  it('the name, ID and phone numbers appear in clear text nowhere: not in any table or database file, not in the logs, the numbers not in any answer without the permission', async () => {
    const { sequelize } = f.t.engine.database;
    const needles = [ID_NUMBER, ID_NUMBER.toLowerCase(), PHONE, NAME, NEW_NAME];
    expect(await tableColumnsHolding(sequelize, needles)).toEqual([]);
    expect(await databaseFilesHolding(sequelize, needles)).toEqual([]);
    const logs = JSON.stringify(f.t.logs);
    for (const needle of needles) expect(logs).not.toContain(needle);
    expect(responses.length).toBeGreaterThan(5);
    for (const body of responses) {
      expect(body).not.toContain(ID_NUMBER);
      expect(body).not.toContain(PHONE);
    }
  });
});
