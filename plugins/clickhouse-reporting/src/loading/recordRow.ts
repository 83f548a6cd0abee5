import type { FormFieldFacts, OutboxEvent } from '@formwork/engine/plugin-api';

/** A row of the `records` table (schema.ts), as JSONEachRow inserts it. */
export interface RecordRow {
  submission_id: string;
  revision: number;
  form_key: string;
  form_version: string;
  release_id: string;
  subject_id: string;
  enrollment_id: string;
  org_code: string;
  org_path: string[];
  recorded_at: string;
  fields: Record<string, string>;
  elements: Record<string, string>;
}

/** What a `submission.*` outbox event carries (SubmissionWriter, MigrationJob). */
export interface SubmissionPayload {
  submissionId: string;
  subjectId: string;
  enrollmentId: string | null;
  formKey: string;
  formVersion: string;
  releaseId: string;
  orgCode: string;
  revision?: number;
  at: string;
  data: Record<string, unknown>;
}

/** A personal value as the engine stores it: `{ "$sealed": …, "kind": … }`. */
const isSealed = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && '$sealed' in value;

/** The top-level field name a JSON pointer `/name` points at (undefined when nested). */
const topLevel = (pointer: string) =>
  /^\/[^/]+$/.test(pointer) ? pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;

/**
 * One submission revision as a `records` row: every top-level value as JSON text under its field
 * name (`fields`) and, for fields with an `x-de` data element, under that element (`elements`),
 * so one indicator reads every form version and overlay. Personal values (sealed, or at a field
 * the form marks `x-sensitive`) are left out of both. `fields` undefined (the form is unknown to
 * the release): no elements.
 */
export function recordRow(
  event: OutboxEvent,
  fields: readonly FormFieldFacts[] | undefined,
  orgPath: readonly string[],
): RecordRow {
  const p = event.payload as unknown as SubmissionPayload;
  const personal = new Set<string>();
  const elementOf = new Map<string, string>();
  for (const field of fields ?? []) {
    const name = topLevel(field.path);
    if (name === undefined) continue;
    if (field.personal) personal.add(name);
    else if (field.dataElement) elementOf.set(name, field.dataElement);
  }
  const values: Record<string, string> = {};
  const elements: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.data ?? {})) {
    if (value === undefined || personal.has(name) || isSealed(value)) continue;
    const text = JSON.stringify(value);
    values[name] = text;
    const element = elementOf.get(name);
    if (element) elements[element] = text;
  }
  return {
    submission_id: p.submissionId,
    revision: p.revision ?? event.aggregateVersion,
    form_key: p.formKey,
    form_version: p.formVersion,
    release_id: p.releaseId,
    subject_id: p.subjectId,
    enrollment_id: p.enrollmentId ?? '',
    org_code: p.orgCode,
    org_path: [...orgPath],
    recorded_at: p.at,
    fields: values,
    elements,
  };
}
