import { randomUUID } from 'node:crypto';
import { ProgressBar, type ProgressStream } from '../cli/ProgressBar.js';
import type { Services } from '../server/Services.js';
import { healthRecordNumber, recordDivision, reserveSerials } from '../subjects/residentNumbers.js';
import { sealName } from '../subjects/residentName.js';
import { ID_LOOKUP_PURPOSE, ID_NUMBER_CONTEXT, PHONE_CONTEXT } from '../subjects/SubjectService.js';
import { demoOrgTree } from './demoWorld.js';
import { generatePatients, type GeneratedPatient, type SeedVillage } from './patients/index.js';
import { ruleClock } from '../clock.js';
import type { ReleasedForm } from '../specs/ReleaseCatalog.js';

export interface SeedResult {
  generated: number;
  inserted: number;
  /** Visits generated for every resident (inserted or not). */
  visits: number;
  /** Visits stored as submissions (those of inserted residents that the form accepts). */
  storedVisits: number;
  /** Generated visits the form refused (the generator aims at realistic, not perfect, data). */
  refusedVisits: number;
  seconds: number;
}

export interface SeedPatientsOptions {
  patients: number;
  seed?: number;
  batchSize?: number;
  /** YYYY-MM-DD; defaults to the clock's date. */
  today?: string;
  /** Where the residents live (their clinics must exist); defaults to the demo tree's villages. */
  villages?: readonly SeedVillage[];
  /** Months of follow-ups back from today (generatePatients' `months`, default 12). */
  months?: number;
  /** The share of residents who are mothers with a pregnancy episode (default 0). */
  pregnancies?: number;
  progress?: ProgressStream;
}

