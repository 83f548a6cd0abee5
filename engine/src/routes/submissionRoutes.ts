import type { ParameterizedContext } from 'koa';
import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import { etag, expectedRowVersion } from '../http/preconditions.js';
import type { RequestState } from '../http/requestContext.js';
import { idempotencyKey } from '../submissions/IdempotencyKey.js';
import type { SubmissionService, WriteResult } from '../submissions/SubmissionService.js';
import { SIGNER_UNAVAILABLE, SignatureVerificationSchema } from './signatureSchemas.js';

type Ctx = ParameterizedContext<RequestState>;

export const Submission = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    enrollmentId: z.string().nullable(),
    formKey: z.string(),
    formVersion: z.string().meta({ description: 'The form version the data is pinned to' }),
    releaseId: z.string().meta({ description: 'The release the form version belongs to' }),
    orgCode: z.string(),
    revision: z.number(),
    rowVersion: z.number().meta({ description: 'Send it back in If-Match to amend' }),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    dropped: z
      .array(z.string())
      .optional()
      .meta({ description: 'Fields the client sent that are hidden for this data (not stored)' }),
  })
  .meta({ id: 'Submission' });

const FormErrors = z.object({}).passthrough().meta({
  id: 'FormValidationError',
  description:
    '`error.details.errors`: `[{ path (JSON pointer), keyword, message: { zh, en } }]`, the same list the browser shows',
});

export const requestContext = (ctx: { ip: string; state: { requestId: string } }) => ({
  ip: ctx.ip,
  requestId: ctx.state.requestId,
});

/** Sends a write's status, ETag and, for a retry answered from the stored response, a marker. */
export function written(ctx: Ctx, result: WriteResult) {
  ctx.status = result.status;
  ctx.set('ETag', etag(result.body.rowVersion));
  if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
  return result.body;
}

/** `?reveal=true`: personal values unmasked, for holders of personal-data.read (audited). */
export const Reveal = z
  .object({ reveal: z.enum(['true', 'false']).optional() })
  .meta({ description: 'reveal=true shows personal values unmasked (personal-data.read)' });

export const PERSONAL_NOTE =
  'Fields the form marks as personal data (name, ID number, phone, address) are shown masked; `reveal=true` shows them to holders of personal-data.read over the record (403 otherwise), audited as `subject.view-personal-data`. Sending a masked value back unchanged keeps the stored value.';

export const IDEMPOTENCY_NOTE =
  'Send an `Idempotency-Key` header (8–128 printable characters, new for each submission) to make retries safe: a retry with the same key and body gets the same response (with `Idempotent-Replayed: true`) and stores nothing; the same key with another body is a 422.';

