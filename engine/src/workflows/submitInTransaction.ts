import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { invalid, unknownForm } from '../submissions/SubmissionService.js';

/** A bound form's data, processed and validated against its pinned form version. */
export interface PreparedSubmission {
  form: NonNullable<ReturnType<ReleaseCatalog['form']>>;
  data: Record<string, unknown>;
}

/**
 * Processes a task's bound form exactly as SubmissionService.create does (calculated fields
 * recomputed, hidden values dropped, validated) on the form version of the release the workflow
 * instance is pinned to. Call it BEFORE opening the task's transaction: bad input is a 422
 * thrown with no transaction open.
 */
export function prepareSubmission(
  deps: { catalog: ReleaseCatalog; clock: Clock },
  input: { release: Release; formKey: string; data: unknown },
): PreparedSubmission {
  const form = deps.catalog.form(input.release, input.formKey);
  if (!form) throw unknownForm(input.formKey, input.release);
  const result = form.compiled.process(input.data, ruleClock(deps.clock));
  if (!result.valid) throw invalid(result.errors);
  return { form, data: result.data as Record<string, unknown> };
}

/**
 * Stores a prepared submission inside the caller's transaction (the task completion's), with
 * the same rows as SubmissionService.create: submission, first revision, outbox event.
 */
export async function submitInTransaction(
  deps: { database: Database; clock: Clock },
  input: { prepared: PreparedSubmission; subjectId: string; userId: string },
  transaction: Transaction,
): Promise<{ id: string; data: Record<string, unknown> }> {
  const { form } = input.prepared;
  const result = { data: input.prepared.data };
  const [subject] = await deps.database.sequelize.query<{
    org_code: string;
    org_path: string;
    enrollment_id: string | null;
  }>(
    `SELECT s.org_code, s.org_path,
       (SELECT e.id FROM enrollments e WHERE e.subject_id = s.id AND e.program = $2
          AND e.ended_on IS NULL LIMIT 1) AS enrollment_id
     FROM subjects s WHERE s.id = $1`,
    {
      bind: [input.subjectId, form.release.programs[form.definition.key] ?? ''],
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  if (!subject) throw new Error(`workflow subject ${input.subjectId} does not exist`);
  const id = randomUUID();
  const now = deps.clock.now();
  const payload = JSON.stringify(result.data);
  const event = JSON.stringify({
    submissionId: id,
    subjectId: input.subjectId,
    enrollmentId: subject.enrollment_id,
    formKey: form.definition.key,
    formVersion: form.definition.version,
    releaseId: form.release.id,
    orgCode: subject.org_code,
    revision: 1,
    authorId: input.userId,
    at: now.toISOString(),
    data: result.data,
  });
  await deps.database.sequelize.query(
    `WITH sub AS (
       INSERT INTO submissions (id, subject_id, enrollment_id, form_key, form_version, release_id,
         org_code, org_path, payload, author_id, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $10, $11) RETURNING id),
     rev AS (
       INSERT INTO submission_revisions (submission_id, revision, payload, author_id, created_at)
       SELECT id, 1, $9::jsonb, $10, $11 FROM sub)
     INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
     SELECT 'submission.created', id, 1, $12::jsonb FROM sub`,
    {
      bind: [
        id,
        input.subjectId,
        subject.enrollment_id,
        form.definition.key,
        form.definition.version,
        form.release.id,
        subject.org_code,
        subject.org_path,
        payload,
        input.userId,
        now,
        event,
      ],
      transaction,
    },
  );
  return { id, data: result.data };
}
