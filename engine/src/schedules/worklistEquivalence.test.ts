/**
 * Acceptance 4 of issue 15: the worklist's answers equal an independent computation written
 * here in SQL over enrollments and submissions (never over due_items), on generated data.
 *
 * The data: 400 residents from the demo generator (seedPatients: hypertension and diabetes
 * enrollments with a year of follow-up visits, clinic, home and phone, controlled and not, across
 * the six village clinics of three counties), some enrollments ended, each clinic's residents
 * given responsible doctors, and residents of the 上街镇 township health centre (no village)
 * recorded over HTTP with what the generator never makes: an adverse reaction, a referral slip, a
 * referral on the visit, 失访 and a death. Due items are computed by `ScheduleRebuild` (the code
 * under test) with the clock at 2026-11-23.
 *
 * What the SQL covers — every occurrence and end of the national hypertension and diabetes
 * schedules, with the release's parameters (due soon 7 days before, overdue the day after the
 * window, 91 days for the yearly ones, 4 visits a year; no working-day calendar):
 * - the routine visit 83–97 days (due 90) after the latest face-to-face visit or the enrolment;
 * - the 2-week recheck after the latest uncontrolled (2) or adverse-reaction (3) visit without a
 *   referral reason;
 * - the referral follow-up within 2 weeks of the latest referral slip of the programme or visit
 *   classified 4 or naming a referral reason;
 * - at least 4 face-to-face visits this year (enrolled before 1 January), and the yearly health
 *   check (no health-check form in the release: never done);
 * - an item is done by the first face-to-face visit recorded after its anchor from its window's
 *   start (the 4th of the year for the yearly count); items of earlier anchors (from 1 January
 *   last year, one per date, not the current anchor's date) are listed when done this year;
 * - a death on any visit, or 失访 on the latest, ends the schedule (nothing listed); an ended
 *   enrollment lists nothing.
 * Not covered: the maternal schedules (the generator makes no pregnancies; scheduleRules.test.ts
 * checks them rule by rule), facts, pinned workflow follow-ups, holidays.
 *
 * Compared for a township (region), a county (region) and one doctor (mine), with status,
 * programme and village filters: the items (resident, programme, occurrence, status, dates), the
 * order by urgency, the total and the counts by status, programme and village.
 */
import { PassThrough } from 'node:stream';
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPatients } from '../seeding/seedPatients.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';
import { ScheduleRebuild } from './ScheduleRebuild.js';
import { releaseParameters } from './programSchedules.js';

const TODAY = '2026-11-23';
const TOWNSHIP = '350121101';
const COUNTY = '350121';
const CENTRE = '350121101-C01';
const CLINIC = '350121101201-V01';

let f: IdentityFixture;
let doctor: TestUser;
let colleague: TestUser;
const tokens: Record<string, string> = {};

const sql = <T extends object>(query: string, bind: unknown[] = []) =>
  f.t.engine.database.sequelize.query<T>(query, { bind, type: QueryTypes.SELECT });

/** One listed item, as compared: everything but the due item's own id and version. */
interface Listed {
  resident: string;
  program: string;
  occurrence: string;
  status: string;
  village: string | null;
  windowStart: string;
  dueDate: string;
  dueSoonDate: string;
  overdueDate: string;
  doneOn: string | null;
  daysOverdue: number | null;
}
const key = (i: Listed) =>
  [i.resident, i.program, i.occurrence, i.status, i.windowStart, i.doneOn ?? ''].join('|');

/**
 * The independent computation: what a worklist of the given scope should list today, from the
 * enrollments and submissions alone. `$1` today, `$2` 1 January, `$3` 1 January last year, `$4`
 * first day of the period, `$5` path prefix of the scope, `$6` responsible doctors or null.
 */
