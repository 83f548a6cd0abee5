import { randomUUID } from 'node:crypto';
import {
  checkMigrationPlan,
  completePlan,
  diffForms,
  planMigration,
  type DecisionAnswer,
  type MigrationPlan,
  type PlanProblem,
} from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { ReleaseCatalog, ReleasedForm } from '../specs/ReleaseCatalog.js';

export type PlanStatus = 'draft' | 'ready' | 'running' | 'done' | 'failed';

/** A stored migration plan as the API returns it. */
export interface StoredPlan {
  id: string;
  formKey: string;
  from: { releaseId: string; formVersion: string };
  to: { releaseId: string; formVersion: string };
  status: PlanStatus;
  /** The plan with every accepted answer applied: its `decisions` are the ones still open. */
  plan: MigrationPlan;
  answers: Record<string, DecisionAnswer>;
  /** Why it cannot run yet ([] when ready). */
  problems: PlanProblem[];
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

interface PlanRow {
  id: string;
  form_key: string;
  from_release: string;
  from_version: string;
  to_release: string;
  to_version: string;
  draft: MigrationPlan;
  answers: Record<string, DecisionAnswer>;
  plan: MigrationPlan;
  status: PlanStatus;
  row_version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const planNotFound = () =>
  new HttpError(404, 'not_found', '迁移计划不存在 / No such migration plan');

function unprocessable(code: string, message: string, problems: PlanProblem[] = []) {
  return new HttpError(422, code, message, { problems });
}

/**
 * Migration plans of stored submissions between two releases' versions of one form: drafted
 * from the semantic diff (diffForms + planMigration), completed with the configurator's answers
 * (completePlan), `ready` once checkMigrationPlan finds nothing left.
 */
export class MigrationPlanStore {
  constructor(
    private readonly deps: { database: Database; catalog: ReleaseCatalog; clock: Clock },
  ) {}

  /** The form of a release, or a 422 naming what is missing. */
  releasedForm(releaseId: string, formKey: string): ReleasedForm {
    const release = this.deps.catalog.get(releaseId);
    if (!release)
      throw unprocessable('unknown_release', `没有发布版本 ${releaseId} / No release ${releaseId}`);
    const form = this.deps.catalog.form(release, formKey);
    if (!form)
      throw unprocessable(
        'unknown_form',
        `发布版本 ${releaseId} 中没有表单 ${formKey} / Release ${releaseId} has no form ${formKey}`,
      );
    return form;
  }

  async create(
    input: { formKey: string; fromRelease: string; toRelease: string },
    actorId: string | null,
  ): Promise<StoredPlan> {
    if (input.fromRelease === input.toRelease)
      throw unprocessable(
        'same_release',
        '源版本与目标版本相同 / The source and target releases are the same',
      );
    const before = this.releasedForm(input.fromRelease, input.formKey);
    const after = this.releasedForm(input.toRelease, input.formKey);
    const changes = diffForms(before.definition, after.definition, {
      codeTablesBefore: before.release.spec.codeTables,
      codeTablesAfter: after.release.spec.codeTables,
    });
    const draft = planMigration(changes, {
      before: before.definition,
      after: after.definition,
      codeTablesAfter: after.release.spec.codeTables,
    });
    const problems = checkMigrationPlan(draft);
    const now = this.deps.clock.now();
    const id = randomUUID();
    await this.deps.database.sequelize.query(
      `INSERT INTO data_migration_plans (id, form_key, from_release, from_version, to_release,
         to_version, draft, plan, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $7::jsonb, $8, $9, $10, $10)`,
      {
        bind: [
          id,
          input.formKey,
          input.fromRelease,
          before.definition.version,
          input.toRelease,
          after.definition.version,
          JSON.stringify(draft),
          problems.length ? 'draft' : 'ready',
          actorId,
          now,
        ],
      },
    );
    return (await this.get(id))!;
  }

  async get(id: string): Promise<StoredPlan | undefined> {
    const row = await this.row(id);
    return row && toView(row);
  }

  async require(id: string): Promise<StoredPlan> {
    const plan = await this.get(id);
    if (!plan) throw planNotFound();
    return plan;
  }

  async list(limit = 100): Promise<StoredPlan[]> {
    const rows = await this.deps.database.sequelize.query<PlanRow>(
      'SELECT * FROM data_migration_plans ORDER BY created_at DESC, id LIMIT $1',
      { bind: [limit], type: QueryTypes.SELECT },
    );
    return rows.map(toView);
  }

  /**
   * Replaces the answers (each answer applied to the draft drafted from the diff): refused
   * answers are a 422 with the problems and nothing is stored.
   */
  async answer(id: string, answers: Record<string, DecisionAnswer>): Promise<StoredPlan> {
    const row = await this.row(id);
    if (!row) throw planNotFound();
    if (row.status === 'running')
      throw new HttpError(409, 'plan_running', '迁移正在执行 / The migration is running');
    const { plan, problems } = completePlan(row.draft, answers);
    if (problems.length)
      throw unprocessable('answers_refused', '答复未被接受 / Answers refused', problems);
    const open = checkMigrationPlan(plan);
    const invalid = open.filter((p) => !['decision-open', 'step-incomplete'].includes(p.code));
    if (invalid.length)
      throw unprocessable('plan_invalid', '迁移计划无效 / The plan is not valid', invalid);
    await this.deps.database.sequelize.query(
      `UPDATE data_migration_plans SET answers = $2::jsonb, plan = $3::jsonb, status = $4,
         row_version = row_version + 1, updated_at = $5 WHERE id = $1`,
      {
        bind: [
          id,
          JSON.stringify(answers),
          JSON.stringify(plan),
          open.length ? 'draft' : 'ready',
          this.deps.clock.now(),
        ],
      },
    );
    return (await this.get(id))!;
  }

  async setStatus(id: string, status: PlanStatus): Promise<void> {
    await this.deps.database.sequelize.query(
      'UPDATE data_migration_plans SET status = $2, updated_at = $3 WHERE id = $1',
      { bind: [id, status, this.deps.clock.now()] },
    );
  }

  /** The newest plan that can move records of `formKey` from one release to another. */
  async usable(formKey: string, fromRelease: string, toRelease: string) {
    const rows = await this.deps.database.sequelize.query<PlanRow>(
      `SELECT * FROM data_migration_plans WHERE form_key = $1 AND from_release = $2
         AND to_release = $3 AND status IN ('ready', 'running', 'done')
       ORDER BY created_at DESC LIMIT 1`,
      { bind: [formKey, fromRelease, toRelease], type: QueryTypes.SELECT },
    );
    return rows[0] && toView(rows[0]);
  }

  private async row(id: string): Promise<PlanRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.deps.database.sequelize.query<PlanRow>(
      'SELECT * FROM data_migration_plans WHERE id = $1',
      { bind: [id], type: QueryTypes.SELECT },
    );
    return rows[0];
  }
}

function toView(row: PlanRow): StoredPlan {
  return {
    id: row.id,
    formKey: row.form_key,
    from: { releaseId: row.from_release, formVersion: row.from_version },
    to: { releaseId: row.to_release, formVersion: row.to_version },
    status: row.status,
    plan: row.plan,
    answers: row.answers,
    problems: checkMigrationPlan(row.plan),
    rowVersion: row.row_version,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Whether a plan may execute: nothing is left to decide. */
export function requireReady(plan: StoredPlan): void {
  if (plan.problems.length)
    throw unprocessable(
      'plan_not_ready',
      '迁移计划尚有待决定事项 / The plan still has open decisions',
      plan.problems,
    );
}
