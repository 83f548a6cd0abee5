import { randomBytes, randomUUID } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { migrations } from '../database/migrations/index.js';
import { createLogger } from '../logging/createLogger.js';
import { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import { demoOrgTree } from '../seeding/demoWorld.js';
import { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import {
  createTestDatabase,
  IdentityFixture,
  type TestDatabase,
  type TestUser,
} from '../testing/index.js';
import { databaseFilesHolding, tableColumnsHolding } from './findClearText.js';
import { healthRecordNumber, nameInitials } from './residentNumbers.js';
import { ID_LOOKUP_PURPOSE, ID_NUMBER_CONTEXT } from './SubjectService.js';

const CLINIC = '350121101201-V01';
const newKey = () => randomBytes(32).toString('base64');
type Found = { body: { subjects: { id: string; name: string }[] } };
const found = (response: Found) => response.body.subjects.map((s) => s.name).sort();

describe('residents registered before names were encrypted', () => {
  const KEY = newKey();
  const BEFORE = ['王秀英', '王建国', '欧阳明月'];
  let db: TestDatabase;
  let f: IdentityFixture;
  let doctor: TestUser;
  let token: string;

  beforeAll(async () => {
    // The database as the previous version left it: migrations up to 0011, names in clear.
    db = await createTestDatabase();
    const logger = createLogger('silent');
    const database = await Database.open({
      databaseUrl: db.databaseUrl,
      dataDir: db.dataDir,
      logger,
    });
    try {
      const sealing = migrations.findIndex((m) => m.name === '0012-resident-names');
      await migrate(database, logger, migrations.slice(0, sealing));
      const tree = demoOrgTree();
      const orgs = new OrgUnitStore(database);
      await database.transaction((t) => orgs.saveTree(tree.year, tree.units, t));
      const clinic = (await orgs.get(CLINIC))!;
      const cipher = new PersonalDataCipher({ current: Buffer.from(KEY, 'base64') });
      for (const [i, name] of BEFORE.entries()) {
        const idNumber = makeResidentIdNumber('350121', '1950-01-01', 100 + i);
        await database.sequelize.query(
          `INSERT INTO subjects (id, name, sex, birth_date, id_number_enc, id_number_hash,
             org_code, org_path, created_at, created_by, health_record_number, name_initials)
           VALUES ($1, $2, '2', '1950-01-01', $3, $4, $5, $6, now(), $7, $8, $9)`,
          {
            bind: [
              randomUUID(),
              name,
              cipher.encrypt(idNumber, ID_NUMBER_CONTEXT),
              cipher.lookupHash(idNumber, ID_LOOKUP_PURPOSE),
              clinic.code,
              clinic.path,
              randomUUID(),
              healthRecordNumber('350121101201', i + 1),
              nameInitials(name),
            ],
          },
        );
      }
      // As autovacuum would have: the planner's statistics sample the names too.
      await database.sequelize.query('ANALYZE subjects');
    } finally {
      await database.close();
    }
    f = await IdentityFixture.start({ dataKey: KEY }, { database: db });
    doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    token = await f.login(doctor);
  });
  afterAll(async () => {
    if (f) await f.stop();
    else await db?.drop();
  });

  it('given names stored in clear by the previous version, when the engine starts, then it encrypts them and logs how many', async () => {
    const sealed = f.t.logs.filter((line) => line.msg.startsWith('resident names encrypted'));
    expect(sealed.map((line) => line.sealed)).toEqual([BEFORE.length]);
    const [rows] = await f.t.engine.database.sequelize.query(
      `SELECT count(*)::int AS n FROM subjects
       WHERE name IS NULL AND name_initials IS NULL AND name_enc LIKE 'v1.%'`,
    );
    expect(rows).toEqual([{ n: BEFORE.length }]);
  });

  it('then staff still find them by name and by initials, and see their names', async () => {
    const byName = await f.request('GET', `/api/subjects?name=${encodeURIComponent('王')}`, token);
    expect(found(byName)).toEqual(['王建国', '王秀英']);
    const byInitials = await f.request('GET', '/api/subjects?initials=OYM', token);
    expect(found(byInitials)).toEqual(['欧阳明月']);
    const one = await f.request('GET', `/api/subjects/${byInitials.body.subjects[0].id}`, token);
    expect(one.body.name).toBe('欧阳明月');
  });

  it('then no name is left in clear in any table or database file, nor in the logs', async () => {
    const { sequelize } = f.t.engine.database;
    expect(await tableColumnsHolding(sequelize, BEFORE)).toEqual([]);
    expect(await databaseFilesHolding(sequelize, BEFORE)).toEqual([]);
    const logs = JSON.stringify(f.t.logs);
    for (const name of BEFORE) expect(logs).not.toContain(name);
  });

  it('when a new row is written with a name in clear, then the database refuses it', async () => {
    await expect(
      f.t.engine.database.sequelize.query(
        "UPDATE subjects SET name = '王秀英' WHERE name_initials IS NULL",
      ),
    ).rejects.toThrow(/subjects_name_not_in_clear/);
  });
});

describe('finding residents by name after the data key is rotated', () => {
  const OLD_KEY = newKey();
  let f: IdentityFixture;
  let doctor: TestUser;
  const ids: Record<string, string> = {};

  async function register(fixture: IdentityFixture, name: string, serial: number) {
    const created = await fixture.request('POST', '/api/subjects', await fixture.login(doctor), {
      name,
      idNumber: makeResidentIdNumber('350121', '1958-04-04', serial),
      orgCode: CLINIC,
    });
    expect(created.status).toBe(201);
    ids[name] = created.body.id;
  }

  beforeAll(async () => {
    const before = await IdentityFixture.start({ dataKey: OLD_KEY });
    try {
      doctor = await before.user('village-doctor', '350121101201', { homeOrg: CLINIC });
      await register(before, '林秀珍', 41);
      await register(before, '林志强', 42);
    } finally {
      await before.t.engine.stop();
    }
    f = await IdentityFixture.start(
      { dataKey: newKey(), previousDataKeys: OLD_KEY },
      { database: before.t.database },
    );
  });
  afterAll(() => f?.stop());

  it('given residents registered under the old key, when searching by name or initials under the new key, then they are found', async () => {
    const token = await f.login(doctor);
    const byName = await f.request('GET', `/api/subjects?name=${encodeURIComponent('林')}`, token);
    expect(found(byName)).toEqual(['林志强', '林秀珍']);
    expect(found(await f.request('GET', '/api/subjects?initials=lxz', token))).toEqual(['林秀珍']);
  });

  it('given a resident renamed and another registered under the new key, then both keys’ residents are found together', async () => {
    const token = await f.login(doctor);
    await register(f, '林美华', 43);
    const renamed = await f.request(
      'PATCH',
      `/api/subjects/${ids['林志强']}`,
      token,
      { name: '林志刚' },
      { 'if-match': '"1"' },
    );
    expect(renamed.status).toBe(200);
    const byName = await f.request('GET', `/api/subjects?name=${encodeURIComponent('林')}`, token);
    expect(found(byName)).toEqual(['林志刚', '林美华', '林秀珍'].sort());
    const byInitials = await f.request('GET', '/api/subjects?initials=lzg', token);
    expect(byInitials.body.subjects.map((s: { id: string }) => s.id)).toEqual([ids['林志强']]);
    expect(found(await f.request('GET', '/api/subjects?initials=lzq', token))).toEqual([]);
  });
});

describe('finding residents by a long name', () => {
  let f: IdentityFixture;
  let token: string;
  // 17 characters, the first 16 alike: the blind index holds prefixes up to 16 characters; the
  // rest is compared after decryption.
  const LONG = '阿卜杜热合曼·买买提艾力·吐尔逊江';
  const TWIN = '阿卜杜热合曼·买买提艾力·吐尔逊古';

  beforeAll(async () => {
    f = await IdentityFixture.start();
    const doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    token = await f.login(doctor);
    for (const [i, name] of [LONG, TWIN].entries()) {
      const created = await f.request('POST', '/api/subjects', token, {
        name,
        idNumber: makeResidentIdNumber('350121', '1975-09-09', 51 + i),
        orgCode: CLINIC,
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => f?.stop());

  it('given two residents whose names share their first 16 characters, when searching by more, then only the one whose name starts so is found', async () => {
    expect(Array.from(LONG)).toHaveLength(17);
    const search = (name: string) =>
      f.request('GET', `/api/subjects?name=${encodeURIComponent(name)}`, token);
    expect(found(await search(LONG))).toEqual([LONG]);
    expect(found(await search(TWIN))).toEqual([TWIN]);
    expect(found(await search(LONG.slice(0, 16)))).toEqual([LONG, TWIN].sort());
    expect(found(await search(`${LONG}江`))).toEqual([]);
  });
});
