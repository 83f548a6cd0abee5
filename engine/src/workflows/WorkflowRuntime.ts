import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import { evaluateRule } from '@formwork/definitions';
import type { Caller } from '../access/Caller.js';
import { ROLES_BY_KEY } from '../access/roles.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { ServiceRegistry } from './ServiceRegistry.js';
import {
  prepareSubmission,
  submitInTransaction,
  type PreparedSubmission,
} from './submitInTransaction.js';
import {
  WorkflowDefinitions,
  unknownWorkflow,
  type WorkflowDefinition,
} from './WorkflowDefinitions.js';
import { WorkflowSession, type SavedState, type StepResult } from './WorkflowSession.js';

export type InstanceStatus = 'running' | 'waiting' | 'completed' | 'cancelled' | 'incident';

export interface InstanceRow {
  id: string;
  definition_key: string;
  release_id: string;
  state: SavedState | null;
  status: InstanceStatus;
  version: number;
  business_key: string | null;
  subject_id: string | null;
  org_code: string;
  org_path: string;
  variables: Record<string, unknown>;
  started_at: Date;
  updated_at: Date;
}

export interface TaskRow {
  id: string;
  instance_id: string;
  element_id: string;
  execution_id: string;
  name: string;
  form_key: string | null;
  candidate_role: string | null;
  candidate_org_path: string;
  assignee_id: string | null;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  due_at: Date | null;
  version: number;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  submission_id: string | null;
}

export const taskView = (t: TaskRow) => ({
  id: t.id,
  instanceId: t.instance_id,
  elementId: t.element_id,
  name: t.name,
  formKey: t.form_key,
  candidateRole: t.candidate_role,
  candidateOrgPath: t.candidate_org_path,
  assigneeId: t.assignee_id,
  status: t.status,
  dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
  version: t.version,
  createdAt: new Date(t.created_at).toISOString(),
  completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null,
  completedBy: t.completed_by,
  submissionId: t.submission_id,
});
export type TaskView = ReturnType<typeof taskView>;

