import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { evaluateRule } from '@formwork/definitions';
import { ROLES_BY_KEY } from '../access/roles.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import type { WorkflowDefinition } from './WorkflowDefinitions.js';
import type { HistoryLine, StepResult } from './WorkflowSession.js';
import {
  conflict,
  select,
  UUID,
  type Actor,
  type InstanceRow,
  type InstanceStatus,
} from './workflowRows.js';

/** Parameter units a timer's duration may be given in. */
const UNIT_MS: Readonly<Record<string, number>> = { days: 24 * 3600_000, hours: 3600_000 };

/**
 * Writes what one step did, inside the step's transaction: the instance's saved state (optimistic
 * version check), the timer, task and message-subscription rows of its new wait points, the rows
 * whose element no longer waits cancelled, incidents and the history lines.
 */
export class StepWriter {
  constructor(
    private readonly deps: { database: Database; clock: Clock; catalog: ReleaseCatalog },
  ) {}

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return select<T>(this.deps.database, sql, bind, transaction);
  }

  async persist(
    transaction: Transaction,
    row: InstanceRow,
    definition: WorkflowDefinition,
    result: StepResult,
    actor: Actor,
    /** History lines of what caused the step (written first, with the step's own). */
    cause: readonly HistoryLine[] = [],
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
    /** History lines of the step, written together at the end, in order. */
    const lines: HistoryLine[] = [...cause];
    const postponed = new Set(result.postponed.map((p) => p.elementId));
    const timerDue = new Map<string, Date>();
    for (const timer of result.timers) {
      const info = definition.elements.get(timer.elementId);
      const dueAt = new Date(now.getTime() + this.timeoutMs(definition, info, timer.timeoutMs));
      if (info?.attachedTo) timerDue.set(info.attachedTo, dueAt);
      const created = await this.q<{ id: string }>(
        `INSERT INTO workflow_timers (id, instance_id, element_id, execution_id, due_at, status)
         VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING RETURNING id`,
        [randomUUID(), row.id, timer.elementId, timer.executionId, dueAt],
        transaction,
      );
      if (created.length) {
        lines.push({
          event: 'timer.scheduled',
          elementId: timer.elementId,
          details: { dueAt: dueAt.toISOString() },
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
          lines.push({
            event: 'task.created',
            elementId: info.id,
            details: {
              taskId: created[0]!.id,
              candidateRole: info.candidateRole ?? null,
              candidateOrgPath: orgPath,
            },
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
    // Rows whose element no longer waits: the step moved past them (one statement; PostgreSQL
    // runs every data-modifying WITH part to completion whether or not the outer query reads it).
    const active = [...postponed];
    await this.q(
      `WITH tasks AS (
         UPDATE workflow_tasks SET status = 'cancelled', version = version + 1
         WHERE instance_id = $1 AND status IN ('open', 'claimed') AND NOT (element_id = ANY($2))
         RETURNING id
       ), timers AS (
         UPDATE workflow_timers SET status = CASE WHEN element_id = ANY($3) THEN 'fired'
           ELSE 'cancelled' END
         WHERE instance_id = $1 AND status = 'pending' AND NOT (element_id = ANY($2))
         RETURNING id
       )
       UPDATE workflow_subscriptions SET status = 'cancelled'
       WHERE instance_id = $1 AND status = 'waiting' AND NOT (element_id = ANY($2))
       RETURNING id`,
      [row.id, active, [...result.timedOut]],
      transaction,
    );
    lines.push(...result.history);
    if (result.failure) {
      // One open incident per failing element: a step that re-runs it (a message, a parallel
      // task) and fails again updates the error instead of opening another.
      await this.q(
        `WITH open AS (
           UPDATE workflow_incidents SET error = $4
           WHERE instance_id = $2 AND element_id = $3 AND status = 'open' RETURNING id
         )
         INSERT INTO workflow_incidents (id, instance_id, element_id, error, status, created_at)
         SELECT $1, $2, $3, $4, 'open', $5 WHERE NOT EXISTS (SELECT 1 FROM open) RETURNING id`,
        [randomUUID(), row.id, result.failure.elementId ?? '', result.failure.error, now],
        transaction,
      );
      lines.push({
        event: 'incident',
        elementId: result.failure.elementId,
        details: { error: result.failure.error },
      });
    }
    if (status === 'completed') {
      lines.push({ event: 'instance.completed', elementId: null, details: {} });
    }
    await this.histories(transaction, row.id, actor, lines);
    return saved;
  }

  /**
   * How long a timer runs: the BPMN's fixed duration, or, when the timer event names a parameter of
   * the spec (`durationParameter`, unit days or hours), that parameter's value in the release the
   * instance is pinned to — so a province that sets the parameter changes the timer (the BPMN's
   * duration is the national default, shown in the diagram).
   */
  private timeoutMs(
    definition: WorkflowDefinition,
    info: { id: string; properties: Record<string, string> } | undefined,
    fixed: number,
  ): number {
    const key = info?.properties.durationParameter;
    if (!key) return fixed;
    const parameter = this.deps.catalog
      .get(definition.releaseId)
      ?.spec.parameters.parameters.find((p) => p.key === key);
    const unit = parameter ? UNIT_MS[parameter.unit ?? ''] : undefined;
    if (!parameter || unit === undefined || typeof parameter.value !== 'number') {
      throw new HttpError(
        422,
        'timer_parameter_invalid',
        `定时器 ${info!.id} 的时长参数 ${key} 不存在或不是以天、小时为单位的数 / The duration parameter ${key} of timer ${info!.id} is not a number of days or hours in release ${definition.releaseId}`,
      );
    }
    return parameter.value * unit;
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

  /** Several history lines in one statement, in order. */
  async histories(
    transaction: Transaction,
    instanceId: string,
    actor: Actor,
    lines: readonly HistoryLine[],
  ) {
    if (!lines.length) return;
    await this.q(
      `INSERT INTO workflow_history (instance_id, at, actor, event, element_id, details)
       SELECT $1, $2, $3, l.event, l.element_id, l.details
       FROM unnest($4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS l(event, element_id, details, n)
       ORDER BY l.n RETURNING id`,
      [
        instanceId,
        this.deps.clock.now(),
        actor,
        lines.map((l) => l.event),
        lines.map((l) => l.elementId),
        lines.map((l) => JSON.stringify(l.details)),
      ],
      transaction,
    );
  }
}
