import { createHash } from 'node:crypto';
import type { AuditDetails } from './AuditEvent.js';
import { auditGuardMode, isoTime, optionalText, optionalUuid, uuid } from './auditFields.js';
import { GENESIS_HASH } from './auditHash.js';
import { canonicalJson, type JsonValue } from './canonicalJson.js';
import { guardPersonalData } from './personalDataGuard.js';
import { storableJson } from './storableText.js';

/**
 * The record chains: one audit event per write of a resident's record (a submission created or
 * amended), stored by the write's own SQL statement in `record_audit_events`, hash-chained per
 * county (`record_audit_heads`, one row per chain). Writes in different counties never wait for
 * each other; writes in one county queue only on that county's head row, for the length of
 * their statement (or of the transaction it runs in). See engine/README.md, "Audit trail".
 *
 * content_hash = sha256_hex(canonical JSON of the row's columns except seq and the hashes)
 * hash         = sha256_hex(prev_hash + "\n" + seq + "\n" + content_hash)
 *
 * The content hash is computed here before the statement; the link is computed by the statement
 * itself, from the head row it has just locked and moved (so the statement never has to read
 * the head first).
 */

export const RECORD_AUDIT_ACTIONS = ['submission.create', 'submission.update'] as const;
export type RecordAuditAction = (typeof RECORD_AUDIT_ACTIONS)[number];

export function isRecordAuditAction(action: string): action is RecordAuditAction {
  return (RECORD_AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** The level of the org path that names a record's chain: /nation/province/city/county/…. */
const COUNTY_LEVEL = 4;

/** Who wrote the record, and through which request. */
export interface RecordActor {
  userId: string;
  username: string;
  /** The org unit the actor acted for (their home unit). */
  orgUnitCode: string;
  requestId: string | null;
  ip: string | null;
}

/** The actor of a signed-in caller's request. */
export function recordActor(
  caller: { user: { id: string; username: string; orgCode: string } },
  request: { requestId: string; ip?: string | undefined },
): RecordActor {
  return {
    userId: caller.user.id,
    username: caller.user.username,
    orgUnitCode: caller.user.orgCode,
    requestId: request.requestId,
    ip: request.ip ?? null,
  };
}

/** One write of a record, as its writer describes it. */
export interface RecordAuditEvent {
  action: RecordAuditAction;
  actor: RecordActor;
  /** The org path of the record written: its county names the chain. */
  orgPath: string;
  targetType: string;
  targetId: string;
  /** The resident whose record it is. */
  subjectId: string;
  /** When the write happened (the record's own timestamp). */
  at: Date;
  /** Plain JSON, never personal data (personalDataGuard.ts). */
  details: AuditDetails;
}

/** The columns a row's content hash covers, named as the columns are. */
export interface RecordAuditContent {
  chain: string;
  /** ISO 8601, UTC, milliseconds: `2026-11-23T02:00:00.000Z`. */
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
 * The chain a record's events go to: the county of its org path (`/100000/350000/350100/350121/…`
 * → `350121`), or the deepest level of a shorter path (a province's own record: its province).
 */
export function recordChainOf(orgPath: string): string {
  const levels = orgPath.split('/').filter(Boolean);
  if (!levels.length) throw new TypeError(`org path "${orgPath}" names no org unit`);
  return levels[Math.min(COUNTY_LEVEL, levels.length) - 1]!;
}

/** sha256_hex of the canonical JSON (RFC 8785) of a row's content columns. */
export function recordContentHash(content: RecordAuditContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** sha256_hex(prev_hash + "\n" + seq + "\n" + content_hash): what the writer's SQL computes. */
export function recordLinkHash(prevHash: string, seq: number, contentHash: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${contentHash}`, 'utf8').digest('hex');
}

/** The same link, in SQL (`sha256` is in PostgreSQL 11 and later, PGlite included). */
function linkSql(prevHash: string, seq: string, contentHash: string): string {
  return `encode(sha256(convert_to(${prevHash} || E'\\n' || ${seq} || E'\\n' || ${contentHash}, 'UTF8')), 'hex')`;
}

/** An event checked and normalised: its columns as stored and hashed. */
export function recordAuditContent(event: RecordAuditEvent): RecordAuditContent {
  if (!isRecordAuditAction(event.action)) {
    throw new TypeError(`"${event.action}" is not an action of the record chains`);
  }
  const raw = event.details;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TypeError('audit details must be a plain object');
  }
  const details = guardPersonalData(storableJson(raw), auditGuardMode());
  return {
    chain: recordChainOf(event.orgPath),
    occurred_at: isoTime('at', event.at),
    action: event.action,
    outcome: 'success',
    actor_user_id: uuid('actor.userId', event.actor.userId),
    actor_username: optionalText(event.actor.username),
    org_unit_code: optionalText(event.actor.orgUnitCode),
    target_type: optionalText(event.targetType),
    target_id: optionalText(event.targetId),
    subject_id: optionalUuid('subjectId', event.subjectId),
    request_id: optionalText(event.actor.requestId),
    ip: optionalText(event.actor.ip),
    // Stored as this text; jsonb gives back an equal value, which hashes the same.
    details: JSON.parse(canonicalJson(details)) as { [key: string]: JsonValue },
  };
}

/**
 * Two common table expressions to add to a write statement's WITH list: for each row the CTE
 * named `source` yields (one: the record just written), they move the chain's head one step
 * (creating it at row 1) and append the event linked to it. When `source` yields nothing (a
 * replayed idempotency key, a draft already submitted, a stale row version), no head moves and no
 * event is written. `bind` adds a bind parameter and returns its placeholder.
 */
export function recordAuditCtes(
  event: RecordAuditEvent,
  source: string,
  bind: (value: unknown) => string,
): string {
  const c = recordAuditContent(event);
  const content = `${bind(recordContentHash(c))}::text`;
  const chain = `${bind(c.chain)}::text`;
  const genesis = `'${GENESIS_HASH}'`;
  return `record_audit_head AS (
         INSERT INTO record_audit_heads AS h (chain, seq, prev_hash, hash)
         SELECT ${chain}, 1, ${genesis}, ${linkSql(genesis, "'1'", content)} FROM ${source}
         ON CONFLICT (chain) DO UPDATE SET seq = h.seq + 1, prev_hash = h.hash,
           hash = ${linkSql('h.hash', '(h.seq + 1)::text', content)}
         RETURNING chain, seq, prev_hash, hash),
       record_audit_event AS (
         INSERT INTO record_audit_events (chain, seq, occurred_at, action, outcome, actor_user_id,
           actor_username, org_unit_code, target_type, target_id, subject_id, request_id, ip,
           details, content_hash, prev_hash, hash)
         SELECT chain, seq, ${bind(c.occurred_at)}::timestamptz, ${bind(c.action)}, 'success',
           ${bind(c.actor_user_id)}::uuid, ${bind(c.actor_username)}, ${bind(c.org_unit_code)},
           ${bind(c.target_type)}, ${bind(c.target_id)}, ${bind(c.subject_id)}::uuid,
           ${bind(c.request_id)}, ${bind(c.ip)}, ${bind(canonicalJson(c.details))}::jsonb,
           ${content}, prev_hash, hash
         FROM record_audit_head)`;
}
