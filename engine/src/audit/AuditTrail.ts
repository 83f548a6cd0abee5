import { QueryTypes, type Transaction } from 'sequelize';
import { systemClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { isAuditAction } from './auditActions.js';
import {
  auditGuardMode,
  isoTime,
  OCCURRED_AT_ISO,
  optionalText,
  optionalUuid,
  uuid,
} from './auditFields.js';
import { auditHash, GENESIS_HASH, type AuditHashFields } from './auditHash.js';
import {
  AUDIT_OUTCOMES,
  type AuditEvent,
  type AuditEventInput,
  type AuditListFilter,
  type AuditVerifyOptions,
  type AuditVerifyResult,
  type SubjectAccessEntry,
  type SubjectAccessPage,
} from './AuditEvent.js';
import { canonicalJson, type JsonValue } from './canonicalJson.js';
import { isRecordAuditAction } from './recordAudit.js';
import { guardPersonalData, type PersonalDataMode } from './personalDataGuard.js';
import { storableJson } from './storableText.js';

const MAX_PAGE = 1000;

/** `seq` is read as text (bigint); ORDER BY must then name `audit_events.seq`, not the alias. */
const EVENT_COLUMNS = `seq::text AS seq, ${OCCURRED_AT_ISO} AS occurred_at, action, outcome,
  actor_user_id::text AS actor_user_id, actor_username, org_unit_code, target_type, target_id,
  subject_id::text AS subject_id, request_id, ip, details, prev_hash, hash`;

type EventRow = Omit<AuditHashFields, 'seq'> & { seq: string; prev_hash: string; hash: string };

/** An event checked and normalised, ready to be chained. */
type Prepared = Omit<AuditHashFields, 'seq' | 'occurred_at'> & { detailsJson: string };

/**
 * The append-only, hash-chained audit trail (等保三级): every row's hash covers its contents and
 * the previous row's hash, rows are numbered 1, 2, 3… with no gaps, and `audit_head` holds the
 * last number and hash. Triggers refuse UPDATE, DELETE and TRUNCATE; `verify` detects what a
 * superuser who disabled them changed.
 */
export class AuditTrail {
  readonly #guardMode: PersonalDataMode = auditGuardMode();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Appends one event. Pass the business change's transaction so both commit or neither; without
   * one the event gets its own. The head row stays locked until that transaction ends, so
   * concurrent writers (in any process) queue there: record as late as possible before commit.
   * A rolled-back transaction leaves no row and no gap.
   */
  async record(
    event: AuditEventInput,
    transaction?: Transaction,
  ): Promise<{ seq: number; hash: string }> {
    const prepared = this.#prepare(event);
    return transaction
      ? this.#append(prepared, transaction)
      : this.database.transaction((own) => this.#append(prepared, own));
  }

  /**
   * Appends several events in the given order, in one transaction (a list shown to a caller:
   * one row per resident shown), taking the head's lock once. Otherwise as `record`.
   */
  async recordAll(events: readonly AuditEventInput[], transaction?: Transaction): Promise<void> {
    if (!events.length) return;
    const prepared = events.map((event) => this.#prepare(event));
    const append = (own: Transaction) => this.#appendAll(prepared, own);
    await (transaction ? append(transaction) : this.database.transaction(append));
  }

  /** The last row's number and hash: publish or sign it elsewhere to anchor the chain. */
  async head(transaction?: Transaction): Promise<{ seq: number; hash: string } | undefined> {
    const rows = await this.database.sequelize.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1',
      { type: QueryTypes.SELECT, transaction },
    );
    const row = rows[0];
    return row && { seq: Number(row.seq), hash: row.hash };
  }

  /**
   * Row `seq` of the trail with its hash recomputed from its columns and its stored prev_hash
   * (what a signature of the head at that seq is checked against); undefined when there is none.
   */
  async rowHashAt(seq: number): Promise<{ stored: string; recomputed: string } | undefined> {
    const [row] = await this.database.sequelize.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM audit_events WHERE seq = $1`,
      { type: QueryTypes.SELECT, raw: true, bind: [seq] },
    );
    if (!row) return undefined;
    const { prev_hash: prevHash, hash, ...rest } = row;
    return { stored: hash, recomputed: auditHash(prevHash, { ...rest, seq: Number(row.seq) }) };
  }

  /**
   * Recomputes every hash and link, in seq order, `batchSize` rows per query (the table is never
   * loaded whole). Checks that rows are numbered 1, 2, 3… and that the head names the last row.
   * Rows appended while it runs are left for the next run. The first problem found is returned.
   */
  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
    const batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new TypeError(`batchSize must be a positive integer (got ${batchSize})`);
    }
    const head = await this.head();
    if (!head) {
      return fail(0, 0, 'head-mismatch', '审计链头缺失 / the audit head row is missing');
    }
    const total = head.seq;
    options.onProgress?.(0, total);
    let checked = 0;
    let previousHash = GENESIS_HASH;
    while (checked < total) {
      const rows = await this.database.sequelize.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM audit_events
         WHERE seq > $1 AND seq <= $2 ORDER BY audit_events.seq LIMIT $3`,
        { type: QueryTypes.SELECT, raw: true, bind: [checked, total, batchSize] },
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        const expected = checked + 1;
        if (seq !== expected) {
          return fail(
            checked,
            expected,
            'gap',
            `审计记录第 ${expected} 行缺失 / audit row ${expected} is missing: ${
              checked ? `the row after ${checked} is ${seq}` : `the trail starts at row ${seq}`
            }`,
          );
        }
        const { prev_hash: prevHash, hash, ...rest } = row;
        if (auditHash(prevHash, { ...rest, seq }) !== hash) {
          return fail(
            checked,
            seq,
            'hash-mismatch',
            `审计记录第 ${seq} 行被修改 / audit row ${seq} was altered: its hash does not match its contents`,
          );
        }
        if (prevHash !== previousHash) {
          return fail(
            checked,
            seq,
            'chain-broken',
            seq === 1
              ? `审计记录第 1 行的链接断开 / audit row 1 is not linked to the start of the chain: its prev_hash is not the genesis hash`
              : `审计记录第 ${seq} 行的链接断开 / audit row ${seq} is not linked to row ${seq - 1}: its prev_hash is not row ${seq - 1}'s hash (row ${seq - 1} was altered and re-hashed, or replaced)`,
          );
        }
        previousHash = hash;
        checked = seq;
      }
      options.onProgress?.(checked, total);
    }
    if (checked < total) {
      return fail(
        checked,
        checked + 1,
        'head-mismatch',
        `审计记录第 ${checked + 1} 行缺失 / audit row ${checked + 1} is missing: the head records ${total} rows but the trail ends at row ${checked}`,
      );
    }
    if (previousHash !== head.hash) {
      return fail(
        checked,
        total,
        'head-mismatch',
        `审计记录第 ${total} 行与链头不符 / audit row ${total} does not match the head: the head records another hash`,
      );
    }
    // One statement, one snapshot: a row past the head was written around the writer.
    const [beyond] = await this.database.sequelize.query<{ head: string; last: string | null }>(
      `SELECT h.seq::text AS head, (SELECT max(seq)::text FROM audit_events) AS last
       FROM audit_head h WHERE h.id = 1`,
      { type: QueryTypes.SELECT },
    );
    if (beyond && beyond.last !== null && Number(beyond.last) > Number(beyond.head)) {
      const seq = Number(beyond.head) + 1;
      return fail(
        checked,
        seq,
        'head-mismatch',
        `审计记录第 ${seq} 行不在链上 / audit row ${seq} is beyond the head: the head records ${beyond.head} rows but the trail goes on to row ${beyond.last}`,
      );
    }
    return { ok: true, checked };
  }

  /**
   * Who opened or changed a resident's record, newest first (for "who looked at my data"): the
   * trail's rows about the resident and the writes of their record from the record chains
   * (`submission.create`, `submission.update`), in time order. A view of the personal data
   * unmasked (`subject.view-personal-data`) carries the reason its viewer gave.
   */
  async listForSubject(
    subjectId: string,
    page: SubjectAccessPage,
    transaction?: Transaction,
  ): Promise<SubjectAccessEntry[]> {
    const bind: unknown[] = [uuid('subjectId', subjectId)];
    const limit = `$${bind.push(pageLimit(page.limit))}`;
    // Each branch takes only rows older than the cursor, then its newest `limit`.
    let older: (chain: string) => string = () => 'true';
    if (page.before !== undefined) {
      const { occurredAt, chain, seq } = page.before;
      const cursor = `$${bind.push(isoTime('before.occurredAt', new Date(occurredAt)))}::timestamptz,
        $${bind.push(chain ?? '')}::text, $${bind.push(seqCursor(seq))}::bigint`;
      older = (column) => `(occurred_at, ${column}, seq) < (${cursor})`;
    }
    const rows = await this.database.sequelize.query<{
      chain: string;
      seq: string;
      occurred_at: string;
      action: SubjectAccessEntry['action'];
      outcome: SubjectAccessEntry['outcome'];
      actor_username: string | null;
      org_unit_code: string | null;
      reason: string | null;
    }>(
      `SELECT chain, seq::text AS seq, ${OCCURRED_AT_ISO} AS occurred_at, action, outcome,
         actor_username, org_unit_code, reason
       FROM (
         (SELECT ''::text AS chain, seq, occurred_at, action, outcome, actor_username,
            org_unit_code,
            CASE WHEN action = 'subject.view-personal-data' THEN details->>'reason' END AS reason
          FROM audit_events WHERE subject_id = $1 AND ${older("''::text")}
          ORDER BY occurred_at DESC, seq DESC LIMIT ${limit})
         UNION ALL
         (SELECT chain, seq, occurred_at, action, outcome, actor_username, org_unit_code,
            NULL::text AS reason
          FROM record_audit_events WHERE subject_id = $1 AND ${older('chain')}
          ORDER BY occurred_at DESC, chain DESC, seq DESC LIMIT ${limit})
       ) e
       ORDER BY e.occurred_at DESC, e.chain DESC, e.seq DESC LIMIT ${limit}`,
      { type: QueryTypes.SELECT, bind, transaction },
    );
    return rows.map((row) => ({
      chain: row.chain === '' ? null : row.chain,
      seq: Number(row.seq),
      occurredAt: row.occurred_at,
      action: row.action,
      outcome: row.outcome,
      actorUsername: row.actor_username,
      orgUnitCode: row.org_unit_code,
      reason: row.reason,
    }));
  }

  /** Events matching every given filter, newest first. */
  async list(filter: AuditListFilter, transaction?: Transaction): Promise<AuditEvent[]> {
    const bind: unknown[] = [];
    const where: string[] = [];
    if (filter.action !== undefined) where.push(`action = $${bind.push(filter.action)}`);
    if (filter.actorUserId !== undefined) {
      where.push(`actor_user_id = $${bind.push(uuid('actorUserId', filter.actorUserId))}`);
    }
    if (filter.orgUnitCodes !== undefined) {
      where.push(`org_unit_code = ANY($${bind.push([...filter.orgUnitCodes])}::text[])`);
    }
    if (filter.from !== undefined) {
      where.push(`occurred_at >= $${bind.push(isoTime('from', filter.from))}::timestamptz`);
    }
    if (filter.to !== undefined) {
      where.push(`occurred_at < $${bind.push(isoTime('to', filter.to))}::timestamptz`);
    }
    if (filter.before !== undefined) where.push(`seq < $${bind.push(seqCursor(filter.before))}`);
    const rows = await this.database.sequelize.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM audit_events
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY audit_events.seq DESC LIMIT $${bind.push(pageLimit(filter.limit))}`,
      { type: QueryTypes.SELECT, bind, transaction },
    );
    return rows.map(toEvent);
  }

  #prepare(event: AuditEventInput): Prepared {
    if (!isAuditAction(event.action)) {
      throw new TypeError(`unknown audit action "${event.action}" (see auditActions.ts)`);
    }
    if (isRecordAuditAction(event.action)) {
      throw new TypeError(
        `"${event.action}" is recorded by the record's own write, in its county's record chain (recordAudit.ts)`,
      );
    }
    if (!AUDIT_OUTCOMES.includes(event.outcome)) {
      throw new TypeError(`audit outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
    }
    const raw = event.details ?? {};
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new TypeError('audit details must be a plain object');
    }
    const details = guardPersonalData(storableJson(raw), this.#guardMode);
    // Stored as exactly this text; jsonb gives back an equal value, which hashes the same.
    const detailsJson = canonicalJson(details);
    return {
      action: event.action,
      outcome: event.outcome,
      actor_user_id: optionalUuid('actorUserId', event.actorUserId),
      actor_username: optionalText(event.actorUsername),
      org_unit_code: optionalText(event.orgUnitCode),
      target_type: optionalText(event.targetType),
      target_id: optionalText(event.targetId),
      subject_id: optionalUuid('subjectId', event.subjectId),
      request_id: optionalText(event.requestId),
      ip: optionalText(event.ip),
      details: JSON.parse(detailsJson) as { [key: string]: JsonValue },
      detailsJson,
    };
  }

  async #append(
    prepared: Prepared,
    transaction: Transaction,
  ): Promise<{ seq: number; hash: string }> {
    const { sequelize } = this.database;
    // Takes the head row's lock: writers in every process queue here until commit.
    const [head] = await sequelize.query<{ seq: string; hash: string }>(
      'UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq::text AS seq, hash',
      { type: QueryTypes.SELECT, transaction },
    );
    if (!head) throw new Error('审计链头缺失 / the audit head row is missing');
    const seq = Number(head.seq);
    // Read under the lock, so occurred_at follows seq order (as far as the clock does).
    const occurredAt = isoTime('clock.now()', this.clock.now());
    const { detailsJson, ...fields } = prepared;
    const hash = auditHash(head.hash, { ...fields, seq, occurred_at: occurredAt });
    await sequelize.query(
      `WITH inserted AS (
         INSERT INTO audit_events (seq, occurred_at, action, outcome, actor_user_id,
           actor_username, org_unit_code, target_type, target_id, subject_id, request_id, ip,
           details, prev_hash, hash)
         VALUES ($1, $2::timestamptz, $3, $4, $5::uuid, $6, $7, $8, $9, $10::uuid, $11, $12,
           $13::jsonb, $14, $15)
         RETURNING hash
       )
       UPDATE audit_head SET hash = (SELECT hash FROM inserted) WHERE id = 1`,
      {
        bind: eventValues(fields, detailsJson, seq, occurredAt, head.hash, hash),
        transaction,
      },
    );
    return { seq, hash };
  }

  /**
   * Appends several events in three statements whatever their number: the head read under its
   * lock, the n rows chained in memory (each hash over the previous one, as #append does one by
   * one) and inserted at once, then the head moved onto the last (migration 0017 lets it jump
   * only onto rows that are there and link up).
   */
  async #appendAll(prepared: readonly Prepared[], transaction: Transaction): Promise<void> {
    if (prepared.length === 1) {
      await this.#append(prepared[0]!, transaction);
      return;
    }
    const { sequelize } = this.database;
    const [head] = await sequelize.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1 FOR UPDATE',
      { type: QueryTypes.SELECT, transaction },
    );
    if (!head) throw new Error('审计链头缺失 / the audit head row is missing');
    const occurredAt = isoTime('clock.now()', this.clock.now());
    let seq = Number(head.seq);
    let previous = head.hash;
    const bind: unknown[] = [];
    const rows: string[] = [];
    for (const { detailsJson, ...fields } of prepared) {
      seq += 1;
      const hash = auditHash(previous, { ...fields, seq, occurred_at: occurredAt });
      const at = bind.length;
      bind.push(...eventValues(fields, detailsJson, seq, occurredAt, previous, hash));
      const $ = (i: number, cast = '') => `$${at + i}${cast}`;
      rows.push(
        `(${$(1)}, ${$(2, '::timestamptz')}, ${$(3)}, ${$(4)}, ${$(5, '::uuid')}, ${$(6)}, ${$(7)},
          ${$(8)}, ${$(9)}, ${$(10, '::uuid')}, ${$(11)}, ${$(12)}, ${$(13, '::jsonb')}, ${$(14)},
          ${$(15)})`,
      );
      previous = hash;
    }
    await sequelize.query(
      `INSERT INTO audit_events (seq, occurred_at, action, outcome, actor_user_id,
         actor_username, org_unit_code, target_type, target_id, subject_id, request_id, ip,
         details, prev_hash, hash)
       VALUES ${rows.join(',\n')}`,
      { bind, transaction },
    );
    await sequelize.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', {
      bind: [seq, previous],
      transaction,
    });
  }
}

