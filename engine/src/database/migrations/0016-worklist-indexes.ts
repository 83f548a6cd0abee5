import type { Migration } from './Migration.js';

/**
 * The worklist answers from its indexes alone (engine/README.md, "Schedules and worklists";
 * `npm run bench -- schedules`): the scope indexes of open and done due items carry every
 * column the worklist counts, filters and sorts by, so a township's thousands of items are
 * counted by an index-only scan instead of one random heap read each (a 5,000-enrollment
 * township: about 110 ms → 25 ms in the plan). They replace 0014's scope indexes, which had the
 * same keys without the columns.
 */
export const migration: Migration = {
  name: '0016-worklist-indexes',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE INDEX due_items_worklist_open ON due_items
               (org_path text_pattern_ops, due_soon_date)
             INCLUDE (id, overdue_date, due_date, expires_on, program, village_code,
                      responsible_user_id, team_code, org_code)
             WHERE status = 'open'`);
    await q(`CREATE INDEX due_items_worklist_done ON due_items (org_path text_pattern_ops, done_on)
             INCLUDE (id, program, village_code, responsible_user_id, team_code, org_code)
             WHERE status = 'done'`);
    await q('DROP INDEX due_items_open_scope');
    await q('DROP INDEX due_items_done_scope');
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE INDEX due_items_open_scope ON due_items (org_path text_pattern_ops, due_soon_date)
             WHERE status = 'open'`);
    await q(`CREATE INDEX due_items_done_scope ON due_items (org_path text_pattern_ops, done_on)
             WHERE status = 'done'`);
    await q('DROP INDEX due_items_worklist_open');
    await q('DROP INDEX due_items_worklist_done');
  },
};
