import { ProgressBar } from './ProgressBar.js';
import { systemClock, type Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { demoOrgTree } from '../seeding/demoWorld.js';
import { generatePatients, type SeedVillage } from '../seeding/patients/index.js';
import { seedDemo } from '../seeding/seedDemo.js';
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
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  out?: NodeJS.WritableStream;
}

export interface SeedResult {
  generated: number;
  inserted: number;
  visits: number;
  seconds: number;
}

/** Who `created_by` names on seeded residents: no user created them (nil UUID). */
export const SEED_CREATED_BY = '00000000-0000-0000-0000-000000000000';
const COLUMNS = 11;

/**
 * `formwork seed --demo --patients N [--seed S]`: on a demo (local) database, ensures the demo
 * org tree and adds N generated residents to its village clinics, idempotently (rerunning with
 * the same seed inserts nothing new). Their follow-up visits are generated and counted but not
 * stored: the submissions table comes with a later issue.
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
    const services = new Services(database, config, logger, options.clock ?? systemClock);
    await seedDemo(services);
    const result = await seedPatients(services, { ...options, progress });
    const rate = result.seconds > 0 ? Math.round(result.generated / result.seconds) : 0;
    out.write(
      [
        `居民已写入 / residents inserted: ${result.inserted} of ${result.generated} generated (${result.generated - result.inserted} already there)`,
        `随访已生成 / visits generated: ${result.visits} (not stored yet: the submissions table comes with a later issue)`,
        `用时 / took ${result.seconds.toFixed(1)} s (${rate} rows/s)`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** Villages of the demo org tree with their clinic and county (the ID numbers' region). */
export function demoVillages(): SeedVillage[] {
  const { units } = demoOrgTree();
  return units
    .filter((u) => u.kind === 'division' && u.level === 'village')
    .flatMap((village) => {
      const clinic = units.find(
        (u) => u.parentCode === village.code && u.institutionType === 'village-clinic',
      );
      return clinic
        ? [
            {
              code: village.code,
              countyCode: village.code.slice(0, 6),
              institutionCode: clinic.code,
            },
          ]
        : [];
    });
}

/** Generates and inserts residents in batches, one multi-row INSERT per batch and transaction. */
export async function seedPatients(
  services: Services,
  options: Pick<SeedCommandOptions, 'patients' | 'seed' | 'batchSize' | 'today' | 'progress'>,
): Promise<SeedResult> {
  const { database, cipher, clock, orgs } = services;
  const villages = demoVillages();
  const paths = new Map<string, string>();
  for (const village of villages) {
    const clinic = await orgs.get(village.institutionCode);
    if (!clinic) throw new Error(`the demo clinic ${village.institutionCode} is missing`);
    paths.set(clinic.code, clinic.path);
  }
  const batchSize = Math.min(options.batchSize ?? 1000, 5000);
  const total = options.patients;
  const bar = new ProgressBar(options.progress ?? process.stderr);
  const started = performance.now();
  const now = clock.now();
  let generated = 0;
  let inserted = 0;
  let visits = 0;
  let batch: unknown[][] = [];

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const values = rows
      .map(
        (_, r) =>
          `(${Array.from({ length: COLUMNS }, (__, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`,
      )
      .join(',\n');
    await database.transaction(async (transaction) => {
      const [result] = await database.sequelize.query(
        `WITH added AS (
           INSERT INTO subjects (id, name, sex, birth_date, id_number_enc, id_number_hash,
             phone_enc, org_code, org_path, created_at, created_by)
           VALUES ${values}
           ON CONFLICT (id_number_hash) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM added`,
        { bind: rows.flat(), transaction },
      );
      inserted += (result as { n: number }[])[0]?.n ?? 0;
    });
    bar.update(generated, total);
  };

  for (const patient of generatePatients({
    seed: options.seed ?? 1,
    count: total,
    villages,
    today: options.today ?? now.toISOString().slice(0, 10),
  })) {
    generated++;
    visits += patient.visits.length;
    batch.push([
      patient.id,
      patient.name,
      patient.sex,
      patient.birthDate,
      cipher.encrypt(patient.idNumber, 'subjects.id_number'),
      cipher.lookupHash(patient.idNumber, 'resident-id'),
      cipher.encrypt(patient.phone, 'subjects.phone'),
      patient.institutionCode,
      paths.get(patient.institutionCode)!,
      now,
      SEED_CREATED_BY,
    ]);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  bar.finish(generated, total);
  return { generated, inserted, visits, seconds };
}
