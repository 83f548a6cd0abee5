import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database/Database.js';
import type { DocumentSignature, SignerRef } from './DocumentSigner.js';

export type SignatureSubject = 'submission' | 'audit-head';

/** A row of `signatures` (migration 0022), as read. */
export interface SignatureRow {
  id: string;
  subject_type: SignatureSubject;
  subject_id: string;
  subject_revision: number | null;
  content_hash: string;
  algorithm: string;
  value: string;
  certificate: string;
  signer: string;
  signed_by: SignerRef;
  signed_at: string;
  created_at: Date;
}

/** A signature to store beside what it signs. */
export interface NewSignature {
  subjectType: SignatureSubject;
  subjectId: string;
  subjectRevision?: number | null;
  contentHash: string;
  signature: DocumentSignature;
  signedBy: SignerRef;
  at: Date;
}

const COLUMNS = `id::text AS id, subject_type, subject_id, subject_revision, content_hash,
  algorithm, value, certificate, signer, signed_by,
  to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at, created_at`;

/** The stored signature as the signer gave it. */
export const storedSignature = (row: SignatureRow): DocumentSignature => ({
  algorithm: row.algorithm,
  value: row.value,
  certificate: row.certificate,
  signer: row.signer,
  signedAt: row.signed_at,
});

/**
 * The `signatures` table: append-only (triggers refuse UPDATE, DELETE and TRUNCATE). Rows are
 * written inside the transaction (or the statement) of what they sign.
 */
export class SignatureRows {
  constructor(private readonly database: Database) {}

  /**
   * The `INSERT … SELECT … FROM <source>` of a signature, for a CTE of the statement that writes
   * what it signs: the signature is stored only when `source` yields a row. `$` binds a value.
   */
  static insertFrom(s: NewSignature, source: string, $: (value: unknown) => string): string {
    return `INSERT INTO signatures (id, subject_type, subject_id, subject_revision, content_hash,
        algorithm, value, certificate, signer, signed_by, signed_at, created_at)
      SELECT ${$(randomUUID())}::uuid, ${$(s.subjectType)}, ${$(s.subjectId)},
        ${$(s.subjectRevision ?? null)}::integer, ${$(s.contentHash)}, ${$(s.signature.algorithm)},
        ${$(s.signature.value)}, ${$(s.signature.certificate)}, ${$(s.signature.signer)},
        ${$(JSON.stringify(s.signedBy))}::jsonb, ${$(s.signature.signedAt)}::timestamptz,
        ${$(s.at)}::timestamptz
      FROM ${source}`;
  }

  async insert(s: NewSignature, transaction?: Transaction): Promise<void> {
    const bind: unknown[] = [];
    const $ = (value: unknown) => `$${bind.push(value)}`;
    await this.database.sequelize.query(SignatureRows.insertFrom(s, '(SELECT 1) AS one', $), {
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  /** The newest signature of one thing (a submission: of any revision). */
  async newest(
    subjectType: SignatureSubject,
    subjectId: string,
    transaction?: Transaction,
  ): Promise<SignatureRow | undefined> {
    const [row] = await this.database.sequelize.query<SignatureRow>(
      `SELECT ${COLUMNS} FROM signatures WHERE subject_type = $1 AND subject_id = $2
       ORDER BY created_at DESC, subject_revision DESC NULLS LAST, signed_at DESC LIMIT 1`,
      { bind: [subjectType, subjectId], type: QueryTypes.SELECT, transaction },
    );
    return row;
  }

  /** The signature of one revision of a submission, if any (the newest when several). */
  async ofRevision(
    submissionId: string,
    revision: number,
    transaction?: Transaction,
  ): Promise<SignatureRow | undefined> {
    const [row] = await this.database.sequelize.query<SignatureRow>(
      `SELECT ${COLUMNS} FROM signatures
       WHERE subject_type = 'submission' AND subject_id = $1 AND subject_revision = $2
       ORDER BY created_at DESC LIMIT 1`,
      { bind: [submissionId, revision], type: QueryTypes.SELECT, transaction },
    );
    return row;
  }

  /** Signatures of the audit head, in seq order, `limit` after `afterSeq`. */
  async auditHeads(afterSeq: number, limit: number): Promise<SignatureRow[]> {
    return this.database.sequelize.query<SignatureRow>(
      `SELECT ${COLUMNS} FROM signatures WHERE subject_type = 'audit-head'
         AND subject_id::bigint > $1
       ORDER BY subject_id::bigint, created_at LIMIT $2`,
      { bind: [afterSeq, limit], type: QueryTypes.SELECT },
    );
  }
}
