import type { FormChange } from './FormChange.js';
import { fieldUsages, type FieldUsages, type UsageSpec } from './fieldUsages.js';

/** Counts of the stored submissions of the old version, supplied by the engine. */
export interface SubmissionCounts {
  total: number;
  /** By field path (as in FormChange.path): submissions holding a value there. */
  withValue?: Readonly<Record<string, number>>;
}

export interface ImpactedChange extends FormChange {
  usages: FieldUsages;
  /** Stored submissions the change touches (when counts were given). */
  submissions?: number;
}

/**
 * Annotates each change of form `formKey` with what uses its field (for a renamed field, the
 * uses of its old path in `spec`, the spec the data comes from) and, given counts, how many
 * stored submissions it touches: those lacking a value for a new or newly required field, every
 * one for a form-level rule, else those holding a value at the path.
 */
export function annotateImpact(
  changes: readonly FormChange[],
  spec: UsageSpec,
  formKey: string,
  counts?: SubmissionCounts,
): ImpactedChange[] {
  return changes.map((change) => {
    const rule = change.path.startsWith('/rules/');
    const path = change.kind === 'field-renamed' && change.from ? change.from : change.path;
    const usages: FieldUsages = rule
      ? {
          rules: [change.path.slice('/rules/'.length)],
          schedules: [],
          indicators: [],
          workflows: [],
          triggers: [],
        }
      : fieldUsages(spec, formKey, path);
    const impacted: ImpactedChange = { ...change, usages };
    if (counts) impacted.submissions = touched(change, path, counts);
    return impacted;
  });
}

function touched(change: FormChange, path: string, counts: SubmissionCounts): number {
  if (change.path === '' || change.path.startsWith('/rules/')) return counts.total;
  const withValue = counts.withValue?.[path] ?? 0;
  if (change.kind === 'field-added' || change.kind === 'required-added')
    return Math.max(0, counts.total - withValue);
  return withValue;
}
