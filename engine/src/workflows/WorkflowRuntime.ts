import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import { evaluateRule } from '@formwork/definitions';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { SubmissionWriter } from '../submissions/SubmissionWriter.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { IncidentService } from './IncidentService.js';
import { ResidentWorkflows } from './ResidentWorkflows.js';
import { ServiceRegistry, type CompletedTask } from './ServiceRegistry.js';
import { StartFailureService } from './StartFailureService.js';
import { StepWriter } from './StepWriter.js';
import { TaskService } from './TaskService.js';
import {
  WorkflowDefinitions,
  unknownWorkflow,
  type WorkflowDefinition,
} from './WorkflowDefinitions.js';
import { WorkflowSession, type HistoryLine, type StepResult } from './WorkflowSession.js';
import {
  conflict,
  instanceNotFound,
  instanceView,
  select,
  taskView,
  UUID,
  type Actor,
  type InstanceRow,
  type InstanceView,
  type TaskRow,
} from './workflowRows.js';
import { safeErrorMessage } from '../logging/safeError.js';

/** A gateway that found none of its conditions true in this step (bpmn-elements' wording). */
function deadEndGateway(result: StepResult, definition: WorkflowDefinition) {
  const id = /^<([^>]+)> no conditional flow taken/.exec(result.failure?.error ?? '')?.[1];
  const info = id ? definition.elements.get(id) : undefined;
  return info?.type.endsWith('Gateway') ? info : undefined;
}

/** The names people read for the engine's own actors in an instance's history. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  timer: '定时器 Timer',
  message: '流程消息 Workflow message',
  outbox: '随访提交触发 Started by a submission',
};

/** What starts an instance: where (the pin), for whom, with what, by whom. */
export interface StartInput {
  orgCode: string;
  orgPath: string;
  subjectId?: string | null;
  businessKey?: string | null;
  variables?: Record<string, unknown>;
  /** Start at the message start event of this name. */
  message?: string;
  /** The spec's trigger that started it (the outbox), for the history. */
  trigger?: string;
  actor: Actor;
  startedBy?: string | null;
}

