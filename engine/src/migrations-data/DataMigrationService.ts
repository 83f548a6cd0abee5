import { applyMigration, type DecisionAnswer } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { Logger } from '../logging/createLogger.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { jurisdictionPath } from '../specs/specContent.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { SubmissionService } from '../submissions/SubmissionService.js';
import { dryRunPlan } from './dryRunPlan.js';
import {
  claimRun,
  getRun,
  listRuns,
  MigrationJob,
  type JobDeps,
  type RunProgress,
} from './MigrationJob.js';
import { MigrationPlanStore, type StoredPlan } from './MigrationPlanStore.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Pin {
  releaseId: string;
  formVersion: string;
}

/** A submission read in one version: as captured, or in the current version. */
export interface SubmissionVersionView {
  submissionId: string;
  formKey: string;
  releaseId: string;
  formVersion: string;
  revision: number;
  data: Record<string, unknown>;
  /** How the data got into this version; null when it was captured on it. */
  migrated: {
    planId: string;
    from: Pin;
    /** Paths whose values the migration set. */
    changed: string[];
    /** true when migrated for this read only (nothing stored yet). */
    onTheFly: boolean;
  } | null;
}

interface Row {
  id: string;
  subject_id: string;
  form_key: string;
  form_version: string;
  release_id: string;
  org_path: string;
  revision: number;
  payload: Record<string, unknown>;
  migrated_by_plan: string | null;
  migrated_from: (Pin & { revision: number }) | null;
  captured_on: Pin | null;
}

/**
 * Data migrations of stored submissions: plans (MigrationPlanStore), dry runs, runs executed in
 * the background of this engine process, and reading a submission in the version it was
 * captured on or in the current version of its jurisdiction.
 */
