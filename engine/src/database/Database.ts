import { AsyncLocalStorage } from 'node:async_hooks';
import { Sequelize, type Transaction } from 'sequelize';
import type { Logger } from '../logging/createLogger.js';
import { EmbeddedPostgres } from './EmbeddedPostgres.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** PostgreSQL URL; undefined starts the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logger: Logger;
  poolMax?: number;
}

/**
 * The engine's one database handle: Sequelize over pg, on a real PostgreSQL server or on the
 * embedded PGlite. Everything above this class is the same code for both.
 */
export class Database {
  private constructor(
    readonly kind: DatabaseKind,
    readonly sequelize: Sequelize,
    private readonly embedded: EmbeddedPostgres | undefined,
    private readonly counter: { statements: number },
  ) {}

  /** SQL statements sent through Sequelize since start; tests count statements per request. */
  get statementCount(): number {
    return this.counter.statements;
  }

  static async open(options: DatabaseOptions): Promise<Database> {
    const poolMax = options.poolMax ?? 10;
    const embedded = options.databaseUrl
      ? undefined
      : await EmbeddedPostgres.start(options.dataDir, poolMax + 2);
    const url = options.databaseUrl ?? embedded!.url;
    const counter = { statements: 0 };
    const sequelize = new Sequelize(url, {
      dialect: 'postgres',
      logging: (sql) => {
        counter.statements++;
        options.logger.trace({ sql }, 'sql');
      },
      pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
      define: { underscored: true, timestamps: true },
    });
    const database = new Database(embedded ? 'pglite' : 'postgres', sequelize, embedded, counter);
    try {
      await sequelize.authenticate({ logging: false });
    } catch (err) {
      await sequelize.close().catch(() => undefined);
      await embedded?.stop();
      throw new Error(
        `无法连接数据库 / Cannot connect to the database${
          options.databaseUrl ? ` at ${redactUrl(options.databaseUrl)}` : ''
        }: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return database;
  }

  /** The transaction `transaction()` runs the current code in, if any (see currentTransaction). */
  readonly #current = new AsyncLocalStorage<Transaction>();

  /** Runs `work` in one transaction (pass it on: PGlite serialises everything else behind it). */
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction((transaction) =>
      this.#current.run(transaction, () => work(transaction)),
    );
  }

  /**
   * The transaction the calling code runs inside, for code that is handed no transaction but must
   * write with its caller (a workflow service runs inside the step's transaction): undefined
   * outside one. Pass transactions on where you can; this is for the places you cannot.
   */
  get currentTransaction(): Transaction | undefined {
    return this.#current.getStore();
  }

  async ping(): Promise<boolean> {
    try {
      await this.sequelize.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.sequelize.close();
    } finally {
      await this.embedded?.stop();
    }
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
