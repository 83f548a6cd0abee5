import type { Migration } from './Migration.js';

const ONE_AT_A_TIME = `
      BEGIN
        IF NEW.id <> OLD.id OR NEW.seq < OLD.seq OR NEW.seq > OLD.seq + 1 THEN
          RAISE EXCEPTION 'audit_head only moves forward one row at a time'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END`;

/**
 * The audit head may move forward over several rows at once, only onto rows already written:
 * AuditTrail.recordAll (a worklist page's 20 residents viewed) inserts its chained rows under
 * the head's lock and then moves the head once, in 3 statements instead of 2 per event. The
 * head still never goes back, never skips a row that is not there and always names the hash of
 * the row it points at when it jumps; one step at a time stays as before (the single append
 * moves the head first and writes its row after).
 */
export const migration: Migration = {
  name: '0017-audit-head-batches',
  async up({ sequelize, transaction }) {
    await sequelize.query(
      `CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger
       LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.seq < OLD.seq THEN
          RAISE EXCEPTION 'audit_head only moves forward one row at a time'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.seq > OLD.seq + 1 AND (
             (SELECT count(*) FROM audit_events WHERE seq > OLD.seq AND seq <= NEW.seq)
               <> NEW.seq - OLD.seq
             OR NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = NEW.seq AND hash = NEW.hash)
             OR NOT EXISTS (SELECT 1 FROM audit_events
                            WHERE seq = OLD.seq + 1 AND prev_hash = OLD.hash)) THEN
          RAISE EXCEPTION 'audit_head only moves forward onto rows written after it'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`,
      { transaction },
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query(
      `CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger
       LANGUAGE plpgsql AS $$${ONE_AT_A_TIME}
    $$`,
      { transaction },
    );
  },
};
