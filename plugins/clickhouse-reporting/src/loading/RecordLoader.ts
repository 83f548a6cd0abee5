import type {
  FormFieldFacts,
  OutboxEvent,
  ReadModel,
  ReadModelEnrollment,
  ReadModelSubject,
} from '@formwork/engine/plugin-api';
import type { ReportingStore } from '../store/ReportingStore.js';
import { recordRow, type RecordRow, type SubmissionPayload } from './recordRow.js';

/** Submission events: each revision becomes a `records` row. */
export const RECORD_TOPICS = ['submission.created', 'submission.amended', 'submission.migrated'];
/** Enrollment events: the enrollment's dimension row is loaded again. */
export const DIMENSION_TOPICS = ['enrollment.created', 'enrollment.ended', 'enrollment.reassigned'];

/** What one batch loaded. */
export interface LoadOutcome {
  records: number;
  enrollments: number;
  subjects: number;
}

/** How many ids one read-model read asks for. */
const IDS_PER_READ = 1_000;

/**
 * Loads a batch of outbox events into the reporting tables: each submission revision as a
 * `records` row (recordRow.ts), and the enrollments and residents the batch touches as
 * `enrollments` / `subjects` dimension rows read fresh from the engine's read model (with the org
 * path as the newest org tree has it). At least once and idempotent: every table is a
 * ReplacingMergeTree keyed by its id with the revision or row version as its version, so a batch
 * loaded twice, or an older revision loaded after a newer one, is one row under `FINAL`.
 *
 * Throws when the store is unavailable or an insert fails: the outbox consumer then keeps its
 * cursor and hands the batch again after a backoff.
 */
export class RecordLoader {
  constructor(private readonly deps: { store: ReportingStore; readModel: ReadModel }) {}

  async load(events: readonly OutboxEvent[]): Promise<LoadOutcome> {
    const client = this.deps.store.client; // throws while unavailable
    const submissions = events.filter((e) => RECORD_TOPICS.includes(e.topic));
    const enrollmentIds = new Set<string>();
    const subjectIds = new Set<string>();
    for (const event of events) {
      if (DIMENSION_TOPICS.includes(event.topic)) enrollmentIds.add(event.aggregateId);
      const p = event.payload as Partial<SubmissionPayload>;
      if (typeof p.subjectId === 'string') subjectIds.add(p.subjectId);
      if (typeof p.enrollmentId === 'string') enrollmentIds.add(p.enrollmentId);
    }
    const rows = await this.#records(submissions);
    const enrollments = await this.#read(enrollmentIds, (ids) =>
      this.deps.readModel.enrollments({ ids }),
    );
    for (const e of enrollments) subjectIds.add(e.subjectId);
    const subjects = await this.#read(subjectIds, (ids) => this.deps.readModel.subjects({ ids }));
    // Dimensions first: a record never points at a resident the tables do not have yet.
    await this.#insertDimensions(subjects, enrollments);
    if (rows.length) await client.insert({ table: 'records', values: rows, format: 'JSONEachRow' });
    return { records: rows.length, enrollments: enrollments.length, subjects: subjects.length };
  }

  /**
   * Enrollments the caller has read (a backfill's page, those with no submission included: the
   * denominators count enrolled residents without a visit) and the residents they belong to.
   */
  async loadEnrollments(enrollments: readonly ReadModelEnrollment[]): Promise<LoadOutcome> {
    void this.deps.store.client; // throws while unavailable
    const subjects = await this.#read(new Set(enrollments.map((e) => e.subjectId)), (ids) =>
      this.deps.readModel.subjects({ ids }),
    );
    await this.#insertDimensions(subjects, enrollments);
    return { records: 0, enrollments: enrollments.length, subjects: subjects.length };
  }

  async #insertDimensions(
    subjects: readonly ReadModelSubject[],
    enrollments: readonly ReadModelEnrollment[],
  ): Promise<void> {
    const { client } = this.deps.store;
    if (subjects.length)
      await client.insert({
        table: 'subjects',
        values: subjects.map(subjectRow),
        format: 'JSONEachRow',
      });
    if (enrollments.length)
      await client.insert({
        table: 'enrollments',
        values: enrollments.map(enrollmentRow),
        format: 'JSONEachRow',
      });
  }

  async #records(events: readonly OutboxEvent[]): Promise<RecordRow[]> {
    const { readModel } = this.deps;
    const codes = new Set(events.map((e) => (e.payload as Partial<SubmissionPayload>).orgCode));
    codes.delete(undefined);
    const paths = await readModel.orgPaths([...codes] as string[]);
    const forms = new Map<string, FormFieldFacts[] | undefined>();
    return events.map((event) => {
      const p = event.payload as unknown as SubmissionPayload;
      const key = `${p.releaseId}\u0000${p.formKey}`;
      if (!forms.has(key)) forms.set(key, fieldsOf(readModel, p.releaseId, p.formKey));
      return recordRow(event, forms.get(key), paths[p.orgCode] ?? [p.orgCode]);
    });
  }

  async #read<T>(ids: Set<string>, read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const all = [...ids];
    const out: T[] = [];
    for (let i = 0; i < all.length; i += IDS_PER_READ)
      out.push(...(await read(all.slice(i, i + IDS_PER_READ))));
    return out;
  }
}

/** A form's fields, or undefined when the release lacks it or it does not compile. */
function fieldsOf(readModel: ReadModel, releaseId: string, formKey: string) {
  try {
    return readModel.formFields(releaseId, formKey);
  } catch {
    return undefined;
  }
}

const subjectRow = (s: ReadModelSubject) => ({
  subject_id: s.id,
  birth_date: s.birthDate,
  sex: s.sex,
  org_code: s.orgCode,
  org_path: s.orgPath,
  version: s.version,
});

const enrollmentRow = (e: ReadModelEnrollment) => ({
  enrollment_id: e.id,
  subject_id: e.subjectId,
  program: e.program,
  enrolled_on: e.enrolledOn,
  ended_on: e.endedOn,
  org_code: e.orgCode,
  org_path: e.orgPath,
  team: '',
  doctor: e.responsibleUserId ?? '',
  version: e.version,
});
