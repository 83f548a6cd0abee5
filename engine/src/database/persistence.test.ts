import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/createLogger.js';
import { Engine } from '../server/Engine.js';
import { createTestDatabase, testEngineConfig } from '../testing/index.js';
import { Database } from './Database.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

async function installationId(engine: Engine): Promise<string> {
  const [rows] = await engine.database.sequelize.query(
    "SELECT value->>'id' AS id FROM formwork_system WHERE key = 'installation'",
  );
  return (rows as { id: string }[])[0]!.id;
}

describe('database', () => {
  it('keeps what was stored across a stop and a start', async () => {
    const database = await createTestDatabase();
    const config = testEngineConfig(database, { logLevel: 'silent', bodyLimitBytes: 1024 });
    const logger = createLogger('silent');
    try {
      const first = await Engine.start(config, logger);
      const id = await installationId(first);
      await first.database.sequelize.query(
        "INSERT INTO formwork_system (key, value) VALUES ('note', '\"随访记录 kept\"')",
      );
      await first.stop();

      const second = await Engine.start(config, logger);
      expect(await installationId(second)).toBe(id);
      const [rows] = await second.database.sequelize.query(
        "SELECT value FROM formwork_system WHERE key = 'note'",
      );
      expect(rows).toEqual([{ value: '随访记录 kept' }]);
      await second.stop();
    } finally {
      await database.drop();
    }
  });

  it('applies each migration once, even when two migrators race', async () => {
    const testDb = await createTestDatabase();
    const logger = createLogger('silent');
    const database = await Database.open({
      databaseUrl: testDb.databaseUrl,
      dataDir: testDb.dataDir,
      logger,
    });
    try {
      const [a, b] = await Promise.all([migrate(database, logger), migrate(database, logger)]);
      const names = migrations.map((m) => m.name);
      expect([...a.applied, ...b.applied]).toEqual(names);
      expect((await migrate(database, logger)).applied).toEqual([]);
      const [rows] = await database.sequelize.query(
        'SELECT name FROM formwork_migrations ORDER BY name',
      );
      expect(rows).toEqual(names.map((name) => ({ name })));
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
});
