import { z } from 'zod';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { AUDIT_ACTIONS } from '../audit/auditActions.js';
import { defineRoute } from '../http/defineRoute.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';

const AuditEventSchema = z.object({}).passthrough().meta({ id: 'AuditEvent' });

export function auditRoutes(audit: AuditTrail, orgs: OrgUnitStore) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/events',
      operationId: 'listAuditEvents',
      summary: 'Audit events of actors in your scope, newest first',
      tags: ['audit'],
      access: { permission: 'audit.read' },
      request: {
        query: z.object({
          action: z.enum(AUDIT_ACTIONS).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: {
        200: { description: 'Events', schema: z.object({ events: z.array(AuditEventSchema) }) },
      },
      handler: async ({ query, scope }) => {
        const year = await orgs.currentYear();
        const units = year === undefined ? [] : await orgs.list(year, scope!.likePatterns());
        return {
          events: await audit.list({
            ...(query.action ? { action: query.action } : {}),
            ...(query.before ? { before: query.before } : {}),
            limit: query.limit ?? 100,
            orgUnitCodes: units.map((u) => u.code),
          }),
        };
      },
    }),
  ];
}
