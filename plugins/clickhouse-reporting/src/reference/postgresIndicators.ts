/**
 * The seven national indicators written by hand in PostgreSQL over the engine's own tables
 * (`submissions` with their latest payload, `enrollments`, `subjects`): an independent
 * computation to hold the ClickHouse SQL against (acceptance 1 of issue 19) and the PostgreSQL
 * side of the benchmark. Each query is written from the indicator's printed definition and the
 * national rules on missing data, not generated from the indicator JSON:
 *
 * - chronic rates count residents with an enrollment of the programme active on some day of the
 *   period, placed under their newest such enrollment; their visits are all their follow-ups of
 *   the programme's form dated in the period (no visit: not managed to the spec, not controlled);
 * - maternal rates count pregnancy enrollments whose delivery (the earliest postpartum visit or
 *   42-day check) falls in the period, each weighing its live births (twins 2, none 0 and left
 *   out, not recorded 1); the numerator counts women, once each.
 *
 * Every value is a bind parameter; the only text put into the SQL comes from the fixed tables
 * below (a period unit, a path position).
 */

/** What runs a query with bind parameters: a Sequelize instance, or a pg / PGlite client. */
export type SqlRunner =
  | {
      query(
        sql: string,
        options: { bind: unknown[]; type: 'SELECT' } | Record<string, unknown>,
      ): Promise<unknown>;
      getDialect(): string;
    }
  | { query(sql: string, values: unknown[]): Promise<{ rows: unknown[] }> };

export const REFERENCE_INDICATORS = [
  'hypertension-standard-management-rate',
  'hypertension-control-rate',
  'diabetes-standard-management-rate',
  'diabetes-control-rate',
  'early-pregnancy-registration-rate',
  'postpartum-visit-rate',
  'maternal-systematic-management-rate',
] as const;
export type ReferenceIndicatorId = (typeof REFERENCE_INDICATORS)[number];

export type ReferenceRegionLevel =
  'province' | 'city' | 'county' | 'township' | 'village' | 'clinic';
export type ReferencePeriodGrouping = 'month' | 'quarter' | 'year';

export interface ReferenceQuery {
  /** First and last day of the period, both included (YYYY-MM-DD). */
  start: string;
  end: string;
  /** Only members whose org path holds this code (a division or institution and all below). */
  region?: string;
  group?: { region?: ReferenceRegionLevel; period?: ReferencePeriodGrouping };
  /** The release's parameter values; the national 3.0.1 values otherwise. */
  parameters?: Partial<Record<keyof typeof NATIONAL_PARAMETERS, number>>;
}

export interface ReferenceRow {
  /** The group's region code (when grouped by region). */
  region?: string;
  /** The sub-period's label: 2026, 2026-Q3, 2026-07 (when grouped by period). */
  period?: string;
  numerator: number;
  denominator: number;
}

/** The national 3.0.1 parameter values (seed/national-phs/3.0.1/parameters.json). */
export const NATIONAL_PARAMETERS = {
  bpTargetSystolic: 140,
  bpTargetDiastolic: 90,
  bpTargetSystolicElderly: 150,
  elderlyAgeYears: 65,
  fastingGlucoseTarget: 7.0,
  chronicMinVisitsPerYear: 4,
  earlyRegistrationWeeks: 13,
  postpartumVisitWindowDays: 28,
  systematicManagementMinPrenatalChecks: 5,
};

const PERIOD_UNIT: Record<ReferencePeriodGrouping, { step: string; label: string }> = {
  month: { step: '1 month', label: `to_char(b, 'YYYY-MM')` },
  quarter: { step: '3 months', label: `to_char(b, 'YYYY') || '-Q' || to_char(b, 'Q')` },
  year: { step: '1 year', label: `to_char(b, 'YYYY')` },
};

/** A payload field as a date, or NULL when it is missing or not written YYYY-MM-DD. */
const dateOf = (json: string, field: string) =>
  `(CASE WHEN ${json}->>'${field}' ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN (${json}->>'${field}')::date END)`;
/** A payload field as a number, or NULL when it is missing or not a JSON number. */
const numberOf = (json: string, field: string) =>
  `(CASE WHEN jsonb_typeof(${json}->'${field}') = 'number' THEN (${json}->>'${field}')::numeric END)`;
/** A payload field read as JSON true (a checkbox ticked). */
const ticked = (json: string, field: string) => `coalesce((${json}->'${field}') = 'true', false)`;

