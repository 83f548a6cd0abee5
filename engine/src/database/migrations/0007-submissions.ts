import type { Migration } from './Migration.js';

/**
 * Form submissions and what surrounds them:
 * - `submissions`: the current revision of each record, pinned to the release and form version
 *   it was captured on, with a row version for optimistic locking (If-Match).
 * - `submission_revisions`: every revision's payload, who wrote it, why and which fields changed.
 *   Append-only (a trigger refuses UPDATE and DELETE), so earlier revisions stay readable.
 * - `submission_drafts`: autosaved work in progress, separate from final submissions.
 * - `idempotency_keys`: the response to each (user, Idempotency-Key), written in the same
 *   statement as the submission, so a retry gets the same answer and nothing is stored twice
 *   (kept as text: a replay returns the very same bytes).
 * - `outbox` and `outbox_cursors`: one event per committed change, written in the same
 *   transaction; consumers read in commit-safe order (see Outbox.ts) at least once.
 */
export const migration: Migration = {
  name: '0007-submissions',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE submissions (
      id uuid PRIMARY KEY,
      subject_id uuid NOT NULL REFERENCES subjects (id),
      enrollment_id uuid REFERENCES enrollments (id),
      form_key text NOT NULL,
      form_version text NOT NULL,
      release_id text NOT NULL,
      org_code text NOT NULL,
      org_path text NOT NULL,
      revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      payload jsonb NOT NULL,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q('CREATE INDEX submissions_subject ON submissions (subject_id, created_at)');
    await q('CREATE INDEX submissions_form ON submissions (form_key, form_version)');
    await q('CREATE INDEX submissions_org_path ON submissions (org_path text_pattern_ops)');
    await q(`CREATE TABLE submission_revisions (
      submission_id uuid NOT NULL REFERENCES submissions (id),
      revision integer NOT NULL,
      payload jsonb NOT NULL,
      changed jsonb NOT NULL DEFAULT '[]',
      reason text,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (submission_id, revision)
    )`);
    await q(`CREATE TRIGGER submission_revisions_append_only
      BEFORE UPDATE OR DELETE ON submission_revisions
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('submission revisions are append-only')`);
    await q(`CREATE TABLE submission_drafts (
      id uuid PRIMARY KEY,
      subject_id uuid REFERENCES subjects (id),
      form_key text NOT NULL,
      form_version text NOT NULL,
      release_id text NOT NULL,
      org_code text NOT NULL,
      org_path text NOT NULL,
      payload jsonb NOT NULL,
      row_version integer NOT NULL DEFAULT 1,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q('CREATE INDEX submission_drafts_author ON submission_drafts (author_id, updated_at)');
    await q(`CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status integer NOT NULL,
      response text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, key)
    )`);
    await q(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      topic text NOT NULL,
      aggregate_id uuid NOT NULL,
      aggregate_version integer NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q('CREATE INDEX outbox_position ON outbox (tx_id, id)');
    await q(`CREATE TABLE outbox_cursors (
      consumer text PRIMARY KEY,
      tx_id xid8 NOT NULL DEFAULT '0',
      event_id bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    for (const table of [
      'outbox_cursors',
      'outbox',
      'idempotency_keys',
      'submission_drafts',
      'submission_revisions',
      'submissions',
    ])
      await q(`DROP TABLE ${table}`);
  },
};
