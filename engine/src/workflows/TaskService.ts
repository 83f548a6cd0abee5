import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { evaluateRule, isTruthy, RuleError } from '@formwork/definitions';
import type { Caller } from '../access/Caller.js';
import type { RequestContext } from '../access/recordByCaller.js';
import { recordActor } from '../audit/recordAudit.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion } from '../http/preconditions.js';
import { ruleClock, type Clock } from '../clock.js';
import { safeErrorMessage } from '../logging/safeError.js';
import {
  prepareSubmission,
  submitInTransaction,
  type PreparedSubmission,
} from './submitInTransaction.js';
import type { ElementInfo } from './WorkflowDefinitions.js';
import type { WorkflowRuntime } from './WorkflowRuntime.js';
import {
  conflict,
  instanceView,
  select,
  taskNotFound,
  taskView,
  UUID,
  type InstanceView,
  type TaskRow,
  type TaskView,
} from './workflowRows.js';
import { crashBeforeCommit } from './crashBeforeCommit.js';

/**
 * User tasks: the worklist, claim, release and complete. Completing a task stores its bound
 * form and signals the instance in one transaction (WorkflowRuntime.advance).
 */
export class TaskService {
  constructor(private readonly runtime: WorkflowRuntime) {}

  private get deps() {
    return this.runtime.deps;
  }

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return select<T>(this.deps.database, sql, bind, transaction);
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
    if (!task || !TaskService.mayWork(caller, task)) throw taskNotFound();
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

  /**
   * Open tasks the caller may work: their role, inside their tasks.work scope. Each names its
   * instance's resident and release, and carries its BPMN element's `camunda:properties` (e.g.
   * `decisionVariable`: the task is a decision, completed with that variable), so an app knows
   * how to complete it from the metadata.
   */
  async worklist(caller: Caller, limit = 200): Promise<ListedTask[]> {
    const grants = caller.grantsWith('tasks.work');
    if (!grants.length || !caller.can('tasks.work')) return [];
    const roles = grants.map((g) => g.role.key);
    const paths = grants.map((g) => `${g.orgPath.replace(/[\\%_]/g, '\\$&')}%`);
    const rows = await this.deps.database.sequelize.query<
      TaskRow & { subject_id: string | null; release_id: string; definition_key: string }
    >(
      `SELECT t.*, i.subject_id, i.release_id, i.definition_key FROM workflow_tasks t
       JOIN workflow_instances i ON i.id = t.instance_id
       JOIN unnest($1::text[], $2::text[]) AS g(role, path)
         ON t.candidate_role = g.role AND t.candidate_org_path LIKE g.path
       WHERE t.status IN ('open', 'claimed')
         AND (t.status = 'open' OR t.assignee_id = $3)
       GROUP BY t.id, i.id ORDER BY t.due_at NULLS LAST, t.created_at LIMIT $4`,
      { bind: [roles, paths, caller.user.id, limit], type: QueryTypes.SELECT },
    );
    return Promise.all(
      rows.map(async (row) => {
        const release = this.deps.catalog.get(row.release_id);
        const element = release
          ? (await this.runtime.definitions.get(release, row.definition_key)).elements.get(
              row.element_id,
            )
          : undefined;
        return {
          ...taskView(row),
          subjectId: row.subject_id,
          releaseId: row.release_id,
          properties: element?.properties ?? {},
        };
      }),
    );
  }

