import { z } from 'zod';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { AUDIT_ACTIONS } from '../audit/auditActions.js';
import { defineRoute } from '../http/defineRoute.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import { recordByCaller } from '../access/recordByCaller.js';
import type { AuditHeadSigner } from '../signing/AuditHeadSigner.js';
import { signerUnavailable, type SignerSlot } from '../signing/SignerSlot.js';
import { DocumentSignatureSchema } from './signatureSchemas.js';
import { requestContext } from './submissionRoutes.js';

const AuditEventSchema = z.object({}).passthrough().meta({ id: 'AuditEvent' });

export function auditRoutes(
  audit: AuditTrail,
  orgs: OrgUnitStore,
  heads?: { signer: AuditHeadSigner; signing: SignerSlot },
) {
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
    ...(heads
      ? [
          defineRoute({
            method: 'post',
            path: '/api/audit/head-signatures',
            operationId: 'signAuditHead',
            summary:
              'Have the audit trail’s head signed now (it is also signed every AUDIT_SIGN_INTERVAL_MS)',
            description:
              'Signs `{ seq, hash }` of the head through the signing plugin (as the platform, purpose `audit-head`) and stores it; `formwork audit verify` then detects a chain rewritten end to end up to that row. A head that has not moved since its last signature is not signed again (`signed: false`, that signature). Audited as `audit.head.sign` (which moves the head by one row, after the signing).',
            tags: ['audit', 'signatures'],
            access: { permission: 'audit.read' },
            responses: {
              200: {
                description: 'The head and its signature',
                schema: z.object({
                  signed: z.boolean().meta({ description: 'false: the head had not moved' }),
                  seq: z.number(),
                  hash: z.string(),
                  signature: DocumentSignatureSchema.optional(),
                }),
              },
              502: {
                description: '`signature_failed`: the signing plugin failed (nothing stored)',
              },
              503: { description: '`signer_unavailable`: no signing plugin is loaded' },
            },
            handler: async ({ caller }, ctx) => {
              if (!heads.signing.signer) throw signerUnavailable('sign');
              const result = await heads.signer.signHead();
              await recordByCaller(audit, caller!, requestContext(ctx), {
                action: 'audit.head.sign',
                targetType: 'audit-head',
                targetId: String(result.seq),
                details: { seq: result.seq, signed: result.signed },
              });
              return result;
            },
          }),
        ]
      : []),
  ];
}
