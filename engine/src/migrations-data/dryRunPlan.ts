import { dryRun, type DryRunReason, type DryRunReport } from '@formwork/definitions';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { StoredPlan } from './MigrationPlanStore.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { openPayload, readBatch } from './MigrationJob.js';

/**
 * Runs a plan over every submission pinned to its source release and form, without writing:
 * the same code and target form the execution uses, so the counts are the ones it will report
 * (unless records change in between). Read in keyset batches of `batchSize`.
 */
export async function dryRunPlan(
  deps: { database: Database; catalog: ReleaseCatalog; clock: Clock; personal: PersonalFormData },
  plan: StoredPlan,
  batchSize = 5000,
): Promise<DryRunReport> {
  const target = targetForm(deps.catalog, plan).compiled;
  const clock = ruleClock(deps.clock);
  const total: DryRunReport = { total: 0, clean: 0, failed: 0, reasons: [] };
  const groups = new Map<string, DryRunReason>();
  let cursor: string | null = null;
  for (;;) {
    const rows = await readBatch(deps.database, plan, cursor, null, batchSize);
    if (!rows.length) break;
    cursor = rows[rows.length - 1]!.id;
    const report = dryRun(
      plan.plan,
      rows.map((r) => JSON.parse(openPayload(deps.personal, r.payload)) as unknown),
      target,
      clock,
    );
    total.total += report.total;
    total.clean += report.clean;
    total.failed += report.failed;
    for (const reason of report.reasons) {
      const key = `${reason.code}\u0000${reason.path}`;
      const group = groups.get(key);
      if (group) group.count += reason.count;
      else groups.set(key, { ...reason });
    }
  }
  total.reasons = [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return total;
}

/** The compiled target form of a plan, and what a worker thread needs to compile it again. */
export function targetForm(catalog: ReleaseCatalog, plan: StoredPlan) {
  const release = catalog.get(plan.to.releaseId);
  const form = release && catalog.form(release, plan.formKey);
  if (!form) throw new Error(`release ${plan.to.releaseId} has no form ${plan.formKey}`);
  return {
    compiled: form.compiled,
    workerData: {
      plan: plan.plan,
      definition: form.definition,
      codeTables: release.spec.codeTables,
    },
  };
}
