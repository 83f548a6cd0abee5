import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import { crashBeforeCommit } from '../workflows/crashBeforeCommit.js';
import type { NotificationService } from './NotificationService.js';
import type { ReminderMoment } from './Reminder.js';
import type { ReminderDeliveries } from './ReminderDeliveries.js';

interface ClaimedItem {
  id: string;
  subject_id: string;
  program: string;
  schedule_id: string;
  occurrence_id: string;
  title: { zh: string; en: string };
  form_key: string;
  org_code: string;
  responsible_user_id: string | null;
  due_date: string;
  due_soon_date: string;
  overdue_date: string;
}

/** Each moment: the stage it sets and the open items it claims (stage not reached, day come). */
const MOMENTS: readonly { moment: ReminderMoment; stage: number; where: string; on: string }[] = [
  {
    moment: 'overdue',
    stage: 2,
    where: 'reminder_stage < 2 AND overdue_date <= $1::date',
    on: 'overdue_date',
  },
  {
    moment: 'due-soon',
    stage: 1,
    where: 'reminder_stage = 0 AND due_soon_date <= $1::date AND overdue_date > $1::date',
    on: 'due_soon_date',
  },
];

/** The notification of a moment, in the doctor's words. */
function titleOf(moment: ReminderMoment, item: ClaimedItem) {
  return moment === 'overdue'
    ? {
        zh: `随访已逾期：${item.title.zh}（应于 ${item.due_date} 前完成）`,
        en: `Follow-up overdue: ${item.title.en} (was due by ${item.due_date})`,
      }
    : {
        zh: `随访即将到期：${item.title.zh}（请于 ${item.due_date} 前完成）`,
        en: `Follow-up due soon: ${item.title.en} (due by ${item.due_date})`,
      };
}

/**
 * Fires the reminders of due items (engine/README.md, "Reminders"). Every `intervalMs` it claims
 * open items whose due-soon or overdue day has come (China time) and whose moment has not fired,
 * `batch` at a time with FOR UPDATE SKIP LOCKED — several engine processes share the work and
 * none claims an item another holds — and in the same transaction marks the moment fired on the
 * item (`reminder_stage`), writes one `reminders` row per item (unique per item and moment),
 * the in-app notification of the responsible doctor and the pending deliveries of the plugin
 * hooks. An item found past both days fires its overdue reminder only. After each commit the
 * hooks are delivered (ReminderDeliveries: at least once, never before the commit).
 *
 * A plain reminder touches due items and these tables only: it never loads a workflow instance.
 * Tests call `poll()` by hand with a TestClock instead of starting it.
 */
export class ReminderPoller {
  readonly node = `${process.pid}-${randomUUID().slice(0, 8)}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<{ fired: number; delivered: number }> | undefined;

  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      notifications: NotificationService;
      deliveries: ReminderDeliveries;
      logger?: Logger;
    },
    private readonly options: { intervalMs: number; batch?: number; maxBatches?: number },
  ) {}

  /** The plugin hooks' outbox this poller delivers after each firing. */
  get deliveries(): ReminderDeliveries {
    return this.deps.deliveries;
  }

  start(): void {
    if (this.#timer || this.options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.#timer.unref();
    void this.poll();
  }

  /** Fires what is due now (up to maxBatches batches) and delivers the hooks due. */
  poll(): Promise<{ fired: number; delivered: number }> {
    this.#running ??= this.#poll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #poll() {
    let fired = 0;
    let delivered = 0;
    try {
      const batch = this.options.batch ?? 200;
      for (const moment of MOMENTS) {
        for (let i = 0; i < (this.options.maxBatches ?? 50); i++) {
          const n = await this.fireBatch(moment.moment, batch);
          fired += n;
          if (n < batch) break;
        }
      }
      delivered = await this.deps.deliveries.deliver();
    } catch (err) {
      this.deps.logger?.warn({ err }, 'reminder poll failed');
    }
    return { fired, delivered };
  }

  /** Claims and fires one batch of one moment in one transaction; returns how many fired. */
  async fireBatch(moment: ReminderMoment, batch: number): Promise<number> {
    const spec = MOMENTS.find((m) => m.moment === moment)!;
    const { database, clock } = this.deps;
    const today = ruleClock(clock).today();
    return database.transaction(async (transaction) => {
      const items = await database.sequelize.query<ClaimedItem>(
        `SELECT id, subject_id, program, schedule_id, occurrence_id, title, form_key, org_code,
           responsible_user_id, due_date::text AS due_date, due_soon_date::text AS due_soon_date,
           overdue_date::text AS overdue_date
         FROM due_items WHERE status = 'open' AND ${spec.where}
         ORDER BY due_items.${spec.on}, due_items.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        { bind: [today, batch], type: QueryTypes.SELECT, transaction },
      );
      if (!items.length) return 0;
      await this.#fire(spec, items, transaction);
      crashBeforeCommit('reminder-fire');
      return items.length;
    });
  }

  async #fire(spec: (typeof MOMENTS)[number], items: ClaimedItem[], transaction: Transaction) {
    const { database, clock, notifications, deliveries } = this.deps;
    const now = clock.now();
    const fired = items.map((item) => ({
      item,
      id: randomUUID(),
      notificationId: item.responsible_user_id ? randomUUID() : null,
    }));
    await database.sequelize.query(
      `UPDATE due_items SET reminder_stage = $2 WHERE id = ANY($1::uuid[])`,
      { bind: [items.map((i) => i.id), spec.stage], transaction },
    );
    await database.sequelize.query(
      `INSERT INTO reminders (id, due_item_id, moment, moment_date, subject_id, program,
         schedule_id, occurrence_id, title, form_key, org_code, due_date, overdue_date,
         recipient_user_id, notification_id, fired_at, fired_by)
       SELECT x.id, x.due_item_id, $2, x.moment_date, x.subject_id, x.program, x.schedule_id,
         x.occurrence_id, x.title, x.form_key, x.org_code, x.due_date, x.overdue_date,
         x.recipient_user_id, x.notification_id, $3::timestamptz, $4
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, due_item_id uuid, moment_date date,
         subject_id uuid, program text, schedule_id text, occurrence_id text, title jsonb,
         form_key text, org_code text, due_date date, overdue_date date, recipient_user_id uuid,
         notification_id uuid)`,
      {
        bind: [
          JSON.stringify(
            fired.map(({ item, id, notificationId }) => ({
              id,
              due_item_id: item.id,
              moment_date: spec.moment === 'overdue' ? item.overdue_date : item.due_soon_date,
              subject_id: item.subject_id,
              program: item.program,
              schedule_id: item.schedule_id,
              occurrence_id: item.occurrence_id,
              title: item.title,
              form_key: item.form_key,
              org_code: item.org_code,
              due_date: item.due_date,
              overdue_date: item.overdue_date,
              recipient_user_id: item.responsible_user_id,
              notification_id: notificationId,
            })),
          ),
          spec.moment,
          now,
          this.node,
        ],
        transaction,
      },
    );
    await notifications.write(
      fired
        .filter((f) => f.notificationId)
        .map(({ item, id, notificationId }) => ({
          id: notificationId!,
          recipientUserId: item.responsible_user_id!,
          kind: 'reminder' as const,
          title: titleOf(spec.moment, item),
          subjectId: item.subject_id,
          dueItemId: item.id,
          reminderId: id,
          formKey: item.form_key,
        })),
      transaction,
    );
    await deliveries.enqueue(
      fired.map((f) => f.id),
      transaction,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