export class DataMigrationService {
  readonly plans: MigrationPlanStore;
  readonly #jobs = new Map<string, { job: MigrationJob; done: Promise<unknown> }>();
  readonly #deps: JobDeps;

  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      audit: AuditTrail;
      clock: Clock;
      logger: Logger;
      submissions: SubmissionService;
      personal: PersonalFormData;
    },
  ) {
    this.plans = new MigrationPlanStore(deps);
    this.#deps = { ...deps, plans: this.plans };
  }

  /** Whether the caller's scope covers the jurisdiction a release serves. */
  #covers(scope: Scope, releaseId: string): boolean {
    const release = this.deps.catalog.get(releaseId);
    return release !== undefined && scope.covers(jurisdictionPath(release.jurisdiction));
  }

  /**
   * The plan, if the caller's scope covers the jurisdiction of its source release (the records it
   * moves are that jurisdiction's: a province's staff migrate their province's records, national
   * staff the nation's); else an audited 404.
   */
  async planInScope(
    id: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<StoredPlan> {
    const plan = await this.plans.get(id);
    if (plan && this.#covers(scope, plan.from.releaseId)) return plan;
    await recordDenial(
      this.deps.audit,
      caller,
      request,
      { reason: 'not-found-or-out-of-scope' },
      { targetType: 'data-migration-plan', targetId: id },
    );
    throw new HttpError(404, 'not_found', '迁移计划不存在 / No such migration plan');
  }

  /** The plans the caller's scope covers, newest first. */
  async visiblePlans(scope: Scope): Promise<StoredPlan[]> {
    return (await this.plans.list()).filter((p) => this.#covers(scope, p.from.releaseId));
  }

  async create(
    input: { formKey: string; fromRelease: string; toRelease: string },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    // The records moved are the source release's jurisdiction's; the target must serve the same
    // jurisdiction or one above it (a province may move its records onto the national release).
    const from = this.deps.catalog.get(input.fromRelease);
    const to = this.deps.catalog.get(input.toRelease);
    const outside =
      from && to
        ? !this.#covers(scope, from.id) ||
          !jurisdictionPath(from.jurisdiction).startsWith(jurisdictionPath(to.jurisdiction))
        : false;
    if (outside) {
      await recordDenial(
        this.deps.audit,
        caller,
        request,
        { reason: 'out-of-scope', release: input.fromRelease },
        { targetType: 'release', targetId: input.fromRelease.slice(0, 64) },
      );
      throw new HttpError(
        403,
        'out_of_scope',
        `发布版本 ${input.fromRelease} 的记录不在您的管辖范围内，或目标版本不服务于同一辖区 / The records of release ${input.fromRelease} are outside your scope, or ${input.toRelease} does not serve the same jurisdiction or one above it`,
      );
    }
    return this.plans.create(input, caller.user.id);
  }

  async answer(
    id: string,
    answers: Record<string, DecisionAnswer>,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    await this.planInScope(id, caller, scope, request);
    return this.plans.answer(id, answers);
  }

  async dryRun(id: string, caller: Caller, scope: Scope, request: RequestContext) {
    const plan = await this.planInScope(id, caller, scope, request);
    return dryRunPlan(this.deps, plan);
  }

  /** Starts (or resumes) a run in the background of this process. */
  async start(
    id: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    batchSize?: number,
  ) {
    await this.planInScope(id, caller, scope, request);
    const { run, resumed } = await claimRun(this.#deps, id, {
      actorId: caller.user.id,
      ...(batchSize ? { batchSize } : {}),
    });
    await recordByCaller(this.deps.audit, caller, request, {
      action: 'data-migration.run',
      targetType: 'data-migration-plan',
      targetId: id,
      details: { runId: run.id, resumed },
    });
    if (!this.#jobs.has(run.id)) {
      const job = new MigrationJob(this.#deps, run.id);
      const done = job
        .run()
        .catch((err: unknown) =>
          this.deps.logger.error({ err, runId: run.id }, 'data migration run failed'),
        )
        .finally(() => this.#jobs.delete(run.id));
      this.#jobs.set(run.id, { job, done });
    }
    return run;
  }

  async run(
    planId: string,
    runId: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<RunProgress> {
    await this.planInScope(planId, caller, scope, request);
    const run = await getRun(this.deps.database, runId);
    if (!run || run.planId !== planId)
      throw new HttpError(404, 'not_found', '迁移执行记录不存在 / No such migration run');
    return run;
  }

  runs(planId: string) {
    return listRuns(this.deps.database, planId);
  }

  /** Stops background runs after their current batch (they stay resumable). */
  async stop(): Promise<void> {
    for (const { job } of this.#jobs.values()) job.stop();
    await Promise.all([...this.#jobs.values()].map((j) => j.done));
  }

  /** The payload as captured (revision 1) with the version it was captured on. */
  async captured(
    id: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<SubmissionVersionView> {
    const row = await this.row(id, scope);
    if (!row) return this.deps.submissions.denied(caller, request, 'submission', id);
    const [first] = await this.deps.database.sequelize.query<{
      payload: Record<string, unknown>;
      release_id: string | null;
      form_version: string | null;
    }>(
      `SELECT payload, release_id, form_version FROM submission_revisions
       WHERE submission_id = $1 ORDER BY revision LIMIT 1`,
      { bind: [id], type: QueryTypes.SELECT },
    );
    const pin = row.captured_on ?? { releaseId: row.release_id, formVersion: row.form_version };
    const releaseId = first?.release_id ?? pin.releaseId;
    await this.audited(caller, request, row, 'captured-version');
    return {
      submissionId: row.id,
      formKey: row.form_key,
      releaseId,
      formVersion: first?.form_version ?? pin.formVersion,
      revision: 1,
      data: this.deps.personal.view(
        this.deps.submissions.formOf({ release_id: releaseId, form_key: row.form_key })?.compiled,
        first?.payload ?? row.payload,
        false,
      ),
      migrated: null,
    };
  }

  /**
   * The submission in the current version of its jurisdiction's form: stored data when it is on
   * that version already (marked when a migration put it there), else migrated for this read
   * with a usable plan (marked, `onTheFly`); 409 when no plan leads there, 422 when the record
   * does not migrate (with the reasons).
   */
  async current(
    id: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<SubmissionVersionView> {
    const row = await this.row(id, scope);
    if (!row) return this.deps.submissions.denied(caller, request, 'submission', id);
    const release = this.deps.catalog.forOrgPath(row.org_path);
    const base = {
      submissionId: row.id,
      formKey: row.form_key,
      releaseId: release.id,
      revision: row.revision,
    };
    if (row.release_id === release.id) {
      let migrated: SubmissionVersionView['migrated'] = null;
      if (row.migrated_by_plan && row.migrated_from) {
        const [rev] = await this.deps.database.sequelize.query<{ changed: string[] }>(
          `SELECT changed FROM submission_revisions WHERE submission_id = $1
             AND migration_plan_id = $2 ORDER BY revision DESC LIMIT 1`,
          { bind: [row.id, row.migrated_by_plan], type: QueryTypes.SELECT },
        );
        migrated = {
          planId: row.migrated_by_plan,
          from: {
            releaseId: row.migrated_from.releaseId,
            formVersion: row.migrated_from.formVersion,
          },
          changed: rev?.changed ?? [],
          onTheFly: false,
        };
      }
      await this.audited(caller, request, row, 'current-version');
      const data = this.deps.personal.view(
        this.deps.catalog.form(release, row.form_key)?.compiled,
        row.payload,
        false,
      );
      return { ...base, formVersion: row.form_version, data, migrated };
    }
    const plan = await this.plans.usable(row.form_key, row.release_id, release.id);
    if (!plan)
      throw new HttpError(
        409,
        'no_migration_plan',
        `没有从 ${row.release_id} 到 ${release.id} 的可用迁移计划 / No ready migration plan from ${row.release_id} to ${release.id}`,
      );
    const form = this.deps.catalog.form(release, row.form_key);
    if (!form) throw new Error(`release ${release.id} has no form ${row.form_key}`);
    const opened = this.deps.personal.open(row.payload);
    const result = applyMigration(
      plan.plan,
      opened.data,
      form.compiled,
      ruleClock(this.deps.clock),
    );
    if (!result.ok)
      throw new HttpError(
        422,
        'migration_failed',
        '该记录无法迁移到当前版本 / The record does not migrate to the current version',
        { reasons: result.reasons, planId: plan.id },
      );
    await this.audited(caller, request, row, 'current-version');
    return {
      ...base,
      formVersion: form.definition.version,
      data: this.deps.personal.present(form.compiled, result.data, false),
      migrated: {
        planId: plan.id,
        from: { releaseId: row.release_id, formVersion: row.form_version },
        changed: result.changed,
        onTheFly: true,
      },
    };
  }

  private async row(id: string, scope: Scope): Promise<Row | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.deps.database.sequelize.query<Row>(
      `SELECT id, subject_id, form_key, form_version, release_id, org_path, revision, payload,
         migrated_by_plan, migrated_from, captured_on
       FROM submissions WHERE id = $1 AND org_path LIKE ANY($2::text[])`,
      { bind: [id, scope.likePatterns()], type: QueryTypes.SELECT },
    );
    return rows[0];
  }

  private audited(caller: Caller, request: RequestContext, row: Row, via: string) {
    return recordByCaller(this.deps.audit, caller, request, {
      action: 'subject.view',
      targetType: 'submission',
      targetId: row.id,
      subjectId: row.subject_id,
      details: { via },
    });
  }
}
