import type { Migration } from './Migration.js';

/**
 * Migrating stored submissions from one release's form version to another's:
 * - `data_migration_plans`: a MigrationPlan (definitions) drafted from the diff of the two form
 *   versions, with the configurator's answers; `ready` once nothing is left to decide.
 * - `data_migration_runs`: each execution, its progress counters (written in the same
 *   transaction as each batch, so they are exact after a crash), the keyset cursor of the last
 *   committed batch (a restart resumes there), and who runs it (owner, heartbeat).
 * - `data_migration_failures`: why each record of a run did not migrate.
 *
 * Per record: the migration rewrites `submissions` in place (new payload, new pin, revision + 1)
 * and appends a revision naming the plan and the version it was written on. The original payload
 * is not copied: it already is revision 1 in the append-only `submission_revisions` (one jsonb
 * copy per record instead of two keeps the migration near the speed of a plain UPDATE).
 * `captured_on` keeps the pin of the first revision, `migrated_from` the pin (and revision) the
 * last migration moved the record from. Revisions written before this migration have NULL
 * release_id/form_version: they were captured on the submission's `captured_on` (or its pin
 * when it was never migrated).
 */
export const migration: Migration = {
  name: '0009-data-migrations',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE data_migration_plans (
      id uuid PRIMARY KEY,
      form_key text NOT NULL,
      from_release text NOT NULL,
      from_version text NOT NULL,
      to_release text NOT NULL,
      to_version text NOT NULL,
      draft jsonb NOT NULL,
      answers jsonb NOT NULL DEFAULT '{}',
      plan jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'ready', 'running', 'done', 'failed')),
      row_version integer NOT NULL DEFAULT 1,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q(`CREATE TABLE data_migration_runs (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES data_migration_plans (id),
      status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      batch_size integer NOT NULL,
      total integer NOT NULL DEFAULT 0,
      migrated integer NOT NULL DEFAULT 0,
      failed integer NOT NULL DEFAULT 0,
      cursor_id uuid,
      pass integer NOT NULL DEFAULT 1,
      error text,
      started_by uuid,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      heartbeat_at timestamptz NOT NULL,
      owner text NOT NULL
    )`);
    await q('CREATE INDEX data_migration_runs_plan ON data_migration_runs (plan_id, started_at)');
    await q(`CREATE TABLE data_migration_failures (
      run_id uuid NOT NULL REFERENCES data_migration_runs (id),
      submission_id uuid NOT NULL,
      reasons jsonb NOT NULL,
      PRIMARY KEY (run_id, submission_id)
    )`);
    await q(`ALTER TABLE submissions
      ADD COLUMN migrated_by_plan uuid,
      ADD COLUMN migrated_from jsonb,
      ADD COLUMN captured_on jsonb`);
    await q('CREATE INDEX submissions_release_form ON submissions (form_key, release_id, id)');
    await q(`ALTER TABLE submission_revisions
      ADD COLUMN release_id text,
      ADD COLUMN form_version text,
      ADD COLUMN migration_plan_id uuid`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`ALTER TABLE submission_revisions DROP COLUMN release_id, DROP COLUMN form_version,
      DROP COLUMN migration_plan_id`);
    await q('DROP INDEX submissions_release_form');
    await q(`ALTER TABLE submissions DROP COLUMN migrated_by_plan, DROP COLUMN migrated_from,
      DROP COLUMN captured_on`);
    for (const table of ['data_migration_failures', 'data_migration_runs', 'data_migration_plans'])
      await q(`DROP TABLE ${table}`);
  },
};
