import type { CompiledForm } from '../forms/CompiledForm.js';
import { systemClock, type RuleClock } from '../rules/evaluateRule.js';
import type { MigrationPlan } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { migrateRecord, planRefusal } from './applyMigration.js';
import { fieldPathOf } from './dataSlots.js';

/** One reason records failed, counted. */
export interface DryRunReason {
  code: string;
  /** The field path (array indexes written '-'). */
  path: string;
  /** Records failing for this reason (a record counts once per reason). */
  count: number;
  /** A concrete example: the first record's path and message. */
  example: { path: string; message: LocalizedMessage };
}

export interface DryRunReport {
  total: number;
  clean: number;
  failed: number;
  /** Most frequent first, then by code and path. */
  reasons: DryRunReason[];
}

/**
 * Runs a plan over stored payloads without keeping anything: how many migrate cleanly (and pass
 * the target form when given), how many fail and why, grouped by failure code and field path.
 */
export function dryRun(
  plan: MigrationPlan,
  payloads: Iterable<unknown>,
  compiledTarget?: CompiledForm,
  clock: RuleClock = systemClock,
): DryRunReport {
  const refused = planRefusal(plan);
  const report: DryRunReport = { total: 0, clean: 0, failed: 0, reasons: [] };
  const groups = new Map<string, DryRunReason>();
  for (const payload of payloads) {
    report.total += 1;
    const result = refused ?? migrateRecord(plan, payload, compiledTarget, clock);
    if (result.ok) {
      report.clean += 1;
      continue;
    }
    report.failed += 1;
    const seen = new Set<string>();
    for (const reason of result.reasons) {
      const path = reason.code === 'plan-invalid' ? reason.path : fieldPathOf(reason.path);
      const key = `${reason.code}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const group = groups.get(key);
      if (group) group.count += 1;
      else
        groups.set(key, {
          code: reason.code,
          path,
          count: 1,
          example: { path: reason.path, message: reason.message },
        });
    }
  }
  report.reasons = [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return report;
}
