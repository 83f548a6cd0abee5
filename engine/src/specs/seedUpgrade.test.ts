import { makeResidentIdNumber, type Overlay } from '@formwork/definitions';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { createTestDatabase, IdentityFixture, type TestDatabase } from '../testing/index.js';
import { importLine, importSeed, seedSpecContent, type SeedLine } from './seedReleases.js';
import type { SpecContent } from './specContent.js';

/**
 * A database seeded by the previous version of the seed, which served the upgrade
 * demonstration as the national base (national-phs 3.1.0 and 3.1.1, the provinces' 1.1.0 on
 * 3.1.1 current), upgraded to this seed: the printed national base 3.0.1 and the provinces' 1.2.0
 * on it become current, a release a jurisdiction published itself stays current, and every
 * older release stays readable (records stay pinned to them).
 */

/** The previous seed's national-phs 3.1.x as it stored them: the demonstration's files under the national key. */
function previousContent(version: string): SpecContent {
  if (version === '3.0.0') return seedSpecContent('national-phs', version);
  const demo = seedSpecContent('upgrade-demo', version);
  return {
    ...demo,
    spec: 'national-phs',
    parameters: { ...demo.parameters, id: 'national-phs-parameters' },
    workflows: Object.fromEntries(
      Object.entries(demo.workflows).map(([key, xml]) => [
        key,
        xml.replace('/bpmn/upgrade-demo/', '/bpmn/national-phs/'),
      ]),
    ),
  };
}

/** The previous seed's provincial 1.1.0: the demonstration's 1.1.0 under the province's key. */
function previousOverlay(key: 'fujian' | 'yunnan'): Overlay {
  return {
    ...readOverlay(`demo-${key}`, '1.1.0'),
    key,
    title: readOverlay(key, '1.0.0').title,
    base: { spec: 'national-phs', version: '3.1.1' },
  };
}

/** What the previous seed imported: national-phs 3.0.0, 3.1.0, 3.1.1 and the provinces' 1.0.0 and 1.1.0. */
const PREVIOUS_SEED: SeedLine = {
  spec: 'national-phs',
  versions: ['3.0.0', '3.1.0', '3.1.1'],
  current: true,
  content: previousContent,
  overlays: () => [
    readOverlay('fujian', '1.0.0'),
    previousOverlay('fujian'),
    readOverlay('yunnan', '1.0.0'),
    previousOverlay('yunnan'),
  ],
};

const logger = createLogger('silent');

async function openMigrated(testDatabase: TestDatabase) {
  const database = await Database.open({
    databaseUrl: testDatabase.databaseUrl,
    dataDir: testDatabase.dataDir,
    logger,
  });
  await migrate(database, logger);
  return database;
}

const currentOf = async (database: Database) =>
  (
    (
      await database.sequelize.query(
        'SELECT jurisdiction, id FROM releases WHERE current ORDER BY jurisdiction',
      )
    )[0] as { jurisdiction: string; id: string }[]
  ).map((r) => `${r.jurisdiction} ${r.id}`);

