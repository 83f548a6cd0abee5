import { QueryTypes, type Transaction } from 'sequelize';
import { ruleClock } from '../clock.js';
import type { Logger } from '../logging/createLogger.js';
import type { DueItemWriter, RecomputeOutcome } from './DueItemWriter.js';
import { schedulesFor } from './programSchedules.js';
import type { Database } from '../database/Database.js';
import type { Clock } from '../clock.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';

export const SCHEDULE_CONSUMER = 'schedules';

/** An outbox event as the schedules consumer reads it. */
export interface ScheduleEvent {
  id: string;
  txId: string;
  topic: string;
  aggregateId: string;
  payload: { subjectId?: string; formKey?: string };
}

/** What one poll did. */
export interface PollOutcome extends RecomputeOutcome {
  events: number;
}

/**
 * Keeps due items current from the outbox (consumer `schedules`), never by rescanning: each
 * `submission.created`, `.amended` or `.migrated` event recomputes the resident's active
 * enrollments whose schedules read the submission's form (as a form or as a fact), and each
 * `enrollment.created` or `.ended` event recomputes that enrollment.
 *
 * Exactly once: a batch of events is read, its enrollments recomputed and the consumer's cursor
 * moved in one transaction, with the cursor row locked first (two engines take turns); a crash
 * before the commit leaves both the items and the cursor as they were, and the batch is read
 * again. The recomputation is idempotent besides (an enrollment whose inputs did not change is
 * not written), so an event read twice after a restored cursor changes nothing either.
 *
 * Each poll also recomputes, in batches, the enrollments whose schedules count from the start of
 * the year once a new year has begun (`schedule_states.recompute_on`): the calendar is the only
 * other thing that moves a due date.
 */
