import { randomUUID } from 'node:crypto';
import { BaseError, QueryTypes } from 'sequelize';
import { evaluateRule, RuleError, triggersOf, type Trigger } from '@formwork/definitions';
import { ruleClock } from '../clock.js';
import type { Logger } from '../logging/createLogger.js';
import type { Outbox } from '../submissions/Outbox.js';
import type { StartInput, WorkflowRuntime } from './WorkflowRuntime.js';
import { safeErrorMessage } from '../logging/safeError.js';

export const WORKFLOW_CONSUMER = 'workflows';

/** What a `submission.created` event carries that a trigger reads. */
interface CreatedPayload {
  submissionId?: string;
  subjectId?: string;
  formKey?: string;
  orgCode?: string;
  data?: Record<string, unknown>;
}

/** A start the trigger asked for and could not make: recorded for the workflow admin. */
interface Failure {
  trigger: Trigger;
  start: StartInput;
  error: string;
}

/**
 * The business key of what a trigger starts from one submission: unique per workflow, so an event
 * read twice (at-least-once) starts one instance, and two triggers of one submission start one
 * each.
 */
export const triggerBusinessKey = (submissionId: string, triggerId: string) =>
  `${submissionId}:${triggerId}`;

/**
 * Starts workflows from committed submissions (consumer `workflows` of the outbox) as the spec
 * declares them: each trigger of the release serving the resident whose `form` is the
 * submission's and whose `condition` holds over its data starts its `workflow` at the message start
 * event `message`, with the `variables` it computes from the data. Nothing about which form,
 * field, code or workflow is written here: it is all in the release's triggers.
 *
 * At-least-once and idempotent: the business key is the submission id and the trigger id
 * (triggerBusinessKey). A start that fails (the release lacks the workflow, a rule cannot be
 * evaluated on the data) is recorded in `workflow_start_failures` — one row per event and
 * trigger, under the consumer `workflows:<trigger id>` — and never holds up the events after it;
 * a database error stops the poll and the event is read again.
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
        const failures: Failure[] = [];
        if (event.topic === 'submission.created') {
          const outcome = await this.#startTriggered(event.payload as CreatedPayload);
          started += outcome.started;
          failures.push(...outcome.failures);
        }
        const { database, clock } = this.runtime.deps;
        await database.transaction(async (transaction) => {
          for (const failure of failures) {
            await database.sequelize.query(
              `INSERT INTO workflow_start_failures (id, consumer, event_id, definition_key,
                 org_path, start, error, status, created_at)
               VALUES ($1, $2, $3::bigint, $4, $5, $6::jsonb, $7, 'open', $8)
               ON CONFLICT (consumer, event_id) DO NOTHING`,
              {
                bind: [
                  randomUUID(),
                  `${WORKFLOW_CONSUMER}:${failure.trigger.id}`,
                  event.position.id,
                  failure.trigger.workflow,
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

  /** Starts what the triggers of the release serving the resident declare for one submission. */
  async #startTriggered(p: CreatedPayload): Promise<{ started: number; failures: Failure[] }> {
    const outcome = { started: 0, failures: [] as Failure[] };
    if (!p.submissionId || !p.subjectId || !p.formKey || !p.orgCode) return outcome;
    const { database, catalog, clock } = this.runtime.deps;
    const [unit] = await database.transaction((transaction) =>
      database.sequelize.query<{ path: string }>(
        'SELECT org_path AS path FROM subjects WHERE id = $1',
        { bind: [p.subjectId], type: QueryTypes.SELECT, transaction },
      ),
    );
    if (!unit) return outcome;
    let triggers: Trigger[];
    try {
      triggers = triggersOf(catalog.forOrgPath(unit.path).spec, p.formKey);
    } catch (err) {
      // No release serves the resident's org: no trigger is known, nothing to start or retry.
      this.options.logger?.error({ err, submissionId: p.submissionId }, 'no release serves it');
      return outcome;
    }
    const data = p.data ?? {};
    for (const trigger of triggers) {
      const start: StartInput = {
        orgCode: p.orgCode,
        orgPath: unit.path,
        subjectId: p.subjectId,
        businessKey: triggerBusinessKey(p.submissionId, trigger.id),
        message: trigger.message,
        trigger: trigger.id,
        actor: 'outbox',
      };
      try {
        // A rule that cannot be evaluated on this data is a failure to record, never a "no".
        const at = (part: string) => (rule: unknown) => {
          try {
            return evaluateRule(rule, data, ruleClock(clock));
          } catch (err) {
            if (err instanceof RuleError)
              throw new Error(
                `trigger ${trigger.id}: ${part} could not be evaluated: ${err.reason}`,
              );
            throw err;
          }
        };
        if (!at('condition')(trigger.condition)) continue;
        start.variables = {};
        for (const [name, rule] of Object.entries(trigger.variables ?? {}))
          start.variables[name] = at(`variables.${name}`)(rule);
        const { created } = await this.runtime.start(trigger.workflow, start);
        if (created) outcome.started++;
      } catch (err) {
        // A database error is passing (connection, deadlock): the poll stops and the event is
        // read again. Anything else is recorded for a workflow admin and the consumer moves on.
        if (err instanceof BaseError) throw err;
        outcome.failures.push({ trigger, start, error: safeErrorMessage(err) });
        this.options.logger?.error(
          { err, submissionId: p.submissionId, trigger: trigger.id },
          'a triggered workflow could not start',
        );
      }
    }
    return outcome;
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
