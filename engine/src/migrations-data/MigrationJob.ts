import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { CompiledForm } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { targetForm } from './dryRunPlan.js';
import { requireReady, type MigrationPlanStore, type StoredPlan } from './MigrationPlanStore.js';
import { type BatchOutput } from './migrateBatch.js';
import { batchMigrator, type BatchMigrator } from './BatchMigrator.js';
import { safeErrorMessage } from '../logging/safeError.js';

/** Who writes migration revisions when nobody signed in started the run (the CLI). */
export const SYSTEM_ACTOR = '00000000-0000-0000-0000-000000000000';
/** A run whose owner has not written for this long is taken over by the next start. */
export const STALE_AFTER_MS = 30_000;
export const DEFAULT_BATCH = 5000;

export type RunStatus = 'running' | 'done' | 'failed';

export interface RunProgress {
  id: string;
  planId: string;
  status: RunStatus;
  batchSize: number;
  total: number;
  migrated: number;
  failed: number;
  percent: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  owner: string;
}

interface RunRow {
  id: string;
  plan_id: string;
  status: RunStatus;
  batch_size: number;
  total: number;
  migrated: number;
  failed: number;
  cursor_id: string | null;
  pass: number;
  error: string | null;
  started_by: string | null;
  started_at: Date;
  finished_at: Date | null;
  heartbeat_at: Date;
  owner: string;
}

export interface PendingRow {
  id: string;
  row_version: number;
  /** The stored JSON text (parsed where it is migrated: in a worker thread or here). */
  payload: string;
}

export interface JobDeps {
  database: Database;
  catalog: ReleaseCatalog;
  clock: Clock;
  plans: MigrationPlanStore;
  /** Sealed personal values are opened before a plan runs and sealed again after. */
  personal: PersonalFormData;
}

/** A stored payload (JSON text) with its personal values opened, for a plan to run on. */
export function openPayload(personal: PersonalFormData, payload: string): string {
  return payload.includes('"$sealed"')
    ? JSON.stringify(personal.open(JSON.parse(payload) as Record<string, unknown>).data)
    : payload;
}

const text = (row: RunRow): RunProgress => {
  const done = row.migrated + row.failed;
  return {
    id: row.id,
    planId: row.plan_id,
    status: row.status,
    batchSize: row.batch_size,
    total: row.total,
    migrated: row.migrated,
    failed: row.failed,
    percent: row.total ? Math.min(100, Math.floor((done / row.total) * 100)) : 100,
    error: row.error,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    heartbeatAt: new Date(row.heartbeat_at).toISOString(),
    owner: row.owner,
  };
};

/**
 * Worker threads for migrating batches: none unless there are cores to spare beyond this thread
 * and PostgreSQL's (on 2 cores a worker only competes with the database: measured slower).
 */
function defaultWorkers(database: Database): number {
  if (database.kind !== 'postgres') return 0;
  const cores = os.availableParallelism();
  return cores >= 4 ? Math.min(4, cores - 2) : 0;
}

/** This process, as a run's owner. */
export const processOwner = () => `${os.hostname()}:${process.pid}`;

