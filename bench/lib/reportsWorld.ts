/**
 * The reports bench's world: both demo provinces with enough townships and villages for millions
 * of follow-up visits, and residents from the seed generator (two years of hypertension and
 * diabetes follow-ups, some pregnancies) turned into the outbox events the engine writes
 * (`submission.created` / `.amended`) with the read-model facts the loader asks about — streamed
 * in chunks, the same chunks every time for the same seed, so ClickHouse and PostgreSQL get the
 * same data without holding it all.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  FormFieldFacts,
  OutboxEvent,
  ReadModel,
  ReadModelEnrollment,
  ReadModelSubject,
} from '../../engine/src/plugin-host/pluginApi.js';
import {
  generatePatients,
  Prng,
  type GeneratedPatient,
  type SeedVillage,
} from '../../engine/src/seeding/patients/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const RELEASE = 'national-phs@3.0.1';
const TODAY = '2026-12-31';
const DAY = 86_400_000;

interface DemoUnit {
  code: string;
  level: string;
  kind: string;
  parentCode?: string;
}

/** A bench village clinic with its org path (national first, as the read model gives paths). */
export interface BenchClinic extends SeedVillage {
  path: string[];
}

export interface BenchTree {
  clinics: BenchClinic[];
  provinces: string[];
  counties: string[];
  townships: string[];
}

/**
 * The demo's provinces, cities and counties (seed/demo/org-units.json) plus one bench county
 * under Lincang (530999, not a real code) so both provinces hold two counties; each county gets
 * `townships` townships of `villages` villages, every village a clinic (`-V01`).
 */
export function benchTree(townships = 10, villages = 10): BenchTree {
  const units = (
    JSON.parse(fs.readFileSync(path.join(root, 'seed/demo/org-units.json'), 'utf8')) as {
      units: DemoUnit[];
    }
  ).units.filter((u) => u.kind === 'division');
  const byCode = new Map(units.map((u) => [u.code, u]));
  const counties = units.filter((u) => u.level === 'county');
  counties.push({ code: '530999', level: 'county', kind: 'division', parentCode: '530900' });
  const clinics: BenchClinic[] = [];
  const townshipCodes: string[] = [];
  for (const county of counties) {
    const city = byCode.get(county.parentCode!)!;
    const province = city.parentCode!;
    for (let t = 0; t < townships; t++) {
      const township = `${county.code}${101 + t}`;
      townshipCodes.push(township);
      for (let v = 0; v < villages; v++) {
        const village = `${township}${201 + v}`;
        const clinic = `${village}-V01`;
        clinics.push({
          code: village,
          countyCode: county.code,
          institutionCode: clinic,
          path: ['100000', province, city.code, county.code, township, village, clinic],
        });
      }
    }
  }
  return {
    clinics,
    provinces: [...new Set(clinics.map((c) => c.path[1]!))],
    counties: counties.map((c) => c.code),
    townships: townshipCodes,
  };
}

/** What one chunk of residents becomes. */
export interface BenchChunk {
  /** Outbox events in commit order: every revision, some delivered twice. */
  events: OutboxEvent[];
  subjects: ReadModelSubject[];
  enrollments: ReadModelEnrollment[];
  /** Each submission's latest revision, as the engine's `submissions` table holds it. */
  submissions: {
    id: string;
    subjectId: string;
    enrollmentId: string;
    formKey: string;
    orgCode: string;
    orgPath: string;
    payload: Record<string, unknown>;
    createdAt: string;
  }[];
  /** Follow-up visits (chronic and maternal records, each once). */
  visits: number;
}

/** The fields the loader is told about: the data elements of the seed forms' measured values. */
const FORM_FIELDS: Record<string, FormFieldFacts[]> = {
  'hypertension-followup': [
    { path: '/visitDate', personal: false },
    { path: '/sbp', dataElement: 'DE04.10.174.00', personal: false },
    { path: '/dbp', dataElement: 'DE04.10.176.00', personal: false },
  ],
  'diabetes-followup': [
    { path: '/visitDate', personal: false },
    { path: '/fastingGlucose', dataElement: 'DE04.50.102.00', personal: false },
  ],
};

/**
 * Residents in chunks of `chunk`, until `visits` follow-up visits: the seed generator's two years
 * of follow-ups up to 2026-12-31 (`pregnancies` of the residents are mothers instead). 2% of the
 * visits are amended (a second revision with another SBP or glucose), 1% of the events are
 * delivered a second time, as an at-least-once outbox does.
 */
