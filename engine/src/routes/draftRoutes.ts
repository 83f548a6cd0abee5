import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import { etag, expectedRowVersion } from '../http/preconditions.js';
import type { DraftService } from '../submissions/DraftService.js';
import { idempotencyKey } from '../submissions/IdempotencyKey.js';
import { IDEMPOTENCY_NOTE, requestContext, Submission, written } from './submissionRoutes.js';

const Draft = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    formKey: z.string(),
    formVersion: z.string(),
    releaseId: z.string(),
    orgCode: z.string(),
    rowVersion: z.number(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
    check: z
      .object({ valid: z.boolean(), errors: z.array(z.unknown()) })
      .meta({ description: 'What submitting it now would say (drafts are never refused)' }),
  })
  .meta({ id: 'Draft' });
const DraftData = z.record(z.string(), z.unknown());

export function draftRoutes(drafts: DraftService) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/drafts',
      operationId: 'createDraft',
      summary: 'Start a draft of a form for a resident',
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      request: {
        body: z.object({
          formKey: z.string().min(1).max(100),
          subjectId: z.string().uuid(),
          data: DraftData.default({}),
        }),
      },
      responses: { 201: { description: 'Draft', schema: Draft } },
      handler: async ({ body, caller, scope }, ctx) => {
        const draft = await drafts.create(body, caller!, scope!, requestContext(ctx));
        ctx.set('ETag', etag(draft.rowVersion));
        return draft;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/drafts',
      operationId: 'listDrafts',
      summary: 'Your drafts, most recently saved first',
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      responses: { 200: { description: 'Drafts', schema: z.object({ drafts: z.array(Draft) }) } },
      handler: async ({ caller, scope }) => ({ drafts: await drafts.mine(caller!, scope!) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/drafts/:id',
      operationId: 'getDraft',
      summary: 'One of your drafts',
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: { 200: { description: 'Draft', schema: Draft } },
      handler: async ({ params, caller, scope }, ctx) => {
        const draft = await drafts.get(params.id, caller!, scope!, requestContext(ctx));
        ctx.set('ETag', etag(draft.rowVersion));
        return draft;
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/drafts/:id',
      operationId: 'saveDraft',
      summary: 'Autosave a draft (If-Match: the row version you last saved)',
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      request: { params: z.object({ id: z.string().uuid() }), body: z.object({ data: DraftData }) },
      responses: {
        200: { description: 'Saved', schema: Draft },
        409: { description: 'Saved elsewhere since: reload' },
        428: { description: 'If-Match is missing' },
      },
      handler: async ({ params, body, caller, scope }, ctx) => {
        const expected = expectedRowVersion(ctx);
        const draft = await drafts.save(
          params.id,
          expected,
          body.data,
          caller!,
          scope!,
          requestContext(ctx),
        );
        ctx.set('ETag', etag(draft.rowVersion));
        return draft;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/drafts/:id',
      operationId: 'deleteDraft',
      summary: 'Discard one of your drafts',
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: { 204: { description: 'Discarded' } },
      handler: async ({ params, caller, scope }, ctx) => {
        await drafts.remove(params.id, caller!, scope!, requestContext(ctx));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/drafts/:id/submit',
      operationId: 'submitDraft',
      summary: 'Submit a draft as a final submission (the draft is removed)',
      description: IDEMPOTENCY_NOTE,
      tags: ['drafts'],
      access: { permission: 'records.capture' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        201: { description: 'Stored', schema: Submission },
        409: { description: 'Already submitted' },
        422: { description: 'The draft is not valid yet' },
      },
      handler: async ({ params, caller, scope }, ctx) => {
        const key = idempotencyKey(ctx.get('idempotency-key'), {
          method: 'POST',
          path: ctx.path,
          body: null,
        });
        const result = await drafts.submit(params.id, caller!, scope!, requestContext(ctx), key);
        return written(ctx, result);
      },
    }),
  ];
}
