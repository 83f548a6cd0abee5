import type * as ReadSpec from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { importSeed } from './seedReleases.js';

/**
 * A database seeded before the provinces' 1.1.0 overlays shipped, started again with the new
 * seed: the new releases are imported and become current where the current release was an older
 * seed release, while a release a jurisdiction published itself stays current and every older
 * release stays readable.
 */
const seed = vi.hoisted(() => ({ without110: true }));
vi.mock('@formwork/seed/lib/readSpec', async (importOriginal) => {
  const original = await importOriginal<typeof ReadSpec>();
  return {
    ...original,
    listOverlays: () =>
      original.listOverlays().filter((ref) => !(seed.without110 && ref.version === '1.1.0')),
  };
});

let testDatabase: TestDatabase;
let database: Database;
const logger = createLogger('silent');

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await Database.open({
    databaseUrl: testDatabase.databaseUrl,
    dataDir: testDatabase.dataDir,
    logger,
  });
  await migrate(database, logger);
}, 60_000);
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const sql = async <T>(query: string, bind: unknown[] = []) =>
  (await database.sequelize.query(query, { bind }))[0] as T[];
const current = async () =>
  (
    await sql<{ jurisdiction: string; id: string }>(
      'SELECT jurisdiction, id FROM releases WHERE current ORDER BY jurisdiction',
    )
  ).map((r) => `${r.jurisdiction} ${r.id}`);

describe('importing a newer seed into a seeded database', () => {
  it('given the 1.0.0 seed imported, when the seed with 1.1.0 is imported, then Fujian moves to 1.1.0 and Yunnan keeps the release it published itself', async () => {
    await importSeed(database, systemClock);
    expect(await current()).toEqual([
      '100000 national-phs@3.1.1',
      '350000 national-phs@3.0.0+fujian@1.0.0',
      '530000 national-phs@3.0.0+yunnan@1.0.0',
    ]);

    // Yunnan publishes a release of its own (a copy of its 1.0.0 as 1.0.1), which becomes current.
    await sql(
      `INSERT INTO overlay_versions (key, version, jurisdiction, base_spec, base_version, content,
         content_hash, status, created_at, updated_at, published_at)
       SELECT key, '1.0.1', jurisdiction, base_spec, base_version, content, content_hash,
         'published', now(), now(), now()
       FROM overlay_versions WHERE key = 'yunnan' AND version = '1.0.0'`,
    );
    await sql("UPDATE releases SET current = false WHERE jurisdiction = '530000' AND current");
    await sql(
      `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
         overlay_version, status, manifest, manifest_hash, current, published_at)
       SELECT 'national-phs@3.0.0+yunnan@1.0.1', jurisdiction, base_spec, base_version,
         overlay_key, '1.0.1', status, manifest, manifest_hash, true, now()
       FROM releases WHERE id = 'national-phs@3.0.0+yunnan@1.0.0'`,
    );

    seed.without110 = false;
    const { imported } = await importSeed(database, systemClock);
    expect(imported.sort()).toEqual([
      'national-phs@3.1.1+fujian@1.1.0',
      'national-phs@3.1.1+yunnan@1.1.0',
    ]);
    expect(await current()).toEqual([
      '100000 national-phs@3.1.1',
      '350000 national-phs@3.1.1+fujian@1.1.0',
      '530000 national-phs@3.0.0+yunnan@1.0.1',
    ]);
    const releases = await sql<{ id: string; status: string }>(
      "SELECT id, status FROM releases WHERE jurisdiction IN ('350000', '530000') ORDER BY id",
    );
    expect(releases).toEqual([
      { id: 'national-phs@3.0.0+fujian@1.0.0', status: 'published' },
      { id: 'national-phs@3.0.0+yunnan@1.0.0', status: 'published' },
      { id: 'national-phs@3.0.0+yunnan@1.0.1', status: 'published' },
      { id: 'national-phs@3.1.1+fujian@1.1.0', status: 'published' },
      { id: 'national-phs@3.1.1+yunnan@1.1.0', status: 'published' },
    ]);

    // A restart imports nothing and moves nothing.
    expect(await importSeed(database, systemClock)).toEqual({ imported: [] });
    expect((await current())[1]).toBe('350000 national-phs@3.1.1+fujian@1.1.0');
  });
});
