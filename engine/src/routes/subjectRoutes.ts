import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { SubjectService } from '../subjects/SubjectService.js';

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
    rowVersion: z.number(),
  })
  .meta({ id: 'Subject' });
const AccessEntry = z.object({}).passthrough().meta({ id: 'AccessLogEntry' });
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
          phone: z
            .string()
            .regex(/^[0-9+\- ]{5,20}$/)
            .optional(),
          orgCode: z.string().min(2).max(40),
        }),
      },
      responses: {
        201: { description: 'Registered (ID and phone masked)', schema: Subject },
        409: { description: 'This ID number is already registered' },
        422: { description: 'Invalid ID number or org unit' },
      },
      handler: ({ body, caller, scope }, ctx) => subjects.create(body, caller!, scope!, meta(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects',
      operationId: 'findSubjects',
      summary: 'Find residents in your scope by ID number',
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: { query: z.object({ idNumber: z.string().min(15).max(32) }) },
      responses: {
        200: { description: 'Matches', schema: z.object({ subjects: z.array(Subject) }) },
      },
      handler: async ({ query, caller, scope }, ctx) => ({
        subjects: await subjects.findByIdNumber(query.idNumber, caller!, scope!, meta(ctx)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id',
      operationId: 'getSubject',
      summary:
        'One resident (audited); reveal=true shows ID and phone to holders of personal-data.read',
      tags: ['residents'],
      access: { permission: 'records.read' },
      request: {
        params: z.object({ id: z.string().uuid() }),
        query: z.object({ reveal: z.enum(['true', 'false']).optional() }),
      },
      responses: { 200: { description: 'Resident', schema: Subject } },
      handler: ({ params, query, caller, scope }, ctx) =>
        subjects.get(params.id, query.reveal === 'true', caller!, scope!, meta(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id/access-log',
      operationId: 'getSubjectAccessLog',
      summary: 'Who opened this resident’s record, and when',
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
