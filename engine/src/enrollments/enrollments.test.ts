import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';

const CLINIC = '350121101201-V01';
const YUNNAN_CLINIC = '530902101201-V01';
// The test clock stands at 2026-11-23.
const TODAY = '2026-11-23';

describe('enrollments in programs', () => {
  let f: IdentityFixture;
  let doctor: TestUser;
  let token: string;
  let manId: string;
  let womanId: string;

  beforeAll(async () => {
    f = await IdentityFixture.start();
    doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    token = await f.login(doctor);
    const register = async (name: string, sequence: number) => {
      const created = await f.request('POST', '/api/subjects', token, {
        name,
        idNumber: makeResidentIdNumber('350121', '1965-04-20', sequence),
        orgCode: CLINIC,
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    manId = await register('林国栋', 111); // odd sequence: male
    womanId = await register('林秀珍', 112); // even sequence: female
  });
  afterAll(() => f?.stop());

  const enroll = (subjectId: string, body: unknown, as = token) =>
    f.request('POST', `/api/subjects/${subjectId}/enrollments`, as, body);

  it('given a resident of the village, when enrolled in hypertension management, then 201 with the resident’s institution and an ETag', async () => {
    const response = await enroll(manId, {
      program: 'hypertension',
      enrolledOn: '2026-11-01',
      details: { diagnosedOn: '2024-06-15' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      subjectId: manId,
      program: 'hypertension',
      orgCode: CLINIC,
      enrolledOn: '2026-11-01',
      endedOn: null,
      details: { diagnosedOn: '2024-06-15' },
      rowVersion: 1,
    });
    expect(response.headers.get('etag')).toBe('"1"');
    const active = await f.t.engine.services.enrollments.active(manId, 'hypertension');
    expect(active?.id).toBe(response.body.id);
    expect(await f.t.engine.services.enrollments.active(manId, 'diabetes')).toBeUndefined();
    expect(await f.auditActions()).toContain('enrollment.create');
  });

  it('given an active hypertension enrollment, when enrolling again, then 409 already_enrolled; diabetes is still possible', async () => {
    const again = await enroll(manId, { program: 'hypertension', enrolledOn: '2026-11-02' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_enrolled');
    const diabetes = await enroll(manId, { program: 'diabetes', enrolledOn: '2026-11-02' });
    expect(diabetes.status).toBe(201);
  });

  it('when ending an enrollment, then If-Match is required, a stale version or an end before the start is refused, and a second end is 409', async () => {
    const active = (await f.t.engine.services.enrollments.active(manId, 'hypertension'))!;
    const path = `/api/enrollments/${active.id}/end`;
    const body = { endedOn: '2026-11-20', reason: '迁出本村 / moved away' };
    expect((await f.request('POST', path, token, body)).status).toBe(428);
    const stale = await f.request('POST', path, token, body, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_row_version');
    const early = await f.request(
      'POST',
      path,
      token,
      { ...body, endedOn: '2026-10-01' },
      { 'if-match': '"1"' },
    );
    expect(early.status).toBe(422);
    const ended = await f.request('POST', path, token, body, { 'if-match': '"1"' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      endedOn: '2026-11-20',
      endReason: body.reason,
      rowVersion: 2,
    });
    expect(ended.headers.get('etag')).toBe('"2"');
    const twice = await f.request('POST', path, token, body, { 'if-match': '"2"' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_ended');
    expect(await f.auditActions()).toContain('enrollment.end');
  });

  it('given an ended enrollment, when re-enrolling, then 201 and the list shows both, newest first', async () => {
    const again = await enroll(manId, { program: 'hypertension', enrolledOn: '2026-11-21' });
    expect(again.status).toBe(201);
    const list = await f.request('GET', `/api/subjects/${manId}/enrollments`, token);
    expect(list.status).toBe(200);
    expect(
      list.body.enrollments.map(
        (e: { program: string; enrolledOn: string; endedOn: string | null }) =>
          `${e.program} ${e.enrolledOn} ${e.endedOn ?? 'active'}`,
      ),
    ).toEqual([
      'hypertension 2026-11-21 active',
      'diabetes 2026-11-02 active',
      'hypertension 2026-11-01 2026-11-20',
    ]);
  });

  it('given a pregnancy episode, then it is for a woman, and its last menstrual period is kept', async () => {
    const man = await enroll(manId, { program: 'pregnancy', enrolledOn: TODAY });
    expect(man.status).toBe(422);
    const woman = await enroll(womanId, {
      program: 'pregnancy',
      enrolledOn: TODAY,
      details: { lmp: '2026-09-01' },
    });
    expect(woman.status).toBe(201);
    expect(woman.body.details).toEqual({ lmp: '2026-09-01' });
  });

  it('refuses a future or impossible date with 422, and a body that does not match the API with 400', async () => {
    const future = await enroll(womanId, { program: 'diabetes', enrolledOn: '2026-11-24' });
    expect(future.status).toBe(422);
    expect(future.body.error.details.errors[0]).toMatchObject({ path: '/enrolledOn' });
    expect((await enroll(womanId, { program: 'diabetes', enrolledOn: '2026-02-30' })).status).toBe(
      422,
    );
    const asthma = await enroll(womanId, { program: 'asthma', enrolledOn: TODAY });
    expect(asthma.status).toBe(422);
    expect(asthma.body.error.code).toBe('program_not_offered');
    expect((await enroll(womanId, { program: 'Not A Programme', enrolledOn: TODAY })).status).toBe(
      400,
    );
    expect((await enroll(womanId, { program: 'diabetes', enrolledOn: '23.11.2026' })).status).toBe(
      400,
    );
    const active = (await f.t.engine.services.enrollments.active(womanId, 'pregnancy'))!;
    const noReason = await f.request(
      'POST',
      `/api/enrollments/${active.id}/end`,
      token,
      { endedOn: TODAY, reason: '' },
      { 'if-match': '"1"' },
    );
    expect(noReason.status).toBe(400);
  });

  it('given a doctor of another province, then the resident and the enrollment are not found (404, audited) and nothing is written', async () => {
    const yunnan = await f.login(
      await f.user('village-doctor', '530902101201', { homeOrg: YUNNAN_CLINIC }),
    );
    const [[before]] = (await f.t.engine.database.sequelize.query(
      'SELECT count(*)::int AS n FROM enrollments',
    )) as [{ n: number }[], unknown];
    const create = await enroll(womanId, { program: 'diabetes', enrolledOn: TODAY }, yunnan);
    expect(create.status).toBe(404);
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
    expect((await f.request('GET', `/api/subjects/${womanId}/enrollments`, yunnan)).status).toBe(
      404,
    );
    const active = (await f.t.engine.services.enrollments.active(womanId, 'pregnancy'))!;
    const end = await f.request(
      'POST',
      `/api/enrollments/${active.id}/end`,
      yunnan,
      { endedOn: TODAY, reason: 'x' },
      { 'if-match': '"1"' },
    );
    expect(end.status).toBe(404);
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
    const [[after]] = (await f.t.engine.database.sequelize.query(
      'SELECT count(*)::int AS n FROM enrollments',
    )) as [{ n: number }[], unknown];
    expect(after!.n).toBe(before!.n);
    expect((await f.t.engine.services.enrollments.active(womanId, 'pregnancy'))!.rowVersion).toBe(
      1,
    );
  });

  it('given 01:30 in China (17:30 UTC the day before), when a resident is enrolled dated today in China, then it is accepted, and the day after is still the future', async () => {
    f.clock.advance(15.5 * 3_600_000); // 2026-11-23T17:30Z: 2026-11-24 01:30 in China
    const night = await f.login(doctor); // the day's session has expired meanwhile
    const registered = await f.request('POST', '/api/subjects', night, {
      name: '林夜诊',
      idNumber: makeResidentIdNumber('350121', '1965-04-20', 113),
      orgCode: CLINIC,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const today = await enroll(
      registered.body.id as string,
      { program: 'diabetes', enrolledOn: '2026-11-24' },
      night,
    );
    expect(today.status, JSON.stringify(today.body)).toBe(201);
    const tomorrow = await enroll(
      womanId,
      { program: 'diabetes', enrolledOn: '2026-11-25' },
      night,
    );
    expect(tomorrow.status).toBe(422);
    expect(tomorrow.body.error.details.errors[0]).toMatchObject({ path: '/enrolledOn' });
  });
});
