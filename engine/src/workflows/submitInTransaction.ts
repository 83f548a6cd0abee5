import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { RecordActor } from '../audit/recordAudit.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { invalid, unknownForm } from '../submissions/SubmissionService.js';
import type { SubmissionWriter } from '../submissions/SubmissionWriter.js';

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
 * Stores a prepared submission inside the caller's transaction (the task completion's), through
 * the one SubmissionWriter: submission, first revision, outbox event, audit event (with the
 * actor and request of the completion), personal values sealed. The county's audit chain head
 * stays locked until that transaction ends.
 */
export async function submitInTransaction(
  deps: { database: Database; clock: Clock; submissions: SubmissionWriter },
  input: { prepared: PreparedSubmission; subjectId: string; actor: RecordActor },
  transaction: Transaction,
): Promise<{ id: string; data: Record<string, unknown> }> {
  const { form, data } = input.prepared;
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
  await deps.submissions.insert(
    {
      id,
      form,
      subjectId: input.subjectId,
      enrollmentId: subject.enrollment_id,
      orgCode: subject.org_code,
      orgPath: subject.org_path,
      data,
      actor: input.actor,
      at: deps.clock.now(),
    },
    { transaction },
  );
  return { id, data };
}
