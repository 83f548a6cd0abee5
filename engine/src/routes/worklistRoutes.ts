import { z } from 'zod';
import { PROGRAM_ID } from '../enrollments/EnrollmentService.js';
import { defineRoute, type AnyRouteDefinition } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import {
  WORKLIST_GROUPS,
  WORKLIST_PERIODS,
  WORKLIST_STATUSES,
  type WorklistService,
  type WorklistStatus,
} from '../schedules/WorklistService.js';

const Text = z.object({ zh: z.string(), en: z.string() });
const WorklistItem = z
  .object({
    id: z.string(),
    version: z.number().meta({ description: 'Grows when a date or the status changes' }),
    status: z.enum(WORKLIST_STATUSES),
    daysOverdue: z
      .number()
      .nullable()
      .meta({ description: 'Days since it became overdue (that day is 1); null unless overdue' }),
    resident: z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable().meta({ description: 'Masked' }),
    }),
    program: z.string(),
    orgCode: z.string().meta({ description: 'The clinic managing the enrollment' }),
    villageCode: z.string().nullable(),
    responsibleUserId: z.string().nullable(),
    form: z.object({ key: z.string(), version: z.string().nullable(), release: z.string() }).meta({
      description: 'The form to open: its key and version on the release the item was computed on',
    }),
    occurrence: z.object({ schedule: z.string(), id: z.string(), title: Text }),
    windowStart: z.string(),
    windowEnd: z.string(),
    dueDate: z.string(),
    dueSoonDate: z.string(),
    overdueDate: z.string(),
    expiresOn: z.string().nullable(),
    doneOn: z.string().nullable(),
  })
  .meta({ id: 'WorklistItem' });
const Worklist = z
  .object({
    today: z.string(),
    group: z.enum(WORKLIST_GROUPS),
    period: z.object({ kind: z.enum(WORKLIST_PERIODS), from: z.string(), to: z.string() }),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
    items: z.array(WorklistItem),
    counts: z.object({
      byStatus: z.object({ overdue: z.number(), 'due-soon': z.number(), done: z.number() }),
      byProgram: z.array(z.object({ program: z.string(), count: z.number() })),
      byVillage: z.array(
        z.object({
          villageCode: z.string().nullable(),
          name: z.string().nullable(),
          count: z.number(),
        }),
      ),
    }),
  })
  .meta({ id: 'Worklist' });

/** `status=overdue,due-soon`: each one of the statuses, named in the error when not. */
function statuses(text: string | undefined): WorklistStatus[] {
  if (text === undefined) return ['overdue', 'due-soon'];
  const list = [...new Set(text.split(',').map((s) => s.trim()))];
  const wrong = list.filter((s) => !(WORKLIST_STATUSES as readonly string[]).includes(s));
  if (wrong.length || !list.length)
    throw new HttpError(
      400,
      'invalid_request',
      `status 只能是 ${WORKLIST_STATUSES.join('、')}（逗号分隔）：${wrong.join('、')} / status must be among ${WORKLIST_STATUSES.join(', ')} (comma-separated), not ${wrong.join(', ')}`,
      {
        errors: [
          { path: '/query/status', keyword: 'enum', message: `not a status: ${wrong.join(', ')}` },
        ],
      },
    );
  return list as WorklistStatus[];
}

const meta = (ctx: { ip: string; state: { requestId: string } }) => ({
  ip: ctx.ip,
  requestId: ctx.state.requestId,
});

/** The frontline's worklist of due items (WorklistService). */
export function worklistRoutes(worklist: WorklistService): AnyRouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/worklist',
      operationId: 'getWorklist',
      summary: 'Due-soon, overdue and done-this-period follow-ups, by urgency, with counts',
      description:
        'group: mine (the caller is the responsible doctor, default), team (the responsible ' +
        'doctor works at the caller’s org unit), institution (residents managed at the caller’s ' +
        'org unit) or region (org: a division or institution inside the caller’s scope; default ' +
        'the whole scope). Always within the caller’s records.read scope. status: comma-separated ' +
        'overdue, due-soon, done (default overdue,due-soon); period (month, quarter, year) bounds ' +
        'the done items. Sorted overdue first (most days overdue first), then due soon by due ' +
        'date, then done (latest first). counts: by status, programme and village, each leaving ' +
        'out its own filter. Audited as one listing of the residents shown.',
      tags: ['worklist'],
      access: { permission: 'records.read' },
      request: {
        query: z.object({
          group: z.enum(WORKLIST_GROUPS).default('mine'),
          org: z
            .string()
            .regex(/^[0-9A-Za-z-]{2,40}$/)
            .optional(),
          status: z.string().max(100).optional(),
          program: z
            .string()
            .regex(PROGRAM_ID)
            .optional()
            .describe('A programme id: a national one or a province’s own (GET /api/programs)'),
          village: z
            .string()
            .regex(/^[0-9A-Za-z-]{2,40}$/)
            .optional(),
          period: z.enum(WORKLIST_PERIODS).default('month'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: { description: 'The page, the total and the counts', schema: Worklist },
        400: { description: 'A query parameter is not valid (named in details)' },
        403: { description: 'out_of_scope: org is outside the caller’s scope' },
        422: { description: 'unknown_org_unit: org names no org unit' },
      },
      handler: async ({ query, caller, scope }, ctx) => {
        if (query.org !== undefined && query.group !== 'region')
          throw new HttpError(
            400,
            'invalid_request',
            'org 只用于 group=region / org goes with group=region only',
            { errors: [{ path: '/query/org', keyword: 'group', message: 'needs group=region' }] },
          );
        return worklist.list(
          {
            group: query.group,
            org: query.org,
            statuses: statuses(query.status),
            program: query.program,
            village: query.village,
            period: query.period,
            limit: query.limit,
            offset: query.offset,
          },
          caller!,
          scope!,
          meta(ctx),
        );
      },
    }),
  ];
}
