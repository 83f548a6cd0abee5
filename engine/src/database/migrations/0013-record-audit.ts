import type { Migration } from './Migration.js';

const GENESIS = '0'.repeat(64);
const HEX64 = `~ '^[0-9a-f]{64}$'`;

/**
 * The record chains (see engine/src/audit/recordAudit.ts): an audit event per write of a
 * resident's record, hash-chained per county, so that no single head row serialises the
 * country's writes.
 *
 * `record_audit_heads` holds one row per chain (a county code): its last seq and hash. The writer
 * moves it with INSERT … ON CONFLICT DO UPDATE inside the record's own write statement, which
 * locks only that county's row. Triggers refuse UPDATE, DELETE and TRUNCATE of
 * `record_audit_events`, DELETE and TRUNCATE of `record_audit_heads`, a head that starts anywhere
 * but row 1 on the genesis hash, and any move of a head other than one row forward onto its
 * previous hash. A superuser or the table owner can still disable triggers: `formwork audit
 * verify` is what detects that. Submissions stored before this migration have no events.
 */
export const migration: Migration = {
  name: '0013-record-audit',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE record_audit_events (
      chain text NOT NULL CHECK (chain <> ''),
      seq bigint NOT NULL CHECK (seq > 0),
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
      content_hash text NOT NULL CHECK (content_hash ${HEX64}),
      prev_hash text NOT NULL CHECK (prev_hash ${HEX64}),
      hash text NOT NULL CHECK (hash ${HEX64}),
      PRIMARY KEY (chain, seq)
    )`);
    // "Who opened or changed my record" reads by resident, newest first.
    await q(
      'CREATE INDEX record_audit_events_subject ON record_audit_events (subject_id, occurred_at)',
    );
    await q(`CREATE TABLE record_audit_heads (
      chain text PRIMARY KEY CHECK (chain <> ''),
      seq bigint NOT NULL CHECK (seq > 0),
      prev_hash text NOT NULL CHECK (prev_hash ${HEX64}),
      hash text NOT NULL CHECK (hash ${HEX64})
    )`);

    await q(`CREATE FUNCTION record_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.seq <> 1 OR NEW.prev_hash <> '${GENESIS}' THEN
            RAISE EXCEPTION 'a record audit chain starts at row 1 on the genesis hash'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
        ELSIF NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1 OR NEW.prev_hash <> OLD.hash THEN
          RAISE EXCEPTION 'record_audit_heads only move forward one row at a time'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    // audit_refuse() is 0002's: it raises its argument as insufficient_privilege.
    await q(`CREATE TRIGGER record_audit_events_no_change
      BEFORE UPDATE OR DELETE ON record_audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('record_audit_events is append-only')`);
    await q(`CREATE TRIGGER record_audit_events_no_truncate
      BEFORE TRUNCATE ON record_audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('record_audit_events is append-only')`);
    await q(`CREATE TRIGGER record_audit_heads_no_delete BEFORE DELETE ON record_audit_heads
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('record_audit_heads cannot be deleted')`);
    await q(`CREATE TRIGGER record_audit_heads_no_truncate BEFORE TRUNCATE ON record_audit_heads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('record_audit_heads cannot be deleted')`);
    await q(`CREATE TRIGGER record_audit_heads_forward BEFORE INSERT OR UPDATE ON record_audit_heads
      FOR EACH ROW EXECUTE FUNCTION record_audit_head_forward_only()`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q('DROP TABLE record_audit_heads');
    await q('DROP TABLE record_audit_events');
    await q('DROP FUNCTION record_audit_head_forward_only()');
  },
};
