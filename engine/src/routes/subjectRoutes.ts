import { z } from 'zod';
import { HttpError } from '../http/HttpError.js';
import { defineRoute } from '../http/defineRoute.js';
import { HEALTH_RECORD_NUMBER_PATTERN } from '../subjects/residentNumbers.js';
import { expectedRowVersion, withETag } from '../http/preconditions.js';
import {
  SEARCH_LIMIT,
  type SubjectSearch,
  type SubjectService,
} from '../subjects/SubjectService.js';

const Subject = z
  .object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    birthDate: z.string(),
    idNumber: z.string().meta({ description: 'Masked (350102********123X) unless revealed' }),
    phone: z.string().nullable(),
    masked: z.boolean(),
    orgCode: z.string(),
    healthRecordNumber: z
      .string()
      .nullable()
      .meta({ description: '居民健康档案编号: 12-digit division code + 5-digit serial' }),
    rowVersion: z.number().meta({ description: 'Also the ETag; send it back in If-Match' }),
  })
  .meta({ id: 'Subject' });
const Phone = z.string().regex(/^[0-9+\- ]{5,20}$/);
const SEARCH_BY = ['idNumber', 'name', 'initials', 'healthRecordNumber'] as const;
const AccessEntry = z
  .object({
    seq: z.number().int(),
    chain: z
      .string()
      .nullable()
      .meta({ description: 'The record chain of a write of the record (seq counts per chain)' }),
    occurredAt: z.string(),
    action: z.string().meta({ description: 'e.g. subject.view, subject.view-personal-data' }),
    outcome: z.string(),
    actorUsername: z.string().nullable(),
    orgUnitCode: z.string().nullable(),
    reason: z.string().nullable().meta({
      description:
        'The reason given for seeing the personal data unmasked (subject.view-personal-data), else null',
    }),
  })
  .meta({ id: 'AccessLogEntry' });
const meta = (ctx: { ip: string; state: { requestId: string } }) => ({
  ip: ctx.ip,
  requestId: ctx.state.requestId,
});

export function subjectRoutes(subjects: SubjectService) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/subjects',
      operationId: 'createSubject',
      summary: 'Register a resident at an institution in your scope',
      tags: ['residents'],
      access: { permission: 'records.capture' },
      request: {
        body: z.object({
          name: z.string().min(1).max(50),
          idNumber: z.string().min(1).max(32),
          phone: Phone.optional(),
          orgCode: z.string().min(2).max(40),
          healthRecordNumber: z
            .string()
            .regex(HEALTH_RECORD_NUMBER_PATTERN)
            .optional()
            .meta({ description: 'Given by hand (17 digits); generated when absent' }),
        }),
      },
      responses: {
        201: {
          description: 'Registered (ID and phone masked); ETag: the row version',
          schema: Subject,
        },
        409: { description: 'This ID number or health record number is already registered' },
        422: { description: 'Invalid ID number or org unit' },
      },
      handler: async ({ body, caller, scope }, ctx) =>
        withETag(ctx, await subjects.create(body, caller!, scope!, meta(ctx))),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects',
      operationId: 'findSubjects',
      summary:
        'Find residents in your scope by exactly one of: ID number, name, initials, record number',
      description:
        'idNumber and healthRecordNumber match exactly, name and initials (pinyin, any case) by ' +
        `prefix. At most ${SEARCH_LIMIT} residents (limit); each one returned is audited as viewed.`,
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: {
        query: z.object({
          idNumber: z.string().min(15).max(32).optional(),
          name: z.string().trim().min(1).max(50).optional(),
          initials: z
            .string()
            .regex(/^[A-Za-z0-9]{1,20}$/)
            .optional(),
          healthRecordNumber: z.string().regex(HEALTH_RECORD_NUMBER_PATTERN).optional(),
          limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT).optional(),
        }),
      },
      responses: {
        200: { description: 'Matches', schema: z.object({ subjects: z.array(Subject) }) },
        400: { description: 'No criterion, or more than one' },
      },
      handler: async ({ query, caller, scope }, ctx) => {
        const given = SEARCH_BY.filter((by) => query[by] !== undefined);
        if (given.length !== 1) {
          throw new HttpError(
            400,
            'one_criterion_required',
            `请只给出一个查询条件 / Give exactly one of ${SEARCH_BY.join(', ')}`,
            { given },
          );
        }
        const by = given[0]!;
        const criterion = { by, value: query[by]! } as SubjectSearch;
        return {
          subjects: await subjects.search(
            criterion,
            query.limit ?? SEARCH_LIMIT,
            caller!,
            scope!,
            meta(ctx),
          ),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id',
      operationId: 'getSubject',
      summary:
        'One resident (audited); reveal=true shows ID and phone to holders of personal-data.read',
      description:
        'reveal=true needs a reason (why the personal data is looked at, e.g. 随访核对身份); ' +
        'it is kept in the audit event subject.view-personal-data. 400 reason_required without ' +
        'one; 403 without personal-data.read over the resident (the refusal audited).',
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({
          reveal: z.enum(['true', 'false']).optional(),
          reason: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .optional()
            .meta({ description: 'Why the record is shown unmasked; required with reveal=true' }),
        }),
      },
      responses: { 200: { description: 'Resident; ETag: the row version', schema: Subject } },
      handler: async ({ params, query, caller, scope }, ctx) =>
        withETag(
          ctx,
          await subjects.get(
            params.id,
            query.reveal === 'true' ? { reason: query.reason } : false,
            caller!,
            scope!,
            meta(ctx),
          ),
        ),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/subjects/:id',
      operationId: 'updateSubject',
      summary: 'Change a resident’s name, phone or institution (If-Match: the row version)',
      description:
        'Send the row version read (ETag) in If-Match. Moving to another institution needs it ' +
        'inside your scope. The ID number cannot be changed.',
      tags: ['residents'],
      access: { permission: 'records.capture' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: z
          .object({
            name: z.string().trim().min(1).max(50).optional(),
            phone: Phone.nullable().optional(),
            orgCode: z.string().min(2).max(40).optional(),
          })
          .strict(),
      },
      responses: {
        200: { description: 'Changed (masked); ETag: the new row version', schema: Subject },
        409: { description: 'stale_row_version: changed meanwhile, nothing written' },
        422: { description: 'Unknown org unit' },
        428: { description: 'No If-Match header' },
      },
      handler: async ({ params, body, caller, scope }, ctx) =>
        withETag(
          ctx,
          await subjects.update(
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
      method: 'get',
      path: '/api/subjects/:id/access-log',
      operationId: 'getSubjectAccessLog',
      summary: 'Who opened this resident’s record, and when (and why, where unmasked)',
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Views, newest first',
          schema: z.object({ entries: z.array(AccessEntry) }),
        },
      },
      handler: async ({ params, caller, scope }, ctx) => ({
        entries: await subjects.accessLog(params.id, caller!, scope!, meta(ctx)),
      }),
    }),
  ];
}
