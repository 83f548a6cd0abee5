import type { Transaction } from 'sequelize';
import { HttpError } from '../http/HttpError.js';
import type { StartInput, WorkflowRuntime } from './WorkflowRuntime.js';
import { conflict, select, UUID, type Actor, type InstanceView } from './workflowRows.js';
import { safeErrorMessage } from '../logging/safeError.js';

interface FailureRow {
  id: string;
  definition_key: string;
  org_path: string;
  start: StartInput;
  error: string;
  status: 'open' | 'resolved' | 'cancelled';
  created_at: Date;
  instance_id: string | null;
}

const failureView = (r: FailureRow) => ({
  id: r.id,
  definitionKey: r.definition_key,
  /** The spec's trigger whose start failed. */
  triggerId: r.start.trigger ?? null,
  subjectId: r.start.subjectId ?? null,
  businessKey: r.start.businessKey ?? null,
  orgCode: r.start.orgCode,
  error: r.error,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  instanceId: r.instance_id,
});
export type StartFailureView = ReturnType<typeof failureView>;

/**
 * Workflows the outbox could not start for a trigger (OutboxWorker records them and moves on): a workflow
 * admin lists those of their scope, retries one once its cause is fixed (it starts exactly as it
 * would have, idempotent by business key) or cancels it.
 */
export class StartFailureService {
  constructor(private readonly runtime: WorkflowRuntime) {}

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return select<T>(this.runtime.deps.database, sql, bind, transaction);
  }

  async list(orgPatterns: string[], status = 'open'): Promise<StartFailureView[]> {
    const rows = await this.runtime.deps.database.transaction((transaction) =>
      this.q<FailureRow>(
        `SELECT * FROM workflow_start_failures WHERE status = $1 AND org_path LIKE ANY($2)
         ORDER BY created_at LIMIT 500`,
        [status, orgPatterns],
        transaction,
      ),
    );
    return rows.map(failureView);
  }

  private async lock(transaction: Transaction, id: string, covers: (orgPath: string) => boolean) {
    const missing = () =>
      new HttpError(404, 'not_found', '启动失败记录不存在 / No such workflow start failure');
    if (!UUID.test(id)) throw missing();
    const [row] = await this.q<FailureRow>(
      'SELECT * FROM workflow_start_failures WHERE id = $1 FOR UPDATE',
      [id],
      transaction,
    );
    if (!row || !covers(row.org_path)) throw missing();
    if (row.status !== 'open') {
      throw conflict('start_failure_closed', '该记录已处理', `It is already ${row.status}`);
    }
    return row;
  }

  /** Starts the workflow now; 409 (the record stays open) when it fails again. */
  async retry(
    id: string,
    actor: Actor,
    covers: (orgPath: string) => boolean,
  ): Promise<InstanceView> {
    return this.runtime.deps.database.transaction(async (transaction) => {
      const row = await this.lock(transaction, id, covers);
      let instance: InstanceView;
      try {
        ({ instance } = await this.runtime.start(row.definition_key, row.start, transaction));
      } catch (err) {
        const cause = safeErrorMessage(err);
        throw conflict(
          'start_failed_again',
          '流程仍无法启动',
          `The workflow still cannot start: ${cause}`,
        );
      }
      await this.q(
        `UPDATE workflow_start_failures SET status = 'resolved', resolved_at = $2,
           resolved_by = $3, instance_id = $4 WHERE id = $1 RETURNING id`,
        [id, this.runtime.deps.clock.now(), UUID.test(actor) ? actor : null, instance.id],
        transaction,
      );
      return instance;
    });
  }

  /** Gives up on the start (e.g. the referral was made by hand). */
  async cancel(id: string, actor: Actor, covers: (orgPath: string) => boolean) {
    return this.runtime.deps.database.transaction(async (transaction) => {
      await this.lock(transaction, id, covers);
      const [row] = await this.q<FailureRow>(
        `UPDATE workflow_start_failures SET status = 'cancelled', resolved_at = $2,
           resolved_by = $3 WHERE id = $1 RETURNING *`,
        [id, this.runtime.deps.clock.now(), UUID.test(actor) ? actor : null],
        transaction,
      );
      return failureView(row!);
    });
  }
}
