import path from 'node:path';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
} from '@clickhouse/client';
import type { PluginApi } from '@formwork/engine/plugin-api';
import { SCHEMA_VERSION, TABLES } from './schema.js';

/** Where the reporting tables live: chDB in this process, or a ClickHouse server. */
export type StoreMode = 'embedded' | 'server';

export interface StoreStatus {
  mode: StoreMode;
  /** The tables exist and answer. */
  available: boolean;
  /** Why not, while it is not. */
  error?: string;
}

/** Timers, injected so tests (and the engine's stop) control the retries. */
export interface StoreTimers {
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout | undefined): void;
}

export interface ReportingStoreOptions {
  /** CLICKHOUSE_URL: a server or cluster; unset, embedded chDB. */
  url: string | undefined;
  /** The plugin's data directory (chDB keeps its files in `chdb/` under it); may throw. */
  dataDir: () => string;
  logger: PluginApi['logger'];
  timers?: StoreTimers;
  /** The first retry after a failed open; doubled per failure up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Called each time the store opens (at start, or when it is back after being unavailable). */
  onOpen?: () => void;
}

/** Settings every query runs with, embedded or server: the same answers either way. */
export const CLICKHOUSE_SETTINGS = {
  // UInt64/Int64 as JSON strings, so no value loses precision in JavaScript.
  output_format_json_quote_64bit_integers: 1,
  // ISO 8601 timestamps (`2026-11-23T02:00:00.000Z`) into DateTime64 columns.
  date_time_input_format: 'best_effort',
} as const;

/** The store is not open (yet, or any more); the caller retries later. */
export class ReportingUnavailable extends Error {
  override name = 'ReportingUnavailable';
}

/**
 * The reporting tables (schema.ts) behind one `@clickhouse/client`: embedded chDB at
 * `DATA_DIR/plugins/reporting/chdb` by default (chDB locks its data directory to one process, and
 * binds one data directory per process), a ClickHouse server when CLICKHOUSE_URL is set. The same
 * SQL either way.
 *
 * Opening never stops the engine: `start()` tries in the background, and a store that cannot
 * open or answer reports itself unavailable (`status()`) and tries again with backoff until it
 * does or `close()` is called.
 */
export class ReportingStore {
  readonly mode: StoreMode;
  #client: ClickHouseClient | undefined;
  #available = false;
  #error: string | undefined = 'not opened yet';
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #opening: Promise<void> | undefined;
  #closed = false;
  readonly #timers: StoreTimers;

  constructor(private readonly options: ReportingStoreOptions) {
    this.mode = options.url ? 'server' : 'embedded';
    this.#timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimeout: (timer) => clearTimeout(timer),
    };
  }

  status(): StoreStatus {
    return {
      mode: this.mode,
      available: this.#available,
      ...(this.#available ? {} : { error: this.#error ?? 'unavailable' }),
    };
  }

  /** The client, while the store is available; throws ReportingUnavailable otherwise. */
  get client(): ClickHouseClient {
    if (!this.#available || !this.#client)
      throw new ReportingUnavailable(`reporting store unavailable: ${this.#error}`);
    return this.#client;
  }

  /** Starts opening in the background (retried with backoff); resolves once this attempt ends. */
  start(): Promise<void> {
    this.#opening ??= this.#open().finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  async #open(): Promise<void> {
    if (this.#closed || this.#available) return;
    try {
      const client = this.#client ?? (await this.#connect());
      this.#client = client;
      await this.#ensureSchema(client);
      await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
      this.#available = true;
      this.#error = undefined;
      this.#failures = 0;
      this.options.logger.info({ mode: this.mode }, 'reporting store open');
      this.options.onOpen?.();
    } catch (err) {
      this.#error = (err as Error).message;
      await this.#drop();
      this.#failures++;
      const first = this.options.firstRetryMs ?? 1_000;
      const wait = Math.min(first * 2 ** (this.#failures - 1), this.options.maxRetryMs ?? 60_000);
      this.options.logger.warn(
        { err, mode: this.mode, failures: this.#failures, retryInMs: wait },
        'reporting store unavailable; reporting is degraded, forms are not affected',
      );
      if (!this.#closed) {
        this.#timers.clearTimeout(this.#timer);
        this.#timer = this.#timers.setTimeout(() => void this.start(), wait);
      }
    }
  }

  /**
   * Creates the tables, first dropping those an older version of the plugin made (their version,
   * in `schema_version`, below SCHEMA_VERSION): they hold only what the engine's database holds,
   * and the backfill, which starts over with `load_state` gone, loads it all again in the new form.
   */
  async #ensureSchema(client: ClickHouseClient): Promise<void> {
    await client.command({
      query: `CREATE TABLE IF NOT EXISTS schema_version (version UInt32, at DateTime64(3, 'UTC'))
        ENGINE = MergeTree ORDER BY version`,
    });
    const [row] = await (
      await client.query({
        query: 'SELECT max(version) AS v, count() AS n FROM schema_version',
        format: 'JSONEachRow',
      })
    ).json<{ v: number | string; n: number | string }>();
    const stored = Number(row?.n) > 0 ? Number(row?.v) : 0;
    if (stored > SCHEMA_VERSION)
      throw new Error(
        `the reporting tables are of a newer plugin (schema ${stored}, this one knows ${SCHEMA_VERSION})`,
      );
    if (stored < SCHEMA_VERSION) {
      const [older] = await (
        await client.query({ query: 'EXISTS TABLE records', format: 'JSONEachRow' })
      ).json<{ result: number | string }>();
      for (const table of [...Object.keys(TABLES), 'load_state'])
        await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
      if (Number(older?.result))
        this.options.logger.info(
          { from: stored, to: SCHEMA_VERSION },
          'reporting tables of an older version dropped; the backfill loads them again',
        );
    }
    for (const ddl of Object.values(TABLES)) await client.command({ query: ddl });
    if (stored < SCHEMA_VERSION)
      await client.insert({
        table: 'schema_version',
        values: [{ version: SCHEMA_VERSION, at: new Date().toISOString() }],
        format: 'JSONEachRow',
      });
  }

  async #connect(): Promise<ClickHouseClient> {
    if (this.options.url)
      return createClient({ url: this.options.url, clickhouse_settings: CLICKHOUSE_SETTINGS });
    const dir = path.join(this.options.dataDir(), 'chdb');
    // Loaded only when embedded: a server installation never loads the native engine.
    const { createChdbConnection } = await import('chdb/connection');
    return createClient({
      // chdb types its connection against @clickhouse/client-common, which @clickhouse/client 1.23
      // now bundles as its own copy: the same interface under two names.
      connection: createChdbConnection({
        path: dir,
      }) as unknown as ClickHouseClientConfigOptions['connection'],
      clickhouse_settings: CLICKHOUSE_SETTINGS,
    });
  }

  /** Closes the client (and, embedded, waits until chDB has really let its directory go). */
  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#available = false;
    if (!client) return;
    await client.close().catch(() => undefined);
    if (this.mode === 'embedded') {
      const { drainPending } = await import('chdb');
      await drainPending();
    }
  }

  /** Stops retrying and closes the client (api.onStop). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timers.clearTimeout(this.#timer);
    await this.#opening?.catch(() => undefined);
    this.#error = 'closed';
    await this.#drop();
  }
}
