import { ProgressBar, type ProgressStream } from '../cli/ProgressBar.js';
import type { Services } from '../server/Services.js';
import {
  healthRecordNumber,
  nameInitials,
  recordDivision,
  reserveSerials,
} from '../subjects/residentNumbers.js';
import { ID_LOOKUP_PURPOSE, ID_NUMBER_CONTEXT, PHONE_CONTEXT } from '../subjects/SubjectService.js';
import { demoOrgTree } from './demoWorld.js';
import { generatePatients, type SeedVillage } from './patients/index.js';

export interface SeedResult {
  generated: number;
  inserted: number;
  visits: number;
  seconds: number;
}

export interface SeedPatientsOptions {
  patients: number;
  seed?: number;
  batchSize?: number;
  /** YYYY-MM-DD; defaults to the clock's date. */
  today?: string;
  progress?: ProgressStream;
}

/** Who `created_by` names on seeded residents: no user created them (nil UUID). */
export const SEED_CREATED_BY = '00000000-0000-0000-0000-000000000000';
const COLUMNS = 13;

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

/**
 * Generates and inserts residents in batches, one multi-row INSERT per batch and transaction,
 * with health record numbers reserved per division for the whole batch (one counter upsert).
 * A resident already there (same ID number, or a record number given by hand) is skipped; the
 * serials reserved for skipped residents stay unused.
 */
export async function seedPatients(
  services: Services,
  options: SeedPatientsOptions,
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
  const divisions = new Map<string, string>();
  for (const [code, path] of paths) divisions.set(code, recordDivision(path));

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const counts = new Map<string, number>();
    for (const row of rows) {
      const division = divisions.get(row[7] as string)!;
      counts.set(division, (counts.get(division) ?? 0) + 1);
    }
    const values = rows
      .map(
        (_, r) =>
          `(${Array.from({ length: COLUMNS }, (__, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`,
      )
      .join(',\n');
    await database.transaction(async (transaction) => {
      const next = await reserveSerials(database.sequelize, counts, transaction);
      for (const row of rows) {
        const division = divisions.get(row[7] as string)!;
        const serial = next.get(division)!;
        next.set(division, serial + 1);
        row.push(healthRecordNumber(division, serial));
      }
      const [result] = await database.sequelize.query(
        `WITH added AS (
           INSERT INTO subjects (id, name, sex, birth_date, id_number_enc, id_number_hash,
             phone_enc, org_code, org_path, created_at, created_by, name_initials,
             health_record_number)
           VALUES ${values}
           ON CONFLICT DO NOTHING
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
      cipher.encrypt(patient.idNumber, ID_NUMBER_CONTEXT),
      cipher.lookupHash(patient.idNumber, ID_LOOKUP_PURPOSE),
      cipher.encrypt(patient.phone, PHONE_CONTEXT),
      patient.institutionCode,
      paths.get(patient.institutionCode)!,
      now,
      SEED_CREATED_BY,
      nameInitials(patient.name),
    ]);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  bar.finish(generated, total);
  return { generated, inserted, visits, seconds };
}
