import { randomUUID } from 'node:crypto';
import { BaseError, QueryTypes } from 'sequelize';
import type { Logger } from '../logging/createLogger.js';
import type { Outbox } from '../submissions/Outbox.js';
import type { StartInput, WorkflowRuntime } from './WorkflowRuntime.js';
import { safeErrorMessage } from '../logging/safeError.js';

export const WORKFLOW_CONSUMER = 'workflows';
const URGENT_REFERRAL = 'two-way-referral';

/**
 * Starts workflows from committed submissions (consumer `workflows` of the outbox): a
 * hypertension follow-up whose computed `urgentReferral` is true starts the two-way referral at
 * its urgentReferral message start. At-least-once and idempotent: the business key is the
 * submission id, unique per workflow, so an event read twice starts one instance.
 */
export class OutboxWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly runtime: WorkflowRuntime,
    private readonly outbox: Outbox,
    private readonly options: { intervalMs: number; logger?: Logger },
  ) {}

  start(): void {
    if (this.#timer || this.options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.#timer.unref();
  }

  poll(): Promise<number> {
    this.#running ??= this.#poll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #poll(): Promise<number> {
    let started = 0;
    try {
      const events = await this.read();
      for (const event of events) {
        let failure: { start: StartInput; error: string } | undefined;
        const p = event.payload as {
          submissionId?: string;
          subjectId?: string;
          formKey?: string;
          orgCode?: string;
          data?: Record<string, unknown>;
        };
        if (
          event.topic === 'submission.created' &&
          p.formKey === 'hypertension-followup' &&
          p.data?.urgentReferral === true &&
          p.submissionId
        ) {
          const { database } = this.runtime.deps;
          const [unit] = await database.transaction((transaction) =>
            database.sequelize.query<{ path: string }>(
              'SELECT org_path AS path FROM subjects WHERE id = $1',
              { bind: [p.subjectId], type: QueryTypes.SELECT, transaction },
            ),
          );
          if (unit) {
            const start: StartInput = {
              orgCode: p.orgCode!,
              orgPath: unit.path,
              subjectId: p.subjectId!,
              businessKey: p.submissionId,
              message: 'urgentReferral',
              variables: {
                // The referral-urgency code table's 紧急 / Urgent (what the slip's field holds).
                urgency: '2',
                program: 'hypertension',
                sbp: p.data.sbp,
                dbp: p.data.dbp,
              },
              actor: 'outbox',
            };
            try {
              const { created } = await this.runtime.start(URGENT_REFERRAL, start);
              if (created) started++;
            } catch (err) {
              // A database error is passing (connection, deadlock): the poll stops and the event
              // is read again. Anything else is recorded for a workflow admin and the consumer
              // moves on: one event that cannot start its workflow never holds up the others.
              if (err instanceof BaseError) throw err;
              failure = { start, error: safeErrorMessage(err) };
              this.options.logger?.error(
                { err, submissionId: p.submissionId },
                'urgent referral could not start',
              );
            }
          }
        }
        const { database, clock } = this.runtime.deps;
        await database.transaction(async (transaction) => {
          if (failure) {
            await database.sequelize.query(
              `INSERT INTO workflow_start_failures (id, consumer, event_id, definition_key,
                 org_path, start, error, status, created_at)
               VALUES ($1, $2, $3::bigint, $4, $5, $6::jsonb, $7, 'open', $8)
               ON CONFLICT (consumer, event_id) DO NOTHING`,
              {
                bind: [
                  randomUUID(),
                  WORKFLOW_CONSUMER,
                  event.position.id,
                  URGENT_REFERRAL,
                  failure.start.orgPath,
                  JSON.stringify(failure.start),
                  failure.error,
                  clock.now(),
                ],
                transaction,
              },
            );
          }
          await database.sequelize.query(
            `INSERT INTO outbox_cursors (consumer, tx_id, event_id, updated_at)
             VALUES ($1, $2::xid8, $3::bigint, now())
             ON CONFLICT (consumer) DO UPDATE
               SET tx_id = EXCLUDED.tx_id, event_id = EXCLUDED.event_id, updated_at = now()`,
            { bind: [WORKFLOW_CONSUMER, event.position.txId, event.position.id], transaction },
          );
        });
      }
    } catch (err) {
      this.options.logger?.warn({ err }, 'workflow outbox poll failed');
    }
    return started;
  }

  /** Outbox.read's query with distinct bind parameters (PGlite's socket rejects a repeated one). */
  private async read(limit = 100) {
    const { database } = this.runtime.deps;
    const rows = await database.transaction((transaction) =>
      database.sequelize.query<{
        id: string;
        tx_id: string;
        topic: string;
        payload: Record<string, unknown>;
      }>(
        `SELECT o.id::text AS id, o.tx_id::text AS tx_id, o.topic, o.payload
       FROM outbox o,
         (SELECT coalesce((SELECT tx_id FROM outbox_cursors WHERE consumer = $1), '0'::xid8) AS tx,
                 coalesce((SELECT event_id FROM outbox_cursors WHERE consumer = $2), 0) AS ev) c
       WHERE (o.tx_id, o.id) > (c.tx, c.ev)
         AND o.tx_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY o.tx_id, o.id LIMIT $3`,
        {
          bind: [WORKFLOW_CONSUMER, WORKFLOW_CONSUMER, limit],
          type: QueryTypes.SELECT,
          transaction,
        },
      ),
    );
    return rows.map((r) => ({ ...r, position: { txId: r.tx_id, id: r.id } }));
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
