import { QueryTypes } from 'sequelize';
import type { Database } from '../database/Database.js';
import type { AuditProblem, AuditVerifyOptions, RecordChainsVerifyResult } from './AuditEvent.js';
import { OCCURRED_AT_ISO } from './auditFields.js';
import { GENESIS_HASH } from './auditHash.js';
import type { JsonValue } from './canonicalJson.js';
import { recordContentHash, recordLinkHash, type RecordAuditContent } from './recordAudit.js';

/** A chain's head: its last row's number and hash. */
export interface RecordChainHead {
  chain: string;
  seq: number;
  hash: string;
}

type Row = Omit<RecordAuditContent, 'details'> & {
  seq: string;
  details: { [key: string]: JsonValue };
  content_hash: string;
  prev_hash: string;
  hash: string;
};

/** `seq` is read as text (bigint); ORDER BY must then name the column, not the alias. */
const ROW_COLUMNS = `chain, seq::text AS seq, ${OCCURRED_AT_ISO} AS occurred_at, action, outcome,
  actor_user_id::text AS actor_user_id, actor_username, org_unit_code, target_type, target_id,
  subject_id::text AS subject_id, request_id, ip, details, content_hash, prev_hash, hash`;

/** Where the walk through one chain is. */
interface Walk {
  chain: string;
  /** The head as read when verification started; undefined for a chain with no head. */
  head: RecordChainHead | undefined;
  /** Rows of this chain verified so far (the last one's seq). */
  done: number;
  previousHash: string;
}

class Problem {
  constructor(
    readonly chain: string,
    readonly seq: number,
    readonly problem: AuditProblem,
    readonly message: string,
  ) {}
}

const label = (chain: string, seq: number) =>
  [`记录审计链 ${chain} 第 ${seq} 行`, `record audit chain ${chain}, row ${seq}`] as const;

/**
 * Reads and verifies the record chains (recordAudit.ts): one hash chain per county of the
 * events that record each write of a resident's record.
 */
export class RecordChains {
  constructor(private readonly database: Database) {}

  /** Every chain's head, by chain: publish them elsewhere to anchor the chains. */
  async heads(): Promise<RecordChainHead[]> {
    const rows = await this.database.sequelize.query<{ chain: string; seq: string; hash: string }>(
      'SELECT chain, seq::text AS seq, hash FROM record_audit_heads ORDER BY chain',
      { type: QueryTypes.SELECT },
    );
    return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
  }

  /**
   * Verifies every chain: rows numbered 1, 2, 3… without gaps, each row's content hash
   * recomputed from its columns, each link recomputed from the previous row's hash, and the head
   * naming the last row. Reads all chains in (chain, seq) order, `batchSize` rows per query.
   * Rows and chains written after it started are left for the next run (the heads are read
   * first); a row beyond its head, or a chain with rows and no head, is found by one last
   * statement. The first problem found is returned, naming the chain and the row.
   */
  async verify(options: AuditVerifyOptions = {}): Promise<RecordChainsVerifyResult> {
    const batchSize = options.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new TypeError(`batchSize must be a positive integer (got ${batchSize})`);
    }
    // One row per county (a few thousand at most): kept in memory.
    const heads = new Map((await this.heads()).map((h) => [h.chain, h]));
    const total = [...heads.values()].reduce((sum, h) => sum + h.seq, 0);
    let checked = 0;
    const result = (problem?: Problem): RecordChainsVerifyResult =>
      problem
        ? { ok: false, chains: heads.size, checked, ...problem }
        : { ok: true, chains: heads.size, checked };
    options.onProgress?.(0, total);

