import type { ClickHouseClient } from '@clickhouse/client';

/**
 * `load_state`: where a resumable load (the backfill) stands, one row per name, kept beside the
 * data it describes so a store that is wiped or replaced starts over by itself. A
 * ReplacingMergeTree on `version` read with FINAL: each save is a new row and the newest wins.
 */
export const LOAD_STATE_DDL = `CREATE TABLE IF NOT EXISTS load_state (
    name String,
    phase LowCardinality(String),
    position String,
    loaded UInt64,
    total UInt64,
    done UInt8,
    started_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY name`;

/** The backfill's passes, in order: every stored submission, then every enrollment. */
export type BackfillPhase = 'submissions' | 'enrollments';

/** One saved position. */
export interface LoadPosition {
  phase: BackfillPhase;
  /** The last id loaded in this phase ('' before the first page). */
  position: string;
  /** Submissions loaded so far (the progress bar's count). */
  loaded: number;
  /** Submissions stored when the run began. */
  total: number;
  done: boolean;
  startedAt: string;
  updatedAt: string;
}

interface Row {
  phase: string;
  position: string;
  loaded: string;
  total: string;
  done: number;
  started_at: string;
  updated_at: string;
  version: string;
}

/** Reads and saves the named position in `load_state` (created on first use). */
export class LoadState {
  #ready = false;
  #version = 0;

  constructor(
    private readonly client: () => ClickHouseClient,
    readonly name: string,
  ) {}

  async #ensure(): Promise<ClickHouseClient> {
    const client = this.client();
    if (!this.#ready) {
      await client.command({ query: LOAD_STATE_DDL });
      this.#ready = true;
    }
    return client;
  }

  /** The newest saved position, or undefined when none was saved (or it was cleared). */
  async read(): Promise<LoadPosition | undefined> {
    const client = await this.#ensure();
    const result = await client.query({
      query: `SELECT phase, position, loaded, total, done, started_at, updated_at, version
        FROM load_state FINAL WHERE name = {name:String}`,
      query_params: { name: this.name },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<Row>();
    if (!row) return undefined;
    this.#version = Math.max(this.#version, Number(row.version));
    if (row.phase !== 'submissions' && row.phase !== 'enrollments') return undefined;
    return {
      phase: row.phase,
      position: row.position,
      loaded: Number(row.loaded),
      total: Number(row.total),
      done: row.done === 1,
      startedAt: toIso(row.started_at),
      updatedAt: toIso(row.updated_at),
    };
  }

  /**
   * Saves a position as a new row whose version is above every one this process has read or
   * written (and above the clock's milliseconds, so another process's later save wins too).
   */
  async save(position: LoadPosition): Promise<void> {
    const client = await this.#ensure();
    this.#version = Math.max(this.#version + 1, Date.parse(position.updatedAt));
    await client.insert({
      table: 'load_state',
      values: [
        {
          name: this.name,
          phase: position.phase,
          position: position.position,
          loaded: position.loaded,
          total: position.total,
          done: position.done ? 1 : 0,
          started_at: position.startedAt,
          updated_at: position.updatedAt,
          version: this.#version,
        },
      ],
      format: 'JSONEachRow',
    });
  }
}

/** ClickHouse's `2026-12-08 00:16:58.123` (UTC) as ISO 8601. */
const toIso = (text: string) =>
  new Date(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`).toISOString();
