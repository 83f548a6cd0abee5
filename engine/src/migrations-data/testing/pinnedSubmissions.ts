import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Database } from '../../database/Database.js';
import { HT_VISIT } from '../../submissions/fixtures/hypertensionVisit.js';

/** A hypertension follow-up as stored on 3.0.0 (calculated fields included). */
export const STORED_HT_VISIT = {
  ...HT_VISIT,
  bmi: 24.2,
  bmiBand: '超重',
  urgentReferral: false,
  suggestedNextVisitDate: '2027-02-20',
};

/** The release the upgrade demonstration migrates from (seed/upgrade-demo/; import it first). */
export const DEMO_FROM = { releaseId: 'upgrade-demo@3.0.0', formVersion: '3.0.0' } as const;
/** The release it migrates to: 3.1.0 tightens the heart rate to 30–200. */
export const DEMO_TO = { releaseId: 'upgrade-demo@3.1.0', formVersion: '3.1.0' } as const;

/** Beijing, Dongcheng: served by the national release (no provincial overlay). */
export const NATIONAL_ORG = { code: '110101', path: '/100000/110000/110101/' };

/**
 * Inserts `count` hypertension follow-ups pinned to the upgrade demonstration's 3.0.0
 * (`upgrade-demo@3.0.0`, imported by importUpgradeDemo) with plain SQL (one resident, revision 1
 * of each), every `slowEvery`-th with heart rate 25 (below the demonstration 3.1.0's minimum of
 * 30), the others 60–99. Returns the resident's id.
 */
export async function insertPinnedSubmissions(
  database: Database,
  options: { count: number; slowEvery?: number; payload?: Record<string, unknown> },
): Promise<{ subjectId: string; authorId: string }> {
  const subjectId = randomUUID();
  const authorId = randomUUID();
  const { sequelize } = database;
  await sequelize.query(
    `INSERT INTO subjects (id, name_enc, sex, birth_date, id_number_enc, id_number_hash, org_code,
       org_path, created_at, created_by)
     VALUES ($1, 'x', '1', '1961-07-15', 'x', $2, $3, $4, now(), $5)`,
    { bind: [subjectId, `hash-${subjectId}`, NATIONAL_ORG.code, NATIONAL_ORG.path, authorId] },
  );
  const step = 100_000;
  for (let from = 1; from <= options.count; from += step) {
    const to = Math.min(options.count, from + step - 1);
    await sequelize.query(
      `WITH sub AS (
         INSERT INTO submissions (id, subject_id, form_key, form_version, release_id, org_code,
           org_path, payload, author_id, created_at, updated_by, updated_at)
         SELECT gen_random_uuid(), $1, 'hypertension-followup', $9, $10,
           $2, $3, jsonb_set($4::jsonb, '{heartRate}',
             to_jsonb(CASE WHEN g % $5 = 0 THEN 25 ELSE 60 + g % 40 END)),
           $6, now(), $6, now()
         FROM generate_series($7::int, $8::int) g
         RETURNING id, payload, author_id, created_at)
       INSERT INTO submission_revisions (submission_id, revision, payload, author_id, created_at)
       SELECT id, 1, payload, author_id, created_at FROM sub`,
      {
        bind: [
          subjectId,
          NATIONAL_ORG.code,
          NATIONAL_ORG.path,
          JSON.stringify(options.payload ?? STORED_HT_VISIT),
          options.slowEvery ?? 1_000_000_000,
          authorId,
          from,
          to,
          DEMO_FROM.formVersion,
          DEMO_FROM.releaseId,
        ],
      },
    );
  }
  return { subjectId, authorId };
}

/** Per submission of a plan: how many revisions it wrote (exactly-once means 1 each). */
export async function revisionsByPlan(database: Database, planId: string) {
  const [row] = await database.sequelize.query<{
    submissions: number;
    revisions: number;
    most: number | null;
    migrated: number;
  }>(
    `SELECT count(*)::int AS submissions, coalesce(sum(n), 0)::int AS revisions,
       max(n)::int AS most,
       (SELECT count(*)::int FROM submissions WHERE migrated_by_plan = $1) AS migrated
     FROM (SELECT submission_id, count(*) AS n FROM submission_revisions
           WHERE migration_plan_id = $1 GROUP BY submission_id) t`,
    { bind: [planId], type: QueryTypes.SELECT },
  );
  return row!;
}