/** The sub-periods: one row (label, p_start, p_end) each; the whole period when not grouped. */
function bucketsCte(grouping: ReferencePeriodGrouping | undefined): string {
  if (!grouping)
    return `buckets AS (SELECT ''::text AS label, $1::date AS p_start, $2::date AS p_end)`;
  const { step, label } = PERIOD_UNIT[grouping];
  return `buckets AS (
    SELECT ${label} AS label, greatest(b::date, $1::date) AS p_start,
      least((b + interval '${step}')::date - 1, $2::date) AS p_end
    FROM generate_series(date_trunc('${grouping}', $1::date), $2::date, interval '${step}') AS b)`;
}

/**
 * The divisions of a level ($N) on the members' org paths: for each distinct path, the division
 * of the org tree (`org_units`, newest year) at that level whose code is on the path.
 */
const regionsCte = (level: string) => `regions AS (
    SELECT DISTINCT ON (p.org_path) p.org_path, ou.code
    FROM (SELECT DISTINCT org_path FROM scored) p
    JOIN org_units ou ON ou.kind = 'division' AND ou.level = ${level}
      AND position('/' || ou.code || '/' IN p.org_path) > 0
    ORDER BY p.org_path, ou.year DESC)`;

/**
 * Chronic programmes: each resident with an enrollment of the programme ($3) active on some day
 * of the sub-period, under the newest such enrollment (its org path).
 */
const CHRONIC_MEMBERS = `members AS (
    SELECT DISTINCT ON (e.subject_id, bk.label) e.subject_id, bk.label, bk.p_start, bk.p_end,
      e.org_code, e.org_path
    FROM enrollments e CROSS JOIN buckets bk
    WHERE e.program = $3 AND e.enrolled_on <= bk.p_end
      AND (e.ended_on IS NULL OR e.ended_on >= bk.p_start)
    ORDER BY e.subject_id, bk.label, e.enrolled_on DESC, e.id DESC)`;

/** The resident's follow-ups of form $4 dated in the member's sub-period. */
const CHRONIC_VISITS = `visits AS (
    SELECT m.subject_id, m.label, s.id, s.created_at, s.payload,
      ${dateOf('s.payload', 'visitDate')} AS visit_date
    FROM members m JOIN submissions s ON s.subject_id = m.subject_id AND s.form_key = $4
    WHERE ${dateOf('s.payload', 'visitDate')} BETWEEN m.p_start AND m.p_end)`;

/**
 * 规范管理率: at least $5 face-to-face visits (mode 1 clinic or 2 home; a phone call does not
 * count) with the measurement taken: both pressures for hypertension, fasting glucose for diabetes.
 */
function standardManagement(measured: string): string {
  return `${CHRONIC_MEMBERS},
  ${CHRONIC_VISITS},
  face_to_face AS (
    SELECT subject_id, label, count(*) AS n FROM visits v
    WHERE v.payload->>'visitMode' IN ('1', '2') AND ${measured}
    GROUP BY subject_id, label),
  scored AS (
    SELECT m.*, 1::numeric AS weight, coalesce(f.n, 0) >= $5 AS met
    FROM members m LEFT JOIN face_to_face f ON f.subject_id = m.subject_id AND f.label = m.label)`;
}

/** 控制率: the latest visit in the sub-period meets `target` (no visit: not controlled). */
function controlRate(target: string): string {
  return `${CHRONIC_MEMBERS},
  ${CHRONIC_VISITS},
  latest AS (
    SELECT DISTINCT ON (subject_id, label) subject_id, label, payload, visit_date FROM visits
    ORDER BY subject_id, label, visit_date DESC, created_at DESC, id DESC),
  scored AS (
    SELECT m.*, 1::numeric AS weight, coalesce(${target}, false) AS met
    FROM members m
    LEFT JOIN latest l ON l.subject_id = m.subject_id AND l.label = m.label
    LEFT JOIN subjects subj ON subj.id = m.subject_id)`;
}

/**
 * Pregnancies delivered in the sub-period: the delivery is the earliest postpartum visit or
 * 42-day check of the enrollment (by visit date, then the one stored earlier); its delivery date
 * places the enrollment, its live births weigh it (1 when not recorded, 0 leaves it out).
 */
