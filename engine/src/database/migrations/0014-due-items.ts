import type { Migration } from './Migration.js';

/**
 * Schedules and worklists (engine/README.md, "Schedules and worklists"):
 *
 * - `enrollments.responsible_user_id`: the doctor responsible for an enrollment (责任医生), by
 *   default the user who enrolled the resident (existing rows: their creator, when a user);
 * - `schedule_states`: one row per enrollment × schedule — the release and inputs it was last
 *   computed from (`fingerprint`, so an event read twice computes once), how often it changed
 *   (`revision`), the end (失访, death, enrollment ended) and suggestions, a schedule error, and
 *   the next date the calendar alone changes it (`recompute_on`: a new year);
 * - `due_items`: one row per enrollment × occurrence × anchor date that is open, done (kept for
 *   the "done this period" list) or ended with its schedule, with the form to open, the scope
 *   (clinic org code and path, village), the responsible doctor and team, and every date;
 * - `schedule_rebuilds`: the cursor of `formwork schedules rebuild`, so a killed rebuild resumes.
 */
export const migration: Migration = {
  name: '0014-due-items',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q('ALTER TABLE enrollments ADD COLUMN responsible_user_id uuid REFERENCES users (id)');
    await q(`UPDATE enrollments e SET responsible_user_id = e.created_by
             WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = e.created_by)`);
    await q(`CREATE TABLE schedule_states (
      enrollment_id uuid NOT NULL REFERENCES enrollments (id),
      schedule_id text NOT NULL,
      release_id text NOT NULL,
      fingerprint text NOT NULL,
      revision integer NOT NULL CHECK (revision > 0),
      computed_at timestamptz NOT NULL,
      computed_on date NOT NULL,
      source_event bigint,
      recompute_on date,
      ended jsonb,
      suggestions jsonb NOT NULL DEFAULT '[]',
      error jsonb,
      PRIMARY KEY (enrollment_id, schedule_id)
    )`);
    await q('CREATE INDEX schedule_states_recompute_on ON schedule_states (recompute_on)');
    await q(
      'CREATE INDEX schedule_states_errors ON schedule_states (computed_at) WHERE error IS NOT NULL',
    );
    await q(`CREATE TABLE due_items (
      id uuid PRIMARY KEY,
      enrollment_id uuid NOT NULL REFERENCES enrollments (id),
      subject_id uuid NOT NULL REFERENCES subjects (id),
      program text NOT NULL,
      schedule_id text NOT NULL,
      occurrence_id text NOT NULL,
      title jsonb NOT NULL,
      release_id text NOT NULL,
      form_key text NOT NULL,
      org_code text NOT NULL,
      org_path text NOT NULL,
      village_code text,
      responsible_user_id uuid,
      team_code text,
      anchor_id text NOT NULL,
      anchor_date date NOT NULL,
      anchor_record text,
      window_start date NOT NULL,
      window_end date NOT NULL,
      due_date date NOT NULL,
      due_soon_date date NOT NULL,
      overdue_date date NOT NULL,
      expires_on date,
      status text NOT NULL CHECK (status IN ('open', 'done', 'ended')),
      required integer NOT NULL,
      counted integer NOT NULL,
      done_on date,
      done_by jsonb NOT NULL DEFAULT '[]',
      end_id text,
      end_reason jsonb,
      ended_on date,
      workflow_instance_id uuid,
      computed_revision integer NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (enrollment_id, schedule_id, occurrence_id, anchor_date),
      CHECK ((status = 'done') = (done_on IS NOT NULL)),
      CHECK ((status = 'ended') = (end_id IS NOT NULL))
    )`);
    // Worklists: by scope (org path prefix) and by responsible doctor and team, open items from
    // their due-soon date, done items by the day they were done.
    await q(`CREATE INDEX due_items_open_scope ON due_items (org_path text_pattern_ops, due_soon_date)
             WHERE status = 'open'`);
    await q(`CREATE INDEX due_items_open_responsible ON due_items (responsible_user_id, due_soon_date)
             WHERE status = 'open'`);
    await q(`CREATE INDEX due_items_open_team ON due_items (team_code, due_soon_date)
             WHERE status = 'open'`);
    await q(`CREATE INDEX due_items_done_scope ON due_items (org_path text_pattern_ops, done_on)
             WHERE status = 'done'`);
    await q(`CREATE INDEX due_items_done_responsible ON due_items (responsible_user_id, done_on)
             WHERE status = 'done'`);
    // Reminders (next issue) claim open items by the day they fall due soon or overdue.
    await q(
      `CREATE INDEX due_items_open_overdue ON due_items (overdue_date) WHERE status = 'open'`,
    );
    await q(`CREATE TABLE schedule_rebuilds (
      id uuid PRIMARY KEY,
      release_id text,
      status text NOT NULL CHECK (status IN ('running', 'done')),
      cursor_id uuid,
      done integer NOT NULL DEFAULT 0,
      changed integer NOT NULL DEFAULT 0,
      total integer NOT NULL,
      started_at timestamptz NOT NULL,
      heartbeat_at timestamptz NOT NULL,
      finished_at timestamptz
    )`);
    await q(`CREATE UNIQUE INDEX schedule_rebuilds_one_running ON schedule_rebuilds
             ((coalesce(release_id, ''))) WHERE status = 'running'`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    for (const table of ['schedule_rebuilds', 'due_items', 'schedule_states'])
      await q(`DROP TABLE ${table}`);
    await q('ALTER TABLE enrollments DROP COLUMN responsible_user_id');
  },
};
