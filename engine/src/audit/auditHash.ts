import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonicalJson.js';

/** The `prev_hash` of row 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of a row: every column except the hashes, named as the columns are. */
export interface AuditHashFields {
  seq: number;
  /** ISO 8601, UTC, milliseconds: `2025-03-01T08:00:00.000Z`. */
  occurred_at: string;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_username: string | null;
  org_unit_code: string | null;
  target_type: string | null;
  target_id: string | null;
  subject_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: { [key: string]: JsonValue };
}

/**
 * `hash = sha256_hex(prev_hash + "\n" + canonicalJson(fields))`: each row's hash covers its
 * contents and its predecessor's hash, so altering, removing or inserting a row breaks every
 * link after it. Deliberately simple so that an auditor can recompute it with any tool.
 */
export function auditHash(prevHash: string, fields: AuditHashFields): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(fields)}`, 'utf8')
    .digest('hex');
}
