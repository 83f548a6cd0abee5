import fs from 'node:fs';
import path from 'node:path';
import type { EngineConfig } from '../config/EngineConfig.js';
import { DataDirLockedError } from '../database/DataDirLock.js';
import { Database, redactUrl } from '../database/Database.js';
import { migrations } from '../database/migrations/index.js';
import type { Logger } from '../logging/createLogger.js';

/**
 * No database to read there (none, none reachable, or none of Formwork): the message names it and
 * what to set.
 */
export class NoDatabaseError extends Error {
  override name = 'NoDatabaseError';
}

const HOW =
  'set DATA_DIR to the data directory of the engine to read (`formwork start` keeps it in ./data of the directory it starts in), or DATABASE_URL to its PostgreSQL';

/**
 * The database a command uses, for people: the embedded one at its directory, or the URL without
 * its password.
 */
export function describeDatabase(config: Pick<EngineConfig, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl
    ? `PostgreSQL ${redactUrl(config.databaseUrl)}`
    : `the embedded database at ${config.dataDir}`;
}

export interface ReadDatabaseOptions {
  logger: Logger;
  /** Where the line naming the database goes (stderr). */
  notice?: NodeJS.WritableStream;
  /**
   * `current`: every migration of this version must be applied (the command reads tables a
   * newer migration may have changed); `any`: any Formwork database (the command checks what it
   * needs itself).
   */
  schema: 'current' | 'any';
}

/**
 * Opens the database a command reads without ever creating one: no data directory, no PGlite
 * initdb, no migration. An embedded data directory that does not exist or holds no database, or
 * a database with no Formwork tables, is a NoDatabaseError naming it. Says on `notice` which
 * database it reads.
 */
export async function openDatabaseToRead(
  config: Pick<EngineConfig, 'databaseUrl' | 'dataDir'>,
  options: ReadDatabaseOptions,
): Promise<Database> {
  if (!config.databaseUrl) {
    const missing = !fs.existsSync(config.dataDir)
      ? 'the directory does not exist'
      : !fs.existsSync(path.join(config.dataDir, 'pglite', 'PG_VERSION'))
        ? 'it holds no embedded database'
        : undefined;
    if (missing) {
      throw new NoDatabaseError(
        `没有可读取的数据库 / no database to read in DATA_DIR ${config.dataDir} (${missing}); ` +
          `this command never creates one: ${HOW}`,
      );
    }
  }
  const which = describeDatabase(config);
  (options.notice ?? process.stderr).write(`formwork: 读取 / reading ${which}\n`);
  let database: Database;
  try {
    database = await Database.open({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      logger: options.logger,
    });
  } catch (err) {
    // "Cannot connect … at <URL, password hidden>: <reason>" says it all: no stack for it.
    if (err instanceof DataDirLockedError) throw err;
    throw new NoDatabaseError((err as Error).message, { cause: err });
  }
  try {
    const [[row]] = (await database.sequelize.query(
      `SELECT to_regclass('formwork_migrations') IS NOT NULL AS formwork`,
    )) as [{ formwork: boolean }[], unknown];
    if (!row?.formwork) {
      throw new NoDatabaseError(
        `数据库中没有 Formwork 数据 / ${which} holds no Formwork database (no migration applied): ` +
          `start the engine on it first, or ${HOW}`,
      );
    }
    if (options.schema === 'current') {
      const [applied] = (await database.sequelize.query(
        'SELECT name FROM formwork_migrations',
      )) as [{ name: string }[], unknown];
      const done = new Set(applied.map((m) => m.name));
      const pending = migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
      if (pending.length) {
        throw new NoDatabaseError(
          `数据库版本落后 / ${which} lacks ${pending.length} migration(s) of this Formwork (${pending.join(', ')}): ` +
            'run `formwork migrate` (or start the engine) first; this command changes nothing',
        );
      }
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