/** Who `created_by` names on seeded residents: no user created them (nil UUID). */
export const SEED_CREATED_BY = '00000000-0000-0000-0000-000000000000';
const COLUMNS = 13;
/** The column (0-based) of `name_lookup`, a text[] whose type a multi-row VALUES must be told. */
const NAME_LOOKUP_COLUMN = 11;

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
  const { database, cipher, clock, orgs, catalog, personal } = services;
  const rules = ruleClock(clock);
  const forms = new Map<string, ReleasedForm>();
  /** The form of the current release serving the resident's clinic, compiled once. */
  const formFor = (orgPath: string, formKey: string): ReleasedForm => {
    const release = catalog.forOrgPath(orgPath);
    const key = `${release.id}/${formKey}`;
    let form = forms.get(key);
    if (!form) {
      form = catalog.form(release, formKey);
      if (!form) throw new Error(`release ${release.id} has no form ${formKey}`);
      forms.set(key, form);
    }
    return form;
  };
  const villages = options.villages ?? demoVillages();
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
  let storedVisits = 0;
  let refusedVisits = 0;
  let batch: unknown[][] = [];
  let patients: GeneratedPatient[] = [];
  const divisions = new Map<string, string>();
  for (const [code, path] of paths) divisions.set(code, recordDivision(path));

  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    const people = patients;
    batch = [];
    patients = [];
    const counts = new Map<string, number>();
    for (const row of rows) {
      const division = divisions.get(row[7] as string)!;
      counts.set(division, (counts.get(division) ?? 0) + 1);
    }
    const values = rows
      .map(
        (_, r) =>
          `(${Array.from(
            { length: COLUMNS },
            (__, c) => `$${r * COLUMNS + c + 1}${c === NAME_LOOKUP_COLUMN ? '::text[]' : ''}`,
          ).join(', ')})`,
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
      const [added] = await database.sequelize.query(
        `INSERT INTO subjects (id, name_enc, sex, birth_date, id_number_enc, id_number_hash,
           phone_enc, org_code, org_path, created_at, created_by, name_lookup,
           health_record_number)
         VALUES ${values}
         ON CONFLICT DO NOTHING
         RETURNING id`,
        { bind: rows.flat(), transaction },
      );
      const ids = new Set((added as { id: string }[]).map((r) => r.id));
      inserted += ids.size;
      const histories = visitRows(
        people.filter((p) => ids.has(p.id)),
        (p) => paths.get(p.institutionCode)!,
      );
      storedVisits += histories.stored;
      refusedVisits += histories.refused;
      await insertHistories(histories, transaction);
    });
    bar.update(generated, total);
  };

  for (const patient of generatePatients({
    seed: options.seed ?? 1,
    count: total,
    villages,
    today: options.today ?? now.toISOString().slice(0, 10),
    ...(options.months === undefined ? {} : { months: options.months }),
    ...(options.pregnancies === undefined ? {} : { pregnancies: options.pregnancies }),
  })) {
    generated++;
    visits += patient.visits.length;
    for (const episode of patient.pregnancies ?? []) visits += episode.visits.length;
    const name = sealName(cipher, patient.name);
    batch.push([
      patient.id,
      name.nameEnc,
      patient.sex,
      patient.birthDate,
      cipher.encrypt(patient.idNumber, ID_NUMBER_CONTEXT),
      cipher.lookupHash(patient.idNumber, ID_LOOKUP_PURPOSE),
      cipher.encrypt(patient.phone, PHONE_CONTEXT),
      patient.institutionCode,
      paths.get(patient.institutionCode)!,
      now,
      SEED_CREATED_BY,
      name.nameLookup,
    ]);
    patients.push(patient);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  bar.finish(generated, total);
  return { generated, inserted, visits, storedVisits, refusedVisits, seconds };

  /** Enrollments and submissions (with their first revision) of a batch's new residents. */
  function visitRows(people: GeneratedPatient[], pathOf: (p: GeneratedPatient) => string) {
    const enrollments: unknown[][] = [];
    const submissions: unknown[][] = [];
    let refused = 0;
    for (const patient of people) {
      const orgPath = pathOf(patient);
      const enrolled = new Map<string, string>();
      for (const program of patient.programs) {
        const first = patient.visits.find((v) => v.program === program);
        const id = randomUUID();
        enrolled.set(program, id);
        const on = first ? String(first.data.visitDate) : now.toISOString().slice(0, 10);
        enrollments.push([
          id,
          patient.id,
          program,
          patient.institutionCode,
          orgPath,
          on,
          null,
          null,
          '{}',
        ]);
      }
      const records: {
        enrollmentId: string | null;
        formKey: string;
        data: Record<string, unknown>;
      }[] = patient.visits.map((v) => ({ ...v, enrollmentId: enrolled.get(v.program) ?? null }));
      for (const episode of patient.pregnancies ?? []) {
        const id = randomUUID();
        enrollments.push([
          id,
          patient.id,
          'pregnancy',
          patient.institutionCode,
          orgPath,
          episode.enrolledOn,
          episode.endedOn,
          episode.endedOn === null ? null : '产后42天结案',
          JSON.stringify(episode.details),
        ]);
        // The generator writes what any province may ask (a risk colour on every prenatal
        // visit); each release's form keeps the fields it has.
        for (const visit of episode.visits) {
          const fields = formFor(orgPath, visit.formKey).compiled.fields;
          const known = new Set(fields.map((f) => f.path));
          const data = Object.fromEntries(
            Object.entries(visit.data).filter(([key]) => known.has(`/${key}`)),
          );
          records.push({ ...visit, data, enrollmentId: id });
        }
      }
      for (const visit of records) {
        const form = formFor(orgPath, visit.formKey);
        const result = form.compiled.process(visit.data, rules);
        if (!result.valid) {
          refused++;
          continue;
        }
        submissions.push([
          randomUUID(),
          patient.id,
          visit.enrollmentId,
          form.definition.key,
          form.definition.version,
          form.release.id,
          patient.institutionCode,
          orgPath,
          // Stored like any submission: personal values sealed (follow-up forms have none today).
          JSON.stringify(personal.seal(form.compiled, result.data)),
          new Date(`${String(visit.data.visitDate)}T02:00:00Z`),
        ]);
      }
    }
    return { enrollments, submissions, stored: submissions.length, refused };
  }

  async function insertHistories(
    rows: ReturnType<typeof visitRows>,
    transaction: Parameters<Parameters<typeof database.transaction>[0]>[0],
  ) {
    const column = (table: unknown[][], i: number) => table.map((r) => r[i]);
    if (rows.enrollments.length) {
      const e = rows.enrollments;
      await database.sequelize.query(
        `INSERT INTO enrollments (id, subject_id, program, org_code, org_path, enrolled_on,
           ended_on, end_reason, details, created_at, created_by)
         SELECT id, subject_id, program, org_code, org_path, enrolled_on, ended_on, end_reason,
           details, $10, $11
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[],
           $7::date[], $8::text[], $9::jsonb[])
           AS t(id, subject_id, program, org_code, org_path, enrolled_on, ended_on, end_reason,
             details)`,
        {
          bind: [...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => column(e, i)), now, SEED_CREATED_BY],
          transaction,
        },
      );
    }
    if (rows.submissions.length) {
      const v = rows.submissions;
      await database.sequelize.query(
        `WITH sub AS (
           INSERT INTO submissions (id, subject_id, enrollment_id, form_key, form_version,
             release_id, org_code, org_path, payload, author_id, created_at, updated_by,
             updated_at)
           SELECT id, subject_id, enrollment_id, form_key, form_version, release_id, org_code,
             org_path, payload, $11, created_at, $11, created_at
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
             $7::text[], $8::text[], $9::jsonb[], $10::timestamptz[])
             AS t(id, subject_id, enrollment_id, form_key, form_version, release_id, org_code,
               org_path, payload, created_at)
           RETURNING id, payload, created_at)
         INSERT INTO submission_revisions (submission_id, revision, payload, author_id, created_at)
         SELECT id, 1, payload, $11, created_at FROM sub`,
        {
          bind: [...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => column(v, i)), SEED_CREATED_BY],
          transaction,
        },
      );
    }
  }
}