export function* benchResidents(options: {
  tree: BenchTree;
  visits: number;
  chunk: number;
  seed?: number;
  pregnancies?: number;
}): Generator<BenchChunk> {
  const seed = options.seed ?? 20261208;
  const villages = options.tree.clinics;
  const pathOf = new Map(villages.map((c) => [c.code, c.path]));
  // Every chronic resident has about 8.4 visits in two years; mothers about 7 records.
  const residents = generatePatients({
    seed,
    count: Number.MAX_SAFE_INTEGER,
    villages,
    today: TODAY,
    months: 24,
    pregnancies: options.pregnancies ?? 0.04,
  });
  const prng = new Prng(seed ^ 0x5bd1e995);
  let serial = 0;
  let position = 0;
  let made = 0;
  const id = () => {
    serial++;
    return `00000000-0000-4000-8000-${serial.toString(16).padStart(12, '0')}`;
  };
  while (made < options.visits) {
    const chunk: BenchChunk = {
      events: [],
      subjects: [],
      enrollments: [],
      submissions: [],
      visits: 0,
    };
    let held: OutboxEvent | undefined;
    const emit = (event: Omit<OutboxEvent, 'position' | 'createdAt'>) => {
      position++;
      const full: OutboxEvent = {
        ...event,
        position: { txId: String(position), id: String(position) },
        createdAt: new Date(Date.UTC(2026, 11, 31) + position).toISOString(),
      };
      chunk.events.push(full);
      if (held) chunk.events.push(held);
      held = prng.chance(0.01) ? full : undefined;
    };
    while (chunk.visits < options.chunk && made < options.visits) {
      const person: GeneratedPatient = residents.next().value!;
      const clinic = person.institutionCode;
      const orgPath = pathOf.get(person.villageCode)!;
      chunk.subjects.push({
        id: person.id,
        birthDate: person.birthDate,
        sex: person.sex === 'male' ? '1' : '2',
        orgCode: clinic,
        orgPath,
        version: 1,
      });
      const enrollmentOf = new Map<string, string>();
      const enroll = (program: string, enrolledOn: string, endedOn: string | null) => {
        const enrollment: ReadModelEnrollment = {
          id: id(),
          subjectId: person.id,
          program,
          enrolledOn,
          endedOn,
          orgCode: clinic,
          orgPath,
          responsibleUserId: null,
          version: 1,
        };
        chunk.enrollments.push(enrollment);
        return enrollment.id;
      };
      for (const program of person.programs) {
        const first = person.visits.find((v) => v.program === program);
        const on = first ? String(first.data.visitDate) : TODAY;
        // Some were enrolled years before the first visit here.
        const enrolledOn = prng.chance(0.5)
          ? new Date(Date.parse(`${on}T00:00:00Z`) - prng.int(30, 1500) * DAY)
              .toISOString()
              .slice(0, 10)
          : on;
        enrollmentOf.set(program, enroll(program, enrolledOn, null));
      }
      const records = person.visits.map((v) => ({
        formKey: v.formKey,
        data: v.data,
        enrollmentId: enrollmentOf.get(v.program)!,
      }));
      for (const episode of person.pregnancies ?? []) {
        const enrollmentId = enroll('pregnancy', episode.enrolledOn, episode.endedOn);
        for (const v of episode.visits) records.push({ ...v, enrollmentId });
      }
      for (const record of records) {
        const submissionId = id();
        const at = `${String(record.data.visitDate)}T02:00:00.000Z`;
        const payload = (revision: number, data: Record<string, unknown>) => ({
          submissionId,
          subjectId: person.id,
          enrollmentId: record.enrollmentId,
          formKey: record.formKey,
          formVersion: '3.0.1',
          releaseId: RELEASE,
          orgCode: clinic,
          revision,
          at,
          data,
        });
        emit({
          topic: 'submission.created',
          aggregateId: submissionId,
          aggregateVersion: 1,
          payload: payload(1, record.data),
        });
        let latest = record.data;
        if (prng.chance(0.02)) {
          latest = { ...record.data };
          if (typeof latest.sbp === 'number') latest.sbp = prng.int(110, 170);
          if (typeof latest.fastingGlucose === 'number')
            latest.fastingGlucose = Math.round((5 + prng.next() * 5) * 10) / 10;
          emit({
            topic: 'submission.amended',
            aggregateId: submissionId,
            aggregateVersion: 2,
            payload: payload(2, latest),
          });
        }
        chunk.submissions.push({
          id: submissionId,
          subjectId: person.id,
          enrollmentId: record.enrollmentId,
          formKey: record.formKey,
          orgCode: clinic,
          orgPath: `/${orgPath.join('/')}/`,
          payload: latest,
          createdAt: at,
        });
        chunk.visits++;
        made++;
      }
    }
    yield chunk;
  }
}

/** The read model the loader asks about one chunk (what api.readModel answers in the engine). */
export function chunkReadModel(tree: BenchTree, chunk: BenchChunk): ReadModel {
  const enrollments = new Map(chunk.enrollments.map((e) => [e.id, e]));
  const subjects = new Map(chunk.subjects.map((s) => [s.id, s]));
  const paths = new Map(tree.clinics.map((c) => [c.institutionCode, c.path]));
  const byIds = <T>(rows: Map<string, T>, query: { ids?: readonly string[] }) =>
    (query.ids ?? []).flatMap((id) => (rows.has(id) ? [rows.get(id)!] : []));
  const model: Partial<ReadModel> = {
    enrollments: async (query) => byIds(enrollments, query as { ids: string[] }),
    subjects: async (query) => byIds(subjects, query as { ids: string[] }),
    orgPaths: async (codes) =>
      Object.fromEntries(codes.flatMap((c) => (paths.has(c) ? [[c, paths.get(c)!]] : []))),
    formFields: (_release, formKey) => FORM_FIELDS[formKey] ?? [],
  };
  return model as ReadModel;
}
