import type { Migration } from './Migration.js';

/**
 * Reminders and notifications (engine/README.md, "Reminders"):
 *
 * - `due_items.reminder_stage`: the last moment of the item that fired (0 none, 1 due soon,
 *   2 overdue). The due-item writer updates an item in place by (enrollment, schedule,
 *   occurrence, anchor date) and never touches this column, so a recomputed item whose moment
 *   fired does not fire again; a new occurrence is a new row and starts at 0. The partial indexes
 *   hold only the open items whose next moment has not fired: the poller's claim reads them, not
 *   the millions that already fired;
 * - `reminders`: one row per due item and moment that fired (unique: the second guard of
 *   exactly once), with what it said, to whom, when it was due and when it fired;
 * - `reminder_deliveries`: the outbox of the plugin hooks (`api.onReminder`): one row per
 *   reminder and hook, delivered at least once after the firing committed, failures recorded;
 * - `notifications`: the in-app notifications of a user (reminders, the workflow service
 *   `notify`), read or not.
 */
export const migration: Migration = {
  name: '0015-reminders',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q('ALTER TABLE due_items ADD COLUMN reminder_stage smallint NOT NULL DEFAULT 0');
    await q(`CREATE INDEX due_items_remind_due_soon ON due_items (due_soon_date)
             WHERE status = 'open' AND reminder_stage = 0`);
    await q(`CREATE INDEX due_items_remind_overdue ON due_items (overdue_date)
             WHERE status = 'open' AND reminder_stage < 2`);
    await q(`CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      recipient_user_id uuid NOT NULL REFERENCES users (id),
      kind text NOT NULL CHECK (kind IN ('reminder', 'workflow')),
      title jsonb NOT NULL,
      subject_id uuid,
      due_item_id uuid,
      reminder_id uuid,
      workflow_instance_id uuid,
      form_key text,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    )`);
    await q(`CREATE INDEX notifications_recipient ON notifications
             (recipient_user_id, created_at DESC, id DESC)`);
    await q(`CREATE INDEX notifications_unread ON notifications (recipient_user_id)
             WHERE read_at IS NULL`);
    await q(`CREATE TABLE reminders (
      id uuid PRIMARY KEY,
      due_item_id uuid NOT NULL,
      moment text NOT NULL CHECK (moment IN ('due-soon', 'overdue')),
      moment_date date NOT NULL,
      subject_id uuid NOT NULL,
      program text NOT NULL,
      schedule_id text NOT NULL,
      occurrence_id text NOT NULL,
      title jsonb NOT NULL,
      form_key text NOT NULL,
      org_code text NOT NULL,
      due_date date NOT NULL,
      overdue_date date NOT NULL,
      recipient_user_id uuid,
      notification_id uuid,
      fired_at timestamptz NOT NULL,
      fired_by text NOT NULL,
      UNIQUE (due_item_id, moment)
    )`);
    await q('CREATE INDEX reminders_fired_at ON reminders (fired_at)');
    await q(`CREATE TABLE reminder_deliveries (
      reminder_id uuid NOT NULL REFERENCES reminders (id),
      hook text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      delivered_at timestamptz,
      delivered_by text,
      PRIMARY KEY (reminder_id, hook)
    )`);
    await q(`CREATE INDEX reminder_deliveries_pending ON reminder_deliveries (next_attempt_at)
             WHERE status = 'pending'`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    for (const table of ['reminder_deliveries', 'reminders', 'notifications'])
      await q(`DROP TABLE ${table}`);
    await q('ALTER TABLE due_items DROP COLUMN reminder_stage');
  },
};
