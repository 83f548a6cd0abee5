import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importSeed } from '../specs/seedReleases.js';
import { systemClock, type Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import type { ProgressStream } from './ProgressBar.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { seedDemo } from '../seeding/seedDemo.js';
import { seedPatients } from '../seeding/seedPatients.js';
import { Services } from '../server/Services.js';

export interface SeedCommandOptions {
  demo: boolean;
  patients: number;
  seed?: number;
  batchSize?: number;
  /** YYYY-MM-DD; defaults to the clock's date. */
  today?: string;
  clock?: Clock;
  /** Where the progress and summary go (stderr / stdout); tests pass their own. */
  progress?: ProgressStream;
  out?: NodeJS.WritableStream;
}

/**
 * `formwork seed --demo --patients N [--seed S]`: on a demo (local) database, ensures the demo
 * org tree and adds N generated residents to its village clinics, idempotently (rerunning with
 * the same seed inserts nothing new), each enrolled in their programmes with a year of follow-up
 * visits stored as submissions of the release serving their clinic.
 */
export async function seedCommand(
  config: EngineConfig,
  options: SeedCommandOptions,
): Promise<number> {
  const out = options.out ?? process.stdout;
  const progress = options.progress ?? process.stderr;
  if (!options.demo) {
    progress.write('formwork: seed 目前只支持 --demo / only `seed --demo` is supported so far\n');
    return 1;
  }
  if (!config.demo) {
    progress.write(
      'formwork: 演示数据只能写入本地演示数据库 / refusing --demo: demo data only goes into the local embedded database (DEMO is off, e.g. DATABASE_URL names a non-local database)\n',
    );
    return 1;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await Database.open({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  try {
    await migrate(database, logger);
    const clock = options.clock ?? systemClock;
    await importSeed(database, clock);
    const services = new Services(database, config, logger, clock, new ReleaseCatalog([]));
    await services.specs.reloadCatalog();
    await seedDemo(services);
    const result = await seedPatients(services, { ...options, progress });
    const rate = result.seconds > 0 ? Math.round(result.generated / result.seconds) : 0;
    out.write(
      [
        `居民已写入 / residents inserted: ${result.inserted} of ${result.generated} generated (${result.generated - result.inserted} already there)`,
        `随访已写入 / visits stored: ${result.storedVisits} of ${result.visits} generated (${result.refusedVisits} refused by the form, the rest belong to residents already there)`,
        `用时 / took ${result.seconds.toFixed(1)} s (${rate} rows/s)`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}
