import { systemClock, type Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { dryRunPlan } from '../migrations-data/dryRunPlan.js';
import { claimRun, MigrationJob, processOwner } from '../migrations-data/MigrationJob.js';
import { MigrationPlanStore } from '../migrations-data/MigrationPlanStore.js';
import { cipherFor } from '../security/loadDataKeys.js';
import { PersonalFormData } from '../security/PersonalFormData.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importSeed } from '../specs/seedReleases.js';
import { ReleaseStore } from '../specs/ReleaseStore.js';
import { AuditTrail } from '../audit/AuditTrail.js';
import { ProgressBar, type ProgressStream } from './ProgressBar.js';
import { openDatabaseToRead } from './readDatabase.js';

export interface MigrateDataOptions {
  batch?: number;
  dryRun?: boolean;
  clock?: Clock;
  progress?: ProgressStream;
  out?: NodeJS.WritableStream;
}

/**
 * `formwork migrate-data <planId> [--batch N] [--dry-run]`: executes a ready migration plan in the
 * foreground (progress bar on a terminal, one `progress done/total` line per committed batch
 * otherwise), or resumes the plan's interrupted run. Ctrl-C stops after the batch being written;
 * the next start resumes. With --dry-run, prints the dry-run report as JSON and writes nothing.
 */
export async function migrateDataCommand(
  config: EngineConfig,
  planId: string,
  options: MigrateDataOptions = {},
): Promise<number> {
  const out = options.out ?? process.stdout;
  const progress = options.progress ?? process.stderr;
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  // A plan lives in an existing database: never create one (a dry run only reads it).
  const database = await openDatabaseToRead(config, { logger, notice: progress, schema: 'any' });
  const onSignal = () => job?.stop();
  let job: MigrationJob | undefined;
  try {
    await migrate(database, logger);
    const clock = options.clock ?? systemClock;
    // The releases stored in the database (the seed's imported first, as the engine does).
    await importSeed(database, clock);
    const catalog = new ReleaseCatalog([]);
    await new ReleaseStore({
      database,
      audit: new AuditTrail(database, clock),
      clock,
      catalog,
    }).reloadCatalog();
    const plans = new MigrationPlanStore({ database, catalog, clock });
    // Personal values in the records are sealed with the data key: opened for the plan, sealed again.
    const personal = new PersonalFormData(cipherFor(config, database.kind === 'pglite', logger));
    const plan = await plans.get(planId);
    if (!plan) {
      progress.write(`formwork: 迁移计划不存在 / no migration plan ${planId}\n`);
      return 1;
    }
    if (options.dryRun) {
      const report = await dryRunPlan({ database, catalog, clock, personal }, plan, options.batch);
      out.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    if (plan.problems.length) {
      progress.write(
        `formwork: 迁移计划尚有待决定事项 / the plan is not ready:\n${plan.problems
          .map((p) => `  ${p.path} ${p.code}: ${p.message.en}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    const { run, resumed } = await claimRun({ database, catalog, clock, plans, personal }, planId, {
      ...(options.batch ? { batchSize: options.batch } : {}),
      owner: processOwner(),
    });
    progress.write(
      resumed
        ? `resuming run ${run.id}: ${run.migrated + run.failed}/${run.total} done\n`
        : `run ${run.id}: ${run.total} records of ${plan.formKey} on ${plan.from.releaseId} → ${plan.to.releaseId}\n`,
    );
    const bar = new ProgressBar(progress);
    const startedWith = run.migrated + run.failed;
    const started = performance.now();
    job = new MigrationJob({ database, catalog, clock, plans, personal }, run.id, {
      onProgress: (p) => {
        if (progress.isTTY) bar.update(p.migrated + p.failed, p.total);
        else progress.write(`progress ${p.migrated + p.failed}/${p.total}\n`);
      },
    });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const result = await job.run();
    const seconds = (performance.now() - started) / 1000;
    bar.finish(result.migrated + result.failed, result.total);
    const rate =
      seconds > 0 ? Math.round((result.migrated + result.failed - startedWith) / seconds) : 0;
    out.write(
      [
        `已迁移 / migrated: ${result.migrated}`,
        `未迁移 / failed: ${result.failed}`,
        `共 / total: ${result.total} (${result.status})`,
        `用时 / took ${seconds.toFixed(1)} s (${rate} rows/s)`,
        '',
      ].join('\n'),
    );
    if (result.status !== 'done') {
      progress.write('stopped: run `formwork migrate-data` again to resume\n');
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await database.close();
  }
}
