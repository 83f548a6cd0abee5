import type { Migration } from './Migration.js';

const HEX64 = `~ '^[0-9a-f]{64}$'`;

/**
 * Digital signatures (engine/src/signing): one row per signature a plugin's DocumentSigner made,
 * stored beside what it signs and never changed.
 *
 * - `subject_type` 'submission' (`subject_id` the submission's id, `subject_revision` the revision
 *   signed: an amendment of a signable form is signed again, as a new row) or 'audit-head'
 *   (`subject_id` the head's seq as text).
 * - `content_hash`: sha256 hex of the canonical JSON (RFC 8785) of the content handed to the
 *   signer, so a changed record shows without the signer.
 * - `algorithm`, `value`, `certificate`, `signer`, `signed_at`: the DocumentSignature returned;
 *   `signed_by` the SignerRef it was signed as (a user or the platform).
 *
 * Triggers refuse UPDATE, DELETE and TRUNCATE (`signatures is append-only`), as for the audit
 * tables (audit_refuse, 0002-audit).
 */
export const migration: Migration = {
  name: '0022-signatures',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE signatures (
      id uuid PRIMARY KEY,
      subject_type text NOT NULL CHECK (subject_type IN ('submission', 'audit-head')),
      subject_id text NOT NULL CHECK (subject_id <> ''),
      subject_revision integer CHECK (subject_revision > 0),
      content_hash text NOT NULL CHECK (content_hash ${HEX64}),
      algorithm text NOT NULL,
      value text NOT NULL,
      certificate text NOT NULL,
      signer text NOT NULL,
      signed_by jsonb NOT NULL,
      signed_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await q('CREATE INDEX signatures_subject ON signatures (subject_type, subject_id, created_at)');
    await q(`CREATE TRIGGER signatures_no_change BEFORE UPDATE OR DELETE ON signatures
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('signatures is append-only')`);
    await q(`CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('signatures is append-only')`);
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('DROP TABLE signatures', { transaction });
  },
};
