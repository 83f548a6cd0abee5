import type {
  OutboxEvent,
  PluginApi,
  ReadModel,
  ReadModelSubmission,
} from '@formwork/engine/plugin-api';
import type { ReportingStore, StoreTimers } from '../store/ReportingStore.js';
import { LoadState, type LoadPosition } from './LoadState.js';
import type { RecordLoader } from './RecordLoader.js';

/** The backfill's row in `load_state`. */
export const BACKFILL_STATE = 'backfill';

/** What the status route shows. */
export interface BackfillStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** Submissions loaded by the backfill so far (of the current or last run). */
  loaded: number;
  /** Submissions stored when that run began. */
  total: number;
  /** Why the last run failed, while `state` is `failed`. */
  error?: string;
}

/** How a run ended. */
export interface BackfillResult {
  /** `done`: every submission and enrollment loaded; `stopped`: stop() asked, resumable. */
  status: 'done' | 'stopped';
  /** A completed backfill was recorded already: nothing loaded (pass `restart` to reload). */
  alreadyDone: boolean;
  /** It continued after a stored position instead of starting over. */
  resumed: boolean;
  /** Submissions loaded (this run and earlier runs it resumed) and the total when it began. */
  loaded: number;
  total: number;
  /** Submissions and enrollments loaded by this run alone. */
  submissionsThisRun: number;
  enrollmentsThisRun: number;
}

export interface BackfillOptions {
  store: ReportingStore;
  readModel: ReadModel;
  loader: RecordLoader;
  logger: PluginApi['logger'];
  /** Rows read and loaded per page (1 to 10000; default 1000): one saved position each. */
  pageSize?: number;
  now?: () => Date;
  timers?: StoreTimers;
  /** The first retry of a failed background run; doubled per failure up to 5 minutes. */
  firstRetryMs?: number;
}

/**
 * Loads what the engine stored before the outbox consumer listened (e.g. the demo seed, which
 * writes residents, enrollments and submissions without outbox events): every stored submission
 * in its newest revision, with the enrollments and residents it touches, then every enrollment
 * (those without a visit yet count in the denominators), page by page in id order through
 * `api.readModel` and the RecordLoader.
 *
 * Resumable: after each page the last id loaded is saved in `load_state` (LoadState), so a run
 * killed at any moment continues after the last saved page; the page in flight is loaded again
 * and counts once, because every table is a ReplacingMergeTree read with FINAL. The outbox
 * consumer may load the same submissions beside it: a newer revision wins either way.
 */