export const instanceView = (r: InstanceRow) => ({
  id: r.id,
  definitionKey: r.definition_key,
  releaseId: r.release_id,
  status: r.status,
  version: r.version,
  businessKey: r.business_key,
  subjectId: r.subject_id,
  orgCode: r.org_code,
  variables: r.variables,
  startedAt: new Date(r.started_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
export type InstanceView = ReturnType<typeof instanceView>;

/** Who acts: a user id, or a named system actor (timer, outbox, message). */
export type Actor = string;

export const conflict = (code: string, zh: string, en: string, details?: unknown) =>
  new HttpError(409, code, `${zh} / ${en}`, details);
const taskNotFound = () => new HttpError(404, 'not_found', '任务不存在 / No such task');
const instanceNotFound = () =>
  new HttpError(404, 'not_found', '流程实例不存在 / No such workflow instance');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A test-only hook: kill the process inside the transaction, before it commits. */
function crashBeforeCommit(point: string) {
  if (process.env.NODE_ENV === 'test' && process.env.FORMWORK_TEST_CRASH_BEFORE_COMMIT === point) {
    process.kill(process.pid, 'SIGKILL');
  }
}

/**
 * Durable BPMN execution (ARCHITECTURE decision 4). Every operation is one database
 * transaction: lock the rows it changes, recover the instance from its saved state (the
 * definition re-attached from the cache of its pinned release), act, run to the next wait, save
 * state, tasks, timers, subscriptions and history, commit. Nothing stays in memory between steps,
 * so any engine process sharing the database can take the next step; a crash before commit
 * leaves the previous state and open rows untouched.
 */
export class WorkflowRuntime {
  readonly definitions = new WorkflowDefinitions();

  constructor(
    readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      clock: Clock;
      services?: ServiceRegistry;
    },
  ) {
    this.services = deps.services ?? new ServiceRegistry();
  }

  readonly services: ServiceRegistry;

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return this.deps.database.sequelize.query<T>(sql, {
      bind,
      type: QueryTypes.SELECT,
      transaction,
    });
  }

  private definitionOf(row: { release_id: string; definition_key: string }) {
    const release = this.deps.catalog.get(row.release_id);
    if (!release) throw new Error(`release ${row.release_id} is not loaded`);
    return this.definitions.get(release, row.definition_key);
  }

  /**
   * Starts an instance on the release serving `orgPath` (the pin) and runs it to its first wait.
   * With `message`, it starts at the message start event of that name (the other start paths
   * are discarded). A business key is unique per workflow: starting twice returns the first.
   */
  async start(
    key: string,
    input: {
      orgCode: string;
      orgPath: string;
      subjectId?: string | null;
      businessKey?: string | null;
      variables?: Record<string, unknown>;
      message?: string;
      actor: Actor;
      startedBy?: string | null;
    },
    outer?: Transaction,
  ): Promise<{ instance: InstanceView; created: boolean }> {
    const release = this.deps.catalog.forOrgPath(input.orgPath);
    if (!Object.hasOwn(release.spec.workflows, key)) throw unknownWorkflow(key, release.id);
    const definition = await this.definitions.get(release, key);
    const work = async (transaction: Transaction) => {
      if (input.businessKey) {
        const [existing] = await this.q<InstanceRow>(
          'SELECT * FROM workflow_instances WHERE definition_key = $1 AND business_key = $2',
          [key, input.businessKey],
          transaction,
        );
        if (existing) return { instance: instanceView(existing), created: false };
      }
      const id = randomUUID();
      const now = this.deps.clock.now();
      const variables = {
        ...(input.variables ?? {}),
        ...(input.subjectId ? { subjectId: input.subjectId } : {}),
      };
      const session = this.session(definition, id);
      await session.start(variables);
      if (input.message) {
        const ref = definition.messages.get(input.message);
        const startEvent = [...definition.elements.values()].find(
          (e) => e.type === 'bpmn:StartEvent' && e.message?.name === input.message,
        );
        if (!ref || !startEvent) {
          throw new HttpError(
            422,
            'unknown_message',
            `流程 ${key} 没有消息开始事件 ${input.message} / Workflow ${key} has no message start ${input.message}`,
          );
        }
        const before = session.postponed().filter((p) => p.elementId !== startEvent.id);
        session.execution.signal({ id: ref });
        await session.settle();
        for (const api of session.execution.getPostponed()) {
          if (before.some((p) => p.executionId === api.executionId)) api.discard();
        }
      } else {
        for (const api of session.execution.getPostponed()) {
          const info = definition.elements.get(api.id);
          if (info?.type === 'bpmn:StartEvent' && info.message) api.discard();
        }
      }
      const result = await session.finish();
      const row: InstanceRow = {
        id,
        definition_key: key,
        release_id: release.id,
        state: null,
        status: 'running',
        version: 0,
        business_key: input.businessKey ?? null,
        subject_id: input.subjectId ?? null,
        org_code: input.orgCode,
        org_path: input.orgPath,
        variables,
        started_at: now,
        updated_at: now,
      };
      const inserted = await this.q<{ id: string }>(
        `INSERT INTO workflow_instances (id, definition_key, release_id, state, status, version,
           business_key, subject_id, org_code, org_path, variables, started_by, started_at,
           updated_at)
         VALUES ($1, $2, $3, NULL, 'running', 0, $4, $5, $6, $7, '{}', $8, $9, $9)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          id,
          key,
          release.id,
          row.business_key,
          row.subject_id,
          row.org_code,
          row.org_path,
          input.startedBy ?? null,
          now,
        ],
        transaction,
      );
      if (!inserted.length) {
        const [existing] = await this.q<InstanceRow>(
          'SELECT * FROM workflow_instances WHERE definition_key = $1 AND business_key = $2',
          [key, input.businessKey],
          transaction,
        );
        return { instance: instanceView(existing!), created: false };
      }
      await this.history(transaction, id, input.actor, 'instance.started', null, {
        releaseId: release.id,
        ...(input.message ? { message: input.message } : {}),
      });
      const saved = await this.persist(transaction, row, definition, result, input.actor);
      return { instance: instanceView(saved), created: true };
    };
    return outer ? work(outer) : this.deps.database.transaction(work);
  }

  private session(definition: WorkflowDefinition, instanceId: string) {
    return new WorkflowSession({ definition, services: this.services, instanceId });
  }

  /** Locks an instance for a step (FOR UPDATE); 409 when it is not active. */
  async lockInstance(transaction: Transaction, id: string): Promise<InstanceRow> {
    const [row] = await this.q<InstanceRow>(
      'SELECT * FROM workflow_instances WHERE id = $1 FOR UPDATE',
      [id],
      transaction,
    );
    if (!row) throw instanceNotFound();
    return row;
  }

  /** Recovers, acts, runs to the next wait and saves: the one way an instance moves. */
  async advance(
    transaction: Transaction,
    row: InstanceRow,
    actor: Actor,
    act: (session: WorkflowSession, definition: WorkflowDefinition) => void | Promise<void>,
  ): Promise<InstanceRow> {
    if (row.status === 'completed' || row.status === 'cancelled' || !row.state) {
      throw conflict(
        'instance_not_active',
        '流程实例已结束',
        `The workflow instance is ${row.status}`,
      );
    }
    const definition = await this.definitionOf(row);
    const session = this.session(definition, row.id);
    await session.resume(row.state);
    await act(session, definition);
    await session.settle();
    return this.persist(transaction, row, definition, await session.finish(), actor);
  }

  private async persist(
    transaction: Transaction,
    row: InstanceRow,
    definition: WorkflowDefinition,
    result: StepResult,
    actor: Actor,
  ): Promise<InstanceRow> {
    const now = this.deps.clock.now();
    const status: InstanceStatus = result.failure
      ? 'incident'
      : result.completed
        ? 'completed'
        : 'waiting';
    const [saved] = await this.q<InstanceRow>(
      `UPDATE workflow_instances SET state = $3::jsonb, variables = $4::jsonb, status = $5,
         version = version + 1, updated_at = $6
       WHERE id = $1 AND version = $2 RETURNING *`,
      [
        row.id,
        row.version,
        status === 'completed' ? null : JSON.stringify(result.state),
        JSON.stringify(result.variables),
        status,
        now,
      ],
      transaction,
    );
    if (!saved) {
      throw conflict(
        'stale_instance',
        '流程实例已被他人更新',
        'The workflow instance was changed by someone else',
      );
    }
    const postponed = new Set(result.postponed.map((p) => p.elementId));
    const timerDue = new Map<string, Date>();
    for (const timer of result.timers) {
      const dueAt = new Date(now.getTime() + timer.timeoutMs);
      const info = definition.elements.get(timer.elementId);
      if (info?.attachedTo) timerDue.set(info.attachedTo, dueAt);
      const created = await this.q<{ id: string }>(
        `INSERT INTO workflow_timers (id, instance_id, element_id, execution_id, due_at, status)
         VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING RETURNING id`,
        [randomUUID(), row.id, timer.elementId, timer.executionId, dueAt],
        transaction,
      );
      if (created.length) {
        await this.history(transaction, row.id, actor, 'timer.scheduled', timer.elementId, {
          dueAt: dueAt.toISOString(),
        });
      }
    }
    for (const wait of result.waits) {
      const info = definition.elements.get(wait.elementId);
      if (!info || !postponed.has(wait.elementId)) continue;
      if (info.type === 'bpmn:UserTask') {
        const orgPath = await this.candidateOrgPath(transaction, saved, info);
        const created = await this.q<{ id: string }>(
          `INSERT INTO workflow_tasks (id, instance_id, element_id, execution_id, name, form_key,
             candidate_role, candidate_org_path, assignee_id, status, due_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11)
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            randomUUID(),
            row.id,
            info.id,
            wait.executionId,
            info.name,
            info.formKey ?? null,
            info.candidateRole ?? null,
            orgPath,
            info.assignee && UUID.test(info.assignee) ? info.assignee : null,
            timerDue.get(info.id) ?? null,
            now,
          ],
          transaction,
        );
        if (created.length) {
          await this.history(transaction, row.id, actor, 'task.created', info.id, {
            taskId: created[0]!.id,
            candidateRole: info.candidateRole ?? null,
            candidateOrgPath: orgPath,
          });
        }
      } else if (info.message && info.type !== 'bpmn:StartEvent') {
        await this.q(
          `INSERT INTO workflow_subscriptions (id, instance_id, element_id, execution_id,
             message_name, message_ref, business_key, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8) ON CONFLICT DO NOTHING RETURNING id`,
          [
            randomUUID(),
            row.id,
            info.id,
            wait.executionId,
            info.message.name,
            info.message.ref,
            saved.business_key,
            now,
          ],
          transaction,
        );
      }
    }
    // Rows whose element no longer waits: the step moved past them.
    const active = [...postponed];
    await this.q(
      `UPDATE workflow_tasks SET status = 'cancelled', version = version + 1
       WHERE instance_id = $1 AND status IN ('open', 'claimed') AND NOT (element_id = ANY($2))
       RETURNING id`,
      [row.id, active],
      transaction,
    );
    await this.q(
      `UPDATE workflow_timers SET status = CASE WHEN element_id = ANY($3) THEN 'fired'
         ELSE 'cancelled' END
       WHERE instance_id = $1 AND status = 'pending' AND NOT (element_id = ANY($2)) RETURNING id`,
      [row.id, active, [...result.timedOut]],
      transaction,
    );
    await this.q(
      `UPDATE workflow_subscriptions SET status = 'cancelled'
       WHERE instance_id = $1 AND status = 'waiting' AND NOT (element_id = ANY($2)) RETURNING id`,
      [row.id, active],
      transaction,
    );
    for (const line of result.history) {
      await this.history(transaction, row.id, actor, line.event, line.elementId, line.details);
    }
    if (result.failure) {
      await this.q(
        `INSERT INTO workflow_incidents (id, instance_id, element_id, error, status, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id`,
        [randomUUID(), row.id, result.failure.elementId ?? '', result.failure.error, now],
        transaction,
      );
      await this.history(transaction, row.id, actor, 'incident', result.failure.elementId, {
        error: result.failure.error,
      });
    }
    if (status === 'completed') {
      await this.history(transaction, row.id, actor, 'instance.completed', null, {});
    }
    return saved;
  }

  /**
   * The org whose staff may work a task: a `candidateOrgPath` camunda:property (JsonLogic over
   * the variables, giving an org code) when the BPMN computes it, else the ancestor of the
   * instance's org at the level of the candidate role (a county-clinician task of a township's
   * referral goes to its county), else the instance's org.
   */
  private async candidateOrgPath(
    transaction: Transaction,
    instance: InstanceRow,
    info: { candidateRole?: string; properties: Record<string, string> },
  ): Promise<string> {
    const computed = info.properties.candidateOrgPath;
    if (computed) {
      const code = evaluateRule(JSON.parse(computed), instance.variables);
      if (typeof code === 'string') {
        const [unit] = await this.q<{ path: string }>(
          'SELECT path FROM org_units WHERE code = $1 ORDER BY year DESC LIMIT 1',
          [code],
          transaction,
        );
        if (unit) return unit.path;
      }
    }
    const level = info.candidateRole ? ROLES_BY_KEY.get(info.candidateRole)?.level : undefined;
    if (level) {
      const [unit] = await this.q<{ path: string }>(
        `SELECT path FROM org_units WHERE level = $1 AND $2 LIKE path || '%'
         ORDER BY year DESC, length(path) DESC LIMIT 1`,
        [level, instance.org_path],
        transaction,
      );
      if (unit) return unit.path;
    }
    return instance.org_path;
  }

  async history(
    transaction: Transaction,
    instanceId: string,
    actor: Actor,
    event: string,
    elementId: string | null,
    details: Record<string, unknown>,
  ) {
    await this.q(
      `INSERT INTO workflow_history (instance_id, at, actor, event, element_id, details)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
      [instanceId, this.deps.clock.now(), actor, event, elementId, JSON.stringify(details)],
      transaction,
    );
  }

  /** Whether the caller may work the task: holds its role over its org. */
  static mayWork(caller: Caller, task: Pick<TaskRow, 'candidate_role' | 'candidate_org_path'>) {
    const scope = caller.scope('tasks.work');
    if (!scope) return false;
    return caller
      .grantsWith('tasks.work')
      .some(
        (g) =>
          (task.candidate_role === null || g.role.key === task.candidate_role) &&
          task.candidate_org_path.startsWith(g.orgPath),
      );
  }

  private async lockTask(transaction: Transaction, id: string, caller: Caller) {
    if (!UUID.test(id)) throw taskNotFound();
    const [task] = await this.q<TaskRow>(
      'SELECT * FROM workflow_tasks WHERE id = $1 FOR UPDATE',
      [id],
      transaction,
    );
    if (!task || !WorkflowRuntime.mayWork(caller, task)) throw taskNotFound();
    return task;
  }

  private static checkOpen(task: TaskRow, expectedVersion: number | undefined, caller: Caller) {
    if (task.status === 'completed' || task.status === 'cancelled') {
      throw conflict('task_closed', '任务已处理', `The task is already ${task.status}`, {
        status: task.status,
        version: task.version,
      });
    }
    if (expectedVersion !== undefined && expectedVersion !== task.version) {
      throw conflict('stale_version', '任务已被他人更新', 'The task was changed by someone else', {
        version: task.version,
      });
    }
    if (task.status === 'claimed' && task.assignee_id !== caller.user.id) {
      throw conflict('task_claimed', '任务已被他人认领', 'Someone else has claimed the task');
    }
  }

  /** Open tasks the caller may work: their role, inside their tasks.work scope. */
  async worklist(caller: Caller, limit = 200): Promise<TaskView[]> {
    const grants = caller.grantsWith('tasks.work');
    if (!grants.length || !caller.can('tasks.work')) return [];
    const roles = grants.map((g) => g.role.key);
    const paths = grants.map((g) => `${g.orgPath.replace(/[\\%_]/g, '\\$&')}%`);
    const rows = await this.deps.database.sequelize.query<TaskRow>(
      `SELECT t.* FROM workflow_tasks t
       JOIN unnest($1::text[], $2::text[]) AS g(role, path)
         ON t.candidate_role = g.role AND t.candidate_org_path LIKE g.path
       WHERE t.status IN ('open', 'claimed')
         AND (t.status = 'open' OR t.assignee_id = $3)
       GROUP BY t.id ORDER BY t.due_at NULLS LAST, t.created_at LIMIT $4`,
      { bind: [roles, paths, caller.user.id, limit], type: QueryTypes.SELECT },
    );
    return rows.map(taskView);
  }

  async claim(id: string, caller: Caller, expectedVersion?: number): Promise<TaskView> {
    return this.deps.database.transaction(async (transaction) => {
      const task = await this.lockTask(transaction, id, caller);
      WorkflowRuntime.checkOpen(task, expectedVersion, caller);
      const [updated] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'claimed', assignee_id = $2, version = version + 1
         WHERE id = $1 RETURNING *`,
        [id, caller.user.id],
        transaction,
      );
      await this.history(
        transaction,
        task.instance_id,
        caller.user.id,
        'task.claimed',
        task.element_id,
        {
          taskId: id,
        },
      );
      return taskView(updated!);
    });
  }

  async release(id: string, caller: Caller, expectedVersion?: number): Promise<TaskView> {
    return this.deps.database.transaction(async (transaction) => {
      const task = await this.lockTask(transaction, id, caller);
      WorkflowRuntime.checkOpen(task, expectedVersion, caller);
      const [updated] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'open', assignee_id = NULL, version = version + 1
         WHERE id = $1 RETURNING *`,
        [id],
        transaction,
      );
      await this.history(
        transaction,
        task.instance_id,
        caller.user.id,
        'task.released',
        task.element_id,
        {
          taskId: id,
        },
      );
      return taskView(updated!);
    });
  }

  /**
   * Completes a task: in one transaction, lock the task (open or claimed by the caller, at the
   * expected version, else 409), store its bound form as a submission when `data` is given,
   * signal the waiting element with the data and variables, run to the next wait, save.
   */
  async completeTask(
    id: string,
    caller: Caller,
    input: { data?: Record<string, unknown>; variables?: Record<string, unknown> },
    expectedVersion: number | undefined,
  ): Promise<{ task: TaskView; instance: InstanceView }> {
    // Validate the bound form before any transaction opens: bad input is a 422 with nothing
    // locked. The task's form and the instance's release never change, so this read is safe.
    let prepared: PreparedSubmission | undefined;
    if (input.data !== undefined) {
      if (!UUID.test(id)) throw taskNotFound();
      const [peek] = await this.deps.database.sequelize.query<
        TaskRow & { release_id: string; subject_id: string | null }
      >(
        `SELECT t.*, i.release_id, i.subject_id FROM workflow_tasks t
         JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = $1`,
        { bind: [id], type: QueryTypes.SELECT },
      );
      if (!peek || !WorkflowRuntime.mayWork(caller, peek)) throw taskNotFound();
      WorkflowRuntime.checkOpen(peek, expectedVersion, caller);
      if (peek.form_key) {
        if (!peek.subject_id) {
          throw new HttpError(
            422,
            'no_subject',
            '流程实例没有关联居民，无法提交表单 / The instance has no resident to submit a form for',
          );
        }
        const release = this.deps.catalog.get(peek.release_id);
        if (!release) throw new Error(`release ${peek.release_id} is not loaded`);
        prepared = prepareSubmission(this.deps, {
          release,
          formKey: peek.form_key,
          data: input.data,
        });
      }
    }
    return this.deps.database.transaction(async (transaction) => {
      const task = await this.lockTask(transaction, id, caller);
      WorkflowRuntime.checkOpen(task, expectedVersion, caller);
      const instance = await this.lockInstance(transaction, task.instance_id);
      let submissionId: string | null = null;
      let data: Record<string, unknown> = {};
      if (prepared && instance.subject_id) {
        const stored = await submitInTransaction(
          this.deps,
          { prepared, subjectId: instance.subject_id, userId: caller.user.id },
          transaction,
        );
        submissionId = stored.id;
        data = stored.data;
      }
      const values = { ...data, ...(input.variables ?? {}) };
      const [done] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'completed', version = version + 1, completed_at = $2,
           completed_by = $3, submission_id = $4, assignee_id = coalesce(assignee_id, $3)
         WHERE id = $1 RETURNING *`,
        [id, this.deps.clock.now(), caller.user.id, submissionId],
        transaction,
      );
      await this.history(
        transaction,
        task.instance_id,
        caller.user.id,
        'task.completed',
        task.element_id,
        {
          taskId: id,
          ...(submissionId ? { submissionId } : {}),
          ...(input.variables ? { variables: input.variables } : {}),
        },
      );
      const saved = await this.advance(transaction, instance, caller.user.id, (session) => {
        session.assign(values);
        session.execution.signal({
          id: task.element_id,
          executionId: task.execution_id,
          ...values,
        });
      });
      crashBeforeCommit('task-complete');
      return { task: taskView(done!), instance: instanceView(saved) };
    });
  }

  /**
   * Delivers a message to the instances waiting for it: those with the business key (or the
   * instance id) given. Returns the instances it moved.
   */
  async correlate(input: {
    message: string;
    businessKey?: string;
    instanceId?: string;
    variables?: Record<string, unknown>;
    actor: Actor;
    /** Only instances of orgs this admits move (the caller's scope); others are left waiting. */
    covers?: (orgPath: string) => boolean;
  }): Promise<string[]> {
    return this.deps.database.transaction(async (transaction) => {
      const subscriptions = await this.q<{
        id: string;
        instance_id: string;
        message_ref: string;
      }>(
        `SELECT id, instance_id, message_ref FROM workflow_subscriptions
         WHERE message_name = $1 AND status = 'waiting'
           AND (($2::text IS NOT NULL AND business_key = $2)
             OR ($3::uuid IS NOT NULL AND instance_id = $3::uuid))
         ORDER BY created_at FOR UPDATE`,
        [input.message, input.businessKey ?? null, input.instanceId ?? null],
        transaction,
      );
      const moved: string[] = [];
      for (const sub of subscriptions) {
        if (moved.includes(sub.instance_id)) continue;
        const instance = await this.lockInstance(transaction, sub.instance_id);
        if (input.covers && !input.covers(instance.org_path)) continue;
        await this.q(
          "UPDATE workflow_subscriptions SET status = 'consumed' WHERE id = $1 RETURNING id",
          [sub.id],
          transaction,
        );
        await this.history(transaction, instance.id, input.actor, 'message.received', null, {
          message: input.message,
        });
        await this.advance(transaction, instance, input.actor, (session) => {
          if (input.variables) session.assign(input.variables);
          session.execution.signal({ id: sub.message_ref, ...(input.variables ?? {}) });
        });
        moved.push(instance.id);
      }
      return moved;
    });
  }

  /**
   * Fires one due timer, claimed with FOR UPDATE SKIP LOCKED (so several engine processes
   * share the work and none fires it twice). Returns false when none was due.
   */
  async fireNextDueTimer(node: string): Promise<boolean> {
    return this.deps.database.transaction(async (transaction) => {
      const now = this.deps.clock.now();
      const [timer] = await this.q<{
        id: string;
        instance_id: string;
        element_id: string;
      }>(
        `SELECT id, instance_id, element_id FROM workflow_timers
         WHERE status = 'pending' AND due_at <= $1
         ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
        transaction,
      );
      if (!timer) return false;
      await this.q(
        `UPDATE workflow_timers SET status = 'fired', claimed_by = $2, claimed_at = $3
         WHERE id = $1 RETURNING id`,
        [timer.id, node, now],
        transaction,
      );
      const instance = await this.lockInstance(transaction, timer.instance_id);
      if (instance.status === 'waiting' || instance.status === 'running') {
        await this.history(transaction, instance.id, 'timer', 'timer.fired', timer.element_id, {
          node,
        });
        await this.advance(transaction, instance, 'timer', (session) => {
          session.execution.cancelActivity({ id: timer.element_id });
        });
      }
      return true;
    });
  }

  async instance(id: string) {
    if (!UUID.test(id)) throw instanceNotFound();
    const db = this.deps.database.sequelize;
    const [row] = await db.query<InstanceRow>('SELECT * FROM workflow_instances WHERE id = $1', {
      bind: [id],
      type: QueryTypes.SELECT,
    });
    if (!row) throw instanceNotFound();
    const history = await db.query<{
      at: Date;
      actor: string | null;
      event: string;
      element_id: string | null;
      details: Record<string, unknown>;
    }>(
      'SELECT at, actor, event, element_id, details FROM workflow_history WHERE instance_id = $1 ORDER BY id',
      { bind: [id], type: QueryTypes.SELECT },
    );
    const tasks = await db.query<TaskRow>(
      'SELECT * FROM workflow_tasks WHERE instance_id = $1 ORDER BY created_at, id',
      { bind: [id], type: QueryTypes.SELECT },
    );
    return {
      row,
      view: {
        ...instanceView(row),
        tasks: tasks.map(taskView),
        history: history.map((h) => ({
          at: new Date(h.at).toISOString(),
          actor: h.actor,
          event: h.event,
          elementId: h.element_id,
          details: h.details,
        })),
      },
    };
  }

  /** Incidents of instances whose org matches one of `orgPatterns` (LIKE patterns of a scope). */
  async incidents(orgPatterns: string[], status = 'open') {
    const rows = await this.deps.database.sequelize.query<{
      id: string;
      instance_id: string;
      element_id: string;
      error: string;
      status: string;
      created_at: Date;
    }>(
      `SELECT n.* FROM workflow_incidents n JOIN workflow_instances i ON i.id = n.instance_id
       WHERE n.status = $1 AND i.org_path LIKE ANY($2) ORDER BY n.created_at LIMIT 500`,
      {
        bind: [status, orgPatterns],
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((r) => ({
      id: r.id,
      instanceId: r.instance_id,
      elementId: r.element_id,
      error: r.error,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  private async lockIncident(
    transaction: Transaction,
    id: string,
    covers: (orgPath: string) => boolean,
  ) {
    const missing = () => new HttpError(404, 'not_found', '事件不存在 / No such incident');
    if (!UUID.test(id)) throw missing();
    const [incident] = await this.q<{
      id: string;
      instance_id: string;
      status: string;
      org_path: string;
    }>(
      `SELECT n.id, n.instance_id, n.status, i.org_path FROM workflow_incidents n
       JOIN workflow_instances i ON i.id = n.instance_id WHERE n.id = $1 FOR UPDATE OF n`,
      [id],
      transaction,
    );
    if (!incident || !covers(incident.org_path)) throw missing();
    if (incident.status !== 'open') {
      throw conflict('incident_closed', '事件已处理', `The incident is already ${incident.status}`);
    }
    return incident;
  }

  /** Retries the failed step: recover + resume re-runs the service that failed. */
  async retryIncident(id: string, actor: Actor, covers: (orgPath: string) => boolean) {
    return this.deps.database.transaction(async (transaction) => {
      const incident = await this.lockIncident(transaction, id, covers);
      const instance = await this.lockInstance(transaction, incident.instance_id);
      await this.q(
        `UPDATE workflow_incidents SET status = 'resolved', resolved_at = $2, resolved_by = $3
         WHERE id = $1 RETURNING id`,
        [id, this.deps.clock.now(), UUID.test(actor) ? actor : null],
        transaction,
      );
      await this.history(transaction, instance.id, actor, 'incident.retried', null, {
        incidentId: id,
      });
      const saved = await this.advance(transaction, instance, actor, () => undefined);
      return instanceView(saved);
    });
  }

  /** Cancels the instance of an incident: its tasks, timers and subscriptions end with it. */
  async cancelIncident(id: string, actor: Actor, covers: (orgPath: string) => boolean) {
    return this.deps.database.transaction(async (transaction) => {
      const incident = await this.lockIncident(transaction, id, covers);
      await this.q(
        `UPDATE workflow_incidents SET status = 'cancelled', resolved_at = $2, resolved_by = $3
         WHERE id = $1 RETURNING id`,
        [id, this.deps.clock.now(), UUID.test(actor) ? actor : null],
        transaction,
      );
      return this.cancelInstance(transaction, incident.instance_id, actor);
    });
  }

  async cancelInstance(transaction: Transaction, instanceId: string, actor: Actor) {
    const instance = await this.lockInstance(transaction, instanceId);
    const [saved] = await this.q<InstanceRow>(
      `UPDATE workflow_instances SET status = 'cancelled', state = NULL, version = version + 1,
         updated_at = $2 WHERE id = $1 RETURNING *`,
      [instance.id, this.deps.clock.now()],
      transaction,
    );
    for (const table of ['workflow_tasks', 'workflow_timers', 'workflow_subscriptions']) {
      await this.q(
        `UPDATE ${table} SET status = 'cancelled' WHERE instance_id = $1
           AND status IN ('open', 'claimed', 'pending', 'waiting') RETURNING id`,
        [instance.id],
        transaction,
      );
    }
    await this.history(transaction, instance.id, actor, 'instance.cancelled', null, {});
    return instanceView(saved!);
  }
}
