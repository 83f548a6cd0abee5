import type { Migration } from './Migration.js';

/**
 * A resident's page lists their open referrals and consultations (GET
 * /api/subjects/:id/workflows): their open instances, newest first. Without an index on the
 * resident, that read scanned every instance of the province; this one holds only the open ones.
 */
export const migration: Migration = {
  name: '0019-resident-workflows',
  async up({ sequelize, transaction }) {
    await sequelize.query(
      `CREATE INDEX IF NOT EXISTS workflow_instances_resident_open
         ON workflow_instances (subject_id, started_at)
         WHERE status IN ('running', 'waiting', 'incident')`,
      { transaction },
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('DROP INDEX IF EXISTS workflow_instances_resident_open', { transaction });
  },
};