export class ScheduleWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<PollOutcome> | undefined;

  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      clock: Clock;
      writer: DueItemWriter;
    },
    private readonly options: { intervalMs: number; batch?: number; logger?: Logger },
  ) {}

  start(): void {
    if (this.#timer || this.options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Handles every event there is (batch after batch), then the year's roll-over; never throws. */
  poll(): Promise<PollOutcome> {
    this.#running ??= this.#poll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #poll(): Promise<PollOutcome> {
    const total: PollOutcome = { events: 0, enrollments: 0, computed: 0, failed: 0 };
    const add = (o: PollOutcome) => {
      total.events += o.events;
      total.enrollments += o.enrollments;
      total.computed += o.computed;
      total.failed += o.failed;
    };
    try {
      for (;;) {
        const outcome = await this.deps.database.transaction(async (transaction) => {
          const events = await this.read(transaction);
          if (!events.length) return undefined;
          const done = await this.apply(events, transaction);
          await this.ack(events.at(-1)!, transaction);
          return { events: events.length, ...done };
        });
        if (!outcome) break;
        add(outcome);
      }
      for (;;) {
        const outcome = await this.rollOver();
        if (!outcome.enrollments) break;
        add({ events: 0, ...outcome });
      }
    } catch (err) {
      this.options.logger?.warn({ err }, 'schedules outbox poll failed');
    }
    return total;
  }

  /**
   * Locks the consumer's cursor and reads the events after it, in commit-safe order (Outbox.ts):
   * only from transactions older than every one still running.
   */
  async read(transaction: Transaction): Promise<ScheduleEvent[]> {
    const { sequelize } = this.deps.database;
    await sequelize.query(
      `INSERT INTO outbox_cursors (consumer, updated_at) VALUES ($1, now())
       ON CONFLICT (consumer) DO NOTHING`,
      { bind: [SCHEDULE_CONSUMER], transaction },
    );
    const [cursor] = await sequelize.query<{ tx_id: string; event_id: string }>(
      `SELECT tx_id::text AS tx_id, event_id::text AS event_id FROM outbox_cursors
       WHERE consumer = $1 FOR UPDATE`,
      { bind: [SCHEDULE_CONSUMER], type: QueryTypes.SELECT, transaction },
    );
    const rows = await sequelize.query<{
      id: string;
      tx_id: string;
      topic: string;
      aggregate_id: string;
      payload: ScheduleEvent['payload'];
    }>(
      `SELECT id::text AS id, tx_id::text AS tx_id, topic, aggregate_id, payload FROM outbox
       WHERE (tx_id, id) > ($1::xid8, $2::bigint)
         AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY tx_id, id LIMIT $3`,
      {
        bind: [cursor!.tx_id, cursor!.event_id, this.options.batch ?? 200],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return rows.map((r) => ({
      id: r.id,
      txId: r.tx_id,
      topic: r.topic,
      aggregateId: r.aggregate_id,
      payload: r.payload,
    }));
  }

  /** Recomputes the enrollments the events change, in the caller's transaction. */
  async apply(events: ScheduleEvent[], transaction: Transaction): Promise<RecomputeOutcome> {
    const enrollments = new Set<string>();
    const forms = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.topic === 'enrollment.created' || event.topic === 'enrollment.ended')
        enrollments.add(event.aggregateId);
      else if (event.topic.startsWith('submission.')) {
        const { subjectId, formKey } = event.payload;
        if (!subjectId || !formKey) continue;
        const set = forms.get(subjectId);
        if (set) set.add(formKey);
        else forms.set(subjectId, new Set([formKey]));
      }
    }
    if (forms.size) {
      const active = await this.deps.database.sequelize.query<{
        id: string;
        subject_id: string;
        program: string;
        org_path: string;
      }>(
        `SELECT id, subject_id, program, org_path FROM enrollments
         WHERE subject_id = ANY($1::uuid[]) AND ended_on IS NULL`,
        { bind: [[...forms.keys()]], type: QueryTypes.SELECT, transaction },
      );
      for (const e of active) {
        const submitted = forms.get(e.subject_id)!;
        let reads = false;
        try {
          reads = schedulesFor(this.deps.catalog.forOrgPath(e.org_path), e.program).some((r) =>
            [...submitted].some((form) => r.forms.has(form)),
          );
        } catch {
          // No release serves it: nothing to compute (the writer logs it when asked).
        }
        if (reads) enrollments.add(e.id);
      }
    }
    return this.deps.writer.recompute([...enrollments], transaction, {
      sourceEvent: events.at(-1)!.id,
    });
  }

  /** Moves the cursor past `event`, in the transaction that handled it. */
  async ack(event: ScheduleEvent, transaction: Transaction): Promise<void> {
    await this.deps.database.sequelize.query(
      `UPDATE outbox_cursors SET tx_id = $2::xid8, event_id = $3::bigint, updated_at = now()
       WHERE consumer = $1`,
      { bind: [SCHEDULE_CONSUMER, event.txId, event.id], transaction },
    );
  }

  /** One batch of enrollments whose yearly occurrences start over (recompute_on has come). */
  async rollOver(): Promise<RecomputeOutcome> {
    const today = ruleClock(this.deps.clock).today();
    return this.deps.database.transaction(async (transaction) => {
      const due = await this.deps.database.sequelize.query<{ enrollment_id: string }>(
        `SELECT DISTINCT enrollment_id FROM schedule_states
         WHERE recompute_on <= $1::date ORDER BY enrollment_id LIMIT $2`,
        { bind: [today, this.options.batch ?? 200], type: QueryTypes.SELECT, transaction },
      );
      if (!due.length) return { enrollments: 0, computed: 0, failed: 0 };
      const ids = due.map((d) => d.enrollment_id);
      const outcome = await this.deps.writer.recompute(ids, transaction);
      // One no release serves any more is not computed: it waits for next year (or a rebuild),
      // rather than coming first in every batch.
      await this.deps.database.sequelize.query(
        `UPDATE schedule_states SET recompute_on = $3::date
         WHERE enrollment_id = ANY($1::uuid[]) AND recompute_on <= $2::date`,
        { bind: [ids, today, `${Number(today.slice(0, 4)) + 1}-01-01`], transaction },
      );
      return { ...outcome, enrollments: Math.max(outcome.enrollments, ids.length) };
    });
  }
}