const EXPECTED = `
WITH village AS MATERIALIZED (
  SELECT code, path FROM org_units
  WHERE year = (SELECT max(year) FROM org_units) AND kind = 'division' AND level = 'village'
),
e AS MATERIALIZED (
  SELECT e.id, e.subject_id, e.program, e.org_path, e.enrolled_on,
    CASE e.program WHEN 'hypertension' THEN 'hypertension-followup' ELSE 'diabetes-followup' END
      AS form,
    CASE e.program WHEN 'hypertension' THEN '1' ELSE '2' END AS referral_program,
    v.code AS village
  FROM enrollments e LEFT JOIN village v ON starts_with(e.org_path, v.path)
  WHERE e.ended_on IS NULL AND e.program IN ('hypertension', 'diabetes')
    AND starts_with(e.org_path, $5)
    AND ($6::uuid[] IS NULL OR e.responsible_user_id = ANY($6::uuid[]))
),
-- The resident's records the schedule reads, in the order they were recorded: the programme's
-- visits and referral slips, under the enrollment or under none from its first day (China time).
r AS MATERIALIZED (
  SELECT e.id AS eid, e.referral_program, s.form_key, s.payload AS p,
    row_number() OVER (PARTITION BY e.id ORDER BY s.created_at, s.id) AS seq
  FROM e JOIN submissions s ON s.subject_id = e.subject_id
    AND s.form_key IN (e.form, 'referral-out')
    AND (s.enrollment_id = e.id OR (s.enrollment_id IS NULL
      AND s.created_at >= e.enrolled_on::timestamp AT TIME ZONE 'Asia/Shanghai'))
),
visit AS MATERIALIZED (
  SELECT eid, seq, (p->>'visitDate')::date AS d, p->>'visitMode' AS mode,
    p->>'classification' AS cls, coalesce(p->>'followupStatus', '') AS fs,
    p->'referral'->>'reason' AS referral_reason
  FROM r WHERE form_key <> 'referral-out'
),
f2f AS MATERIALIZED (
  SELECT eid, seq, d FROM visit WHERE mode IN ('1', '2') AND fs NOT IN ('2', '3')
),
ended AS MATERIALIZED (
  SELECT eid FROM visit WHERE fs = '3'
  UNION
  SELECT eid FROM (SELECT DISTINCT ON (eid) eid, fs FROM visit ORDER BY eid, d DESC, seq DESC) l
  WHERE fs = '2'
),
-- Anchor candidates of each occurrence: (enrollment, occurrence, date, order of recording, and
-- whether the occurrence's "when" holds on it: the recheck's, no referral reason on the visit).
candidate AS (
  SELECT id AS eid, 'quarterly' AS occ, enrolled_on AS d, 0::bigint AS seq, true AS applies
  FROM e
  UNION ALL SELECT eid, 'quarterly', d, seq, true FROM f2f
  UNION ALL SELECT eid, 'two-week-recheck', d, seq, referral_reason IS NULL FROM visit
    WHERE cls IN ('2', '3')
  UNION ALL SELECT eid, 'referral-outcome-check', d, seq, true FROM visit
    WHERE cls = '4' OR referral_reason IS NOT NULL
  UNION ALL SELECT eid, 'referral-outcome-check', (p->>'referralDate')::date, seq, true
    FROM r WHERE form_key = 'referral-out' AND p->>'program' = referral_program
),
ranked AS MATERIALIZED (
  SELECT c.*, CASE occ WHEN 'quarterly' THEN 83 ELSE 0 END AS start_days,
    CASE occ WHEN 'quarterly' THEN 97 ELSE 14 END AS end_days,
    CASE occ WHEN 'quarterly' THEN 90 ELSE 14 END AS due_days,
    row_number() OVER (PARTITION BY eid, occ ORDER BY d DESC, seq DESC) AS latest,
    row_number() OVER (PARTITION BY eid, occ, d ORDER BY seq DESC) AS last_of_day,
    first_value(d) OVER (PARTITION BY eid, occ ORDER BY d DESC, seq DESC) AS current_d
  FROM candidate c
),
-- Each candidate's item is done by the first face-to-face visit after it from its window start.
anchored AS (
  SELECT k.eid, k.occ, k.d AS anchor, k.latest, k.last_of_day, k.current_d, k.applies,
    k.start_days, k.end_days, k.due_days,
    min(w.d) FILTER (WHERE (w.d > k.d OR (w.d = k.d AND w.seq > k.seq))
      AND w.d >= k.d + k.start_days) AS done_on
  FROM ranked k LEFT JOIN f2f w ON w.eid = k.eid
  GROUP BY k.eid, k.occ, k.d, k.seq, k.latest, k.last_of_day, k.current_d, k.applies,
    k.start_days, k.end_days, k.due_days
),
yearly AS (
  SELECT e.id AS eid, (array_agg(w.d ORDER BY w.d, w.seq))[4] AS done_on
  FROM e LEFT JOIN f2f w ON w.eid = e.id AND w.d >= $2::date
    AND w.d < ($2::date + interval '1 year')::date
  WHERE e.enrolled_on < $2::date
  GROUP BY e.id
),
item AS (
  SELECT eid, occ, anchor + start_days AS window_start, anchor + due_days AS due,
    anchor + due_days - 7 AS due_soon, anchor + end_days + 1 AS overdue, NULL::date AS expires,
    done_on
  FROM anchored
  WHERE applies AND (latest = 1 OR (anchor >= $3::date AND anchor <> current_d
    AND last_of_day = 1 AND done_on >= $2::date))
  UNION ALL
  SELECT eid, 'yearly-face-to-face', $2::date, ($2::date + interval '1 year - 1 day')::date,
    ($2::date + interval '1 year - 1 day')::date - 91, ($2::date + interval '1 year')::date,
    ($2::date + interval '1 year - 1 day')::date, done_on
  FROM yearly
  UNION ALL
  SELECT id, 'annual-health-check', $2::date, ($2::date + interval '1 year - 1 day')::date,
    ($2::date + interval '1 year - 1 day')::date - 91, ($2::date + interval '1 year')::date,
    ($2::date + interval '1 year - 1 day')::date, NULL
  FROM e
),
shown AS (
  SELECT i.*, CASE
      WHEN i.done_on IS NOT NULL THEN 'done'
      WHEN i.overdue <= $1::date THEN 'overdue'
      ELSE 'due-soon' END AS status
  FROM item i
  WHERE NOT EXISTS (SELECT 1 FROM ended x WHERE x.eid = i.eid)
    AND ((i.done_on IS NULL AND i.due_soon <= $1::date
          AND (i.expires IS NULL OR i.expires >= $1::date))
      OR (i.done_on >= $4::date AND i.done_on <= $1::date))
)
SELECT e.subject_id AS resident, e.program, s.occ AS occurrence, s.status, e.village,
  s.window_start::text AS "windowStart", s.due::text AS "dueDate",
  s.due_soon::text AS "dueSoonDate", s.overdue::text AS "overdueDate",
  s.done_on::text AS "doneOn",
  CASE WHEN s.status = 'overdue' THEN $1::date - s.overdue + 1 END AS "daysOverdue"
FROM shown s JOIN e ON e.id = s.eid`;

