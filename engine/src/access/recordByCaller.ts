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

/** Writes an audit row for something a signed-in caller did (or was refused). */
export function recordByCaller(
  audit: AuditTrail,
  caller: Caller,
  request: RequestContext,
  event: CallerEvent,
  transaction?: Transaction,
) {
  return audit.record(
    {
      outcome: 'success',
      ...event,
      actorUserId: caller.user.id,
      actorUsername: caller.user.username,
      orgUnitCode: caller.user.orgCode,
      requestId: request.requestId,
      ip: request.ip ?? null,
    },
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