const DELIVERIES = `deliveries AS (
    SELECT DISTINCT ON (s.enrollment_id) s.enrollment_id, s.payload
    FROM submissions s JOIN enrollments e ON e.id = s.enrollment_id AND e.program = 'pregnancy'
    WHERE s.form_key IN ('postpartum-visit', 'postpartum-42day')
      AND ${dateOf('s.payload', 'visitDate')} IS NOT NULL
    ORDER BY s.enrollment_id, ${dateOf('s.payload', 'visitDate')}, s.created_at, s.id),
  members AS (
    SELECT e.id AS enrollment_id, e.subject_id, bk.label, bk.p_start, bk.p_end, e.org_code,
      e.org_path,
      CASE WHEN jsonb_typeof(d.payload->'liveBirths') = 'number'
          AND (d.payload->>'liveBirths')::numeric >= 0
          AND (d.payload->>'liveBirths')::numeric = trunc((d.payload->>'liveBirths')::numeric)
        THEN (d.payload->>'liveBirths')::numeric ELSE 1 END AS weight
    FROM enrollments e JOIN deliveries d ON d.enrollment_id = e.id
    JOIN buckets bk ON ${dateOf('d.payload', 'deliveryDate')} BETWEEN bk.p_start AND bk.p_end)`;

/**
 * Early registration: the first prenatal check (earliest by visit date) was before `weeks`
 * (a bind position) completed weeks, dated from the LMP, or from the ultrasound due date less
 * 280 days when the LMP is unknown; an undated pregnancy, or a check before the dating day, is
 * not early.
 */
const early = (weeks: string) => `first_check AS (
    SELECT DISTINCT ON (s.enrollment_id) s.enrollment_id,
      ${dateOf('s.payload', 'visitDate')} AS visit_date,
      CASE WHEN ${ticked('s.payload', 'lmpUnknown')}
        THEN ${dateOf('s.payload', 'eddUltrasound')} - 280
        ELSE ${dateOf('s.payload', 'lmp')} END AS dated_from
    FROM submissions s JOIN members m ON m.enrollment_id = s.enrollment_id
    WHERE s.form_key = 'prenatal-first' AND ${dateOf('s.payload', 'visitDate')} IS NOT NULL
    ORDER BY s.enrollment_id, ${dateOf('s.payload', 'visitDate')}, s.created_at, s.id),
  early AS (
    SELECT enrollment_id FROM first_check
    WHERE visit_date >= dated_from AND floor((visit_date - dated_from) / 7.0) < ${weeks})`;

/**
 * Postpartum visits within `window` (a bind position) days of discharge (of the delivery after a
 * home birth); a visit without that date does not count.
 */
const visited = (window: string) => `visited AS (
    SELECT DISTINCT s.enrollment_id FROM submissions s
    JOIN members m ON m.enrollment_id = s.enrollment_id
    WHERE s.form_key = 'postpartum-visit'
      AND ${dateOf('s.payload', 'visitDate')} - (CASE WHEN ${ticked('s.payload', 'homeBirth')}
        THEN ${dateOf('s.payload', 'deliveryDate')} ELSE ${dateOf('s.payload', 'dischargeDate')} END)
        BETWEEN 0 AND ${window})`;

interface Plan {
  body: string;
  /** Bind values after $1 start, $2 end. */
  values: (p: typeof NATIONAL_PARAMETERS) => unknown[];
}

