import { QueryTypes } from 'sequelize';
import { AuditTrail } from '../audit/AuditTrail.js';
import type { Database } from '../database/Database.js';
import type { DocumentSigner } from './DocumentSigner.js';
import { SignatureRows, storedSignature } from './SignatureRows.js';
import { signedContentHash } from './SignerSlot.js';

/** What `formwork audit verify` says of the signed heads of the audit trail. */
export interface SignedHeadsResult {
  /** Signatures checked (all of them: a failure stops at the first). */
  checked: number;
  /** The newest signed seq (null when none is signed). */
  newestSeq: number | null;
  ok: boolean;
  /** zh / en; set when it failed, or when there was nothing to check. */
  message?: string;
  /** The seq of the signed head at fault. */
  seq?: number;
}

/**
 * Checks every stored signature of the audit head against the trail as it is now: the row at
 * that seq, its hash recomputed from its columns, must be the hash signed (the signature's
 * content hash is of `{ seq, hash }`), and the signature must verify over `{ seq, hash }`. A chain
 * rewritten end to end by a superuser (every hash recomputed, the head moved) passes the chain
 * check but fails here, naming the signed seq. Needs the signer (the plugins loaded); without
 * one, stored signatures cannot be checked and the result is not ok.
 */
export async function verifySignedHeads(
  database: Database,
  signer: DocumentSigner | undefined,
  options: { batchSize?: number } = {},
): Promise<SignedHeadsResult> {
  const [table] = await database.sequelize.query<{ present: boolean }>(
    "SELECT to_regclass('signatures') IS NOT NULL AS present",
    { type: QueryTypes.SELECT },
  );
  if (!table?.present) {
    return {
      checked: 0,
      newestSeq: null,
      ok: true,
      message: '没有签名表 / no signatures table (schema before 0022-signatures)',
    };
  }
  const rows = new SignatureRows(database);
  const trail = new AuditTrail(database);
  const batchSize = options.batchSize ?? 1000;
  let checked = 0;
  let newestSeq: number | null = null;
  let after = 0;
  const fail = (seq: number, message: string): SignedHeadsResult => ({
    checked,
    newestSeq,
    ok: false,
    seq,
    message,
  });
  for (;;) {
    const batch = await rows.auditHeads(after, batchSize);
    if (!batch.length) break;
    for (const row of batch) {
      const seq = Number(row.subject_id);
      after = seq;
      newestSeq = seq;
      if (!signer) {
        return fail(
          seq,
          `未加载签名插件，无法验证已签名的审计链头 / no signing plugin is loaded (PLUGINS): the signed audit heads cannot be verified`,
        );
      }
      const at = await trail.rowHashAt(seq);
      const hash = at?.recomputed;
      if (!hash || signedContentHash({ seq, hash }) !== row.content_hash || at.stored !== hash) {
        return fail(
          seq,
          `审计链被改写：第 ${seq} 行的已签名链头与现在的链不符 / the audit trail was rewritten: signed head at seq ${seq} ${
            at
              ? `(signed ${row.signed_at} by ${row.signer}) does not match the chain's row ${seq} as it is now`
              : `(signed ${row.signed_at} by ${row.signer}) names a row the trail no longer has`
          }`,
        );
      }
      const verdict = await signer.verify({ seq, hash }, storedSignature(row));
      if (verdict.status !== 'valid') {
        return fail(
          seq,
          `审计链头第 ${seq} 行的签名未通过验证（${verdict.status}）：${verdict.message.zh} / the signature of the audit head at seq ${seq} does not verify (${verdict.status}): ${verdict.message.en}`,
        );
      }
      checked++;
    }
  }
  return checked
    ? { checked, newestSeq, ok: true }
    : {
        checked,
        newestSeq,
        ok: true,
        message: '审计链头尚未签名 / the audit head has never been signed',
      };
}