/** Whether the owner of a run is gone: a dead process on this host, or no heartbeat lately. */
function ownerGone(row: RunRow, now: Date): boolean {
  const [host, pid] = row.owner.split(':');
  if (host === os.hostname() && pid && Number(pid) !== process.pid) {
    try {
      process.kill(Number(pid), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
  }
  return now.getTime() - new Date(row.heartbeat_at).getTime() > STALE_AFTER_MS;
}

/**
 * Records still pinned to the plan's source release after `cursor` (keyset order by id), not
 * already failed in `runId`. No lock is held while the plan runs in JavaScript: the write only
 * applies where the row version is still the one read (a record amended meanwhile is left for
 * the next pass), and only while the record is still on the source release (so nothing is ever
 * migrated twice, whatever runs concurrently or again).
 */
export async function readBatch(
  database: Database,
  plan: StoredPlan,
  cursor: string | null,
  runId: string | null,
  limit: number,
): Promise<PendingRow[]> {
  return database.sequelize.query<PendingRow>(
    `SELECT s.id, s.row_version, s.payload::text AS payload FROM submissions s
     WHERE s.form_key = $1 AND s.release_id = $2 AND ($3::uuid IS NULL OR s.id > $3::uuid)
       AND ($4::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM data_migration_failures f
         WHERE f.run_id = $4::uuid AND f.submission_id = s.id))
     ORDER BY s.id LIMIT $5`,
    {
      bind: [plan.formKey, plan.from.releaseId, cursor, runId, limit],
      type: QueryTypes.SELECT,
    },
  );
}

async function countPending(database: Database, plan: StoredPlan, runId: string) {
  const [row] = await database.sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM submissions s WHERE s.form_key = $1 AND s.release_id = $2
       AND NOT EXISTS (SELECT 1 FROM data_migration_failures f
         WHERE f.run_id = $3 AND f.submission_id = s.id)`,
    { bind: [plan.formKey, plan.from.releaseId, runId], type: QueryTypes.SELECT },
  );
  return row!.n;
}

export async function getRun(database: Database, runId: string): Promise<RunProgress | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return undefined;
  const rows = await database.sequelize.query<RunRow>(
    'SELECT * FROM data_migration_runs WHERE id = $1',
    { bind: [runId], type: QueryTypes.SELECT },
  );
  return rows[0] && text(rows[0]);
}

export async function listRuns(database: Database, planId: string): Promise<RunProgress[]> {
  const rows = await database.sequelize.query<RunRow>(
    'SELECT * FROM data_migration_runs WHERE plan_id = $1 ORDER BY started_at DESC',
    { bind: [planId], type: QueryTypes.SELECT },
  );
  return rows.map(text);
}

/**
 * Claims the run of a plan: resumes its unfinished run when that run's owner is gone (or is this
 * very process), else starts a new one counting the records to migrate. 409 while another live
 * process runs it; 422 while the plan has open decisions.
 */
export async function claimRun(
  deps: JobDeps,
  planId: string,
  options: { batchSize?: number; actorId?: string | null; owner?: string } = {},
): Promise<{ run: RunProgress; resumed: boolean }> {
  const plan = await deps.plans.require(planId);
  requireReady(plan);
  const owner = options.owner ?? processOwner();
  const now = deps.clock.now();
  return deps.database.transaction(async (transaction) => {
    await deps.database.sequelize.query(
      'SELECT id FROM data_migration_plans WHERE id = $1 FOR UPDATE',
      { bind: [planId], transaction },
    );
    const [open] = await deps.database.sequelize.query<RunRow>(
      `SELECT * FROM data_migration_runs WHERE plan_id = $1 AND status = 'running'
       ORDER BY started_at DESC LIMIT 1`,
      { bind: [planId], type: QueryTypes.SELECT, transaction },
    );
    if (open) {
      if (open.owner !== owner && !ownerGone(open, now))
        throw new HttpError(
          409,
          'migration_running',
          `迁移正由 ${open.owner} 执行 / The migration is running in ${open.owner}`,
          { runId: open.id },
        );
      const [taken] = await deps.database.sequelize.query<RunRow>(
        `UPDATE data_migration_runs SET owner = $2, heartbeat_at = $3,
           batch_size = coalesce($4, batch_size) WHERE id = $1 RETURNING *`,
        {
          bind: [open.id, owner, now, options.batchSize ?? null],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      return { run: text(taken!), resumed: true };
    }
    const [count] = await deps.database.sequelize.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM submissions WHERE form_key = $1 AND release_id = $2',
      { bind: [plan.formKey, plan.from.releaseId], type: QueryTypes.SELECT, transaction },
    );
    const [created] = await deps.database.sequelize.query<RunRow>(
      `INSERT INTO data_migration_runs (id, plan_id, status, batch_size, total, started_by,
         started_at, heartbeat_at, owner)
       VALUES ($1, $2, 'running', $3, $4, $5, $6, $6, $7) RETURNING *`,
      {
        bind: [
          randomUUID(),
          planId,
          options.batchSize ?? DEFAULT_BATCH,
          count!.n,
          options.actorId ?? null,
          now,
          owner,
        ],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    await deps.database.sequelize.query(
      `UPDATE data_migration_plans SET status = 'running', updated_at = $2 WHERE id = $1`,
      { bind: [planId, now], transaction },
    );
    return { run: text(created!), resumed: false };
  });
}

interface Batch extends BatchOutput {
  cursor: string;
}

/**
 * Executes one run of a plan in batches: read a batch (keyset on id), migrate it in JavaScript
 * (applyMigration with the target compiled form, exactly as the dry run), then write every
 * success of the batch, its revisions, outbox events, failures, progress counters and the run's
 * cursor with ONE statement (atomic; the next batch is read and migrated while it is written).
 * Killed at any point, a restart resumes after the last committed batch; records are only
 * moved while still on the source release, so none is migrated twice.
 */
export class MigrationJob {
  #stopRequested = false;
  /** Where the job's thread spent its time (ms): waiting for reads, migrating, waiting for writes. */
  readonly timings = { read: 0, migrate: 0, write: 0 };

  constructor(
    private readonly deps: JobDeps,
    readonly runId: string,
    private readonly options: {
      onProgress?: (progress: RunProgress) => void;
      /** Worker threads migrating batches (default: see defaultWorkers). */
      workers?: number;
    } = {},
  ) {}

  /** Stops after the batch being written (the run stays resumable). */
  stop(): void {
    this.#stopRequested = true;
  }

  async run(): Promise<RunProgress> {
    const { database } = this.deps;
    const [row] = await database.sequelize.query<RunRow>(
      'SELECT * FROM data_migration_runs WHERE id = $1',
      { bind: [this.runId], type: QueryTypes.SELECT },
    );
    if (!row) throw new Error(`no migration run ${this.runId}`);
    const plan = await this.deps.plans.require(row.plan_id);
    try {
      const actor = row.started_by ?? plan.createdBy ?? SYSTEM_ACTOR;
      const workers = this.options.workers ?? defaultWorkers(database);
      const migrator = batchMigrator(plan, targetForm(this.deps.catalog, plan), workers);
      try {
        let cursor = row.cursor_id;
        let pass = row.pass;
        for (;;) {
          const finished = await this.#pass(plan, migrator, actor, row.batch_size, cursor, pass);
          if (!finished) return (await getRun(database, this.runId))!; // stopped: resumable
          // Records amended while their batch was migrating were skipped: another pass gets them.
          const left = await countPending(database, plan, this.runId);
          if (!left || pass >= 5) break;
          pass += 1;
          cursor = null;
          await database.sequelize.query(
            `UPDATE data_migration_runs SET pass = $2, cursor_id = NULL,
               total = migrated + failed + $3 WHERE id = $1`,
            { bind: [this.runId, pass, left] },
          );
        }
      } finally {
        await migrator.close();
      }
      const [done] = await database.sequelize.query<RunRow>(
        `UPDATE data_migration_runs SET status = 'done', finished_at = $2, heartbeat_at = $2,
           total = greatest(total, migrated + failed) WHERE id = $1 RETURNING *`,
        { bind: [this.runId, this.deps.clock.now()], type: QueryTypes.SELECT },
      );
      await this.deps.plans.setStatus(plan.id, done!.failed ? 'ready' : 'done');
      const progress = text(done!);
      this.options.onProgress?.(progress);
      return progress;
    } catch (err) {
      await database.sequelize
        .query(
          `UPDATE data_migration_runs SET status = 'failed', error = $2, finished_at = $3
           WHERE id = $1`,
          { bind: [this.runId, safeErrorMessage(err).slice(0, 2000), this.deps.clock.now()] },
        )
        .catch(() => undefined);
      await this.deps.plans.setStatus(plan.id, 'failed').catch(() => undefined);
      throw err;
    }
  }

  /**
   * One keyset pass, pipelined: while batch N is written, batch N+1 is migrated (in a worker
   * thread when there are some) and N+2 read. Writes stay in order, so the stored cursor only
   * moves forward. False when stopped before the end.
   */
  async #pass(
    plan: StoredPlan,
    migrator: BatchMigrator,
    actor: string,
    batchSize: number,
    start: string | null,
    pass: number,
  ): Promise<boolean> {
    const today = ruleClock(this.deps.clock).today();
    const target = targetForm(this.deps.catalog, plan).compiled;
    // PGlite serves one statement at a time over its socket (overlapping extended-protocol
    // messages of two connections get mixed up): nothing overlaps a write there.
    const overlap = this.deps.database.kind === 'postgres';
    const depth = migrator.parallel + 1;
    const inflight: Promise<Batch>[] = [];
    let cursor = start;
    let writing: Promise<void> | undefined;
    const flushOne = async (): Promise<boolean> => {
      let at = performance.now();
      const batch = await inflight.shift()!;
      this.timings.migrate += performance.now() - at;
      at = performance.now();
      await writing;
      this.timings.write += performance.now() - at;
      if (this.#stopRequested) return false;
      writing = this.#write(plan, actor, batch, pass);
      if (!overlap) await writing;
      return true;
    };
    const read = (after: string | null) =>
      readBatch(this.deps.database, plan, after, this.runId, batchSize);
    // With cores to spare, the next batch is read while this one migrates and the last one is
    // written (on 2 cores the read only slows the write down: measured 139 s → 170 s a million).
    const prefetch = overlap && os.availableParallelism() >= 4;
    let next: Promise<PendingRow[]> | undefined = prefetch ? read(cursor) : undefined;
    try {
      for (;;) {
        if (this.#stopRequested) return false;
        if (!overlap) await writing;
        const waited = performance.now();
        const rows = await (next ?? read(cursor));
        this.timings.read += performance.now() - waited;
        next = undefined;
        if (!rows.length) break;
        const batchCursor = rows[rows.length - 1]!.id;
        cursor = batchCursor;
        if (prefetch) next = read(cursor);
        const at = performance.now();
        inflight.push(
          migrator
            .migrate(today, {
              ids: rows.map((r) => r.id),
              rowVersions: rows.map((r) => r.row_version),
              payloads: rows.map((r) => openPayload(this.deps.personal, r.payload)),
            })
            .then((output) => ({ ...this.#sealed(target, output), cursor: batchCursor })),
        );
        this.timings.migrate += performance.now() - at;
        if (inflight.length >= depth && !(await flushOne())) return false;
      }
      while (inflight.length) if (!(await flushOne())) return false;
      return true;
    } finally {
      // Batches migrated but not written are dropped: a resumed run reads them again.
      await Promise.allSettled([...inflight, ...(next ? [next] : [])]);
      await writing;
    }
  }

  /** The migrated records with their personal values sealed again (by the target form). */
  #sealed(target: CompiledForm, output: BatchOutput): BatchOutput {
    if (!this.deps.personal.fieldsOf(target).length) return output;
    const clean = (
      JSON.parse(output.clean) as [string, number, Record<string, unknown>, unknown][]
    ).map(([id, rowVersion, data, changed]) => [
      id,
      rowVersion,
      this.deps.personal.seal(target, data),
      changed,
    ]);
    return { ...output, clean: JSON.stringify(clean) };
  }

  async #write(plan: StoredPlan, actor: string, batch: Batch, pass: number): Promise<void> {
    const now = this.deps.clock.now();
    const [row] = await this.deps.database.sequelize.query<RunRow>(
      `WITH v AS (
         SELECT (e->>0)::uuid AS id, (e->>1)::int AS row_version, e->2 AS payload,
           e->3 AS changed
         FROM jsonb_array_elements($1::jsonb) e),
       upd AS (
         UPDATE submissions s SET payload = v.payload, release_id = $4, form_version = $5,
           revision = s.revision + 1, row_version = s.row_version + 1,
           migrated_by_plan = $6::uuid,
           migrated_from = jsonb_build_object('releaseId', s.release_id,
             'formVersion', s.form_version, 'revision', s.revision),
           captured_on = coalesce(s.captured_on, jsonb_build_object('releaseId', s.release_id,
             'formVersion', s.form_version)),
           updated_by = $7::uuid, updated_at = $8::timestamptz
         FROM v
         WHERE s.id = v.id AND s.row_version = v.row_version AND s.release_id = $9
           AND s.form_key = $10
         RETURNING s.id, s.revision, s.subject_id, s.enrollment_id, s.org_code, s.migrated_from,
           v.payload, v.changed),
       rev AS (
         INSERT INTO submission_revisions (submission_id, revision, payload, changed, reason,
           author_id, created_at, release_id, form_version, migration_plan_id)
         SELECT id, revision, payload, changed, $11, $7::uuid, $8, $4, $5, $6::uuid FROM upd),
       event AS (
         INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
         SELECT 'submission.migrated', id, revision, jsonb_build_object(
           'submissionId', id, 'subjectId', subject_id, 'enrollmentId', enrollment_id,
           'formKey', $10::text, 'formVersion', $5::text, 'releaseId', $4::text,
           'orgCode', org_code, 'revision', revision, 'authorId', $7::uuid::text, 'at', $14::text,
           'data', payload, 'changed', changed,
           'migration', jsonb_build_object('planId', $6::uuid::text, 'from', migrated_from))
         FROM upd),
       fail AS (
         INSERT INTO data_migration_failures (run_id, submission_id, reasons)
         SELECT $12::uuid, (e->>0)::uuid, e->1 FROM jsonb_array_elements($2::jsonb) e
         ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE data_migration_runs SET migrated = migrated + (SELECT count(*) FROM upd),
         failed = failed + (SELECT count(*) FROM fail), cursor_id = $3::uuid, pass = $13,
         heartbeat_at = $8::timestamptz
       WHERE id = $12::uuid RETURNING *`,
      {
        bind: [
          batch.clean,
          batch.failed,
          batch.cursor,
          plan.to.releaseId,
          plan.to.formVersion,
          plan.id,
          actor,
          now,
          plan.from.releaseId,
          plan.formKey,
          `数据迁移 / data migration ${plan.from.releaseId} → ${plan.to.releaseId}`,
          this.runId,
          pass,
          now.toISOString(),
        ],
        type: QueryTypes.SELECT,
      },
    );
    if (row) this.options.onProgress?.(text(row));
  }
}
