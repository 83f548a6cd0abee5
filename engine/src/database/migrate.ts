import { Umzug, SequelizeStorage } from 'umzug';
import type { Logger } from '../logging/createLogger.js';
import type { Database } from './Database.js';
import type { Migration } from './migrations/Migration.js';
import { migrations as allMigrations } from './migrations/index.js';

/** An arbitrary constant key for the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_224_190_331;

export interface MigrateResult {
  applied: string[];
  pending: string[];
}

function umzugFor(database: Database, logger: Logger, migrations: readonly Migration[]) {
  const { sequelize } = database;
  return new Umzug({
    migrations: migrations.map((migration) => ({
      name: migration.name,
      up: () =>
        database.transaction((transaction) =>
          migration.up({ sequelize, queryInterface: sequelize.getQueryInterface(), transaction }),
        ),
      down: () =>
        database.transaction((transaction) =>
          migration.down({ sequelize, queryInterface: sequelize.getQueryInterface(), transaction }),
        ),
    })),
    context: {},
    storage: new SequelizeStorage({ sequelize, tableName: 'formwork_migrations' }),
    logger: {
      info: (message) => logger.info(message, 'migration'),
      warn: (message) => logger.warn(message, 'migration'),
      error: (message) => logger.error(message, 'migration'),
      debug: (message) => logger.debug(message, 'migration'),
    },
  });
}

/** Migrations already running per database handle, so calls in one process queue up. */
const running = new WeakMap<Database, Promise<unknown>>();

/**
 * Applies pending migrations. Calls in one process queue behind each other; several engine
 * processes starting at once on one PostgreSQL queue on an advisory lock held on one dedicated
 * connection. (PGlite is one session for every connection, so the advisory lock does not
 * separate them; its data directory lock already keeps it to one process.)
 */
export function migrate(
  database: Database,
  logger: Logger,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrateResult> {
  const previous = running.get(database) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(() => migrateLocked(database, logger, migrations));
  running.set(database, next);
  return next;
}

async function migrateLocked(
  database: Database,
  logger: Logger,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  const umzug = umzugFor(database, logger, migrations);
  const connection = (await database.sequelize.connectionManager.getConnection({
    type: 'write',
  })) as { query(sql: string, values?: unknown[]): Promise<unknown> };
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await umzug.up();
      const pending = await umzug.pending();
      return { applied: applied.map((m) => m.name), pending: pending.map((m) => m.name) };
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    database.sequelize.connectionManager.releaseConnection(connection as never);
  }
}
