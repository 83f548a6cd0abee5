/**
 * Version rows as both stores read and guard them: one spec or overlay version row, the same row
 * only when the caller's scope covers its jurisdiction (else an audited 404), the scope check for
 * a new draft's jurisdiction, and the spec_transitions log.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import {
  recordByCaller,
  recordDenial,
  type CallerEvent,
  type RequestContext,
} from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { jurisdictionPath } from './specContent.js';
import { KEY, notFound, TABLE, type VersionKind, type VersionRow } from './specViews.js';

export class VersionRows {
  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
    },
  ) {}

  private get sequelize() {
    return this.deps.database.sequelize;
  }

  async row(
    kind: VersionKind,
    key: string,
    version: string,
    transaction?: Transaction,
    lock = false,
  ): Promise<VersionRow | undefined> {
    const [row] = await this.sequelize.query<VersionRow>(
      `SELECT ${KEY[kind]} AS key, * FROM ${TABLE[kind]} WHERE ${KEY[kind]} = $1 AND version = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      { bind: [key, version], type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) },
    );
    return row;
  }

  /**
   * Records one lifecycle step within its transaction: a spec_transitions row (who, when, from,
   * to, why) and the audit event.
   */
  async recordStep(
    step: {
      kind: VersionKind | 'release';
      key: string;
      version: string;
      action: string;
      from: string | null;
      to: string;
      reason?: string | null | undefined;
    },
    audit: Omit<CallerEvent, 'outcome'>,
    who: { caller: Caller; request: RequestContext; at: Date },
    transaction: Transaction,
  ) {
    await this.sequelize.query(
      `INSERT INTO spec_transitions (kind, key, version, action, from_status, to_status, actor_id,
         actor_username, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      {
        bind: [
          step.kind,
          step.key,
          step.version,
          step.action,
          step.from,
          step.to,
          who.caller.user.id,
          who.caller.user.username,
          step.reason ?? null,
          who.at,
        ],
        transaction,
      },
    );
    await recordByCaller(this.deps.audit, who.caller, who.request, audit, transaction);
  }

  /** The row if the caller's scope covers its jurisdiction; else an audited 404. */
  async rowInScope(
    kind: VersionKind,
    key: string,
    version: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<VersionRow> {
    const row = await this.row(kind, key, version);
    if (!row || !scope.covers(jurisdictionPath(row.jurisdiction))) {
      await recordDenial(
        this.deps.audit,
        caller,
        request,
        { reason: 'not-found-or-out-of-scope' },
        { targetType: kind, targetId: `${key}@${version}`.slice(0, 64) },
      );
      throw notFound(kind, key, version);
    }
    return row;
  }

  /** Passes when the caller's scope covers the jurisdiction (a six-digit code); else an audited 403. */
  async inScope(
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    jurisdiction: string | undefined,
    kind: VersionKind,
    target: string,
  ) {
    if (
      jurisdiction &&
      /^\d{6}$/.test(jurisdiction) &&
      scope.covers(jurisdictionPath(jurisdiction))
    )
      return;
    await recordDenial(
      this.deps.audit,
      caller,
      request,
      { reason: 'out-of-scope', jurisdiction: jurisdiction ?? null },
      { targetType: kind, targetId: target.slice(0, 64) },
    );
    throw new HttpError(
      403,
      'out_of_scope',
      `您无权为辖区 ${jurisdiction} 编辑规范 / You may not edit specs of jurisdiction ${jurisdiction}`,
    );
  }
}
