import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import type { DueItemWriter } from './DueItemWriter.js';

/** A rebuild's row (`schedule_rebuilds`): its cursor and counts. */
export interface RebuildRun {
  id: string;
  releaseId: string | null;
  status: 'running' | 'done';
  /**
   * Enrollments looked at so far (each once: a batch and the cursor commit together), of `total`
   * counted when it started (enrollments added meanwhile may take it past `total`).
   */
  done: number;
  total: number;
  /** Schedules whose inputs had changed and were computed again. */
  changed: number;
}

interface Row {
  id: string;
  release_id: string | null;
  status: 'running' | 'done';
  cursor_id: string | null;
  done: number;
  changed: number;
  total: number;
}

const view = (r: Row): RebuildRun => ({
  id: r.id,
  releaseId: r.release_id,
  status: r.status,
  done: r.done,
  total: r.total,
  changed: r.changed,
});

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * `formwork schedules rebuild`: every active enrollment's due items recomputed on the release now
 * serving its clinic (and every ended enrollment that still has open items), e.g. after a new
 * release — with `releaseId`, only those the release serves. Enrollments go in id order, a batch
 * per transaction that also moves the rebuild's cursor (`schedule_rebuilds`), so a rebuild killed
 * halfway resumes after the last committed batch; what the writer recomputes is idempotent, so
 * an enrollment whose inputs did not change is not written at all.
 */
export class ScheduleRebuild {
  #stopping = false;

  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      clock: Clock;
      writer: DueItemWriter;
    },
    private readonly options: {
      batch: number;
      releaseId?: string | undefined;
      onProgress?: (run: RebuildRun) => void;
    },
  ) {}

  /** The running rebuild of this release filter, or a new one counting what it will look at. */
  async claim(): Promise<{ run: RebuildRun; resumed: boolean }> {
    const { database, clock } = this.deps;
    return database.transaction(async (transaction) => {
      const [running] = await database.sequelize.query<Row>(
        `SELECT * FROM schedule_rebuilds
         WHERE status = 'running' AND coalesce(release_id, '') = $1 FOR UPDATE`,
        { bind: [this.options.releaseId ?? ''], type: QueryTypes.SELECT, transaction },
      );
      if (running) return { run: view(running), resumed: true };
      const [count] = await database.sequelize.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM enrollments e WHERE e.ended_on IS NULL
           OR EXISTS (SELECT 1 FROM due_items d WHERE d.enrollment_id = e.id AND d.status = 'open')`,
        { type: QueryTypes.SELECT, transaction },
      );
      const [created] = await database.sequelize.query<Row>(
        `INSERT INTO schedule_rebuilds (id, release_id, status, total, started_at, heartbeat_at)
         VALUES ($1, $2, 'running', $3, $4, $4) RETURNING *`,
        {
          bind: [randomUUID(), this.options.releaseId ?? null, count!.n, clock.now()],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      return { run: view(created!), resumed: false };
    });
  }

  /** Asks the run to stop after the batch it is writing. */
  stop(): void {
    this.#stopping = true;
  }

  /** Batches until every enrollment is done (or `stop`); the run as it stands. */
  async run(runId: string): Promise<RebuildRun> {
    const { database, catalog, clock, writer } = this.deps;
    for (;;) {
      const row = await database.transaction(async (transaction) => {
        const [run] = await database.sequelize.query<Row>(
          'SELECT * FROM schedule_rebuilds WHERE id = $1 FOR UPDATE',
          { bind: [runId], type: QueryTypes.SELECT, transaction },
        );
        if (!run || run.status === 'done') return run;
        const batch = await database.sequelize.query<{ id: string; org_path: string }>(
          `SELECT e.id, e.org_path FROM enrollments e
           WHERE e.id > $1::uuid AND (e.ended_on IS NULL OR EXISTS (
             SELECT 1 FROM due_items d WHERE d.enrollment_id = e.id AND d.status = 'open'))
           ORDER BY e.id LIMIT $2`,
          {
            bind: [run.cursor_id ?? FIRST_ID, this.options.batch],
            type: QueryTypes.SELECT,
            transaction,
          },
        );
        const chosen = this.options.releaseId
          ? batch.filter((e) => {
              try {
                return catalog.forOrgPath(e.org_path).id === this.options.releaseId;
              } catch {
                return false;
              }
            })
          : batch;
        const outcome = await writer.recompute(
          chosen.map((e) => e.id),
          transaction,
        );
        const [updated] = await database.sequelize.query<Row>(
          `UPDATE schedule_rebuilds SET cursor_id = coalesce($2::uuid, cursor_id),
             done = done + $3, changed = changed + $4, heartbeat_at = $5,
             status = $6, finished_at = $7::timestamptz
           WHERE id = $1 RETURNING *`,
          {
            bind: [
              runId,
              batch.at(-1)?.id ?? null,
              batch.length,
              outcome.computed,
              clock.now(),
              batch.length < this.options.batch ? 'done' : 'running',
              batch.length < this.options.batch ? clock.now() : null,
            ],
            type: QueryTypes.SELECT,
            transaction,
          },
        );
        return updated;
      });
      if (!row) throw new Error(`no schedule rebuild ${runId}`);
      const run = view(row);
      this.options.onProgress?.(run);
      if (run.status === 'done' || this.#stopping) return run;
    }
  }
}
