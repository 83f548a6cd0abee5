import { Worker } from 'node:worker_threads';
import type { CompiledForm } from '@formwork/definitions';
import { migrateBatch, type BatchInput, type BatchOutput } from './migrateBatch.js';
import type { MigrateWorkerData } from './migrateWorker.js';
import type { StoredPlan } from './MigrationPlanStore.js';

/** Migrates batches: in this thread, or spread over worker threads. */
export interface BatchMigrator {
  /** Batches that can migrate at the same time. */
  readonly parallel: number;
  migrate(today: string, input: BatchInput): Promise<BatchOutput>;
  close(): Promise<void>;
}

/**
 * With `workers` > 0, worker threads (each compiling the target form once) migrate the batches
 * round-robin, so parsing, migrating and serialising leave the thread that talks to the database;
 * with 0, the batches migrate here.
 */
export function batchMigrator(
  plan: StoredPlan,
  target: { compiled: CompiledForm; workerData: MigrateWorkerData },
  workers: number,
): BatchMigrator {
  if (workers < 1)
    return {
      parallel: 0,
      migrate: (today, input) =>
        Promise.resolve(migrateBatch(plan.plan, target.compiled, { today: () => today }, input)),
      close: () => Promise.resolve(),
    };
  const pool = Array.from(
    { length: workers },
    () =>
      new Worker(new URL('./migrateWorker.js', import.meta.url), {
        workerData: target.workerData,
      }),
  );
  const pending = new Map<number, { resolve(o: BatchOutput): void; reject(e: Error): void }>();
  let seq = 0;
  for (const worker of pool) {
    worker.on('message', (m: { seq: number; output?: BatchOutput; error?: string }) => {
      const waiting = pending.get(m.seq);
      pending.delete(m.seq);
      if (m.output) waiting?.resolve(m.output);
      else waiting?.reject(new Error(m.error ?? 'migration worker failed'));
    });
    worker.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    worker.unref();
  }
  return {
    parallel: workers,
    migrate(today, input) {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        pool[id % pool.length]!.postMessage({ seq: id, today, input });
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
