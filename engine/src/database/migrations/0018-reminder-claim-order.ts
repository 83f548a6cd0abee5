import type { Migration } from './Migration.js';

/**
 * The reminder poller claims in the order of its indexes: `ORDER BY overdue_date, id` (and
 * `due_soon_date, id`) with FOR UPDATE SKIP LOCKED and a LIMIT. 0015's indexes held the date
 * alone, so each claim sorted every open item of the oldest date before it could lock 200 — at
 * 1,000,000 enrollments (`npm run bench -- schedules`) a whole year's "four face-to-face visits"
 * share one date and a batch took seconds. With the id in the key the claim reads 200 entries in
 * order and stops.
 */
export const migration: Migration = {
  name: '0018-reminder-claim-order',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE INDEX IF NOT EXISTS due_items_remind_due_soon_order ON due_items (due_soon_date, id)
             WHERE status = 'open' AND reminder_stage = 0`);
    await q(`CREATE INDEX IF NOT EXISTS due_items_remind_overdue_order ON due_items (overdue_date, id)
             WHERE status = 'open' AND reminder_stage < 2`);
    await q('DROP INDEX IF EXISTS due_items_remind_due_soon');
    await q('DROP INDEX IF EXISTS due_items_remind_overdue');
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE INDEX due_items_remind_due_soon ON due_items (due_soon_date)
             WHERE status = 'open' AND reminder_stage = 0`);
    await q(`CREATE INDEX due_items_remind_overdue ON due_items (overdue_date)
             WHERE status = 'open' AND reminder_stage < 2`);
    await q('DROP INDEX due_items_remind_due_soon_order');
    await q('DROP INDEX due_items_remind_overdue_order');
  },
};