export function submissionRoutes(submissions: SubmissionService) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/submissions',
      operationId: 'createSubmission',
      summary: 'Submit a form for a resident (validated, pinned to the release’s form version)',
      description: IDEMPOTENCY_NOTE,
      tags: ['submissions'],
      access: { permission: 'records.capture' },
      request: {
        body: z.object({
          formKey: z.string().min(1).max(100),
          subjectId: z.string().uuid(),
          data: z.unknown(),
        }),
      },
      responses: {
        201: { description: 'Stored', schema: Submission },
        404: { description: 'No such resident in your scope' },
        409: { description: 'Conflict' },
        422: { description: 'The data is not valid for the form', schema: FormErrors },
      },
      handler: async ({ body, caller, scope }, ctx) => {
        const key = idempotencyKey(ctx.get('idempotency-key'), {
          method: 'POST',
          path: ctx.path,
          body,
        });
        const result = await submissions.create(body, caller!, scope!, requestContext(ctx), key);
        return written(ctx, result);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id',
      operationId: 'getSubmission',
      summary: 'One submission in its current revision (audited as a view of the resident)',
      description: PERSONAL_NOTE,
      tags: ['submissions'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }), query: Reveal },
      responses: {
        200: { description: 'Submission', schema: Submission },
        403: { description: 'reveal=true without personal-data.read' },
      },
      handler: async ({ params, query, caller, scope }, ctx) => {
        const found = await submissions.get(
          params.id,
          query.reveal === 'true',
          caller!,
          scope!,
          requestContext(ctx),
        );
        ctx.set('ETag', etag(found.rowVersion));
        return found;
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/submissions/:id',
      operationId: 'amendSubmission',
      summary: 'Amend a submission: a new revision, with the reason; If-Match: the row version',
      description: PERSONAL_NOTE,
      tags: ['submissions'],
      access: { permission: 'records.capture' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ data: z.unknown(), reason: z.string().trim().min(1).max(500) }),
      },
      responses: {
        200: {
          description: 'Amended (or unchanged when the data is the same)',
          schema: Submission,
        },
        409: { description: 'The row version is stale: reload and try again' },
        422: { description: 'The data is not valid for the form', schema: FormErrors },
        428: { description: 'If-Match is missing' },
      },
      handler: async ({ params, body, caller, scope }, ctx) => {
        const expected = expectedRowVersion(ctx);
        const result = await submissions.amend(
          params.id,
          expected,
          body,
          caller!,
          scope!,
          requestContext(ctx),
        );
        return written(ctx, result);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id/revisions',
      operationId: 'listSubmissionRevisions',
      summary: 'Who changed which fields of a submission, when and why',
      tags: ['submissions'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Revisions, first to last',
          schema: z.object({
            revisions: z.array(
              z.object({
                revision: z.number(),
                changed: z.array(z.string()),
                reason: z.string().nullable(),
                authorId: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
      handler: async ({ params, caller, scope }, ctx) => ({
        revisions: await submissions.revisions(params.id, caller!, scope!, requestContext(ctx)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id/signature',
      operationId: 'getSubmissionSignature',
      summary: 'Whether a submission’s newest signature verifies (signed forms, signed reports)',
      description:
        'The content signed (ids, revision, form key, version and hash, resident, data) is recomputed from the stored submission and checked against the stored content hash, then by the signing plugin. `unsigned` when the submission has no signature or its current revision is not the one signed (`signedRevision`). Read like the submission itself (records.read in scope, audited as `subject.view` with `details.via` `signature`).',
      tags: ['submissions', 'signatures'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Verification',
          schema: SignatureVerificationSchema.extend({
            revision: z.number().meta({ description: 'The submission’s current revision' }),
            signedRevision: z
              .number()
              .optional()
              .meta({ description: 'The revision the newest signature covers' }),
          }),
        },
        404: { description: 'No such submission in your scope' },
        503: { description: SIGNER_UNAVAILABLE },
      },
      handler: ({ params, caller, scope }, ctx) =>
        submissions.signature(params.id, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id/revisions/:revision',
      operationId: 'getSubmissionRevision',
      summary: 'The data of one revision of a submission',
      description: PERSONAL_NOTE,
      tags: ['submissions'],
      access: { permission: 'records.read' },
      request: {
        params: z.object({ id: z.string().uuid(), revision: z.coerce.number().int().min(1) }),
        query: Reveal,
      },
      responses: {
        200: { description: 'Revision', schema: z.object({}).passthrough() },
        403: { description: 'reveal=true without personal-data.read' },
      },
      handler: ({ params, query, caller, scope }, ctx) =>
        submissions.revision(
          params.id,
          params.revision,
          query.reveal === 'true',
          caller!,
          scope!,
          requestContext(ctx),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id/submissions',
      operationId: 'listSubjectSubmissions',
      summary: 'A resident’s submissions, newest first (audited)',
      description: PERSONAL_NOTE,
      tags: ['submissions'],
      access: { permission: 'records.read' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({
          formKey: z.string().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          reveal: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: {
          description: 'Submissions',
          schema: z.object({ submissions: z.array(Submission) }),
        },
        403: { description: 'reveal=true without personal-data.read' },
      },
      handler: async ({ params, query, caller, scope }, ctx) => ({
        submissions: await submissions.listForSubject(
          params.id,
          { formKey: query.formKey, limit: query.limit, reveal: query.reveal === 'true' },
          caller!,
          scope!,
          requestContext(ctx),
        ),
      }),
    }),
  ];
}
