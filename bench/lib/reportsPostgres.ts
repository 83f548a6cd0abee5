/**
 * The PostgreSQL side of the reports bench: the engine's tables the hand-written reference
 * indicators read (plugins/clickhouse-reporting/src/reference/postgresIndicators.ts) — `subjects`,
 * `enrollments`, `submissions` with each submission's latest payload — shaped and indexed as the
 * engine's migrations make them, in a database of the bench's own on the PostgreSQL server.
 */
import pg from 'pg';
import type { BenchChunk, BenchTree } from './reportsWorld.js';

export const PG_TABLES = [
  `CREATE TABLE org_units (year integer NOT NULL, code text NOT NULL, level text NOT NULL,
    kind text NOT NULL, path text NOT NULL, PRIMARY KEY (year, code))`,
  `CREATE TABLE subjects (id uuid PRIMARY KEY, birth_date date, sex text NOT NULL,
    org_code text NOT NULL, org_path text NOT NULL)`,
  `CREATE TABLE enrollments (id uuid PRIMARY KEY, subject_id uuid NOT NULL, program text NOT NULL,
    org_code text NOT NULL, org_path text NOT NULL, enrolled_on date NOT NULL, ended_on date)`,
  `CREATE TABLE submissions (id uuid PRIMARY KEY, subject_id uuid NOT NULL, enrollment_id uuid,
    form_key text NOT NULL, form_version text NOT NULL, org_code text NOT NULL,
    org_path text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL)`,
];

/** The engine's indexes on these tables (engine/src/database migrations), built after the load. */
export const PG_INDEXES = [
  'CREATE INDEX enrollments_subject_program ON enrollments (subject_id, program)',
  'CREATE INDEX enrollments_org_path ON enrollments (org_path text_pattern_ops)',
  'CREATE INDEX submissions_subject ON submissions (subject_id, created_at)',
  'CREATE INDEX submissions_form ON submissions (form_key, form_version)',
  'CREATE INDEX submissions_org_path ON submissions (org_path text_pattern_ops)',
  // Not in the engine (it has no enrollment index on submissions): the maternal references join
  // by enrollment, and without it PostgreSQL would scan for each.
  'CREATE INDEX submissions_enrollment ON submissions (enrollment_id)',
];

/** The levels of a path's codes, national first; the code after the village is its clinic. */
const LEVELS = ['national', 'province', 'city', 'county', 'township', 'village'];

/** The bench's org tree (2026) as the engine's `org_units` holds it: divisions and clinics. */
export async function insertOrgUnits(
  client: pg.Pool | pg.ClientBase,
  tree: BenchTree,
): Promise<void> {
  const units = new Map<string, { level: string; kind: string; path: string }>();
  for (const clinic of tree.clinics) {
    clinic.path.forEach((code, i) => {
      units.set(code, {
        level: LEVELS[Math.min(i, LEVELS.length - 1)]!,
        kind: i < LEVELS.length ? 'division' : 'institution',
        path: `/${clinic.path.slice(0, i + 1).join('/')}/`,
      });
    });
  }
  const rows = [...units.entries()];
  await client.query(
    `INSERT INTO org_units SELECT 2026, * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [
      rows.map(([code]) => code),
      rows.map(([, u]) => u.level),
      rows.map(([, u]) => u.kind),
      rows.map(([, u]) => u.path),
    ],
  );
}

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);

/** One chunk's residents, enrollments and latest submissions, in three statements. */
export async function insertChunk(client: pg.ClientBase, chunk: BenchChunk): Promise<void> {
  const s = chunk.subjects;
  await client.query(
    `INSERT INTO subjects SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[])`,
    [
      col(s, 'id'),
      col(s, 'birthDate'),
      col(s, 'sex'),
      col(s, 'orgCode'),
      s.map((x) => `/${x.orgPath.join('/')}/`),
    ],
  );
  const e = chunk.enrollments;
  await client.query(
    `INSERT INTO enrollments SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[])`,
    [
      col(e, 'id'),
      col(e, 'subjectId'),
      col(e, 'program'),
      col(e, 'orgCode'),
      e.map((x) => `/${x.orgPath.join('/')}/`),
      col(e, 'enrolledOn'),
      col(e, 'endedOn'),
    ],
  );
  const v = chunk.submissions;
  await client.query(
    `INSERT INTO submissions SELECT id, subject_id, enrollment_id, form_key, '3.0.1', org_code, org_path, payload, created_at
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[])
       AS t(id, subject_id, enrollment_id, form_key, org_code, org_path, payload, created_at)`,
    [
      col(v, 'id'),
      col(v, 'subjectId'),
      col(v, 'enrollmentId'),
      col(v, 'formKey'),
      col(v, 'orgCode'),
      col(v, 'orgPath'),
      v.map((x) => JSON.stringify(x.payload)),
      col(v, 'createdAt'),
    ],
  );
}

/**
 * The PostgreSQL server the bench uses: DATABASE_URL when set, else the machine's at
 * 127.0.0.1:5432 as user root or postgres (database `test`, trust authentication).
 */
export async function pgServerUrl(): Promise<string> {
  const candidates = process.env.DATABASE_URL
    ? [process.env.DATABASE_URL]
    : ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
  let lastError: unknown;
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return url;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`no PostgreSQL server for the reports bench: ${String(lastError)}`);
}

/** A database of the bench's own on that server, dropped by `drop`. */
export async function reportsDatabase(): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const serverUrl = await pgServerUrl();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `formwork_bench_reports_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    pool,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
