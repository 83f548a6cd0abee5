import type { AuditAction } from './auditActions.js';
import type { JsonValue } from './canonicalJson.js';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Free-form facts about an event: plain JSON (checked when recorded: a Date, NaN or a class
 * instance throws; properties set to undefined are left out). Never personal data: see
 * personalDataGuard.ts.
 */
export type AuditDetails = Readonly<Record<string, unknown>>;

/** What a caller records; the trail adds seq, occurred_at and the hashes. */
export interface AuditEventInput {
  action: AuditAction;
  outcome: AuditOutcome;
  /** The signed-in user, if any (a uuid). */
  actorUserId?: string | null;
  /** The name typed or signed in with; kept so failed logins of unknown users are visible. */
  actorUsername?: string | null;
  /** The org unit the actor acted for. */
  orgUnitCode?: string | null;
  /** What was acted on, e.g. `submission` / its id. */
  targetType?: string | null;
  targetId?: string | null;
  /** The resident concerned (a uuid), for "who opened my record". */
  subjectId?: string | null;
  /** The HTTP request id (X-Request-Id), to join the audit trail with the logs. */
  requestId?: string | null;
  ip?: string | null;
  /** Plain JSON, no personal data (the guard refuses ID numbers and mobile numbers). */
  details?: AuditDetails;
}

/** One stored row of `audit_events`. */
export interface AuditEvent {
  seq: number;
  /** ISO 8601 in UTC with milliseconds, exactly as hashed. */
  occurredAt: string;
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorUsername: string | null;
  orgUnitCode: string | null;
  targetType: string | null;
  targetId: string | null;
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  details: { [key: string]: JsonValue };
  prevHash: string;
  hash: string;
}

/**
 * A line of "who opened or changed my record": who, for which org, did what, when. `chain` is
 * null for a row of the audit trail (`seq` is then its row) and the county code of a record
 * chain for a write of the record (`seq` is the row within that chain).
 */
export type SubjectAccessEntry = Pick<
  AuditEvent,
  'seq' | 'occurredAt' | 'action' | 'outcome' | 'actorUsername' | 'orgUnitCode'
> & {
  chain: string | null;
  /** The reason given for seeing the personal data unmasked (`subject.view-personal-data`), else null. */
  reason: string | null;
};

/** Newest first; pass the last entry of a page as `before` for the next one. */
export interface SubjectAccessPage {
  /** 1 to 1000 entries (larger values are capped). */
  limit: number;
  /** Only entries older than this one (by occurred_at, then chain, then seq). */
  before?: Pick<SubjectAccessEntry, 'occurredAt' | 'chain' | 'seq'>;
}

/** Newest first; pass the last row's `seq` as `before` for the next page. */
export interface AuditPage {
  /** 1 to 1000 rows (larger values are capped). */
  limit: number;
  /** Only rows with a smaller seq. */
  before?: number;
}

export interface AuditListFilter extends AuditPage {
  action?: AuditAction;
  actorUserId?: string;
  /** Only events whose org_unit_code is one of these (an empty list matches nothing). */
  orgUnitCodes?: readonly string[];
  /** occurred_at >= from */
  from?: Date;
  /** occurred_at < to */
  to?: Date;
}

export interface AuditVerifyOptions {
  /** Rows read per query (default 1000). */
  batchSize?: number;
  /** Called before the first batch and after each one; `total` is the head's row count. */
  onProgress?: (checked: number, total: number) => void;
}

export type AuditProblem = 'hash-mismatch' | 'gap' | 'chain-broken' | 'head-mismatch';

/** What `formwork audit verify` found in the record chains (one per county). */
export type RecordChainsVerifyResult =
  | {
      ok: true;
      /** Chains (counties) verified. */
      chains: number;
      /** Rows verified, over all chains. */
      checked: number;
    }
  | {
      ok: false;
      chains: number;
      /** Rows verified before the problem, over all chains. */
      checked: number;
      /** The chain at fault (a county code). */
      chain: string;
      /** The row at fault within that chain (for a gap: the first missing one). */
      seq: number;
      problem: AuditProblem;
      /** zh-CN / English, naming the chain and the row. */
      message: string;
    };

export type AuditVerifyResult =
  | { ok: true; checked: number }
  | {
      ok: false;
      /** Rows verified before the problem. */
      checked: number;
      /** The row at fault (for a gap: the first missing one). */
      seq: number;
      problem: AuditProblem;
      /** zh-CN / English, naming the row. */
      message: string;
    };
