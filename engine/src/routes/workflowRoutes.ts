import type { ParameterizedContext } from 'koa';
import { z } from 'zod';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial } from '../access/recordByCaller.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { RequestState } from '../http/requestContext.js';
import { HttpError } from '../http/HttpError.js';
import { defineRoute } from '../http/defineRoute.js';
import { etag, expectedRowVersion } from '../http/preconditions.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { SubjectService } from '../subjects/SubjectService.js';
import type { SubmissionService } from '../submissions/SubmissionService.js';
import { TaskService } from '../workflows/TaskService.js';
import type { WorkflowRuntime } from '../workflows/WorkflowRuntime.js';
import { instanceCounts, migrateInstances } from '../workflows/migrateInstances.js';

const Task = z.object({}).passthrough().meta({ id: 'WorkflowTask' });
const ListedTask = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    elementId: z.string().describe('The BPMN user task'),
    name: z.string(),
    formKey: z.string().nullable().describe('camunda:formKey: the form bound to the task'),
    candidateRole: z.string().nullable(),
    candidateOrgPath: z.string(),
    assigneeId: z.string().nullable(),
    status: z.enum(['open', 'claimed', 'completed', 'cancelled']),
    dueAt: z.string().nullable(),
    version: z.number().int().describe('Send it in If-Match to claim, release or complete'),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    submissionId: z.string().nullable(),
    subjectId: z.string().nullable().describe("The instance's resident"),
    subjectName: z
      .string()
      .nullable()
      .describe(
        "The resident's name: in clear when you may read their record (records.read over their institution), else masked (陈**); null without a resident",
      ),
    subjectNameMasked: z
      .boolean()
      .describe('subjectName is masked: their record is not yours to open'),
    releaseId: z.string().describe('The release the instance is pinned to (its forms)'),
    properties: z
      .record(z.string(), z.string())
      .describe(
        "The BPMN element's camunda:properties, e.g. `decisionVariable` (a decision: complete it with that variable) and `declineReasonVariable`",
      ),
  })
  .meta({ id: 'WorkflowTaskListed' });
const Instance = z.object({}).passthrough().meta({ id: 'WorkflowInstance' });
const ResidentWorkflow = z
  .object({
    id: z.string(),
    definitionKey: z.string(),
    name: z
      .string()
      .describe('The process’s name as its BPMN gives it, e.g. 双向转诊 Two-way referral'),
    releaseId: z.string(),
    status: z.enum(['running', 'waiting', 'incident']),
    startedAt: z.string(),
    updatedAt: z.string(),
    tasks: z
      .array(
        z.object({
          id: z.string(),
          instanceId: z.string(),
          elementId: z.string(),
          name: z.string(),
          formKey: z.string().nullable(),
          candidateRole: z.string().nullable(),
          candidateOrgPath: z.string(),
          assigneeId: z.string().nullable(),
          status: z.enum(['open', 'claimed']),
          dueAt: z.string().nullable(),
          version: z.number().int(),
          createdAt: z.string(),
          mayWork: z
            .boolean()
            .describe('You may work it now: your role over its org, open or claimed by you'),
        }),
      )
      .describe(
        'Its open and claimed tasks, oldest first; none while it waits for a timer or message',
      ),
  })
  .meta({ id: 'ResidentWorkflow' });
const Incident = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    elementId: z.string(),
    error: z.string(),
    status: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'WorkflowIncident' });
const StartFailure = z
  .object({
    id: z.string(),
    definitionKey: z.string(),
    /** The id of the spec's trigger whose start failed. */
    triggerId: z.string().nullable(),
    subjectId: z.string().nullable(),
    businessKey: z.string().nullable(),
    orgCode: z.string(),
    error: z.string(),
    status: z.string(),
    createdAt: z.string(),
    instanceId: z.string().nullable(),
  })
  .meta({ id: 'WorkflowStartFailure' });
const Variables = z.record(z.string(), z.unknown());
const id = z.object({ id: z.string().min(1).max(64) });

