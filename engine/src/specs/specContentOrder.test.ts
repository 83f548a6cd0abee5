import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { createTestDatabase, IdentityFixture, type TestDatabase } from '../testing/index.js';
import { importSeed, seedSpecContent } from './seedReleases.js';

/**
 * The fields of a group come in the order the spec writes them: 用药情况's rows read 药物名称,
 * 每日次数, 每次剂量, 剂量单位 — not the order a jsonb column sorts keys in (shortest first), which
 * is what the database gave back before migration 0020.
 */
type Schema = { properties: Record<string, Schema>; items: Schema };
type Content = { forms: Record<string, { schema: Schema }> };

const medicationFields = (content: Content) =>
  Object.keys(
    content.forms['hypertension-followup']!.schema.properties.medications!.items.properties,
  );
const SPEC_ORDER = medicationFields(seedSpecContent('national-phs', '3.0.1') as unknown as Content);
/** How jsonb orders keys: shorter first, then bytewise. */
const JSONB_ORDER = [...SPEC_ORDER].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));

describe('the order of a form’s fields as the spec writes it', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const logger = createLogger('silent');
  const stored = async () => {
    const [rows] = await database.sequelize.query(
      `SELECT content FROM spec_versions WHERE spec = 'national-phs' AND version = '3.0.1'`,
    );
    return (rows as { content: Content }[])[0]!.content;
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await Database.open({
      databaseUrl: testDatabase.databaseUrl,
      dataDir: testDatabase.dataDir,
      logger,
    });
    await migrate(database, logger);
    await importSeed(database, systemClock);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it('given the seed imported, when its national base is read back, then the medication rows keep the spec’s order (which is not jsonb’s)', async () => {
    expect(SPEC_ORDER).toEqual(['drugName', 'timesPerDay', 'dosePerTime', 'unit']);
    expect(JSONB_ORDER).not.toEqual(SPEC_ORDER);
    expect(medicationFields(await stored())).toEqual(SPEC_ORDER);
  });

  it('given a version stored before migration 0020 (its keys sorted), when the seed is imported again on start, then its text is the spec’s again and the published version is otherwise untouched', async () => {
    const [before] = await database.sequelize.query(
      `SELECT content_hash, row_version, updated_at FROM spec_versions
        WHERE spec = 'national-phs' AND version = '3.0.1'`,
    );
    await database.sequelize.query(
      `UPDATE spec_versions SET content = content::jsonb::json
        WHERE spec = 'national-phs' AND version = '3.0.1'`,
    );
    expect(medicationFields(await stored())).toEqual(JSONB_ORDER);

    await importSeed(database, systemClock);

    expect(medicationFields(await stored())).toEqual(SPEC_ORDER);
    const [after] = await database.sequelize.query(
      `SELECT content_hash, row_version, updated_at FROM spec_versions
        WHERE spec = 'national-phs' AND version = '3.0.1'`,
    );
    expect(after).toEqual(before);
  });

  it('given a published version, when its content is changed in value, then the database still refuses it', async () => {
    await expect(
      database.sequelize.query(
        `UPDATE spec_versions SET content = json_build_object('spec', 'national-phs')
          WHERE spec = 'national-phs' AND version = '3.0.1'`,
      ),
    ).rejects.toThrow(/a published version can never change/);
  });
});

describe('the form the engine serves', () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await IdentityFixture.start();
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('given a village doctor opening the hypertension follow-up, when its medication rows are drawn, then their fields come in the spec’s order', async () => {
    const token = await f.login(await f.user('village-doctor', '350121101201-V01'));
    const res = await f.request(
      'GET',
      '/api/forms/hypertension-followup?release=national-phs@3.0.1',
      token,
    );
    expect(res.status).toBe(200);
    expect(medicationFields({ forms: { 'hypertension-followup': res.body.definition } })).toEqual(
      SPEC_ORDER,
    );
  });
});