async function expected(
  scope: { path: string; responsible?: string[] },
  period: { from: string } = { from: '2026-01-01' },
): Promise<Listed[]> {
  return sql<Listed>(EXPECTED, [
    TODAY,
    '2026-01-01',
    '2025-01-01',
    period.from,
    scope.path,
    scope.responsible ?? null,
  ]);
}

interface Page {
  total: number;
  items: {
    resident: { id: string };
    program: string;
    occurrence: { id: string };
    status: string;
    villageCode: string | null;
    windowStart: string;
    dueDate: string;
    dueSoonDate: string;
    overdueDate: string;
    doneOn: string | null;
    daysOverdue: number | null;
  }[];
  counts: {
    byStatus: Record<string, number>;
    byProgram: { program: string; count: number }[];
    byVillage: { villageCode: string | null; count: number }[];
  };
}

/** Every page of a worklist, as compared; the counts and total of the first page. */
async function worklist(as: string, query: string) {
  const listed: Listed[] = [];
  let first: Page | undefined;
  for (let offset = 0; ; offset += 100) {
    const res = await f.request('GET', `/api/worklist?${query}&limit=100&offset=${offset}`, as);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const page = res.body as Page;
    first ??= page;
    for (const i of page.items)
      listed.push({
        resident: i.resident.id,
        program: i.program,
        occurrence: i.occurrence.id,
        status: i.status,
        village: i.villageCode,
        windowStart: i.windowStart,
        dueDate: i.dueDate,
        dueSoonDate: i.dueSoonDate,
        overdueDate: i.overdueDate,
        doneOn: i.doneOn,
        daysOverdue: i.daysOverdue,
      });
    if (page.items.length < 100) break;
  }
  return { listed, page: first! };
}

