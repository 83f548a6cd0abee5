import type { Migration } from './Migration.js';

/**
 * The append-only, hash-chained audit trail (see engine/src/audit/AuditTrail.ts).
 *
 * `seq` is not a sequence: the writer takes it from `audit_head` under that row's lock, in the
 * same transaction as the row, so a rolled-back event leaves no gap and any gap means a row was
 * removed. Triggers refuse UPDATE, DELETE and TRUNCATE of `audit_events`, DELETE and TRUNCATE of
 * `audit_head`, and any move of the head other than one step forward. A superuser or the table
 * owner can still disable triggers: `formwork audit verify` is what detects that.
 */
export const migration: Migration = {
  name: '0002-audit',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE audit_events (
      seq bigint PRIMARY KEY CHECK (seq > 0),
      occurred_at timestamptz NOT NULL,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
      actor_user_id uuid,
      actor_username text,
      org_unit_code text,
      target_type text,
      target_id text,
      subject_id uuid,
      request_id text,
      ip text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
    )`);
    await q('CREATE INDEX audit_events_subject ON audit_events (subject_id, occurred_at)');
    await q('CREATE INDEX audit_events_actor ON audit_events (actor_user_id, occurred_at)');
    await q('CREATE INDEX audit_events_action ON audit_events (action, occurred_at)');
    await q(`CREATE TABLE audit_head (
      id integer PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL
    )`);
    await q(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);

    await q(`CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await q(`CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.seq < OLD.seq OR NEW.seq > OLD.seq + 1 THEN
          RAISE EXCEPTION 'audit_head only moves forward one row at a time'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    await q(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('audit_events is append-only')`);
    await q(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('audit_events is append-only')`);
    await q(`CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('audit_head cannot be deleted')`);
    await q(`CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('audit_head cannot be deleted')`);
    await q(`CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
      FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q('DROP TABLE audit_head');
    await q('DROP TABLE audit_events');
    await q('DROP FUNCTION audit_head_forward_only()');
    await q('DROP FUNCTION audit_refuse()');
  },
};
