import {
  healthRecordNumber,
  nameInitials,
  recordDivision,
  reserveSerials,
} from '../../subjects/residentNumbers.js';
import type { Migration } from './Migration.js';

const BACKFILL_BATCH = 5000;

/**
 * Residents: health record numbers (居民健康档案编号, 17 digits: the 12-digit division code of
 * the resident's village or township + a 5-digit serial from `health_record_counters`), pinyin
 * initials for finding a name, who changed a record last; enrollments in programs.
 * Existing residents get a number and initials here; the columns stay nullable.
 */
export const migration: Migration = {
  name: '0006-residents',
  async up({ sequelize, transaction }) {
    for (const statement of [
      `ALTER TABLE subjects
         ADD COLUMN health_record_number text UNIQUE,
         ADD COLUMN name_initials text,
         ADD COLUMN updated_at timestamptz,
         ADD COLUMN updated_by uuid`,
      'CREATE INDEX subjects_name ON subjects (name text_pattern_ops)',
      'CREATE INDEX subjects_name_initials ON subjects (name_initials text_pattern_ops)',
      `CREATE TABLE health_record_counters (
        division text PRIMARY KEY,
        last integer NOT NULL
      )`,
      `CREATE TABLE enrollments (
        id uuid PRIMARY KEY,
        subject_id uuid NOT NULL REFERENCES subjects (id),
        program text NOT NULL CHECK (program IN ('hypertension', 'diabetes', 'pregnancy')),
        org_code text NOT NULL,
        org_path text NOT NULL,
        enrolled_on date NOT NULL,
        ended_on date,
        end_reason text,
        details jsonb NOT NULL DEFAULT '{}',
        row_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        updated_at timestamptz,
        updated_by uuid,
        CHECK (ended_on IS NULL OR ended_on >= enrolled_on)
      )`,
      `CREATE UNIQUE INDEX enrollments_one_active ON enrollments (subject_id, program)
         WHERE ended_on IS NULL`,
      'CREATE INDEX enrollments_org_path ON enrollments (org_path text_pattern_ops)',
    ]) {
      await sequelize.query(statement, { transaction });
    }

    // Existing residents, oldest first, numbered within their division.
    for (;;) {
      const [rows] = await sequelize.query(
        `SELECT id, name, org_path FROM subjects WHERE health_record_number IS NULL
         ORDER BY created_at, id LIMIT ${BACKFILL_BATCH}`,
        { transaction },
      );
      const batch = rows as { id: string; name: string; org_path: string }[];
      if (!batch.length) break;
      const divisions = batch.map((r) => recordDivision(r.org_path));
      const counts = new Map<string, number>();
      for (const d of divisions) counts.set(d, (counts.get(d) ?? 0) + 1);
      const next = await reserveSerials(sequelize, counts, transaction);
      const numbers = divisions.map((d) => {
        const serial = next.get(d)!;
        next.set(d, serial + 1);
        return healthRecordNumber(d, serial);
      });
      await sequelize.query(
        `UPDATE subjects s SET health_record_number = t.number, name_initials = t.initials
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, number, initials)
         WHERE s.id = t.id`,
        {
          bind: [batch.map((r) => r.id), numbers, batch.map((r) => nameInitials(r.name))],
          transaction,
        },
      );
    }
  },
  async down({ sequelize, transaction }) {
    for (const statement of [
      'DROP TABLE enrollments',
      'DROP TABLE health_record_counters',
      'DROP INDEX subjects_name_initials',
      'DROP INDEX subjects_name',
      `ALTER TABLE subjects DROP COLUMN health_record_number, DROP COLUMN name_initials,
         DROP COLUMN updated_at, DROP COLUMN updated_by`,
    ]) {
      await sequelize.query(statement, { transaction });
    }
  },
};