describe('importing this seed into a database the previous seed made', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const sql = async <T>(query: string, bind: unknown[] = []) =>
    (await database.sequelize.query(query, { bind }))[0] as T[];

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openMigrated(testDatabase);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it('given national 3.1.1 and Fujian 1.1.0 current and a release Yunnan published itself, when this seed is imported, then national 3.0.1 and Fujian 1.2.0 become current, Yunnan keeps its own, and every old release stays readable', async () => {
    await importLine(database, systemClock, PREVIOUS_SEED);
    expect(await currentOf(database)).toEqual([
      '100000 national-phs@3.1.1',
      '350000 national-phs@3.1.1+fujian@1.1.0',
      '530000 national-phs@3.1.1+yunnan@1.1.0',
    ]);

    // Yunnan publishes a release of its own (a copy of its 1.1.0 as 1.1.1), which becomes current.
    await sql(
      `INSERT INTO overlay_versions (key, version, jurisdiction, base_spec, base_version, content,
         content_hash, status, created_at, updated_at, published_at)
       SELECT key, '1.1.1', jurisdiction, base_spec, base_version, content, content_hash,
         'published', now(), now(), now()
       FROM overlay_versions WHERE key = 'yunnan' AND version = '1.1.0'`,
    );
    await sql("UPDATE releases SET current = false WHERE jurisdiction = '530000' AND current");
    await sql(
      `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
         overlay_version, status, manifest, manifest_hash, current, published_at)
       SELECT 'national-phs@3.1.1+yunnan@1.1.1', jurisdiction, base_spec, base_version,
         overlay_key, '1.1.1', status, manifest, manifest_hash, true, now()
       FROM releases WHERE id = 'national-phs@3.1.1+yunnan@1.1.0'`,
    );

    const { imported } = await importSeed(database, systemClock);
    expect(imported.sort()).toEqual([
      'national-phs@3.0.1',
      'national-phs@3.0.1+fujian@1.2.0',
      'national-phs@3.0.1+yunnan@1.2.0',
    ]);
    expect(await currentOf(database)).toEqual([
      '100000 national-phs@3.0.1',
      '350000 national-phs@3.0.1+fujian@1.2.0',
      '530000 national-phs@3.1.1+yunnan@1.1.1',
    ]);
    const releases = await sql<{ id: string; status: string }>(
      'SELECT id, status FROM releases ORDER BY id',
    );
    expect(releases).toEqual(
      [
        'national-phs@3.0.0',
        'national-phs@3.0.0+fujian@1.0.0',
        'national-phs@3.0.0+yunnan@1.0.0',
        'national-phs@3.0.1',
        'national-phs@3.0.1+fujian@1.2.0',
        'national-phs@3.0.1+yunnan@1.2.0',
        'national-phs@3.1.0',
        'national-phs@3.1.1',
        'national-phs@3.1.1+fujian@1.1.0',
        'national-phs@3.1.1+yunnan@1.1.0',
        'national-phs@3.1.1+yunnan@1.1.1',
      ].map((id) => ({ id, status: 'published' })),
    );

    // A restart imports nothing and moves nothing.
    expect(await importSeed(database, systemClock)).toEqual({ imported: [] });
    expect((await currentOf(database))[1]).toBe('350000 national-phs@3.0.1+fujian@1.2.0');
  });
});

describe('starting the engine on a database the previous seed made', () => {
  let f: IdentityFixture;
  let doctor: string;

  beforeAll(async () => {
    const testDatabase = await createTestDatabase();
    try {
      const database = await openMigrated(testDatabase);
      try {
        await importLine(database, systemClock, PREVIOUS_SEED);
      } finally {
        await database.close();
      }
      f = await IdentityFixture.start({}, { database: testDatabase });
    } catch (err) {
      await testDatabase.drop();
      throw err;
    }
    doctor = await f.login(await f.user('village-doctor', '350121101201'));
  }, 60_000);
  afterAll(() => f?.stop());

  it('given the engine started, when the releases are listed, then the printed national 3.0.1 line is current and the previous seed releases are readable, not current', async () => {
    const { body } = await f.request('GET', '/api/releases', doctor);
    const current = (body.releases as { id: string; current: boolean }[])
      .filter((r) => r.current)
      .map((r) => r.id)
      .sort();
    expect(current).toEqual([
      'national-phs@3.0.1',
      'national-phs@3.0.1+fujian@1.2.0',
      'national-phs@3.0.1+yunnan@1.2.0',
    ]);
    for (const id of ['national-phs@3.1.1', 'national-phs@3.1.1+fujian@1.1.0']) {
      const old = await f.request('GET', `/api/releases/${encodeURIComponent(id)}`, doctor);
      expect(old.status, id).toBe(200);
      expect(old.body.current, id).toBe(false);
    }
    const form = await f.request(
      'GET',
      '/api/forms/hypertension-followup?orgCode=350121101201',
      doctor,
    );
    expect(form.status, JSON.stringify(form.body).slice(0, 300)).toBe(200);
    expect(form.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');
  });

  it('given a Fujian doctor, when a follow-up is recorded, then it is captured on national 3.0.1 with Fujian 1.2.0, not on the previous 3.1.1', async () => {
    const created = await f.request('POST', '/api/subjects', doctor, {
      name: '林秀英',
      idNumber: makeResidentIdNumber('350121', '1950-06-01', 31),
      orgCode: '350121101201',
    });
    expect(created.status).toBe(201);
    const visit = await f.request('POST', '/api/submissions', doctor, {
      formKey: 'hypertension-followup',
      subjectId: created.body.id,
      data: HT_VISIT,
    });
    expect(visit.status, JSON.stringify(visit.body).slice(0, 300)).toBe(201);
    expect(visit.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');
    expect(visit.body.formVersion).toBe('3.0.1');
  });
});
