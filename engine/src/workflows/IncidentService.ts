import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { HttpError } from '../http/HttpError.js';
import type { WorkflowRuntime } from './WorkflowRuntime.js';
import { conflict, instanceView, select, UUID, type Actor } from './workflowRows.js';

/**
 * Incidents: a service that failed holds its instance until a workflow admin retries the step
 * (recover + resume runs the service again) or cancels the instance.
 */
export class IncidentService {
  constructor(private readonly runtime: WorkflowRuntime) {}

  private get deps() {
    return this.runtime.deps;
  }

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return select<T>(this.deps.database, sql, bind, transaction);
  }

  /** Incidents of instances whose org matches one of `orgPatterns` (LIKE patterns of a scope). */
  async list(orgPatterns: string[], status = 'open') {
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
  async retry(id: string, actor: Actor, covers: (orgPath: string) => boolean) {
    return this.deps.database.transaction(async (transaction) => {
      const incident = await this.lockIncident(transaction, id, covers);
      const instance = await this.runtime.lockInstance(transaction, incident.instance_id);
      await this.q(
        `UPDATE workflow_incidents SET status = 'resolved', resolved_at = $2, resolved_by = $3
         WHERE id = $1 RETURNING id`,
        [id, this.deps.clock.now(), UUID.test(actor) ? actor : null],
        transaction,
      );
      const retried = { event: 'incident.retried', elementId: null, details: { incidentId: id } };
      const saved = await this.runtime.advance(transaction, instance, actor, () => undefined, {
        cause: [retried],
      });
      return instanceView(saved);
    });
  }

  /** Cancels the instance of an incident: its tasks, timers and subscriptions end with it. */
  async cancel(id: string, actor: Actor, covers: (orgPath: string) => boolean) {
    return this.deps.database.transaction(async (transaction) => {
      const incident = await this.lockIncident(transaction, id, covers);
      await this.q(
        `UPDATE workflow_incidents SET status = 'cancelled', resolved_at = $2, resolved_by = $3
         WHERE id = $1 RETURNING id`,
        [id, this.deps.clock.now(), UUID.test(actor) ? actor : null],
        transaction,
      );
      return this.runtime.cancelInstance(transaction, incident.instance_id, actor);
    });
  }
}
