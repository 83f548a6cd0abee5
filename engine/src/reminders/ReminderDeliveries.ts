import { QueryTypes, type Transaction } from 'sequelize';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import { safeErrorMessage } from '../logging/safeError.js';
import type { Reminder, ReminderHook, ReminderMoment } from './Reminder.js';

/** How often a hook is tried before its delivery is left as failed. */
export const REMINDER_DELIVERY_ATTEMPTS = 8;
/** How long a claimed delivery is another process's before it may be tried again. */
export const REMINDER_DELIVERY_LEASE_MS = 60_000;
/** The wait after the first failure; it doubles with each (capped at an hour). */
const BACKOFF_MS = 5_000;

interface DeliveryRow {
  reminder_id: string;
  hook: string;
  attempts: number;
  moment: ReminderMoment;
  moment_date: string;
  due_item_id: string;
  subject_id: string;
  program: string;
  schedule_id: string;
  occurrence_id: string;
  title: { zh: string; en: string };
  form_key: string;
  org_code: string;
  due_date: string;
  overdue_date: string;
  recipient_user_id: string | null;
  notification_id: string | null;
  fired_at: Date | string;
}

/**
 * The plugin hooks of reminders (`api.onReminder`), delivered from an outbox
 * (`reminder_deliveries`): the firing transaction writes one pending row per reminder and hook
 * registered, so a hook never runs for a reminder that did not commit. After the commit,
 * `deliver` claims due rows (FOR UPDATE SKIP LOCKED, in a short transaction that sets a lease and
 * counts the attempt), calls each hook outside any transaction, and records the outcome:
 * delivered, or the error with the next attempt after a doubling backoff — failed after
 * REMINDER_DELIVERY_ATTEMPTS. A process that dies during the call leaves the row to be claimed
 * again when its lease ran out. Delivery is therefore at least once, never before the commit.
 */
export class ReminderDeliveries {
  /** The hooks of this process, by the plugin that registered each. */
  readonly hooks = new Map<string, ReminderHook>();

  constructor(
    private readonly deps: { database: Database; clock: Clock; node: string; logger?: Logger },
  ) {}

  /** Writes the pending deliveries of fired reminders (in the firing transaction). */
  async enqueue(reminderIds: readonly string[], transaction: Transaction): Promise<void> {
    if (!reminderIds.length || !this.hooks.size) return;
    await this.deps.database.sequelize.query(
      `INSERT INTO reminder_deliveries (reminder_id, hook, status, next_attempt_at)
       SELECT r, h, 'pending', $3::timestamptz FROM unnest($1::uuid[]) AS r
       CROSS JOIN unnest($2::text[]) AS h`,
      { bind: [reminderIds, [...this.hooks.keys()], this.deps.clock.now()], transaction },
    );
  }

  /**
   * Delivers the due deliveries of this process's hooks, `batch` at a time (each batch leased
   * for REMINDER_DELIVERY_LEASE_MS: a hook should take well under lease ÷ batch), up to
   * `rounds` batches; returns how many were tried.
   */
  async deliver(batch = 20, rounds = 50): Promise<number> {
    let tried = 0;
    for (let round = 0; round < rounds; round++) {
      const n = await this.#deliverBatch(batch);
      tried += n;
      if (n < batch) break;
    }
    return tried;
  }

  async #deliverBatch(batch: number): Promise<number> {
    if (!this.hooks.size) return 0;
    const { database, clock } = this.deps;
    const now = clock.now();
    const claimed = await database.transaction(async (transaction) => {
      const rows = await database.sequelize.query<DeliveryRow>(
        `SELECT d.reminder_id, d.hook, d.attempts, r.moment, r.moment_date::text AS moment_date,
           r.due_item_id, r.subject_id, r.program, r.schedule_id, r.occurrence_id, r.title,
           r.form_key, r.org_code, r.due_date::text AS due_date,
           r.overdue_date::text AS overdue_date, r.recipient_user_id, r.notification_id,
           r.fired_at
         FROM reminder_deliveries d JOIN reminders r ON r.id = d.reminder_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND d.hook = ANY($2::text[])
         ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED`,
        { bind: [now, [...this.hooks.keys()], batch], type: QueryTypes.SELECT, transaction },
      );
      if (rows.length)
        await database.sequelize.query(
          `UPDATE reminder_deliveries d SET attempts = d.attempts + 1,
             next_attempt_at = $3::timestamptz
           FROM unnest($1::uuid[], $2::text[]) AS x(r, h)
           WHERE d.reminder_id = x.r AND d.hook = x.h`,
          {
            bind: [
              rows.map((r) => r.reminder_id),
              rows.map((r) => r.hook),
              new Date(now.getTime() + REMINDER_DELIVERY_LEASE_MS),
            ],
            transaction,
          },
        );
      return rows;
    });
    for (const row of claimed) await this.#call(row);
    return claimed.length;
  }

  async #call(row: DeliveryRow) {
    const { database, clock, node, logger } = this.deps;
    const attempt = row.attempts + 1;
    const hook = this.hooks.get(row.hook)!;
    try {
      await hook(reminderOf(row, attempt));
    } catch (err) {
      const error = safeErrorMessage(err);
      const failed = attempt >= REMINDER_DELIVERY_ATTEMPTS;
      logger?.warn(
        { err, reminderId: row.reminder_id, hook: row.hook, attempt },
        failed ? 'reminder hook failed for the last time' : 'reminder hook failed; retried later',
      );
      const wait = Math.min(BACKOFF_MS * 2 ** (attempt - 1), 3_600_000);
      await database.sequelize.query(
        `UPDATE reminder_deliveries SET status = $3, last_error = $4,
           next_attempt_at = $5::timestamptz
         WHERE reminder_id = $1 AND hook = $2 AND status = 'pending'`,
        {
          bind: [
            row.reminder_id,
            row.hook,
            failed ? 'failed' : 'pending',
            error,
            new Date(clock.now().getTime() + wait),
          ],
        },
      );
      return;
    }
    await database.sequelize.query(
      `UPDATE reminder_deliveries SET status = 'delivered', delivered_at = $3, delivered_by = $4
       WHERE reminder_id = $1 AND hook = $2 AND status = 'pending'`,
      { bind: [row.reminder_id, row.hook, clock.now(), node] },
    );
  }
}

/** The reminder a hook receives. */
function reminderOf(row: DeliveryRow, attempt: number): Reminder {
  return {
    id: row.reminder_id,
    moment: row.moment,
    momentDate: row.moment_date,
    dueItemId: row.due_item_id,
    subjectId: row.subject_id,
    program: row.program,
    scheduleId: row.schedule_id,
    occurrenceId: row.occurrence_id,
    title: row.title,
    formKey: row.form_key,
    orgCode: row.org_code,
    dueDate: row.due_date,
    overdueDate: row.overdue_date,
    recipientUserId: row.recipient_user_id,
    notificationId: row.notification_id,
    firedAt: new Date(row.fired_at).toISOString(),
    attempt,
  };
}
