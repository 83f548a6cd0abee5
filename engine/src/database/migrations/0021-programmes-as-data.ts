import type { Migration } from './Migration.js';

/**
 * Programmes are data: a province's overlay may add one (`add-program`), so an enrollment's
 * programme is no longer one of the three national ones fixed by 0006's CHECK. Which programmes
 * a resident may be enrolled in is the release serving their clinic's to say (EnrollmentService);
 * the column keeps only the shape of a programme id (the meta-schema's).
 */
export const migration: Migration = {
  name: '0021-programmes-as-data',
  async up({ sequelize, transaction }) {
    await sequelize.query('ALTER TABLE enrollments DROP CONSTRAINT enrollments_program_check', {
      transaction,
    });
    await sequelize.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_program_check
         CHECK (program ~ '^[a-z][a-z0-9-]{1,63}$')`,
      { transaction },
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('ALTER TABLE enrollments DROP CONSTRAINT enrollments_program_check', {
      transaction,
    });
    await sequelize.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_program_check
         CHECK (program IN ('hypertension', 'diabetes', 'pregnancy')) NOT VALID`,
      { transaction },
    );
  },
};
