import {
  applyMigration,
  type CompiledForm,
  type MigrationPlan,
  type RuleClock,
} from '@formwork/definitions';

/** A batch read for migration: ids, row versions and payloads as stored JSON text. */
export interface BatchInput {
  ids: string[];
  rowVersions: number[];
  payloads: string[];
}

/** The migrated batch, ready to bind: JSON arrays of `[id, rowVersion, data, changed]` and `[id, reasons]`. */
export interface BatchOutput {
  clean: string;
  failed: string;
  cleanCount: number;
  failedCount: number;
}

/**
 * Applies a plan to a batch (applyMigration with the target compiled form, exactly what the dry
 * run does) and serialises the outcome for the set-based write. Pure: runs in the job's thread
 * or in a worker thread.
 */
export function migrateBatch(
  plan: MigrationPlan,
  target: CompiledForm,
  clock: RuleClock,
  input: BatchInput,
): BatchOutput {
  const clean: unknown[] = [];
  const failed: unknown[] = [];
  for (let i = 0; i < input.ids.length; i++) {
    const result = applyMigration(plan, JSON.parse(input.payloads[i]!), target, clock);
    if (result.ok) clean.push([input.ids[i], input.rowVersions[i], result.data, result.changed]);
    else failed.push([input.ids[i], result.reasons]);
  }
  return {
    clean: JSON.stringify(clean),
    failed: JSON.stringify(failed),
    cleanCount: clean.length,
    failedCount: failed.length,
  };
}