/** An event's column values in the order of the audit_events INSERTs of #append and #appendAll. */
function eventValues(
  fields: Omit<Prepared, 'detailsJson'>,
  detailsJson: string,
  seq: number,
  occurredAt: string,
  prevHash: string,
  hash: string,
): unknown[] {
  return [
    seq,
    occurredAt,
    fields.action,
    fields.outcome,
    fields.actor_user_id,
    fields.actor_username,
    fields.org_unit_code,
    fields.target_type,
    fields.target_id,
    fields.subject_id,
    fields.request_id,
    fields.ip,
    detailsJson,
    prevHash,
    hash,
  ];
}

function fail(
  checked: number,
  seq: number,
  problem: Exclude<AuditVerifyResult, { ok: true }>['problem'],
  message: string,
): AuditVerifyResult {
  return { ok: false, checked, seq, problem, message };
}

function toEvent(row: EventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    action: row.action as AuditEvent['action'],
    outcome: row.outcome as AuditEvent['outcome'],
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    orgUnitCode: row.org_unit_code,
    targetType: row.target_type,
    targetId: row.target_id,
    subjectId: row.subject_id,
    requestId: row.request_id,
    ip: row.ip,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function pageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(`limit must be a positive integer (got ${limit})`);
  }
  return Math.min(limit, MAX_PAGE);
}

function seqCursor(before: number): number {
  if (!Number.isSafeInteger(before) || before < 1) {
    throw new TypeError(`before must be a positive integer (got ${before})`);
  }
  return before;
}
