import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/createLogger.js';
import type { WorkflowRuntime } from './WorkflowRuntime.js';

/**
 * Fires due workflow timers: every `intervalMs` it claims due timer rows with
 * FOR UPDATE SKIP LOCKED (one transaction per timer), so several engine processes share the
 * work and each timer fires once. Timers that fell due while no engine ran fire on the first
 * poll after start. Tests call `poll()` by hand with a TestClock instead of starting it.
 */
export class TimerPoller {
  readonly node = `${process.pid}-${randomUUID().slice(0, 8)}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly runtime: WorkflowRuntime,
    private readonly options: { intervalMs: number; batch?: number; logger?: Logger },
  ) {}

  start(): void {
    if (this.#timer || this.options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.#timer.unref();
    void this.poll();
  }

  /** Fires every timer due now (up to a batch); returns how many fired. */
  poll(): Promise<number> {
    this.#running ??= this.#poll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #poll(): Promise<number> {
    let fired = 0;
    try {
      while (fired < (this.options.batch ?? 100)) {
        if (!(await this.runtime.fireNextDueTimer(this.node))) break;
        fired++;
      }
    } catch (err) {
      this.options.logger?.warn({ err }, 'workflow timer poll failed');
    }
    return fired;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