const tally = <T extends string | null>(rows: Listed[], of: (r: Listed) => T) => {
  const counts = new Map<T, number>();
  for (const r of rows) counts.set(of(r), (counts.get(of(r)) ?? 0) + 1);
  return counts;
};
const byKey = (rows: Listed[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

/** Urgency: overdue (longest first), due soon (earliest due first), done (latest first). */
const urgency = (i: Listed) =>
  i.status === 'overdue'
    ? `0 ${i.overdueDate}`
    : i.status === 'due-soon'
      ? `1 ${i.dueDate}`
      : `2 ${String(99_999_999 - Number(i.doneOn!.replaceAll('-', '')))}`;

/**
 * The worklist (as `as`, with `query`) against the computation over `all` expected items: the
 * same items in an order of urgency, the same total and counts (each count without its own
 * filter).
 */
async function compare(
  as: string,
  query: string,
  all: Listed[],
  filter: { statuses?: string[]; program?: string; village?: string | null } = {},
) {
  const statuses = filter.statuses ?? ['overdue', 'due-soon'];
  const keep = (r: Listed, skip: 'status' | 'program' | 'village' | 'none' = 'none') =>
    (skip === 'status' || statuses.includes(r.status)) &&
    (skip === 'program' || !filter.program || r.program === filter.program) &&
    (skip === 'village' || filter.village === undefined || r.village === filter.village);
  const want = all.filter((r) => keep(r));
  const { listed, page } = await worklist(as, query);
  const got = new Set(listed.map(key));
  const wanted = new Set(want.map(key));
  expect([...wanted].filter((k) => !got.has(k)).slice(0, 5), 'computed, not listed').toEqual([]);
  expect([...got].filter((k) => !wanted.has(k)).slice(0, 5), 'listed, not computed').toEqual([]);
  expect(byKey(listed)).toEqual(byKey(want));
  expect(page.total).toBe(want.length);
  const order = listed.map(urgency);
  expect(order).toEqual([...order].sort());
  expect(page.counts.byStatus).toEqual({
    overdue: 0,
    'due-soon': 0,
    done: 0,
    ...Object.fromEntries(
      tally(
        all.filter((r) => keep(r, 'status')),
        (r) => r.status,
      ),
    ),
  });
  expect(Object.fromEntries(page.counts.byProgram.map((p) => [p.program, p.count]))).toEqual(
    Object.fromEntries(
      tally(
        all.filter((r) => keep(r, 'program')),
        (r) => r.program,
      ),
    ),
  );
  expect(new Map(page.counts.byVillage.map((v) => [v.villageCode, v.count]))).toEqual(
    tally(
      all.filter((r) => keep(r, 'village')),
      (r) => r.village,
    ),
  );
  return want.length;
}

async function pathOf(code: string) {
  const [unit] = await sql<{ path: string }>(
    'SELECT path FROM org_units WHERE code = $1 ORDER BY year DESC LIMIT 1',
    [code],
  );
  return unit!.path;
}

/** Residents of the township health centre with what the generator never records. */
async function centreResidents(token: string) {
  let serial = 40;
  const resident = async () => {
    const created = await f.request('POST', '/api/subjects', token, {
      name: '郑国强',
      idNumber: makeResidentIdNumber('350121', '1956-06-16', ++serial * 2 + 1),
      orgCode: CENTRE,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const enrolled = await f.request('POST', `/api/subjects/${id}/enrollments`, token, {
      program: 'hypertension',
      enrolledOn: '2025-10-08',
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    return id;
  };
  const submit = async (subjectId: string, formKey: string, data: Record<string, unknown>) => {
    const stored = await f.request('POST', '/api/submissions', token, {
      formKey,
      subjectId,
      data,
    });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  };
  const visit = (visitDate: string, extra: Record<string, unknown> = {}) => ({
    ...HT_VISIT,
    visitDate,
    ...extra,
  });
  const adverse = await resident();
  await submit(adverse, 'hypertension-followup', visit('2026-08-20'));
  await submit(
    adverse,
    'hypertension-followup',
    visit('2026-11-12', { classification: '3', adverseReaction: '2', adverseReactionText: '干咳' }),
  );
  const referred = await resident();
  await submit(referred, 'hypertension-followup', visit('2026-09-01'));
  await submit(referred, 'referral-out', { ...REFERRAL_OUT, referralDate: '2026-11-02' });
  await submit(referred, 'hypertension-followup', visit('2026-11-09', { visitMode: '3' }));
  const onVisit = await resident();
  await submit(
    onVisit,
    'hypertension-followup',
    visit('2026-11-18', {
      sbp: 166,
      dbp: 102,
      classification: '2',
      referral: { reason: '血压控制不佳', institution: '闽侯县医院' },
    }),
  );
  const lost = await resident();
  await submit(lost, 'hypertension-followup', visit('2026-05-06'));
  await submit(lost, 'hypertension-followup', {
    visitDate: '2026-11-01',
    followupStatus: '2',
    lostReason: '外出务工',
    doctorSignature: '李医生',
  });
  const died = await resident();
  await submit(died, 'hypertension-followup', {
    visitDate: '2026-07-01',
    followupStatus: '3',
    deathDate: '2026-06-28',
    deathCause: '心肌梗死',
    doctorSignature: '李医生',
  });
  await submit(died, 'hypertension-followup', visit('2026-10-01'));
  const seen = await resident();
  for (const date of ['2026-01-20', '2026-04-21', '2026-07-21', '2026-10-20'])
    await submit(seen, 'hypertension-followup', visit(date));
}

let seeded: { enrollments: number; ended: number; submissions: number };

beforeAll(async () => {
  f = await IdentityFixture.start();
  const { services } = f.t.engine;
  const generated = await seedPatients(services, {
    patients: 400,
    seed: 15,
    today: TODAY,
    progress: new PassThrough(),
  });
  expect(generated.inserted).toBe(400);

  // Responsible doctors: two at 厚美村, one at 岐安村; some enrollments have none.
  doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
  colleague = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
  const neighbour = await f.user('village-doctor', '350121101202', {
    homeOrg: '350121101202-V01',
  });
  await sql(
    `UPDATE enrollments SET responsible_user_id = CASE
       WHEN org_code = $1 AND program = 'hypertension' THEN $2::uuid
       WHEN org_code = $1 THEN $3::uuid
       WHEN org_code = '350121101202-V01' AND right(id::text, 1) < 'c' THEN $4::uuid END`,
    [CLINIC, doctor.id, colleague.id, neighbour.id],
  );
  // Some enrollments ended before anything was computed.
  await sql(
    `UPDATE enrollments SET ended_on = '2026-11-01', end_reason = '迁出'
     WHERE id IN (SELECT id FROM enrollments ORDER BY id LIMIT 12)`,
  );

  const township = await f.user('township-phc', TOWNSHIP, { homeOrg: CENTRE });
  tokens.township = await f.login(township);
  await centreResidents(tokens.township);
  tokens.doctor = await f.login(doctor);
  tokens.county = await f.login(
    await f.user('county-phc-manager', COUNTY, { homeOrg: '350121-H01', withTotp: true }),
  );

  // The enrollments the centre's residents made went through the outbox: read it away, so the
  // rebuild below computes everything at once, as after an import.
  await f.t.engine.scheduleWorker!.poll();
  const rebuild = new ScheduleRebuild(
    {
      database: f.t.engine.database,
      catalog: services.catalog,
      clock: f.clock,
      writer: services.dueItems,
    },
    { batch: 97 },
  );
  const done = await rebuild.run((await rebuild.claim()).run.id);
  expect(done.status).toBe('done');

  const [counts] = await sql<{ enrollments: number; ended: number; submissions: number }>(
    `SELECT (SELECT count(*)::int FROM enrollments) AS enrollments,
       (SELECT count(*)::int FROM enrollments WHERE ended_on IS NOT NULL) AS ended,
       (SELECT count(*)::int FROM submissions) AS submissions`,
  );
  seeded = counts!;
}, 300_000);
afterAll(() => f?.stop());

describe('the worklist against an independent computation over enrollments and submissions', () => {
  it('given the generated data, then it is several hundred enrollments across counties, villages and both programmes, and the release’s parameters are those the computation assumes', async () => {
    expect(seeded.enrollments).toBeGreaterThan(400);
    expect(seeded.ended).toBe(12);
    expect(seeded.submissions).toBeGreaterThan(1500);
    const spread = await sql<{ org_code: string; program: string }>(
      'SELECT DISTINCT org_code, program FROM enrollments',
    );
    expect(new Set(spread.map((s) => s.org_code)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(spread.map((s) => s.program))).toEqual(new Set(['hypertension', 'diabetes']));
    const release = f.t.engine.services.catalog.forOrgPath(await pathOf(CLINIC));
    expect(releaseParameters(release)).toMatchObject({
      reminderDueSoonDays: 7,
      reminderOverdueDays: 0,
      chronicYearlyDueSoonDays: 91,
      chronicMinVisitsPerYear: 4,
    });
    // Nothing the computation leaves out: no health checks, no calendar on these schedules.
    expect(await sql('SELECT 1 FROM submissions WHERE form_key = $1', ['health-check'])).toEqual(
      [],
    );
  });

  it('given a township’s staff, then the region worklist (all statuses, this year) is the computation’s, item for item, in order of urgency, with the same counts', async () => {
    const all = await expected({ path: await pathOf(TOWNSHIP) });
    const n = await compare(
      tokens.township!,
      'group=region&status=overdue,due-soon,done&period=year',
      all,
      { statuses: ['overdue', 'due-soon', 'done'] },
    );
    expect(n).toBeGreaterThan(200);
    // The generated and the recorded kinds of item are all there.
    const kinds = new Set(all.map((r) => `${r.occurrence}:${r.status}`));
    for (const kind of [
      'quarterly:overdue',
      'quarterly:due-soon',
      'quarterly:done',
      'two-week-recheck:overdue',
      'two-week-recheck:done',
      'referral-outcome-check:overdue',
      'yearly-face-to-face:due-soon',
      'yearly-face-to-face:done',
      'annual-health-check:due-soon',
    ])
      expect([...kinds], kind).toContain(kind);
    expect(new Set(all.map((r) => r.village))).toEqual(
      new Set(['350121101201', '350121101202', null]),
    );
  });

  it('given the township, when filtered by village, programme and status, then each page and count is the computation’s', async () => {
    const all = await expected({ path: await pathOf(TOWNSHIP) });
    await compare(tokens.township!, 'group=region&village=350121101202&period=year', all, {
      village: '350121101202',
    });
    await compare(
      tokens.township!,
      'group=region&program=diabetes&status=overdue&period=year',
      all,
      {
        program: 'diabetes',
        statuses: ['overdue'],
      },
    );
    // The default period is the month: only this month's done items.
    const month = await expected({ path: await pathOf(TOWNSHIP) }, { from: '2026-11-01' });
    await compare(tokens.township!, 'group=region&status=done', month, { statuses: ['done'] });
  });

  it('given a county manager, then the county’s worklist is the computation’s, and a village of another township filters it', async () => {
    const all = await expected({ path: await pathOf(COUNTY) });
    const n = await compare(
      tokens.county!,
      'group=region&status=overdue,due-soon,done&period=year',
      all,
      { statuses: ['overdue', 'due-soon', 'done'] },
    );
    expect(n).toBeGreaterThan(400);
    await compare(tokens.county!, 'group=region&village=350121102201&period=year', all, {
      village: '350121102201',
    });
    // Nothing from the other county of the city, or from Yunnan.
    expect(all.every((r) => r.village === null || r.village.startsWith(COUNTY))).toBe(true);
  });

  it('given one village doctor, then "mine" is the computation over the enrollments they are responsible for', async () => {
    const all = await expected({ path: '/', responsible: [doctor.id] });
    const n = await compare(
      tokens.doctor!,
      'group=mine&status=overdue,due-soon,done&period=year',
      all,
      { statuses: ['overdue', 'due-soon', 'done'] },
    );
    expect(n).toBeGreaterThan(20);
    expect(new Set(all.map((r) => r.program))).toEqual(new Set(['hypertension']));
  });

  it('given the doctor’s team and the township centre, then "team" is the computation over the enrollments of the doctors working at the clinic, and "institution" over those managed at the centre', async () => {
    const team = await expected({ path: '/', responsible: [doctor.id, colleague.id] });
    expect(new Set(team.map((r) => r.program))).toEqual(new Set(['hypertension', 'diabetes']));
    await compare(tokens.doctor!, 'group=team&status=overdue,due-soon,done&period=year', team, {
      statuses: ['overdue', 'due-soon', 'done'],
    });
    const centre = await expected({ path: await pathOf(CENTRE) });
    expect(centre.length).toBeGreaterThan(5);
    await compare(
      tokens.township!,
      'group=institution&status=overdue,due-soon,done&period=year',
      centre,
      { statuses: ['overdue', 'due-soon', 'done'] },
    );
  });
});
