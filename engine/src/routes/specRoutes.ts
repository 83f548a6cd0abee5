import type { Overlay } from '@formwork/definitions';
import { z } from 'zod';
import type { Permission } from '../access/permissions.js';
import { defineRoute, type AnyRouteDefinition } from '../http/defineRoute.js';
import { etag, expectedRowVersion } from '../http/preconditions.js';
import type { SpecContent } from '../specs/specContent.js';
import type { SpecStore, TransitionAction } from '../specs/SpecStore.js';
import type { VersionKind } from '../specs/specViews.js';
import { requestContext } from './submissionRoutes.js';

const KEY = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/);
const SEMVER = z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
const STATUS = z.enum(['draft', 'in-review', 'published', 'deprecated']);

export const SpecVersionSummary = z
  .object({
    kind: z.enum(['spec', 'overlay']),
    key: z.string(),
    version: z.string(),
    jurisdiction: z.string().meta({ description: 'GB/T 2260 code of the owning jurisdiction' }),
    base: z.object({ spec: z.string(), version: z.string() }).optional(),
    status: STATUS,
    approved: z.boolean().meta({ description: 'A reviewer approved it (in review)' }),
    contentHash: z.string(),
    rowVersion: z.number().meta({ description: 'Send it back in If-Match to edit a draft' }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    deprecatedBy: z.string().nullable(),
    deprecatedAt: z.string().nullable(),
  })
  .meta({ id: 'SpecVersionSummary' });

export const SpecVersion = SpecVersionSummary.extend({
  content: z.unknown().meta({
    description:
      'The spec content (forms, codeTables, parameters, workflows, schedules, indicators) or the Overlay',
  }),
  transitions: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      actorId: z.string().nullable(),
      actorUsername: z.string().nullable(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
}).meta({ id: 'SpecVersion' });

const OverlayProblemList = z.object({}).passthrough().meta({
  id: 'OverlayRejected',
  description:
    '`overlay_rejected`: the overlay breaks its base’s policy, `error.details.problems`: `[{ path (JSON pointer into the overlay), code, message: { zh, en } }]`; `form_invalid`: a form of base + overlay does not compile (the compiler and limits the runtime uses), `error.details.problems`: `[{ form, path (into the effective spec), formPath (inside the form), code, message: { zh, en } }]`',
});

const SpecContentBody = z
  .object({
    forms: z.record(z.string(), z.unknown()),
    codeTables: z.record(z.string(), z.unknown()),
    parameters: z.object({}).passthrough(),
    workflows: z.record(z.string(), z.string()).default({}),
    schedules: z.record(z.string(), z.unknown()).optional(),
    indicators: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
const OverlayBody = z.object({}).passthrough().meta({
  description:
    'An Overlay (see the overlay meta-schema): key, version, base, jurisdiction, operations',
});

const ACTIONS: {
  action: TransitionAction;
  permission: Permission;
  summary: string;
  reasonRequired: boolean;
  statuses: string;
}[] = [
  {
    action: 'submit',
    permission: 'forms.design',
    summary: 'Submit a draft for review (draft → in-review)',
    reasonRequired: false,
    statuses: 'draft',
  },
  {
    action: 'approve',
    permission: 'specs.review',
    summary: 'Approve a version in review (stays in-review, approved); not by its author',
    reasonRequired: false,
    statuses: 'in-review, not yet approved',
  },
  {
    action: 'return',
    permission: 'specs.review',
    summary: 'Return a version in review to draft with a comment (drops an approval)',
    reasonRequired: true,
    statuses: 'in-review',
  },
  {
    action: 'publish',
    permission: 'specs.publish',
    summary: 'Publish an approved version (in-review → published); not by its author',
    reasonRequired: false,
    statuses: 'in-review and approved',
  },
  {
    action: 'deprecate',
    permission: 'specs.publish',
    summary: 'Deprecate a published version (published → deprecated), with the reason',
    reasonRequired: true,
    statuses: 'published',
  },
];

function lifecycleRoutes(specs: SpecStore, kind: VersionKind): AnyRouteDefinition[] {
  const base = kind === 'spec' ? '/api/specs/:key/versions' : '/api/overlays/:key/versions';
  const noun = kind === 'spec' ? 'Spec' : 'Overlay';
  const what = kind === 'spec' ? 'spec version' : 'overlay version';
  const params = z.object({ key: KEY, version: SEMVER });
  return [
    defineRoute({
      method: 'get',
      path: kind === 'spec' ? '/api/specs' : '/api/overlays',
      operationId: `list${noun}Versions`,
      summary: `Every ${what} (without content), by key and version`,
      tags: ['specs'],
      access: { signedIn: true },
      request: {
        query: z.object({ key: KEY.optional(), status: STATUS.optional() }),
      },
      responses: {
        200: {
          description: 'Versions',
          schema: z.object({ versions: z.array(SpecVersionSummary) }),
        },
      },
      handler: async ({ query }) => ({ versions: await specs.list(kind, query) }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:version`,
      operationId: `get${noun}Version`,
      summary: `One ${what} with its content and its lifecycle history`,
      tags: ['specs'],
      access: { signedIn: true },
      request: { params },
      responses: { 200: { description: noun, schema: SpecVersion }, 404: { description: 'None' } },
      handler: async ({ params: p }, ctx) => {
        const found = await specs.get(kind, p.key, p.version);
        ctx.set('ETag', etag(found.rowVersion));
        return found;
      },
    }),
    kind === 'spec'
      ? defineRoute({
          method: 'post',
          path: base,
          operationId: 'createSpecVersion',
          summary:
            'Create a draft spec version (content checked against the meta-schemas, every form compiled, workflows linted)',
          description:
            'The caller needs forms.design over the jurisdiction (100000, the nation, unless given).',
          tags: ['specs'],
          access: { permission: 'forms.design' },
          request: {
            params: z.object({ key: KEY }),
            body: z.object({
              version: SEMVER,
              jurisdiction: z
                .string()
                .regex(/^\d{6}$/)
                .default('100000'),
              content: SpecContentBody,
            }),
          },
          responses: {
            201: { description: 'Draft created', schema: SpecVersion },
            403: { description: 'Outside your jurisdiction' },
            409: { description: 'The version exists' },
            422: {
              description:
                '`spec_invalid`: `details.errors` lists each problem; a form that does not compile carries `form`, `formPath` (inside the form), `code` and `message: { zh, en }`',
            },
          },
          handler: async ({ params: p, body, caller, scope }, ctx) => {
            const created = await specs.createSpecDraft(
              p.key,
              {
                version: body.version,
                jurisdiction: body.jurisdiction,
                content: body.content as unknown as SpecContent,
              },
              caller!,
              scope!,
              requestContext(ctx),
            );
            ctx.set('ETag', etag(created.rowVersion));
            return created;
          },
        })
      : defineRoute({
          method: 'post',
          path: base,
          operationId: 'createOverlayVersion',
          summary:
            'Create a draft overlay version; applied to its base: a policy violation is a 422 listing each problem',
          description:
            'The caller needs forms.design over the overlay’s jurisdiction. Body: the Overlay itself.',
          tags: ['specs'],
          access: { permission: 'forms.design' },
          request: { params: z.object({ key: KEY }), body: OverlayBody },
          responses: {
            201: { description: 'Draft created', schema: SpecVersion },
            403: { description: 'Outside your jurisdiction' },
            409: { description: 'The version exists' },
            422: { description: 'The overlay is rejected', schema: OverlayProblemList },
          },
          handler: async ({ params: p, body, caller, scope }, ctx) => {
            const created = await specs.createOverlayDraft(
              p.key,
              body as unknown as Overlay,
              caller!,
              scope!,
              requestContext(ctx),
            );
            ctx.set('ETag', etag(created.rowVersion));
            return created;
          },
        }),
    defineRoute({
      method: 'put',
      path: `${base}/:version`,
      operationId: `update${noun}Version`,
      summary: `Replace the content of a draft ${what}; If-Match: its row version`,
      tags: ['specs'],
      access: { permission: 'forms.design' },
      request: {
        params,
        body: kind === 'spec' ? z.object({ content: SpecContentBody }) : OverlayBody,
      },
      responses: {
        200: { description: 'Saved', schema: SpecVersion },
        404: { description: 'No such version in your jurisdiction' },
        409: {
          description:
            '`published_is_immutable` (published or deprecated), `not_a_draft` (in review) or a stale row version',
        },
        422: { description: 'The content is rejected', schema: OverlayProblemList },
        428: { description: 'If-Match is missing' },
      },
      handler: async ({ params: p, body, caller, scope }, ctx) => {
        const content =
          kind === 'spec'
            ? ((body as { content: unknown }).content as SpecContent)
            : (body as unknown as Overlay);
        const saved = await specs.updateDraft(
          kind,
          p.key,
          p.version,
          expectedRowVersion(ctx),
          content,
          caller!,
          scope!,
          requestContext(ctx),
        );
        ctx.set('ETag', etag(saved.rowVersion));
        return saved;
      },
    }),
    ...ACTIONS.map((step) =>
      defineRoute({
        method: 'post',
        path: `${base}/:version/${step.action}`,
        operationId: `${step.action}${noun}Version`,
        summary: `${step.summary} (${what})`,
        description: `Needs ${step.permission} over the version's jurisdiction and status ${step.statuses}. Audited (\`spec.${step.action}\`) and kept in the version's history with the reason.`,
        tags: ['specs'],
        access: { permission: step.permission },
        request: {
          params,
          body: step.reasonRequired
            ? z.object({ reason: z.string().trim().min(1).max(2000) })
            : z.object({ reason: z.string().trim().min(1).max(2000).optional() }).optional(),
        },
        responses: {
          200: { description: 'Moved', schema: SpecVersion },
          403: { description: 'Four eyes: the author may not approve or publish' },
          404: { description: 'No such version in your jurisdiction' },
          409: { description: 'Not in a status this step starts from, or not approved' },
          422: {
            description:
              'Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was',
            schema: OverlayProblemList,
          },
        },
        handler: ({ params: p, body, caller, scope }, ctx) =>
          specs.transition(
            kind,
            p.key,
            p.version,
            step.action,
            body?.reason,
            caller!,
            scope!,
            requestContext(ctx),
          ),
      }),
    ),
  ];
}

/** Spec and overlay versions: list, read, drafts and their lifecycle; overlay rebase. */
export function specRoutes(specs: SpecStore): AnyRouteDefinition[] {
  return [
    ...lifecycleRoutes(specs, 'spec'),
    ...lifecycleRoutes(specs, 'overlay'),
    defineRoute({
      method: 'post',
      path: '/api/overlays/:key/versions/:version/rebase',
      operationId: 'rebaseOverlayVersion',
      summary:
        'Rebase an overlay version onto another published base version: a new draft with the operations that carry over, and the conflicts',
      description:
        'Each conflict names the operation (index in the overlay rebased, op), what the base changed there, and why it cannot be carried.',
      tags: ['specs'],
      access: { permission: 'forms.design' },
      request: {
        params: z.object({ key: KEY, version: SEMVER }),
        body: z.object({
          toBaseVersion: SEMVER,
          version: SEMVER.meta({ description: 'Version of the new draft overlay, e.g. 1.1.0' }),
        }),
      },
      responses: {
        201: {
          description: 'Draft created',
          schema: z.object({
            overlay: SpecVersion,
            carried: z.array(z.object({ index: z.number(), op: z.unknown() })),
            conflicts: z.array(
              z.object({
                index: z.number(),
                op: z.unknown(),
                baseChange: z.object({}).passthrough(),
                reason: z.object({ zh: z.string(), en: z.string() }),
                code: z.string(),
              }),
            ),
          }),
        },
        404: { description: 'No such overlay version in your jurisdiction' },
        409: { description: 'The new version exists, or the base version is not published' },
        422: { description: 'The overlay cannot be rebased', schema: OverlayProblemList },
      },
      handler: ({ params: p, body, caller, scope }, ctx) =>
        specs.rebase(p.key, p.version, body, caller!, scope!, requestContext(ctx)),
    }),
  ];
}
