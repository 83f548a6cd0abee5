import type { Migration } from './Migration.js';

/**
 * Residents' names stored only encrypted: `name_enc` (a PersonalDataCipher envelope) and
 * `name_lookup`, a blind index (keyed hashes of every prefix of the name and of its pinyin
 * initials, GIN-indexed) that name and initials searches match on. Migrations have no data key,
 * so this one only makes room: the clear `name` and `name_initials` become nullable and lose their
 * indexes, and from now on no row may be written with them set (a CHECK, NOT VALID so that it
 * holds for every write without checking the rows already there). The engine seals those rows
 * at its next start (`sealResidentNames`): it fills the new columns and empties the clear ones.
 */
export const migration: Migration = {
  name: '0012-resident-names',
  async up({ sequelize, transaction }) {
    for (const statement of [
      `ALTER TABLE subjects
         ADD COLUMN name_enc text,
         ADD COLUMN name_lookup text[] NOT NULL DEFAULT '{}',
         ALTER COLUMN name DROP NOT NULL`,
      'DROP INDEX subjects_name',
      'DROP INDEX subjects_name_initials',
      'CREATE INDEX subjects_name_lookup ON subjects USING gin (name_lookup)',
      // Finds the rows still to seal at once, and is empty once they are.
      `CREATE INDEX subjects_name_in_clear ON subjects (id)
         WHERE name IS NOT NULL OR name_initials IS NOT NULL`,
      `ALTER TABLE subjects ADD CONSTRAINT subjects_name_not_in_clear
         CHECK (name IS NULL AND name_initials IS NULL) NOT VALID`,
    ]) {
      await sequelize.query(statement, { transaction });
    }
  },
  async down({ sequelize, transaction }) {
    const [rows] = await sequelize.query(
      'SELECT count(*)::int AS n FROM subjects WHERE name_enc IS NOT NULL',
      { transaction },
    );
    const sealed = (rows as { n: number }[])[0]!.n;
    if (sealed) {
      throw new Error(
        `0012-resident-names cannot be undone: ${sealed} residents' names are stored only ` +
          'encrypted, and a migration has no data key to decrypt them',
      );
    }
    for (const statement of [
      'ALTER TABLE subjects DROP CONSTRAINT subjects_name_not_in_clear',
      'DROP INDEX subjects_name_in_clear',
      'DROP INDEX subjects_name_lookup',
      `ALTER TABLE subjects DROP COLUMN name_enc, DROP COLUMN name_lookup,
         ALTER COLUMN name SET NOT NULL`,
      'CREATE INDEX subjects_name ON subjects (name text_pattern_ops)',
      'CREATE INDEX subjects_name_initials ON subjects (name_initials text_pattern_ops)',
    ]) {
      await sequelize.query(statement, { transaction });
    }
  },
};