const PLANS: Record<ReferenceIndicatorId, Plan> = {
  'hypertension-standard-management-rate': {
    body: standardManagement(
      `${numberOf('v.payload', 'sbp')} > 0 AND ${numberOf('v.payload', 'dbp')} > 0`,
    ),
    values: (p) => ['hypertension', 'hypertension-followup', p.chronicMinVisitsPerYear],
  },
  'diabetes-standard-management-rate': {
    body: standardManagement(`${numberOf('v.payload', 'fastingGlucose')} > 0`),
    values: (p) => ['diabetes', 'diabetes-followup', p.chronicMinVisitsPerYear],
  },
  'hypertension-control-rate': {
    // DBP below $6; SBP below $7, or below $8 from age $5 on the day of the visit.
    body: controlRate(`${numberOf('l.payload', 'dbp')} < $6 AND CASE
        WHEN date_part('year', age(l.visit_date, subj.birth_date)) >= $5
          AND l.visit_date >= subj.birth_date
        THEN ${numberOf('l.payload', 'sbp')} < $8
        ELSE ${numberOf('l.payload', 'sbp')} < $7 END`),
    values: (p) => [
      'hypertension',
      'hypertension-followup',
      p.elderlyAgeYears,
      p.bpTargetDiastolic,
      p.bpTargetSystolic,
      p.bpTargetSystolicElderly,
    ],
  },
  'diabetes-control-rate': {
    body: controlRate(`${numberOf('l.payload', 'fastingGlucose')} < $5`),
    values: (p) => ['diabetes', 'diabetes-followup', p.fastingGlucoseTarget],
  },
  'early-pregnancy-registration-rate': {
    body: `${DELIVERIES},
  ${early('$3')},
  scored AS (
    SELECT m.*, m.enrollment_id IN (SELECT enrollment_id FROM early) AS met FROM members m)`,
    values: (p) => [p.earlyRegistrationWeeks],
  },
  'postpartum-visit-rate': {
    body: `${DELIVERIES},
  ${visited('$3')},
  scored AS (
    SELECT m.*, m.enrollment_id IN (SELECT enrollment_id FROM visited) AS met FROM members m)`,
    values: (p) => [p.postpartumVisitWindowDays],
  },
  'maternal-systematic-management-rate': {
    body: `${DELIVERIES},
  ${early('$3')},
  ${visited('$4')},
  checks AS (
    SELECT s.enrollment_id, count(*) AS n FROM submissions s
    JOIN members m ON m.enrollment_id = s.enrollment_id
    WHERE s.form_key IN ('prenatal-first', 'prenatal-followup')
      AND ${dateOf('s.payload', 'visitDate')} IS NOT NULL
    GROUP BY s.enrollment_id),
  scored AS (
    SELECT m.*, m.enrollment_id IN (SELECT enrollment_id FROM early)
      AND m.enrollment_id IN (SELECT enrollment_id FROM visited)
      AND coalesce(c.n, 0) >= $5 AS met
    FROM members m LEFT JOIN checks c ON c.enrollment_id = m.enrollment_id)`,
    values: (p) => [
      p.earlyRegistrationWeeks,
      p.postpartumVisitWindowDays,
      p.systematicManagementMinPrenatalChecks,
    ],
  },
};

/** The reference SQL and its bind values for one indicator and query. */
export function postgresIndicatorSql(
  indicatorId: string,
  query: ReferenceQuery,
): { sql: string; bind: unknown[] } {
  const plan = (PLANS as Record<string, Plan | undefined>)[indicatorId];
  if (!plan) throw new RangeError(`no PostgreSQL reference for indicator ${indicatorId}`);
  const parameters = { ...NATIONAL_PARAMETERS, ...query.parameters };
  const bind: unknown[] = [query.start, query.end, ...plan.values(parameters)];
  const groups: string[] = [];
  const columns: string[] = [];
  let regions = '';
  let join = '';
  if (query.group?.region === 'clinic') {
    // A clinic is the enrollment's own institution.
    columns.push('m.org_code AS region');
    groups.push('region');
  } else if (query.group?.region) {
    bind.push(query.group.region);
    regions = `,
  ${regionsCte(`$${bind.length}`)}`;
    join = ' JOIN regions r ON r.org_path = m.org_path';
    columns.push('r.code AS region');
    groups.push('region');
  }
  if (query.group?.period) {
    columns.push('m.label AS period');
    groups.push('period');
  }
  let where = '';
  if (query.region !== undefined) {
    bind.push(query.region);
    where = `WHERE position('/' || $${bind.length} || '/' IN m.org_path) > 0`;
  }
  const sql = `WITH ${bucketsCte(query.group?.period)},
  ${plan.body}${regions}
SELECT ${[...columns, 'count(*) FILTER (WHERE m.met)::int AS numerator', 'sum(m.weight)::float8 AS denominator'].join(', ')}
FROM scored m${join}
${where ? `${where} AND` : 'WHERE'} m.weight > 0
${groups.length ? `GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : ''}`;
  return { sql, bind };
}

/**
 * One indicator computed on PostgreSQL over the engine's tables: per group (region code and/or
 * sub-period) the numerator and denominator, groups without members left out.
 */
export async function postgresIndicator(
  runner: SqlRunner,
  indicatorId: string,
  query: ReferenceQuery,
): Promise<ReferenceRow[]> {
  const { sql, bind } = postgresIndicatorSql(indicatorId, query);
  const rows = (
    'getDialect' in runner
      ? await runner.query(sql, { bind, type: 'SELECT' })
      : (await runner.query(sql, bind)).rows
  ) as { region?: string; period?: string; numerator: number; denominator: number }[];
  return rows.map((r) => ({
    ...(r.region !== undefined ? { region: r.region } : {}),
    ...(r.period !== undefined ? { period: r.period } : {}),
    numerator: Number(r.numerator),
    denominator: Number(r.denominator),
  }));
}
