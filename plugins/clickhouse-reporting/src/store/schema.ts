import { fieldDaysMap } from '../indicators/sqlValues.js';

/**
 * The reporting tables in ClickHouse (embedded chDB or a server: the same DDL). Facts are kept by
 * field name and by data element (`x-de`), so one indicator reads data captured on every form
 * version and every province's overlay; each row carries the org path of its clinic (province →
 * city → county → township → clinic codes) as the org tree had it when loaded.
 *
 * Dates: `birth_date` is a Date32 (1900–2299): a Date starts in 1970 and would clamp the birth
 * dates of most residents in a chronic-disease programme to 1970-01-01.
 *
 * Deduplication: every table is a ReplacingMergeTree keyed by its id with a version column
 * (a submission's revision; a dimension row's version), loaded at least once. Readers use
 * `FINAL` so a row loaded twice, or an older revision, never counts. `records` is sorted by
 * (form_key, subject_id, submission_id): neither the form nor the resident of a submission
 * changes between its revisions (a data migration keeps the form key), so the submission is
 * still the unit of deduplication, and an indicator reads only its forms' rows, in resident order.
 * `enrollments` is sorted by (program, enrollment_id) for the same reason: an enrollment's
 * programme never changes, and an indicator reads one programme.
 *
 * Days (`days`): ClickHouse computes at insert, from `fields`, the day number of every field
 * holding a real date, with the indicator compiler's own reading of JSON text
 * (indicators/sqlValues.ts), so a query places a record in a period without parsing JSON on every
 * row; a field that is not a date is absent (NULL when read).
 */
export const SCHEMA_VERSION = 2;

export const TABLES = {
  records: `CREATE TABLE IF NOT EXISTS records (
    submission_id String,
    revision UInt32,
    form_key LowCardinality(String),
    form_version String,
    release_id String,
    subject_id String,
    enrollment_id String,
    org_code String,
    org_path Array(String),
    recorded_at DateTime64(3, 'UTC'),
    fields Map(String, String),
    elements Map(String, String),
    days Map(String, Nullable(Int32)) MATERIALIZED ${fieldDaysMap()},
    loaded_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(revision) ORDER BY (form_key, subject_id, submission_id)`,
  subjects: `CREATE TABLE IF NOT EXISTS subjects (
    subject_id String,
    birth_date Nullable(Date32),
    sex LowCardinality(String),
    org_code String,
    org_path Array(String),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY subject_id`,
  enrollments: `CREATE TABLE IF NOT EXISTS enrollments (
    enrollment_id String,
    subject_id String,
    program LowCardinality(String),
    enrolled_on Date,
    ended_on Nullable(Date),
    org_code String,
    org_path Array(String),
    team String,
    doctor String,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version) ORDER BY (program, enrollment_id)`,
} as const;

/**
 * `fields` and `elements` hold each value as JSON text (`140`, `"1"`, `true`, `["1","2"]`);
 * read a number with `JSONExtract(fields['sbp'], 'Nullable(Float64)')`, a code with
 * `JSONExtract(fields['visitMode'], 'Nullable(String)')`. A field absent from a record is the
 * empty string in the map, which extracts as NULL.
 */
export type ReportingTable = keyof typeof TABLES;
