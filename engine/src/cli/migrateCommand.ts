import type { EngineConfig } from '../config/EngineConfig.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';

/** `formwork migrate`: applies pending migrations and prints what it applied. */
export async function migrateCommand(config: EngineConfig): Promise<number> {
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await Database.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const { applied } = await migrate(database, logger);
    process.stdout.write(
      applied.length
        ? `已应用迁移 / Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : '数据库已是最新 / The database is up to date: no pending migrations\n',
    );
    return 0;
  } finally {
    await database.close();
  }
}
