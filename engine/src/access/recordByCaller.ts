import type { Transaction } from 'sequelize';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails, AuditOutcome } from '../audit/AuditEvent.js';
import type { Caller } from './Caller.js';

/** The request a caller made: joins audit rows with the logs. */
export interface RequestContext {
  requestId: string;
  ip: string | undefined;
}

export interface CallerEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string | null;
  subjectId?: string | null;
  details?: AuditDetails;
}

/** The audit row of an event of a signed-in caller's: who, from where, in which request. */
const byCaller = (caller: Caller, request: RequestContext, event: CallerEvent) => ({
  outcome: 'success' as const,
  ...event,
  actorUserId: caller.user.id,
  actorUsername: caller.user.username,
  orgUnitCode: caller.user.orgCode,
  requestId: request.requestId,
  ip: request.ip ?? null,
});

/** Writes an audit row for something a signed-in caller did (or was refused). */
export function recordByCaller(
  audit: AuditTrail,
  caller: Caller,
  request: RequestContext,
  event: CallerEvent,
  transaction?: Transaction,
) {
  return audit.record(byCaller(caller, request, event), transaction);
}

/** Writes the rows of several events of one request (a list shown: one per resident) at once. */
export function recordAllByCaller(
  audit: AuditTrail,
  caller: Caller,
  request: RequestContext,
  events: readonly CallerEvent[],
  transaction?: Transaction,
) {
  return audit.recordAll(
    events.map((event) => byCaller(caller, request, event)),
    transaction,
  );
}

/** Every refusal of a signed-in caller is audited. */
export function recordDenial(
  audit: AuditTrail,
  caller: Caller,
  request: RequestContext,
  details: AuditDetails,
  target: Omit<CallerEvent, 'action' | 'outcome' | 'details'> = {},
  transaction?: Transaction,
) {
  return recordByCaller(
    audit,
    caller,
    request,
    { action: 'access.denied', outcome: 'denied', details, ...target },
    transaction,
  );
}
