import { z } from 'zod';
import { PROGRAM_ID, type EnrollmentService } from '../enrollments/EnrollmentService.js';
import { defineRoute, type AnyRouteDefinition } from '../http/defineRoute.js';
import { expectedRowVersion, withETag } from '../http/preconditions.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ProgramId = z.string().regex(PROGRAM_ID).meta({
  description:
    'A programme: hypertension, diabetes, pregnancy, or one the release serving the resident’s clinic offers (GET /api/programs)',
});
const Enrollment = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    program: ProgramId,
    orgCode: z.string(),
    enrolledOn: z.string(),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    responsibleUserId: z.string().nullable().meta({
      description: 'The responsible doctor (责任医生): whose worklist the due items are on',
    }),
    rowVersion: z.number().meta({ description: 'Also the ETag; send it back in If-Match' }),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'Enrollment' });
const meta = (ctx: { ip: string; state: { requestId: string } }) => ({
  ip: ctx.ip,
  requestId: ctx.state.requestId,
});

export function enrollmentRoutes(enrollments: EnrollmentService): AnyRouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/subjects/:id/enrollments',
      operationId: 'createEnrollment',
      summary:
        'Enroll a resident in a program (hypertension, diabetes, a pregnancy episode, or a province’s own)',
      description:
        'At most one active enrollment per resident and program. orgCode defaults to the ' +
        'resident’s institution. details: what the programme’s schedules read from the ' +
        'enrollment (e.g. a pregnancy’s last menstrual period, as a date): a date they read that ' +
        'is no date is refused with 422. The caller becomes the responsible doctor.',
      tags: ['residents'],
      access: { permission: 'records.capture' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: z.object({
          program: ProgramId,
          enrolledOn: IsoDate,
          orgCode: z.string().min(2).max(40).optional(),
          details: z.record(z.string(), z.unknown()).optional(),
        }),
      },
      responses: {
        201: { description: 'Enrolled; ETag: the row version', schema: Enrollment },
        404: { description: 'No such resident in your scope' },
        409: { description: 'already_enrolled: an active enrollment in this program exists' },
        422: {
          description:
            'Invalid date (future, before birth), org unit, or details giving no date; program_not_offered: the release serving the resident’s clinic does not offer the programme',
        },
      },
      handler: async ({ params, body, caller, scope }, ctx) =>
        withETag(ctx, await enrollments.create(params.id, body, caller!, scope!, meta(ctx))),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id/enrollments',
      operationId: 'listEnrollments',
      summary: 'A resident’s enrollments, newest first, ended ones included',
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Enrollments',
          schema: z.object({ enrollments: z.array(Enrollment) }),
        },
        404: { description: 'No such resident in your scope' },
      },
      handler: async ({ params, caller, scope }, ctx) => ({
        enrollments: await enrollments.list(params.id, caller!, scope!, meta(ctx)),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/enrollments/:id/end',
      operationId: 'endEnrollment',
      summary: 'End an enrollment (If-Match: the row version)',
      tags: ['residents'],
      access: { permission: 'records.capture' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ endedOn: IsoDate, reason: z.string().trim().min(1).max(200) }),
      },
      responses: {
        200: { description: 'Ended; ETag: the new row version', schema: Enrollment },
        404: { description: 'No such enrollment in your scope' },
        409: { description: 'stale_row_version or already_ended' },
        422: { description: 'endedOn in the future or before enrolledOn' },
        428: { description: 'No If-Match header' },
      },
      handler: async ({ params, body, caller, scope }, ctx) =>
        withETag(
          ctx,
          await enrollments.end(
            params.id,
            expectedRowVersion(ctx),
            body,
            caller!,
            scope!,
            meta(ctx),
          ),
        ),
    }),
    defineRoute({
      method: 'put',
      path: '/api/enrollments/:id/responsible',
      operationId: 'reassignEnrollment',
      summary: 'Give an enrollment another responsible doctor (If-Match: the row version)',
      description:
        'The new responsible doctor must be an active user holding a role that captures records ' +
        'over the resident’s clinic; the enrollment’s due items move to their worklist in the ' +
        'same transaction. Audited as enrollment.reassign.',
      tags: ['residents'],
      access: { permission: 'records.capture' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ userId: z.string().uuid() }),
      },
      responses: {
        200: { description: 'Reassigned; ETag: the new row version', schema: Enrollment },
        404: { description: 'No such enrollment in your scope' },
        409: { description: 'stale_row_version or already_ended' },
        422: { description: 'The user is not active or may not capture records at the clinic' },
        428: { description: 'No If-Match header' },
      },
      handler: async ({ params, body, caller, scope }, ctx) =>
        withETag(
          ctx,
          await enrollments.reassign(
            params.id,
            expectedRowVersion(ctx),
            body,
            caller!,
            scope!,
            meta(ctx),
          ),
        ),
    }),
  ];
}
