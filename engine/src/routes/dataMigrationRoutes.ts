import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { DataMigrationService } from '../migrations-data/DataMigrationService.js';
import { requestContext } from './submissionRoutes.js';

const Pin = z.object({ releaseId: z.string(), formVersion: z.string() });

const Plan = z
  .object({
    id: z.string(),
    formKey: z.string(),
    from: Pin,
    to: Pin,
    status: z.enum(['draft', 'ready', 'running', 'done', 'failed']),
    plan: z.object({}).passthrough().meta({
      description:
        'The MigrationPlan (steps and the decisions still open) with every accepted answer applied',
    }),
    answers: z.record(z.string(), z.unknown()),
    problems: z.array(z.object({}).passthrough()).meta({
      description: 'Why the plan cannot run yet: `[{ path, code, message: { zh, en } }]`',
    }),
    rowVersion: z.number(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DataMigrationPlan' });

const Run = z
  .object({
    id: z.string(),
    planId: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    batchSize: z.number(),
    total: z.number(),
    migrated: z.number(),
    failed: z.number(),
    percent: z.number(),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    heartbeatAt: z.string(),
    owner: z.string(),
  })
  .meta({ id: 'DataMigrationRun' });

const DryRun = z
  .object({
    total: z.number(),
    clean: z.number(),
    failed: z.number(),
    reasons: z.array(
      z.object({
        code: z.string(),
        path: z.string(),
        count: z.number(),
        example: z.object({}).passthrough(),
      }),
    ),
  })
  .meta({ id: 'DataMigrationDryRun' });

const VersionView = z
  .object({
    submissionId: z.string(),
    formKey: z.string(),
    releaseId: z.string(),
    formVersion: z.string(),
    revision: z.number(),
    data: z.record(z.string(), z.unknown()),
    migrated: z
      .object({
        planId: z.string(),
        from: Pin,
        changed: z.array(z.string()),
        onTheFly: z.boolean(),
      })
      .nullable()
      .meta({ description: 'How the data reached this version; null when captured on it' }),
  })
  .meta({ id: 'SubmissionVersionView' });

const id = z.object({ id: z.string().uuid() });
const Problems = {
  description: 'The plan or the answers have problems (`error.details.problems`)',
};

export function dataMigrationRoutes(migrations: DataMigrationService) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/data-migrations',
      operationId: 'createDataMigrationPlan',
      summary: 'Draft the migration of stored submissions of a form from one release to another',
      description:
        'Drafted from the semantic diff of the two form versions: steps for what follows from it, decisions where a person must answer (PUT …/answers).',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      request: {
        body: z.object({
          formKey: z.string().min(1).max(100),
          fromRelease: z.string().min(1).max(200),
          toRelease: z.string().min(1).max(200),
        }),
      },
      responses: { 201: { description: 'Drafted', schema: Plan }, 422: Problems },
      handler: ({ body, caller, scope }, ctx) =>
        migrations.create(body, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/data-migrations',
      operationId: 'listDataMigrationPlans',
      summary: 'Migration plans, newest first',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      responses: {
        200: { description: 'Plans', schema: z.object({ plans: z.array(Plan) }) },
      },
      handler: async ({ scope }) => ({ plans: await migrations.visiblePlans(scope!) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/data-migrations/:id',
      operationId: 'getDataMigrationPlan',
      summary: 'One migration plan with its runs',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      request: { params: id },
      responses: {
        200: { description: 'Plan', schema: Plan.extend({ runs: z.array(Run) }) },
        404: { description: 'No such plan' },
      },
      handler: async ({ params, caller, scope }, ctx) => ({
        ...(await migrations.planInScope(params.id, caller!, scope!, requestContext(ctx))),
        runs: await migrations.runs(params.id),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/data-migrations/:id/answers',
      operationId: 'answerDataMigrationPlan',
      summary: 'Answer the plan’s decisions (replaces earlier answers)',
      description:
        'By decision id: `default-value` `{ value }`, `recode-table` `{ map }`, `unit-conversion` `{ factor, offset?, decimals? }`, `rename-or-drop` `{ rename }` or `{ drop: true }`, `transform` `{ rule }` (JsonLogic over the old record) or `{ skip: true }`.',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      request: {
        params: id,
        body: z.object({ answers: z.record(z.string(), z.object({}).passthrough()) }),
      },
      responses: {
        200: { description: 'The plan with the answers applied', schema: Plan },
        409: { description: 'The plan is running' },
        422: Problems,
      },
      handler: ({ params, body, caller, scope }, ctx) =>
        migrations.answer(
          params.id,
          body.answers as Parameters<typeof migrations.answer>[1],
          caller!,
          scope!,
          requestContext(ctx),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/data-migrations/:id/dry-run',
      operationId: 'dryRunDataMigration',
      summary: 'Run the plan over the live records without writing: clean, failed and why',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      request: { params: id },
      responses: { 200: { description: 'Counts', schema: DryRun }, 404: { description: '-' } },
      handler: ({ params, caller, scope }, ctx) =>
        migrations.dryRun(params.id, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/data-migrations/:id/runs',
      operationId: 'startDataMigrationRun',
      summary: 'Execute the plan as a background job (or resume its interrupted run)',
      description:
        'Batched, resumable, idempotent: records are moved only while still on the source release, and the progress is written with each batch. Poll the run for progress.',
      tags: ['data-migrations'],
      access: { permission: 'specs.publish' },
      request: {
        params: id,
        body: z.object({ batchSize: z.number().int().min(100).max(50_000).optional() }).optional(),
      },
      responses: {
        202: { description: 'Started (or resumed)', schema: Run },
        409: { description: 'Another process is running it' },
        422: Problems,
      },
      handler: async ({ params, body, caller, scope }, ctx) => {
        const run = await migrations.start(
          params.id,
          caller!,
          scope!,
          requestContext(ctx),
          body?.batchSize,
        );
        ctx.status = 202;
        ctx.set('Location', `/api/data-migrations/${params.id}/runs/${run.id}`);
        return run;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/data-migrations/:id/runs/:runId',
      operationId: 'getDataMigrationRun',
      summary: 'Progress of a run: total, migrated, failed, percent',
      tags: ['data-migrations'],
      access: { permission: 'forms.design' },
      request: { params: z.object({ id: z.string().uuid(), runId: z.string().uuid() }) },
      responses: { 200: { description: 'Progress', schema: Run }, 404: { description: '-' } },
      handler: ({ params, caller, scope }, ctx) =>
        migrations.run(params.id, params.runId, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id/views/captured',
      operationId: 'getSubmissionAsCaptured',
      summary: 'A submission as captured: its first revision and the version it was pinned to',
      tags: ['submissions', 'data-migrations'],
      access: { permission: 'records.read' },
      request: { params: id },
      responses: { 200: { description: 'As captured', schema: VersionView } },
      handler: ({ params, caller, scope }, ctx) =>
        migrations.captured(params.id, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/submissions/:id/views/current',
      operationId: 'getSubmissionInCurrentVersion',
      summary:
        'A submission in the current form version of its jurisdiction, migrated values marked',
      tags: ['submissions', 'data-migrations'],
      access: { permission: 'records.read' },
      request: { params: id },
      responses: {
        200: { description: 'In the current version', schema: VersionView },
        409: { description: 'No ready plan leads from its version to the current one' },
        422: { description: 'The record does not migrate (`error.details.reasons`)' },
      },
      handler: ({ params, caller, scope }, ctx) =>
        migrations.current(params.id, caller!, scope!, requestContext(ctx)),
    }),
  ];
}