/** Workflow instances, the worklist, tasks, message correlation and the admin API. */
export function workflowRoutes(
  workflows: WorkflowRuntime,
  orgs: OrgUnitStore,
  submissions: SubmissionService,
  subjects: SubjectService,
  audit: AuditTrail,
) {
  const requestOf = (ctx: ParameterizedContext<RequestState>) => ({
    requestId: ctx.state.requestId,
    ip: ctx.ip,
  });
  /** A 404 here means "not found or not yours": every such refusal is audited. */
  const audited = async <T>(
    ctx: ParameterizedContext<RequestState>,
    caller: Caller,
    target: { targetType: string; targetId?: string },
    work: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) {
        await recordDenial(
          audit,
          caller,
          { requestId: ctx.state.requestId, ip: ctx.ip },
          { reason: 'not-found-or-out-of-scope' },
          { targetType: target.targetType, targetId: target.targetId?.slice(0, 64) ?? null },
        );
      }
      throw err;
    }
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/workflows/:key/instances',
      operationId: 'startWorkflow',
      summary: 'Start a workflow instance (pinned to the release serving the org)',
      tags: ['workflows'],
      access: { permission: 'tasks.work' },
      request: {
        params: z.object({ key: z.string().min(1).max(100) }),
        body: z.object({
          subjectId: z.string().uuid().optional(),
          orgCode: z.string().min(1).max(32).optional(),
          businessKey: z.string().min(1).max(200).optional(),
          variables: Variables.optional(),
        }),
      },
      responses: {
        201: { description: 'Started', schema: Instance },
        200: { description: 'An instance with this business key already exists', schema: Instance },
        404: { description: 'No such workflow, resident or org in your scope' },
      },
      handler: ({ params, body, caller, scope }, ctx) =>
        audited(ctx, caller!, { targetType: 'workflow', targetId: params.key }, async () => {
          let orgCode = body.orgCode ?? caller!.user.orgCode;
          let orgPath: string | undefined;
          if (body.subjectId) {
            const subject = await submissions.subjectInScope(body.subjectId, scope!);
            if (!subject)
              throw new HttpError(404, 'not_found', '居民档案不存在 / No such resident');
            orgCode = subject.org_code;
            orgPath = subject.org_path;
          } else {
            orgPath = (await orgs.get(orgCode))?.path;
          }
          if (!orgPath || !scope!.covers(orgPath)) {
            throw new HttpError(404, 'not_found', '机构不存在 / No such org unit in your scope');
          }
          const { instance, created } = await workflows.start(params.key, {
            orgCode,
            orgPath,
            subjectId: body.subjectId ?? null,
            businessKey: body.businessKey ?? null,
            variables: body.variables ?? {},
            actor: caller!.user.id,
            startedBy: caller!.user.id,
          });
          ctx.status = created ? 201 : 200;
          return instance;
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/workflows/instances/:id',
      operationId: 'getWorkflowInstance',
      summary: 'A workflow instance with its tasks and readable history',
      tags: ['workflows'],
      access: { permission: 'tasks.work' },
      request: { params: id },
      responses: {
        200: { description: 'The instance', schema: Instance },
        404: { description: 'No such instance in your scope' },
      },
      handler: ({ params, caller, scope }, ctx) =>
        audited(
          ctx,
          caller!,
          { targetType: 'workflow_instance', targetId: params.id },
          async () => {
            const { row, view } = await workflows.instance(params.id);
            const visible =
              scope!.covers(row.org_path) ||
              view.tasks.some((t) =>
                TaskService.mayWork(caller!, {
                  candidate_role: t.candidateRole,
                  candidate_org_path: t.candidateOrgPath,
                }),
              );
            if (!visible)
              throw new HttpError(404, 'not_found', '流程实例不存在 / No such workflow instance');
            return view;
          },
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks',
      operationId: 'listTasks',
      summary: 'Worklist: open tasks for your roles inside your scope, due first',
      description:
        'Each task names its resident as you may see them (one read for the whole list); each ' +
        'resident named in clear is audited as viewed (via tasks).',
      tags: ['workflows'],
      access: { permission: 'tasks.work' },
      responses: {
        200: { description: 'Tasks', schema: z.object({ tasks: z.array(ListedTask) }) },
      },
      handler: async ({ caller }, ctx) => {
        const tasks = await workflows.tasks.worklist(caller!);
        const names = await subjects.names(
          tasks.flatMap((task) => (task.subjectId ? [task.subjectId] : [])),
          caller!,
          requestOf(ctx),
          'tasks',
        );
        return {
          tasks: tasks.map((task) => {
            const shown = task.subjectId ? names.get(task.subjectId) : undefined;
            return {
              ...task,
              subjectName: shown?.name ?? null,
              subjectNameMasked: shown?.masked ?? false,
            };
          }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/subjects/:id/workflows',
      operationId: 'listResidentWorkflows',
      summary: 'A resident’s open referrals and consultations, with their open tasks',
      description:
        'Open workflow instances of the resident (running, waiting or with an incident), newest ' +
        'first (at most 50), each with its open tasks and whether you may work them. Audited as ' +
        'a view of the resident’s record; 404 for a resident outside your scope, as the other ' +
        'resident routes answer.',
      tags: ['residents', 'workflows'],
      access: { permission: 'records.read' },
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        200: {
          description: 'Open instances, newest first',
          schema: z.object({ workflows: z.array(ResidentWorkflow) }),
        },
      },
      handler: ({ params, caller, scope }, ctx) =>
        audited(ctx, caller!, { targetType: 'subject', targetId: params.id }, async () => {
          const open = await workflows.residents.open(params.id, scope!.likePatterns(), caller!);
          if (!open) throw new HttpError(404, 'not_found', '居民档案不存在 / No such resident');
          await recordByCaller(audit, caller!, requestOf(ctx), {
            action: 'subject.view',
            targetType: 'subject',
            targetId: params.id,
            subjectId: params.id,
            details: { via: 'workflow-list', count: open.length },
          });
          return { workflows: open };
        }),
    }),
    ...(['claim', 'release'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/api/tasks/:id/${action}`,
        operationId: `${action}Task`,
        summary: action === 'claim' ? 'Claim a task' : 'Release a claimed task',
        tags: ['workflows'],
        access: { permission: 'tasks.work' },
        request: { params: id },
        responses: {
          200: { description: 'The task', schema: Task },
          404: { description: 'No such task for you' },
          409: { description: 'Completed, claimed by someone else, or stale (If-Match)' },
        },
        handler: ({ params, caller }, ctx) =>
          audited(ctx, caller!, { targetType: 'workflow_task', targetId: params.id }, async () => {
            const expected = expectedRowVersion(ctx);
            const task = await workflows.tasks[action](params.id, caller!, expected);
            ctx.set('ETag', etag(task.version));
            return task;
          }),
      }),
    ),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/complete',
      operationId: 'completeTask',
      summary: 'Complete a task: submit its bound form and move the instance, atomically',
      description:
        'Send the task version in If-Match. `data` is stored as a submission of the task’s form; `variables` (e.g. `decision`) go to the process only.',
      tags: ['workflows'],
      access: { permission: 'tasks.work' },
      request: {
        params: id,
        body: z.object({
          data: Variables.optional(),
          variables: Variables.optional(),
        }),
      },
      responses: {
        200: { description: 'Completed', schema: z.object({ task: Task, instance: Instance }) },
        404: { description: 'No such task for you' },
        409: { description: 'Already completed, claimed by someone else, or stale' },
        422: { description: 'The form data is not valid' },
      },
      handler: ({ params, body, caller }, ctx) =>
        audited(ctx, caller!, { targetType: 'workflow_task', targetId: params.id }, async () => {
          const result = await workflows.tasks.complete(
            params.id,
            caller!,
            {
              ...(body.data ? { data: body.data } : {}),
              ...(body.variables ? { variables: body.variables } : {}),
            },
            expectedRowVersion(ctx),
            requestOf(ctx),
          );
          ctx.set('ETag', etag(result.task.version));
          return result;
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/workflows/messages',
      operationId: 'correlateWorkflowMessage',
      summary: 'Deliver a message to the instances waiting for it (by business key or instance)',
      tags: ['workflows'],
      access: { permission: 'tasks.work' },
      request: {
        body: z.object({
          message: z.string().min(1).max(100),
          businessKey: z.string().min(1).max(200).optional(),
          instanceId: z.string().uuid().optional(),
          variables: Variables.optional(),
        }),
      },
      responses: {
        200: {
          description: 'Instances moved',
          schema: z.object({ instances: z.array(z.string()) }),
        },
        422: { description: 'Neither business key nor instance given' },
      },
      handler: async ({ body, caller, scope }, ctx) => {
        if (!body.businessKey && !body.instanceId) {
          throw new HttpError(
            422,
            'validation_failed',
            '需要 businessKey 或 instanceId / businessKey or instanceId is required',
          );
        }
        if (body.instanceId) {
          const instanceId = body.instanceId;
          await audited(
            ctx,
            caller!,
            { targetType: 'workflow_instance', targetId: instanceId },
            async () => {
              const { row } = await workflows.instance(instanceId);
              if (!scope!.covers(row.org_path)) {
                throw new HttpError(404, 'not_found', '流程实例不存在 / No such workflow instance');
              }
            },
          );
        }
        const instances = await workflows.correlate({
          message: body.message,
          ...(body.businessKey ? { businessKey: body.businessKey } : {}),
          ...(body.instanceId ? { instanceId: body.instanceId } : {}),
          ...(body.variables ? { variables: body.variables } : {}),
          actor: caller!.user.id,
          covers: (orgPath) => scope!.covers(orgPath),
        });
        return { instances };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/workflows/services',
      operationId: 'listWorkflowServices',
      summary: 'The registered workflow services a service or send task may name (camunda:topic)',
      description:
        "The engine's own services and those plugins registered through the plugin API (`workflowService`), by name. The BPMN lint does not know them: a modeler offers these.",
      tags: ['workflows'],
      access: { permission: 'workflows.edit' },
      responses: {
        200: {
          description: 'Services by name',
          schema: z.object({
            services: z.array(
              z.object({ name: z.string().describe('What camunda:topic names, e.g. notify') }),
            ),
          }),
        },
      },
      handler: () => ({ services: workflows.services.names.map((name) => ({ name })) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/workflows/incidents',
      operationId: 'listWorkflowIncidents',
      summary: 'Open incidents: failed services with their errors',
      tags: ['workflows'],
      access: { permission: 'workflows.edit' },
      responses: {
        200: { description: 'Incidents', schema: z.object({ incidents: z.array(Incident) }) },
      },
      handler: async ({ scope }) => ({
        incidents: await workflows.incidents.list(scope!.likePatterns()),
      }),
    }),
    ...(['retry', 'cancel'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/api/workflows/incidents/:id/${action}`,
        operationId: `${action}WorkflowIncident`,
        summary: action === 'retry' ? 'Retry the failed step' : 'Cancel the instance',
        tags: ['workflows'],
        access: { permission: 'workflows.edit' },
        request: { params: id },
        responses: {
          200: { description: 'The instance', schema: Instance },
          404: { description: 'No such incident' },
          409: { description: 'Already resolved' },
        },
        handler: ({ params, caller, scope }, ctx) =>
          audited(
            ctx,
            caller!,
            { targetType: 'workflow_incident', targetId: params.id },
            async () => {
              const covers = (orgPath: string) => scope!.covers(orgPath);
              const instance =
                action === 'retry'
                  ? await workflows.incidents.retry(params.id, caller!.user.id, covers)
                  : await workflows.incidents.cancel(params.id, caller!.user.id, covers);
              await recordByCaller(audit, caller!, requestOf(ctx), {
                action: action === 'retry' ? 'workflow.incident.retry' : 'workflow.incident.cancel',
                targetType: 'workflow_incident',
                targetId: params.id,
                details: { instanceId: instance.id, status: instance.status },
              });
              return instance;
            },
          ),
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/workflows/start-failures',
      operationId: 'listWorkflowStartFailures',
      summary: 'Workflows the outbox could not start (e.g. an urgent referral), with the error',
      tags: ['workflows'],
      access: { permission: 'workflows.edit' },
      responses: {
        200: {
          description: 'Open start failures in your scope',
          schema: z.object({ failures: z.array(StartFailure) }),
        },
      },
      handler: async ({ scope }) => ({
        failures: await workflows.startFailures.list(scope!.likePatterns()),
      }),
    }),
    ...(['retry', 'cancel'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/api/workflows/start-failures/:id/${action}`,
        operationId: `${action}WorkflowStartFailure`,
        summary:
          action === 'retry'
            ? 'Start the workflow now (after its cause is fixed)'
            : 'Give up on starting the workflow',
        tags: ['workflows'],
        access: { permission: 'workflows.edit' },
        request: { params: id },
        responses: {
          200: { description: 'The instance started, or the cancelled record', schema: Instance },
          404: { description: 'No such start failure in your scope' },
          409: { description: 'Already resolved, or it still cannot start' },
        },
        handler: ({ params, caller, scope }, ctx) =>
          audited(
            ctx,
            caller!,
            { targetType: 'workflow_start_failure', targetId: params.id },
            async () => {
              const covers = (orgPath: string) => scope!.covers(orgPath);
              const result =
                action === 'retry'
                  ? await workflows.startFailures.retry(params.id, caller!.user.id, covers)
                  : await workflows.startFailures.cancel(params.id, caller!.user.id, covers);
              await recordByCaller(audit, caller!, requestOf(ctx), {
                action: action === 'retry' ? 'workflow.start.retry' : 'workflow.start.cancel',
                targetType: 'workflow_start_failure',
                targetId: params.id,
                details: action === 'retry' ? { instanceId: result.id } : {},
              });
              return result;
            },
          ),
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/workflows/:key/instance-counts',
      operationId: 'countWorkflowInstances',
      summary: 'Open instances of a workflow (of orgs in your scope) per element, by release',
      description:
        'For each release the open instances (running, waiting or with an incident) are pinned to: how many there are and, per element id, how many wait at it — the elements their saved state has active, i.e. what an instance migration must map. `release` narrows it to one release. Counts only, no instance or resident.',
      tags: ['workflows'],
      access: { permission: 'workflows.edit' },
      request: {
        params: z.object({ key: z.string().min(1).max(100) }),
        query: z.object({ release: z.string().min(1).max(200).optional() }),
      },
      responses: {
        200: {
          description: 'Counts by release (releases without open instances left out)',
          schema: z
            .object({
              releases: z.array(
                z.object({
                  releaseId: z.string(),
                  instances: z.number().int().describe('Open instances pinned to the release'),
                  elements: z
                    .record(z.string(), z.number().int())
                    .describe('Element id → open instances waiting at it'),
                }),
              ),
            })
            .meta({ id: 'WorkflowInstanceCounts' }),
        },
      },
      handler: async ({ params, query, scope }) => ({
        releases: await instanceCounts(workflows, {
          definitionKey: params.key,
          ...(query.release ? { releaseId: query.release } : {}),
          orgPatterns: scope!.likePatterns(),
        }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/workflows/migrations',
      operationId: 'migrateWorkflowInstances',
      summary:
        'Move running instances (of orgs in your scope) to another release’s definition with an element mapping',
      description:
        'Every element an instance is waiting in must be mapped to an element of the same type in the target definition; otherwise 422 lists the unmapped ones and nothing moves.',
      tags: ['workflows'],
      access: { permission: 'workflows.edit' },
      request: {
        body: z.object({
          definitionKey: z.string().min(1).max(100),
          fromReleaseId: z.string().min(1).max(200),
          toReleaseId: z.string().min(1).max(200),
          mapping: z.record(z.string(), z.string()),
          /** Instances moved per transaction (100 by default). */
          batchSize: z.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: {
        200: {
          description: 'Moved, and any that moved on to an unmapped element meanwhile',
          schema: z.object({
            migrated: z.array(z.string()),
            skipped: z.array(
              z.object({ instanceId: z.string(), problems: z.array(z.object({}).passthrough()) }),
            ),
          }),
        },
        422: { description: 'Incomplete or invalid mapping' },
      },
      handler: async ({ body, caller, scope }, ctx) => {
        const outcome = await migrateInstances(workflows, {
          ...body,
          actor: caller!.user.id,
          orgPatterns: scope!.likePatterns(),
        });
        await recordByCaller(audit, caller!, requestOf(ctx), {
          action: 'workflow.migrate',
          targetType: 'workflow_definition',
          targetId: body.definitionKey,
          details: {
            from: body.fromReleaseId,
            to: body.toReleaseId,
            migrated: outcome.migrated.length,
            skipped: outcome.skipped.length,
          },
        });
        return outcome;
      },
    }),
  ];
}
