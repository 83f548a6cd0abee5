import { QueryTypes } from 'sequelize';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import type { Outbox } from '../submissions/Outbox.js';
import type { OutboxBacklog, OutboxConsumerDefinition } from './pluginApi.js';

/** What one poll of a plugin's consumer did. */
export interface ConsumerPollOutcome {
  /** Events read (every topic: the cursor moves past all of them). */
  read: number;
  /** Events of the consumer's topics handed to `handle`. */
  handled: number;
  /** Whether `handle` threw (the cursor stayed where it was). */
  failed: boolean;
}

/** First retry after this; doubled per failure up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * One plugin's durable outbox consumer (`api.outboxConsumer`): reads the outbox after its cursor
 * (`outbox_cursors`, consumer `plugin:<slug>:<name>`) in commit-safe order (Outbox.ts), hands the
 * events of its topics to `handle` a batch at a time and moves the cursor past the batch only
 * after `handle` resolved. At least once: a handler that throws is logged and retried with
 * backoff (doubling from FIRST_BACKOFF_MS to MAX_BACKOFF_MS, timed by the engine's clock) and the
 * cursor does not move; a process that dies mid-batch reads the batch again.
 */
export class PluginOutboxConsumer {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<ConsumerPollOutcome> | undefined;
  #failures = 0;
  #retryAt = 0;
  readonly #topics: ReadonlySet<string>;

  constructor(
    /** `plugin:<slug>:<name>`. */
    readonly consumer: string,
    private readonly definition: OutboxConsumerDefinition,
    private readonly deps: { database: Database; outbox: Outbox; clock: Clock; logger: Logger },
  ) {
    this.#topics = new Set(definition.topics);
  }

  /** Polls every `intervalMs` (0: never; tests call poll). */
  start(intervalMs: number): void {
    if (this.#timer || intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.poll(), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /**
   * Handles batch after batch until the outbox is drained or the handler throws; waits out the
   * backoff after a failure (returns nothing read until then). Never throws.
   */
  poll(): Promise<ConsumerPollOutcome> {
    this.#running ??= this.#poll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #poll(): Promise<ConsumerPollOutcome> {
    const total: ConsumerPollOutcome = { read: 0, handled: 0, failed: false };
    if (this.deps.clock.now().getTime() < this.#retryAt) return total;
    const limit = this.definition.batchSize ?? 500;
    try {
      for (;;) {
        const events = await this.deps.outbox.read(this.consumer, limit);
        if (!events.length) break;
        const mine = events.filter((e) => this.#topics.has(e.topic));
        if (mine.length) await this.definition.handle(mine);
        await this.deps.outbox.ack(this.consumer, events.at(-1)!.position);
        total.read += events.length;
        total.handled += mine.length;
        this.#failures = 0;
        if (events.length < limit) break;
      }
    } catch (err) {
      total.failed = true;
      this.#failures++;
      const wait = Math.min(FIRST_BACKOFF_MS * 2 ** (this.#failures - 1), MAX_BACKOFF_MS);
      this.#retryAt = this.deps.clock.now().getTime() + wait;
      this.deps.logger.warn(
        { err, consumer: this.consumer, failures: this.#failures, retryInMs: wait },
        'plugin outbox consumer failed; the batch will be read again',
      );
    }
    return total;
  }

  /**
   * How far behind the consumer is: when the newest event of its topics was committed, when the
   * event its cursor points at was, and the seconds between (0 when it has handled everything).
   */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.deps.database.transaction((transaction) =>
      this.deps.database.sequelize.query<{
        newest: Date | null;
        handled: Date | null;
        oldest: Date | null;
        behind: boolean;
      }>(
        `WITH newest AS (
           SELECT tx_id, id, created_at FROM outbox WHERE topic = ANY($1::text[])
           ORDER BY tx_id DESC, id DESC LIMIT 1),
         cur AS (SELECT tx_id, event_id FROM outbox_cursors WHERE consumer = $2)
         SELECT (SELECT created_at FROM newest) AS newest,
           (SELECT o.created_at FROM outbox o, cur WHERE o.id = cur.event_id) AS handled,
           (SELECT created_at FROM outbox WHERE topic = ANY($3::text[])
             ORDER BY tx_id, id LIMIT 1) AS oldest,
           coalesce((SELECT (n.tx_id, n.id) > (c.tx_id, c.event_id) FROM newest n, cur c),
             EXISTS (SELECT 1 FROM newest)) AS behind`,
        {
          bind: [[...this.#topics], this.consumer, [...this.#topics]],
          type: QueryTypes.SELECT,
          transaction,
        },
      ),
    );
    const newest = row?.newest ? new Date(row.newest) : null;
    const handled = row?.handled ? new Date(row.handled) : null;
    // Never moved: as far behind as the first event of its topics.
    const from = handled ?? (row?.oldest ? new Date(row.oldest) : newest);
    const lagSeconds =
      row?.behind && newest && from ? Math.max(0, (newest.getTime() - from.getTime()) / 1000) : 0;
    return {
      newestCommittedAt: newest?.toISOString() ?? null,
      newestHandledAt: handled?.toISOString() ?? null,
      behind: Boolean(row?.behind),
      lagSeconds,
    };
  }
}
