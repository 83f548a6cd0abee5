import type { Transaction } from 'sequelize';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import type { Caller } from './Caller.js';

export interface DenialContext {
  requestId: string;
  ip: string | undefined;
}

/** Records a refused request of a signed-in caller in the audit trail (every deny is audited). */
export function recordDenial(
  audit: AuditTrail,
  caller: Caller,
  context: DenialContext,
  details: AuditDetails,
  target: { targetType?: string; targetId?: string | null; subjectId?: string | null } = {},
  transaction?: Transaction,
) {
  return audit.record(
    {
      action: 'access.denied',
      outcome: 'denied',
      actorUserId: caller.user.id,
      actorUsername: caller.user.username,
      orgUnitCode: caller.user.orgCode,
      requestId: context.requestId,
      ip: context.ip ?? null,
      details,
      ...target,
    },
    transaction,
  );
}