    let walk: Walk | undefined;
    const walked = new Set<string>();
    let after = { chain: '', seq: 0 };
    for (;;) {
      const rows = await this.database.sequelize.query<Row>(
        `SELECT ${ROW_COLUMNS} FROM record_audit_events
         WHERE (chain, seq) > ($1::text, $2::bigint)
         ORDER BY record_audit_events.chain, record_audit_events.seq LIMIT $3`,
        { type: QueryTypes.SELECT, raw: true, bind: [after.chain, after.seq, batchSize] },
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        if (walk?.chain !== row.chain) {
          const ended = walk && endOf(walk);
          if (ended) return result(ended);
          walk = {
            chain: row.chain,
            head: heads.get(row.chain),
            done: 0,
            previousHash: GENESIS_HASH,
          };
          walked.add(row.chain);
        }
        // A chain begun, or a row appended, after the heads were read: for the next run.
        if (!walk.head || seq > walk.head.seq) continue;
        const problem = check(walk, row, seq);
        if (problem) return result(problem);
        walk.done = seq;
        walk.previousHash = row.hash;
        checked++;
      }
      options.onProgress?.(checked, total);
      if (rows.length < batchSize) break;
      const last = rows.at(-1)!;
      after = { chain: last.chain, seq: Number(last.seq) };
    }
    const ended = walk && endOf(walk);
    if (ended) return result(ended);
    for (const head of heads.values()) {
      if (walked.has(head.chain)) continue;
      const empty = endOf({ chain: head.chain, head, done: 0, previousHash: GENESIS_HASH });
      if (empty) return result(empty);
    }
    const beyond = await this.#beyondHeads();
    return result(beyond);
  }

  /** One statement, one snapshot: a row past its head, or rows of a chain with no head. */
  async #beyondHeads(): Promise<Problem | undefined> {
    const [found] = await this.database.sequelize.query<{
      chain: string;
      first: string;
      last: string;
      head: string | null;
    }>(
      `SELECT e.chain, min(e.seq)::text AS first, max(e.seq)::text AS last, h.seq::text AS head
       FROM record_audit_events e LEFT JOIN record_audit_heads h ON h.chain = e.chain
       GROUP BY e.chain, h.seq HAVING h.seq IS NULL OR max(e.seq) > h.seq
       ORDER BY e.chain LIMIT 1`,
      { type: QueryTypes.SELECT },
    );
    if (!found) return undefined;
    if (found.head === null) {
      const [zh, en] = label(found.chain, Number(found.first));
      return new Problem(
        found.chain,
        Number(found.first),
        'head-mismatch',
        `${zh}不在链上，该链没有链头 / ${en} is outside any chain: the chain has rows (${found.first} to ${found.last}) but no head`,
      );
    }
    const seq = Number(found.head) + 1;
    const [zh, en] = label(found.chain, seq);
    return new Problem(
      found.chain,
      seq,
      'head-mismatch',
      `${zh}不在链上 / ${en} is beyond the head: the head records ${found.head} rows but the chain goes on to row ${found.last}`,
    );
  }
}

/** The row's own checks: its number, its content hash, its link and its place in the chain. */
function check(walk: Walk, row: Row, seq: number): Problem | undefined {
  const { chain } = walk;
  const expected = walk.done + 1;
  if (seq !== expected) {
    const [zh, en] = label(chain, expected);
    return new Problem(
      chain,
      expected,
      'gap',
      `${zh}缺失 / ${en} is missing: ${
        walk.done ? `the row after ${walk.done} is ${seq}` : `the chain starts at row ${seq}`
      }`,
    );
  }
  const { content_hash: contentHash, prev_hash: prevHash, hash } = row;
  const [zh, en] = label(chain, seq);
  if (recordContentHash(contentOf(row)) !== contentHash) {
    return new Problem(
      chain,
      seq,
      'hash-mismatch',
      `${zh}被修改 / ${en} was altered: its content hash does not match its columns`,
    );
  }
  if (recordLinkHash(prevHash, seq, contentHash) !== hash) {
    return new Problem(
      chain,
      seq,
      'hash-mismatch',
      `${zh}被修改 / ${en} was altered: its hash does not match its prev_hash, seq and content hash`,
    );
  }
  if (prevHash !== walk.previousHash) {
    return new Problem(
      chain,
      seq,
      'chain-broken',
      seq === 1
        ? `${zh}的链接断开 / ${en} is not linked to the start of the chain: its prev_hash is not the genesis hash`
        : `${zh}的链接断开 / ${en} is not linked to row ${seq - 1}: its prev_hash is not row ${seq - 1}'s hash (row ${seq - 1} was altered and re-hashed, or replaced)`,
    );
  }
  return undefined;
}

/** The columns the content hash covers: every one but seq and the three hashes. */
function contentOf(row: Row): RecordAuditContent {
  return {
    chain: row.chain,
    occurred_at: row.occurred_at,
    action: row.action,
    outcome: row.outcome,
    actor_user_id: row.actor_user_id,
    actor_username: row.actor_username,
    org_unit_code: row.org_unit_code,
    target_type: row.target_type,
    target_id: row.target_id,
    subject_id: row.subject_id,
    request_id: row.request_id,
    ip: row.ip,
    details: row.details,
  };
}

/** At the end of a chain's rows: the head must name the last row, by number and hash. */
function endOf(walk: Walk): Problem | undefined {
  const { chain, head, done } = walk;
  if (!head) return undefined;
  if (done < head.seq) {
    const [zh, en] = label(chain, done + 1);
    return new Problem(
      chain,
      done + 1,
      'head-mismatch',
      `${zh}缺失 / ${en} is missing: the head records ${head.seq} rows but the chain ends ${
        done ? `at row ${done}` : 'before row 1'
      }`,
    );
  }
  if (walk.previousHash !== head.hash) {
    const [zh, en] = label(chain, head.seq);
    return new Problem(
      chain,
      head.seq,
      'head-mismatch',
      `${zh}与链头不符 / ${en} does not match the head: the head records another hash`,
    );
  }
  return undefined;
}
