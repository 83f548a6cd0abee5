import { HttpError } from '../http/HttpError.js';
import type { Release } from '../specs/Release.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importSeed } from '../specs/seedReleases.js';
import { systemClock, type Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import type { ProgressStream } from './ProgressBar.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { seedDemo } from '../seeding/seedDemo.js';
import { PROGRAM_FORMS } from '../seeding/patients/index.js';
import { demoVillages, seedPatients } from '../seeding/seedPatients.js';
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
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
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
    const missing = await missingForms(services);
    if (missing.length) {
      progress.write(
        `formwork: 演示随访所需的表单缺失，未写入任何居民 / no resident added: the generated follow-up visits need forms the releases serving the demo clinics lack:\n${missing
          .map((line) => `  ${line}\n`)
          .join('')}` +
          'Publish a release with those forms for the jurisdiction, or seed a database whose releases have them.\n',
      );
      return 1;
    }
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

/**
 * What the generated visits need and the current releases serving the demo clinics lack: one
 * line per release and form (or per clinic no release serves), naming the clinics; empty when
 * every visit has its form.
 */
async function missingForms(services: Services): Promise<string[]> {
  const { catalog, orgs } = services;
  const lacking = new Map<string, string[]>();
  const note = (problem: string, clinic: string) =>
    lacking.set(problem, [...(lacking.get(problem) ?? []), clinic]);
  for (const village of demoVillages()) {
    const clinic = await orgs.get(village.institutionCode);
    if (!clinic) continue; // seedDemo has just saved the demo org tree; seedPatients names it
    let release: Release;
    try {
      release = catalog.forOrgPath(clinic.path);
    } catch {
      note(`no release serves ${clinic.path}`, clinic.code);
      continue;
    }
    for (const formKey of new Set(Object.values(PROGRAM_FORMS))) {
      try {
        if (!catalog.form(release, formKey)) {
          note(`release ${release.id} has no form ${formKey}`, clinic.code);
        }
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        note(`release ${release.id}: ${err.message}`, clinic.code);
      }
    }
  }
  return [...lacking].map(
    ([problem, clinics]) =>
      `${problem} (clinics ${clinics.slice(0, 3).join(', ')}${clinics.length > 3 ? ` and ${clinics.length - 3} more` : ''})`,
  );
}
