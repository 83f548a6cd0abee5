import type { Migration } from './Migration.js';

/**
 * `workflow_start_failures`: a workflow the outbox should have started (an urgent referral from a
 * follow-up) but could not — e.g. the release serving the clinic has no such workflow. The
 * consumer records it and moves on, so one bad event never holds up the ones after it; a
 * workflow admin sees it and retries it once the cause is fixed (or cancels it).
 */
export const migration: Migration = {
  name: '0011-workflow-start-failures',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE workflow_start_failures (
      id uuid PRIMARY KEY,
      consumer text NOT NULL,
      event_id bigint NOT NULL,
      definition_key text NOT NULL,
      org_path text NOT NULL,
      start jsonb NOT NULL,
      error text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'resolved', 'cancelled')),
      created_at timestamptz NOT NULL,
      resolved_at timestamptz,
      resolved_by uuid,
      instance_id uuid REFERENCES workflow_instances (id),
      UNIQUE (consumer, event_id)
    )`);
    await q(
      `CREATE INDEX workflow_start_failures_open ON workflow_start_failures (created_at)
       WHERE status = 'open'`,
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('DROP TABLE workflow_start_failures', { transaction });
  },
};
