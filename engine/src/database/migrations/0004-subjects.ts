import type { Migration } from './Migration.js';

/**
 * Residents (subjects of records). ID and phone numbers are stored only encrypted
 * (PersonalDataCipher envelopes) with a keyed hash of the ID number for lookup.
 */
export const migration: Migration = {
  name: '0004-subjects',
  async up({ sequelize, transaction }) {
    await sequelize.query(
      `CREATE TABLE subjects (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        sex text NOT NULL,
        birth_date date NOT NULL,
        id_number_enc text NOT NULL,
        id_number_hash text NOT NULL UNIQUE,
        phone_enc text,
        org_code text NOT NULL,
        org_path text NOT NULL,
        row_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL
      )`,
      { transaction },
    );
    await sequelize.query(
      'CREATE INDEX subjects_org_path ON subjects (org_path text_pattern_ops)',
      {
        transaction,
      },
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('DROP TABLE subjects', { transaction });
  },
};
