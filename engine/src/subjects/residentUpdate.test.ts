import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { openName } from './residentName.js';

const CLINIC = '350121101201-V01';
const OTHER_VILLAGE_CLINIC = '350121101202-V01';
const YUNNAN_CLINIC = '530902101201-V01';
const PHONE = '13905918876';

describe('changing a resident', () => {
  let f: IdentityFixture;
  let doctor: TestUser;
  let township: TestUser;
  let subjectId: string;
  let healthRecordNumber: string;

  /** The stored row, its name decrypted (`name_in_clear`, `name_initials`: what is in clear). */
  async function stored() {
    const [rows] = await f.t.engine.database.sequelize.query(
      `SELECT name AS name_in_clear, name_initials, name_enc, phone_enc, org_code, row_version,
         updated_by FROM subjects WHERE id = $1`,
      { bind: [subjectId] },
    );
    const row = (
      rows as {
        name_in_clear: string | null;
        name_initials: string | null;
        name_enc: string;
        phone_enc: string | null;
        org_code: string;
        row_version: number;
        updated_by: string | null;
      }[]
    )[0]!;
    return { ...row, name: openName(f.t.engine.services.cipher, { ...row, name: null }) };
  }

  beforeAll(async () => {
    f = await IdentityFixture.start();
    doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    township = await f.user('township-phc', '350121101', { homeOrg: '350121101-C01' });
    const created = await f.request('POST', '/api/subjects', await f.login(doctor), {
      name: '陈桂英',
      idNumber: makeResidentIdNumber('350121', '1956-03-09', 218),
      phone: PHONE,
      orgCode: CLINIC,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    subjectId = created.body.id;
    healthRecordNumber = created.body.healthRecordNumber;
  });
  afterAll(() => f?.stop());

  it('given no If-Match header, when changing the name, then 428 and nothing changes', async () => {
    const token = await f.login(doctor);
    const response = await f.request('PATCH', `/api/subjects/${subjectId}`, token, {
      name: '陈贵英',
    });
    expect(response.status).toBe(428);
    expect(response.body.error.code).toBe('precondition_required');
    expect(await stored()).toMatchObject({ name: '陈桂英', row_version: 1 });
  });

  it('given the current version in If-Match, when changing the name, then the version and ETag go up and the initials follow', async () => {
    const token = await f.login(doctor);
    const read = await f.request('GET', `/api/subjects/${subjectId}`, token);
    expect(read.headers.get('etag')).toBe('"1"');
    const response = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      token,
      { name: '陈贵英' },
      { 'if-match': read.headers.get('etag')! },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: '陈贵英', rowVersion: 2, masked: true });
    expect(response.body.healthRecordNumber).toBe(healthRecordNumber);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(await stored()).toMatchObject({
      name: '陈贵英',
      name_in_clear: null,
      name_initials: null,
      row_version: 2,
      updated_by: doctor.id,
    });
    const byInitials = await f.request('GET', '/api/subjects?initials=cgy', token);
    expect(byInitials.body.subjects.map((s: { id: string }) => s.id)).toEqual([subjectId]);
  });

  it('given a stale version, when changing the phone, then 409 stale_row_version and nothing is written', async () => {
    const token = await f.login(doctor);
    const before = await stored();
    const response = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      token,
      { phone: '13800138000' },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('stale_row_version');
    expect(await stored()).toEqual(before);
  });

  it('accepts the version as W/"2" or 2, and the audit row names the changed fields without their values', async () => {
    const token = await f.login(doctor);
    const weak = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      token,
      { phone: '13800138000', name: '陈桂英' },
      { 'if-match': 'W/"2"' },
    );
    expect(weak.status).toBe(200);
    expect(weak.body).toMatchObject({ phone: '138****8000', rowVersion: 3 });
    const bare = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      token,
      { phone: null },
      { 'if-match': '3' },
    );
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ phone: null, rowVersion: 4 });

    const [rows] = await f.t.engine.database.sequelize.query(
      "SELECT details FROM audit_events WHERE action = 'subject.update' AND subject_id = $1 ORDER BY seq",
      { bind: [subjectId] },
    );
    const details = (rows as { details: { fields: string[] } }[]).map((r) => r.details);
    expect(details).toEqual([
      { fields: ['name'] },
      { fields: ['name', 'phone'] },
      { fields: ['phone'] },
    ]);
    expect(JSON.stringify(details)).not.toContain('138');
  });

  it('given an If-Match that is not a version, or a change of ID number, then 400', async () => {
    const token = await f.login(doctor);
    const path = `/api/subjects/${subjectId}`;
    const garbage = await f.request('PATCH', path, token, { name: '陈' }, { 'if-match': 'abc' });
    expect(garbage.status).toBe(400);
    const idChange = await f.request(
      'PATCH',
      path,
      token,
      { idNumber: makeResidentIdNumber('350121', '1956-03-09', 220) },
      { 'if-match': '"4"' },
    );
    expect(idChange.status).toBe(400);
    expect((await stored()).row_version).toBe(4);
  });

  it('given a village doctor, when moving the resident to another village, then 403 (outside the scope); a township worker may', async () => {
    const doctorToken = await f.login(doctor);
    const denied = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      doctorToken,
      { orgCode: OTHER_VILLAGE_CLINIC },
      { 'if-match': '"4"' },
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('out_of_scope');

    const townshipToken = await f.login(township);
    const moved = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      townshipToken,
      { orgCode: OTHER_VILLAGE_CLINIC },
      { 'if-match': '"4"' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      orgCode: OTHER_VILLAGE_CLINIC,
      rowVersion: 5,
      healthRecordNumber,
    });
    // Now outside the village doctor's scope: not found for them.
    const gone = await f.request('GET', `/api/subjects/${subjectId}`, doctorToken);
    expect(gone.status).toBe(404);
  });

  it('given a doctor of another province, when changing the resident, then 404 (audited) and nothing changes', async () => {
    const yunnan = await f.user('village-doctor', '530902101201', { homeOrg: YUNNAN_CLINIC });
    const response = await f.request(
      'PATCH',
      `/api/subjects/${subjectId}`,
      await f.login(yunnan),
      { name: '某某' },
      { 'if-match': '"5"' },
    );
    expect(response.status).toBe(404);
    expect((await stored()).name).toBe('陈桂英');
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
  });
});
