import { systemClock, type Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { AuditTrail } from '../audit/AuditTrail.js';
import { DueItemWriter } from '../schedules/DueItemWriter.js';
import { ScheduleRebuild } from '../schedules/ScheduleRebuild.js';
import { cipherFor } from '../security/loadDataKeys.js';
import { PersonalFormData } from '../security/PersonalFormData.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importSeed } from '../specs/seedReleases.js';
import { ReleaseStore } from '../specs/ReleaseStore.js';
import { ProgressBar, type ProgressStream } from './ProgressBar.js';
import { openDatabaseToRead } from './readDatabase.js';

export interface SchedulesRebuildOptions {
  release?: string | undefined;
  batch?: number;
  clock?: Clock;
  progress?: ProgressStream;
  out?: NodeJS.WritableStream;
}

/**
 * `formwork schedules rebuild [--release ID] [--batch N]`: recomputes the due items of every
 * active enrollment on the release now serving its clinic (ScheduleRebuild), e.g. after a new
 * release; with --release, only the enrollments that release serves. A progress bar on a terminal,
 * one `progress done/total` line per committed batch otherwise. Ctrl-C stops after the batch being
 * written; killed or stopped, the next start resumes after the last committed batch.
 */
export async function schedulesRebuildCommand(
  config: EngineConfig,
  options: SchedulesRebuildOptions = {},
): Promise<number> {
  const out = options.out ?? process.stdout;
  const progress = options.progress ?? process.stderr;
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  // Due items live in an existing database: never create one.
  const database = await openDatabaseToRead(config, { logger, notice: progress, schema: 'any' });
  let rebuild: ScheduleRebuild | undefined;
  const onSignal = () => rebuild?.stop();
  try {
    await migrate(database, logger);
    const clock = options.clock ?? systemClock;
    await importSeed(database, clock);
    const catalog = new ReleaseCatalog([]);
    await new ReleaseStore({
      database,
      audit: new AuditTrail(database, clock),
      clock,
      catalog,
    }).reloadCatalog();
    if (options.release) {
      const serving = catalog.releases.filter(
        (r) => catalog.currentOf(r.jurisdiction)?.id === r.id,
      );
      if (!serving.some((r) => r.id === options.release)) {
        progress.write(
          `formwork: 没有当前发布版本 ${options.release} / no current release ${options.release} (current: ${serving.map((r) => r.id).join(', ')})\n`,
        );
        return 1;
      }
    }
    // Submissions may hold sealed personal values: opened with the data key (schedules never
    // read them, but every record is opened before it is evaluated).
    const personal = new PersonalFormData(cipherFor(config, database.kind === 'pglite', logger));
    const writer = new DueItemWriter({ database, catalog, personal, clock, logger });
    const bar = new ProgressBar(progress);
    rebuild = new ScheduleRebuild(
      { database, catalog, clock, writer },
      {
        batch: options.batch ?? 500,
        releaseId: options.release,
        onProgress: (run) => {
          const done = Math.min(run.done, run.total);
          if (progress.isTTY) bar.update(done, run.total);
          else progress.write(`progress ${done}/${run.total}\n`);
        },
      },
    );
    const { run, resumed } = await rebuild.claim();
    progress.write(
      resumed
        ? `resuming rebuild ${run.id}: ${run.done}/${run.total} enrollments done\n`
        : `rebuild ${run.id}: ${run.total} enrollments${options.release ? ` (those ${options.release} serves)` : ''}\n`,
    );
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const started = performance.now();
    const startedWith = run.done;
    const result = await rebuild.run(run.id);
    const seconds = (performance.now() - started) / 1000;
    bar.finish(Math.min(result.done, result.total), result.total);
    const rate = seconds > 0 ? Math.round((result.done - startedWith) / seconds) : 0;
    out.write(
      [
        `已检查 / enrollments looked at: ${result.done} of ${result.total} (${result.status})`,
        `已重算 / schedules recomputed: ${result.changed}`,
        `用时 / took ${seconds.toFixed(1)} s (${rate} enrollments/s)`,
        '',
      ].join('\n'),
    );
    if (result.status !== 'done') {
      progress.write('stopped: run `formwork schedules rebuild` again to resume\n');
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.close();
  }
}
