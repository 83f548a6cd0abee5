import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';

const CLINIC = '350121101201-V01';
const TOWNSHIP_CENTRE = '350121101-C01';
const YUNNAN_CLINIC = '530902101201-V01';

describe('finding residents', () => {
  let f: IdentityFixture;
  let doctor: TestUser;
  let township: TestUser;
  let yunnanDoctor: TestUser;
  let token: string;
  const ids: Record<string, { id: string; idNumber: string; healthRecordNumber: string }> = {};

  async function register(
    as: string,
    name: string,
    idNumber: string,
    orgCode: string,
    extra: Record<string, unknown> = {},
  ) {
    return f.request('POST', '/api/subjects', as, { name, idNumber, orgCode, ...extra });
  }

  async function count(sql: string): Promise<number> {
    const [rows] = await f.t.engine.database.sequelize.query(sql);
    return (rows as { n: number }[])[0]!.n;
  }

  beforeAll(async () => {
    f = await IdentityFixture.start();
    doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    township = await f.user('township-phc', '350121101', { homeOrg: TOWNSHIP_CENTRE });
    yunnanDoctor = await f.user('village-doctor', '530902101201', { homeOrg: YUNNAN_CLINIC });
    token = await f.login(doctor);
    const people: [string, string][] = [
      ['王小明', makeResidentIdNumber('350121', '1960-05-01', 11)],
      ['王小红', makeResidentIdNumber('350121', '1962-08-12', 12)],
      ['张三丰', makeResidentIdNumber('350121', '1948-01-30', 13)],
    ];
    for (const [name, idNumber] of people) {
      const created = await register(token, name, idNumber, CLINIC);
      expect(created.status).toBe(201);
      ids[name] = {
        id: created.body.id,
        idNumber,
        healthRecordNumber: created.body.healthRecordNumber,
      };
    }
    const yunnan = await register(
      await f.login(yunnanDoctor),
      '王小明',
      makeResidentIdNumber('530902', '1960-05-01', 11),
      YUNNAN_CLINIC,
    );
    expect(yunnan.status).toBe(201);
  });
  afterAll(() => f?.stop());

  const names = (body: { subjects: { name: string }[] }) => body.subjects.map((s) => s.name).sort();

  it('given residents registered at a village clinic, then each has its own 17-digit health record number of the village', () => {
    const numbers = Object.values(ids).map((s) => s.healthRecordNumber);
    for (const number of numbers) expect(number).toMatch(/^35012110120100\d{3}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(['35012110120100001', '35012110120100002', '35012110120100003']);
  });

  it('given a resident registered at a township health centre, then the number starts with the township padded to 12 digits', async () => {
    const created = await register(
      await f.login(township),
      '李四',
      makeResidentIdNumber('350121', '1970-02-02', 21),
      TOWNSHIP_CENTRE,
    );
    expect(created.status).toBe(201);
    expect(created.body.healthRecordNumber).toBe('35012110100000001');
  });

  it('when searching by name prefix, then residents of the scope match and a namesake in another province does not', async () => {
    const found = await f.request('GET', `/api/subjects?name=${encodeURIComponent('王')}`, token);
    expect(found.status).toBe(200);
    expect(names(found.body)).toEqual(['王小明', '王小红']);
    expect(found.body.subjects.every((s: { masked: boolean }) => s.masked)).toBe(true);
    const exact = await f.request(
      'GET',
      `/api/subjects?name=${encodeURIComponent('王小明')}`,
      token,
    );
    expect(exact.body.subjects.map((s: { id: string }) => s.id)).toEqual([ids['王小明']!.id]);
  });

  it('when searching by pinyin initials in any case, then 王小明 is found as wxm and both 王 as wx', async () => {
    const wxm = await f.request('GET', '/api/subjects?initials=WXM', token);
    expect(names(wxm.body)).toEqual(['王小明']);
    const wx = await f.request('GET', '/api/subjects?initials=wx', token);
    expect(names(wx.body)).toEqual(['王小明', '王小红']);
    const zsf = await f.request('GET', '/api/subjects?initials=zsf', token);
    expect(names(zsf.body)).toEqual(['张三丰']);
  });

  it('when searching by health record number or ID number, then exactly that resident is found', async () => {
    const { id, idNumber, healthRecordNumber } = ids['张三丰']!;
    const byNumber = await f.request(
      'GET',
      `/api/subjects?healthRecordNumber=${healthRecordNumber}`,
      token,
    );
    expect(byNumber.body.subjects.map((s: { id: string }) => s.id)).toEqual([id]);
    const byId = await f.request('GET', `/api/subjects?idNumber=${idNumber}`, token);
    expect(byId.body.subjects.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(JSON.stringify(byId.body)).not.toContain(idNumber);
  });

  it('given a Yunnan doctor, when searching a Fujian resident by ID number or name, then nothing is found', async () => {
    const other = await f.login(yunnanDoctor);
    const byId = await f.request('GET', `/api/subjects?idNumber=${ids['王小红']!.idNumber}`, other);
    expect(byId.body.subjects).toEqual([]);
    const byName = await f.request(
      'GET',
      `/api/subjects?name=${encodeURIComponent('王小')}`,
      other,
    );
    expect(byName.body.subjects).toHaveLength(1);
    expect(byName.body.subjects[0].orgCode).toBe(YUNNAN_CLINIC);
  });

  it('when no criterion or several are given, or the limit is out of range, then the search is refused with 400', async () => {
    expect((await f.request('GET', '/api/subjects', token)).status).toBe(400);
    const several = await f.request(
      'GET',
      `/api/subjects?initials=wx&name=${encodeURIComponent('王')}`,
      token,
    );
    expect(several.status).toBe(400);
    expect(several.body.error.code).toBe('one_criterion_required');
    expect((await f.request('GET', '/api/subjects?initials=wx&limit=21', token)).status).toBe(400);
    const one = await f.request('GET', '/api/subjects?initials=wx&limit=1', token);
    expect(one.body.subjects).toHaveLength(1);
  });

  it('when a search returns residents, then each one is audited as viewed through a search', async () => {
    const { sequelize } = f.t.engine.database;
    const [[last]] = (await sequelize.query('SELECT max(seq) AS seq FROM audit_events')) as [
      { seq: string }[],
      unknown,
    ];
    await f.request('GET', '/api/subjects?initials=wx', token);
    const [rows] = await sequelize.query(
      'SELECT action, subject_id, details FROM audit_events WHERE seq > $1 ORDER BY seq',
      { bind: [last!.seq] },
    );
    const events = rows as { action: string; subject_id: string; details: unknown }[];
    expect(events.map((e) => e.subject_id).sort()).toEqual(
      [ids['王小明']!.id, ids['王小红']!.id].sort(),
    );
    for (const event of events) {
      expect(event.action).toBe('subject.view');
      expect(event.details).toEqual({ via: 'search' });
    }
  });

  it('when the same ID number is registered again, then it is refused with 409 and nothing is written', async () => {
    const residents = await count('SELECT count(*)::int AS n FROM subjects');
    const counters = await count(
      'SELECT coalesce(sum(last), 0)::int AS n FROM health_record_counters',
    );
    const audits = await count('SELECT count(*)::int AS n FROM audit_events');
    const again = await register(token, '王小明', ids['王小明']!.idNumber.toLowerCase(), CLINIC);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_registered');
    expect(await count('SELECT count(*)::int AS n FROM subjects')).toBe(residents);
    expect(await count('SELECT coalesce(sum(last), 0)::int AS n FROM health_record_counters')).toBe(
      counters,
    );
    expect(await count('SELECT count(*)::int AS n FROM audit_events')).toBe(audits);
  });

  it('given a health record number typed by hand, then it is kept, and a second resident cannot take it (409)', async () => {
    const number = '35012110120100004';
    const created = await register(
      token,
      '赵六',
      makeResidentIdNumber('350121', '1980-03-03', 31),
      CLINIC,
      {
        healthRecordNumber: number,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.healthRecordNumber).toBe(number);
    const taken = await register(
      token,
      '钱七',
      makeResidentIdNumber('350121', '1981-04-04', 32),
      CLINIC,
      {
        healthRecordNumber: number,
      },
    );
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('health_record_number_taken');
    // The counter reaches 4 next: the number taken by hand is skipped.
    const next = await register(
      token,
      '孙八',
      makeResidentIdNumber('350121', '1982-05-05', 33),
      CLINIC,
    );
    expect(next.status).toBe(201);
    expect(next.body.healthRecordNumber).toBe('35012110120100005');
    expect(
      (
        await f.request('POST', '/api/subjects', token, {
          name: '周九',
          idNumber: makeResidentIdNumber('350121', '1983-06-06', 34),
          orgCode: CLINIC,
          healthRecordNumber: '123',
        })
      ).status,
    ).toBe(400);
  });
});