export class Backfill {
  readonly #state: LoadState;
  readonly #pageSize: number;
  readonly #now: () => Date;
  readonly #timers: StoreTimers;
  #status: BackfillStatus = { state: 'idle', loaded: 0, total: 0 };
  #stopAsked = false;
  #running: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(private readonly deps: BackfillOptions) {
    this.#state = new LoadState(() => deps.store.client, BACKFILL_STATE);
    this.#pageSize = deps.pageSize ?? 1_000;
    this.#now = deps.now ?? (() => new Date());
    this.#timers = deps.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimeout: (timer) => clearTimeout(timer),
    };
  }

  status(): BackfillStatus {
    return { ...this.#status };
  }

  /** The saved position (undefined: none yet). Throws while the store is unavailable. */
  saved(): Promise<LoadPosition | undefined> {
    return this.#state.read();
  }

  /**
   * Loads page by page from the saved position (or from the start: none saved, or `restart`)
   * until everything is loaded or stop() is called; `onProgress` after each page. Throws when
   * the store or the database fails: the position of the last saved page stays.
   */
  async run(
    options: { restart?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<BackfillResult> {
    const { readModel, loader, logger } = this.deps;
    this.#stopAsked = false;
    const saved = options.restart ? undefined : await this.#state.read();
    const total = await readModel.submissionCount();
    if (saved?.done) {
      this.#status = { state: 'done', loaded: saved.loaded, total: saved.total };
      return {
        status: 'done',
        alreadyDone: true,
        resumed: false,
        loaded: saved.loaded,
        total: saved.total,
        submissionsThisRun: 0,
        enrollmentsThisRun: 0,
      };
    }
    const at = this.#now().toISOString();
    let position: LoadPosition = saved
      ? { ...saved, total: Math.max(total, saved.loaded), updatedAt: at }
      : {
          phase: 'submissions',
          position: '',
          loaded: 0,
          total,
          done: false,
          startedAt: at,
          updatedAt: at,
        };
    const result = {
      resumed: saved !== undefined,
      submissionsThisRun: 0,
      enrollmentsThisRun: 0,
    };
    this.#status = { state: 'running', loaded: position.loaded, total: position.total };
    logger.info(
      { loaded: position.loaded, total: position.total, resumed: result.resumed },
      result.resumed ? 'reporting backfill resumed' : 'reporting backfill started',
    );
    // Saved at once, so a run killed before its first page still resumes instead of starting over.
    if (!saved) await this.#state.save(position);
    try {
      let pages = 0;
      while (!position.done) {
        if (this.#stopAsked) {
          this.#status = { ...this.#status, state: 'idle' };
          logger.info(
            { loaded: position.loaded, total: position.total },
            'reporting backfill stopped',
          );
          return { status: 'stopped', alreadyDone: false, ...result, ...counts(position) };
        }
        const after = position.position || undefined;
        if (position.phase === 'submissions') {
          const page = await readModel.submissions({ after, limit: this.#pageSize });
          if (page.length) await loader.load(page.map(asEvent));
          result.submissionsThisRun += page.length;
          position = page.length
            ? {
                ...position,
                position: page[page.length - 1]!.submissionId,
                loaded: position.loaded + page.length,
              }
            : { ...position, phase: 'enrollments', position: '' };
        } else {
          const page = await readModel.enrollments({
            ...(after ? { after } : {}),
            limit: this.#pageSize,
          });
          if (page.length) await loader.loadEnrollments(page);
          result.enrollmentsThisRun += page.length;
          position = page.length
            ? { ...position, position: page[page.length - 1]!.id }
            : { ...position, done: true };
        }
        position = {
          ...position,
          total: Math.max(position.total, position.loaded),
          updatedAt: this.#now().toISOString(),
        };
        await this.#state.save(position);
        this.#status = { state: 'running', loaded: position.loaded, total: position.total };
        options.onProgress?.(position.loaded, position.total);
        logger.debug(
          { phase: position.phase, loaded: position.loaded, total: position.total },
          'reporting backfill page saved',
        );
        if (++pages % 10 === 0)
          logger.info(
            { phase: position.phase, loaded: position.loaded, total: position.total },
            'reporting backfill progress',
          );
      }
    } catch (err) {
      this.#status = {
        state: 'failed',
        loaded: position.loaded,
        total: position.total,
        error: (err as Error).message,
      };
      throw err;
    }
    this.#status = { state: 'done', loaded: position.loaded, total: position.total };
    logger.info(
      {
        loaded: position.loaded,
        enrollments: result.enrollmentsThisRun,
        total: position.total,
      },
      'reporting backfill done',
    );
    return { status: 'done', alreadyDone: false, ...result, ...counts(position) };
  }

  /** Asks a running run to stop after the page it is loading (its position saved). */
  stop(): void {
    this.#stopAsked = true;
  }

  /**
   * In the background (the engine's start, and whenever the store opens again): runs the backfill
   * unless a completed one is recorded or one is running here. Never throws: a failed run is
   * logged and tried again with backoff (10 s doubling to 5 minutes) from its saved position.
   */
  catchUp(): void {
    if (this.#running || this.#closed) return;
    this.#timers.clearTimeout(this.#retry);
    this.#running = this.run()
      .then(() => {
        this.#failures = 0;
      })
      .catch((err: unknown) => {
        if (this.#closed) return;
        this.#failures++;
        const wait = Math.min(
          (this.deps.firstRetryMs ?? 10_000) * 2 ** (this.#failures - 1),
          300_000,
        );
        this.deps.logger.warn(
          { err, failures: this.#failures, retryInMs: wait },
          'reporting backfill failed; it resumes from its last page',
        );
        this.#retry = this.#timers.setTimeout(() => this.catchUp(), wait);
      })
      .finally(() => {
        this.#running = undefined;
      });
  }

  /** Stops the background run after its page and waits for it (api.onStop, before the store closes). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timers.clearTimeout(this.#retry);
    this.stop();
    await this.#running;
  }
}

const counts = (position: LoadPosition) => ({ loaded: position.loaded, total: position.total });

/** A stored submission as the `submission.*` outbox event the RecordLoader takes. */
function asEvent(submission: ReadModelSubmission): OutboxEvent {
  return {
    position: { txId: '0', id: '0' },
    topic: 'submission.created',
    aggregateId: submission.submissionId,
    aggregateVersion: submission.revision,
    payload: { ...submission },
    createdAt: submission.at,
  };
}