/** How many instances one chain of thrown messages may pass through in one step. */
export const MESSAGE_CHAIN_LIMIT = 8;

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
      /** Task completions store their forms through it. */
      submissions: SubmissionWriter;
      services?: ServiceRegistry;
    },
  ) {
    this.services = deps.services ?? new ServiceRegistry();
    this.#writer = new StepWriter(deps);
  }

  readonly services: ServiceRegistry;
  /** User tasks: worklist, claim, release, complete. */
  readonly tasks = new TaskService(this);
  /** Failed services: list, retry, cancel. */
  readonly incidents = new IncidentService(this);
  /** Workflows the outbox could not start: list, retry, cancel. */
  readonly startFailures = new StartFailureService(this);
  /** A resident's open instances with their open tasks (the resident's page). */
  readonly residents = new ResidentWorkflows(this);
  readonly #writer: StepWriter;
  /**
   * How many times this runtime ran an instance: started one, or recovered one from its saved
   * state for a step (a counter for tests and metrics — a plain reminder adds nothing to it).
   */
  instanceLoads = 0;
  /** How deep the current chain of thrown messages is (see #sendThrown). */
  readonly #chain = new AsyncLocalStorage<number>();

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return select<T>(this.deps.database, sql, bind, transaction);
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
    input: StartInput,
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
      this.instanceLoads++;
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
      const saved = await this.#writer.persist(transaction, row, definition, result, input.actor, [
        {
          event: 'instance.started',
          elementId: null,
          details: {
            releaseId: release.id,
            ...(input.message ? { message: input.message } : {}),
            ...(input.trigger ? { trigger: input.trigger } : {}),
          },
        },
      ]);
      await this.#sendThrown(transaction, saved, definition, result);
      return { instance: instanceView(saved), created: true };
    };
    return outer ? work(outer) : this.deps.database.transaction(work);
  }

  private session(definition: WorkflowDefinition, instanceId: string, lastTask?: CompletedTask) {
    return new WorkflowSession({ definition, services: this.services, instanceId, lastTask });
  }

  /**
   * The instance's most recently completed user task (what a service such as sign-report signs):
   * the task of its newest `task.completed` history line (rows made in one instant of the clock
   * have no order of their own; history lines do).
   */
  async #lastTask(
    transaction: Transaction,
    instanceId: string,
  ): Promise<CompletedTask | undefined> {
    const [task] = await this.q<{
      element_id: string;
      submission_id: string | null;
      completed_by: string;
      username: string | null;
    }>(
      `SELECT t.element_id, t.submission_id::text AS submission_id,
         t.completed_by::text AS completed_by, u.username
       FROM workflow_history h
       JOIN workflow_tasks t ON t.id::text = h.details->>'taskId'
       LEFT JOIN users u ON u.id = t.completed_by
       WHERE h.instance_id = $1 AND h.event = 'task.completed' AND t.completed_by IS NOT NULL
       ORDER BY h.id DESC LIMIT 1`,
      [instanceId],
      transaction,
    );
    return task
      ? {
          elementId: task.element_id,
          submissionId: task.submission_id,
          completedBy: { userId: task.completed_by, username: task.username ?? '' },
        }
      : undefined;
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
    options: {
      /**
       * The step acts on someone's input (a completed task, a message from outside): when a
       * gateway right after it finds none of its conditions true, refuse the input with 422 and
       * change nothing, instead of holding the instance as an incident.
       */
      refuseDeadEnds?: boolean;
      /** History lines of what caused the step, written with the step's own. */
      cause?: HistoryLine[];
      /** The task this step completes (else the instance's last completed one is read). */
      lastTask?: CompletedTask;
    } = {},
  ): Promise<InstanceRow> {
    if (row.status === 'completed' || row.status === 'cancelled' || !row.state) {
      throw conflict(
        'instance_not_active',
        '流程实例已结束',
        `The workflow instance is ${row.status}`,
      );
    }
    const definition = await this.definitionOf(row);
    const session = this.session(
      definition,
      row.id,
      options.lastTask ?? (await this.#lastTask(transaction, row.id)),
    );
    this.instanceLoads++;
    await session.resume(row.state);
    await act(session, definition);
    await session.settle();
    const result = await session.finish();
    const deadEnd = options.refuseDeadEnds ? deadEndGateway(result, definition) : undefined;
    if (deadEnd) {
      throw new HttpError(
        422,
        'no_branch_taken',
        `「${deadEnd.name}」的条件都不成立，请给出决定 / None of the conditions of "${deadEnd.name}" hold for the values given`,
        { elementId: deadEnd.id },
      );
    }
    const saved = await this.#writer.persist(
      transaction,
      row,
      definition,
      result,
      actor,
      options.cause,
    );
    await this.#sendThrown(transaction, saved, definition, result);
    return saved;
  }

  /**
   * Delivers the messages the step's throw events sent to the other instances waiting for them,
   * in the same transaction: correlated by the throw event's `correlationKey` property (JsonLogic
   * over the variables, giving the business key) or else the sender's own business key, carrying
   * the variables its `variables` property names (comma-separated). A chain of messages may
   * pass through MESSAGE_CHAIN_LIMIT instances; a longer one (a loop in the BPMN) fails the step.
   */
  async #sendThrown(
    transaction: Transaction,
    sender: InstanceRow,
    definition: WorkflowDefinition,
    result: StepResult,
  ) {
    for (const thrown of result.thrown) {
      const properties = definition.elements.get(thrown.elementId)?.properties ?? {};
      const computed = properties.correlationKey
        ? evaluateRule(JSON.parse(properties.correlationKey), result.variables)
        : undefined;
      const businessKey = typeof computed === 'string' ? computed : sender.business_key;
      const names = (properties.variables ?? '').split(',').map((n) => n.trim());
      const variables = Object.fromEntries(
        names
          .filter((n) => n && Object.hasOwn(result.variables, n))
          .map((n) => [n, result.variables[n]]),
      );
      const depth = (this.#chain.getStore() ?? 0) + 1;
      if (depth > MESSAGE_CHAIN_LIMIT) {
        throw new HttpError(
          422,
          'message_loop',
          `消息 ${thrown.name} 在流程实例之间循环传递 / Message ${thrown.name} went round more than ${MESSAGE_CHAIN_LIMIT} instances`,
        );
      }
      const delivered = businessKey
        ? await this.#chain.run(depth, () =>
            this.deliver(transaction, {
              message: thrown.name,
              businessKey,
              variables,
              actor: 'message',
              from: sender.id,
            }),
          )
        : [];
      await this.history(transaction, sender.id, 'message', 'message.sent', thrown.elementId, {
        message: thrown.name,
        businessKey,
        delivered,
      });
    }
  }

  /** Writes a line into an instance's history. */
  history(
    transaction: Transaction,
    instanceId: string,
    actor: Actor,
    event: string,
    elementId: string | null,
    details: Record<string, unknown>,
  ) {
    return this.#writer.history(transaction, instanceId, actor, event, elementId, details);
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
    return this.deps.database.transaction((transaction) => this.deliver(transaction, input));
  }

  /** correlate() inside a transaction; `from` is the instance that threw the message, if any. */
  private async deliver(
    transaction: Transaction,
    input: {
      message: string;
      businessKey?: string;
      instanceId?: string;
      variables?: Record<string, unknown>;
      actor: Actor;
      covers?: (orgPath: string) => boolean;
      from?: string;
    },
  ): Promise<string[]> {
    const subscriptions = await this.q<{
      id: string;
      instance_id: string;
      message_ref: string;
    }>(
      `SELECT id, instance_id, message_ref FROM workflow_subscriptions
       WHERE message_name = $1 AND status = 'waiting'
         AND (($2::text IS NOT NULL AND business_key = $2)
           OR ($3::uuid IS NOT NULL AND instance_id = $3::uuid))
         AND instance_id IS DISTINCT FROM $4::uuid
       ORDER BY created_at FOR UPDATE`,
      [input.message, input.businessKey ?? null, input.instanceId ?? null, input.from ?? null],
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
      const received = {
        event: 'message.received',
        elementId: null,
        details: { message: input.message, ...(input.from ? { from: input.from } : {}) },
      };
      await this.advance(
        transaction,
        instance,
        input.actor,
        (session) => {
          if (input.variables) session.assign(input.variables);
          session.execution.signal({ id: sub.message_ref, ...(input.variables ?? {}) });
        },
        { refuseDeadEnds: !input.from, cause: [received] },
      );
      moved.push(instance.id);
    }
    return moved;
  }

  /**
   * Fires one due timer, claimed with FOR UPDATE SKIP LOCKED (so several engine processes
   * share the work and none fires it twice). Returns false when none was due. A timer whose step
   * throws (an instance that cannot be recovered) holds its instance as an incident instead of
   * blocking the timers due after it.
   */
  async fireNextDueTimer(node: string): Promise<boolean> {
    let claimed: { instance_id: string; element_id: string } | undefined;
    try {
      return await this.#fireNextDueTimer(node, (timer) => (claimed = timer));
    } catch (err) {
      if (!claimed) throw err;
      await this.#holdForError(claimed.instance_id, claimed.element_id, err);
      return true;
    }
  }

  /** Marks an instance as held by an incident for an error outside any service. */
  async #holdForError(instanceId: string, elementId: string, err: unknown) {
    const error = safeErrorMessage(err);
    await this.deps.database.transaction(async (transaction) => {
      const [held] = await this.q<{ id: string }>(
        `UPDATE workflow_instances SET status = 'incident', version = version + 1, updated_at = $2
         WHERE id = $1 AND status IN ('waiting', 'running') RETURNING id`,
        [instanceId, this.deps.clock.now()],
        transaction,
      );
      if (!held) return;
      await this.q(
        `INSERT INTO workflow_incidents (id, instance_id, element_id, error, status, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id`,
        [randomUUID(), instanceId, elementId, error, this.deps.clock.now()],
        transaction,
      );
      await this.history(transaction, instanceId, 'timer', 'incident', elementId, { error });
    });
  }

  async #fireNextDueTimer(
    node: string,
    claim: (timer: { instance_id: string; element_id: string }) => void,
  ): Promise<boolean> {
    return this.deps.database.transaction(async (transaction) => {
      const now = this.deps.clock.now();
      // Timers of an instance held by an incident wait: they fire once it is retried.
      const [timer] = await this.q<{
        id: string;
        instance_id: string;
        element_id: string;
      }>(
        `SELECT t.id, t.instance_id, t.element_id FROM workflow_timers t
         JOIN workflow_instances i ON i.id = t.instance_id
         WHERE t.status = 'pending' AND t.due_at <= $1 AND i.status IN ('waiting', 'running')
         ORDER BY t.due_at LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
        [now],
        transaction,
      );
      if (!timer) return false;
      claim(timer);
      const instance = await this.lockInstance(transaction, timer.instance_id);
      // An incident since the SELECT: leave the timer pending (the next SELECT passes it over).
      if (instance.status === 'incident') return true;
      const active = instance.status === 'waiting' || instance.status === 'running';
      await this.q(
        `UPDATE workflow_timers SET status = $4, claimed_by = $2, claimed_at = $3
         WHERE id = $1 RETURNING id`,
        [timer.id, node, now, active ? 'fired' : 'cancelled'],
        transaction,
      );
      if (active) {
        const fired = { event: 'timer.fired', elementId: timer.element_id, details: { node } };
        await this.advance(
          transaction,
          instance,
          'timer',
          (session) => session.execution.cancelActivity({ id: timer.element_id }),
          { cause: [fired] },
        );
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
      actor_name: string | null;
      event: string;
      element_id: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT h.at, h.actor, u.display_name AS actor_name, h.event, h.element_id, h.details
       FROM workflow_history h
       LEFT JOIN users u ON u.id::text = h.actor
       WHERE h.instance_id = $1 ORDER BY h.id`,
      { bind: [id], type: QueryTypes.SELECT },
    );
    const elements = this.deps.catalog.get(row.release_id)
      ? (await this.definitionOf(row)).elements
      : undefined;
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
          /** Who, for people: the user's name, or what the engine acted as. */
          actorName: h.actor_name ?? SYSTEM_ACTORS[h.actor ?? ''] ?? h.actor,
          event: h.event,
          elementId: h.element_id,
          /** The element's name in the BPMN (zh, then English). */
          elementName: h.element_id ? (elements?.get(h.element_id)?.name ?? null) : null,
          details: h.details,
        })),
      },
    };
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