  async claim(id: string, caller: Caller, expectedVersion?: number): Promise<TaskView> {
    return this.deps.database.transaction(async (transaction) => {
      const task = await this.lockTask(transaction, id, caller);
      TaskService.checkOpen(task, expectedVersion, caller);
      const [updated] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'claimed', assignee_id = $2, version = version + 1
         WHERE id = $1 RETURNING *`,
        [id, caller.user.id],
        transaction,
      );
      await this.runtime.history(
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
      TaskService.checkOpen(task, expectedVersion, caller);
      const [updated] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'open', assignee_id = NULL, version = version + 1
         WHERE id = $1 RETURNING *`,
        [id],
        transaction,
      );
      await this.runtime.history(
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
   * Completes a task: only at the version the caller read (If-Match: 428 without it, 409 when
   * stale); a task whose bound form is to be filled (see `formMode`) only with that form's valid
   * data (422), and only when the task's `completeWhen` holds (422, see completionRefused). Then, in one transaction: lock the task (open or claimed by the caller), store
   * the form as a submission (audited as `submission.create` with the request's id and IP),
   * signal the waiting element with the data and variables, run to the next wait, save.
   */
  async complete(
    id: string,
    caller: Caller,
    input: { data?: Record<string, unknown>; variables?: Record<string, unknown> },
    expectedVersion: number | undefined,
    request: RequestContext,
  ): Promise<{ task: TaskView; instance: InstanceView }> {
    // Validate the bound form before any transaction opens: bad input is a 422 with nothing
    // locked. The task's form and the instance's release never change, so this read is safe.
    if (!UUID.test(id)) throw taskNotFound();
    const [peek] = await this.deps.database.sequelize.query<
      TaskRow & {
        release_id: string;
        subject_id: string | null;
        definition_key: string;
        form_captured: boolean;
      }
    >(
      `SELECT t.*, i.release_id, i.subject_id, i.definition_key,
         EXISTS (SELECT 1 FROM workflow_tasks d WHERE d.instance_id = t.instance_id
           AND d.form_key = t.form_key AND d.submission_id IS NOT NULL) AS form_captured
       FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = $1`,
      { bind: [id], type: QueryTypes.SELECT },
    );
    if (!peek || !TaskService.mayWork(caller, peek)) throw taskNotFound();
    TaskService.checkOpen(peek, expectedVersion, caller);
    // Completing moves the instance on for good: only from the version the caller read.
    const version = requireRowVersion(expectedVersion);
    let prepared: PreparedSubmission | undefined;
    const release = this.deps.catalog.get(peek.release_id);
    if (!release) throw new Error(`release ${peek.release_id} is not loaded`);
    const element = (await this.runtime.definitions.get(release, peek.definition_key)).elements.get(
      peek.element_id,
    );
    if (peek.form_key) {
      const mode = formMode(element?.properties.formMode, peek.form_captured);
      if (mode === 'fill' && input.data === undefined) throw formDataRequired(peek.form_key);
    }
    if (peek.form_key && input.data !== undefined) {
      if (!peek.subject_id) {
        throw new HttpError(
          422,
          'no_subject',
          '流程实例没有关联居民，无法提交表单 / The instance has no resident to submit a form for',
        );
      }
      prepared = prepareSubmission(this.deps, {
        release,
        formKey: peek.form_key,
        data: input.data,
      });
    } else if (input.data !== undefined) {
      throw new HttpError(
        422,
        'no_form',
        '此任务没有表单，请只提交流程变量 / This task has no form: send variables only',
        {
          errors: [
            {
              path: '/data',
              keyword: 'x-task-form',
              message: { zh: '此任务没有表单', en: 'the task has no form' },
            },
          ],
        },
      );
    }
    // The BPMN may ask more of a completion than a valid form (completeWhen): checked on the data
    // as it would be stored (or on the variables of a task without a form), before anything locks.
    if (element) {
      const refused = completionRefused(
        element,
        prepared ? prepared.data : (input.variables ?? {}),
        this.deps.clock,
      );
      if (refused) throw refused;
    }
    return this.deps.database.transaction(async (transaction) => {
      const task = await this.lockTask(transaction, id, caller);
      TaskService.checkOpen(task, version, caller);
      const instance = await this.runtime.lockInstance(transaction, task.instance_id);
      let submissionId: string | null = null;
      let data: Record<string, unknown> = {};
      if (prepared) {
        const stored = await submitInTransaction(
          this.deps,
          { prepared, subjectId: instance.subject_id!, actor: recordActor(caller, request) },
          transaction,
        );
        submissionId = stored.id;
        // The instance carries the form's values on, never its personal ones (they stay in the
        // submission, sealed).
        data = this.deps.submissions.personal.withoutPersonal(prepared.form.compiled, stored.data);
      }
      const values = { ...data, ...(input.variables ?? {}) };
      const [done] = await this.q<TaskRow>(
        `UPDATE workflow_tasks SET status = 'completed', version = version + 1, completed_at = $2,
           completed_by = $3, submission_id = $4, assignee_id = coalesce(assignee_id, $3)
         WHERE id = $1 RETURNING *`,
        [id, this.deps.clock.now(), caller.user.id, submissionId],
        transaction,
      );
      const completed = {
        event: 'task.completed',
        elementId: task.element_id,
        details: {
          taskId: id,
          ...(submissionId ? { submissionId } : {}),
          ...(input.variables ? { variables: input.variables } : {}),
        },
      };
      const saved = await this.runtime.advance(
        transaction,
        instance,
        caller.user.id,
        (session) => {
          session.assign(values);
          session.execution.signal({
            id: task.element_id,
            executionId: task.execution_id,
            ...values,
          });
        },
        {
          refuseDeadEnds: true,
          cause: [completed],
          lastTask: {
            elementId: task.element_id,
            submissionId,
            completedBy: { userId: caller.user.id, username: caller.user.username },
          },
        },
      );
      crashBeforeCommit('task-complete');
      return { task: taskView(done!), instance: instanceView(saved) };
    });
  }
}

/** A task as the worklist lists it: with its resident, release and BPMN properties. */
export type ListedTask = TaskView & {
  subjectId: string | null;
  releaseId: string;
  properties: Record<string, string>;
};

/**
 * How a task uses its bound form: `fill` (completing it submits the form: its data is required)
 * or `review` (it shows a form the instance already holds, e.g. the county's decision on the
 * township's referral slip: data optional). The BPMN may say so with the `formMode` property;
 * without it, a form the instance has not captured yet is to be filled.
 */
function formMode(declared: string | undefined, captured: boolean): 'fill' | 'review' {
  if (declared === 'fill' || declared === 'review') return declared;
  return captured ? 'review' : 'fill';
}

/**
 * What the BPMN asks of a completion beyond a valid form: the task property `completeWhen`, a
 * JsonLogic rule over the task's form data (or, for a task without a form, the variables sent),
 * e.g. that a referral's follow-up was face to face. When it does not hold (or cannot be
 * evaluated), 422 `completion_condition_unmet` with the BPMN's own `completeWhenMessage`
 * ("中文 / English") at `completeWhenPath` (a JSON pointer into the data); undefined when it holds.
 */
export function completionRefused(
  element: ElementInfo,
  data: Record<string, unknown>,
  clock: Clock,
): HttpError | undefined {
  const { completeWhen, completeWhenMessage, completeWhenPath } = element.properties;
  if (completeWhen === undefined) return undefined;
  let reason: string | undefined;
  try {
    if (isTruthy(evaluateRule(JSON.parse(completeWhen), data, ruleClock(clock)))) return undefined;
  } catch (err) {
    reason = err instanceof RuleError ? err.reason : safeErrorMessage(err);
  }
  const split = completeWhenMessage?.indexOf(' / ') ?? -1;
  const message =
    completeWhenMessage && split > 0
      ? { zh: completeWhenMessage.slice(0, split), en: completeWhenMessage.slice(split + 3) }
      : { zh: '此任务的完成条件不成立', en: 'the task’s completion condition does not hold' };
  if (reason !== undefined) {
    message.zh += `（完成条件无法求值：${reason}）`;
    message.en += ` (the completion condition could not be evaluated: ${reason})`;
  }
  return new HttpError(
    422,
    'completion_condition_unmet',
    `「${element.name}」不能这样完成：${message.zh} / "${element.name}" cannot be completed so: ${message.en}`,
    {
      elementId: element.id,
      errors: [{ path: completeWhenPath ?? '', keyword: 'completeWhen', message }],
    },
  );
}

/** A task bound to a form completes only with that form's data. */
function formDataRequired(formKey: string): HttpError {
  return new HttpError(
    422,
    'form_data_required',
    `此任务须填写表单 ${formKey} / This task is completed by submitting its form ${formKey}`,
    {
      errors: [
        {
          path: '/data',
          keyword: 'required',
          message: { zh: `请填写表单 ${formKey}`, en: `the data of form ${formKey} is required` },
        },
      ],
    },
  );
}
