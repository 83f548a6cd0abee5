import type { Migration } from './Migration.js';

/** The last TOTP time step a user signed in with: a code is accepted once (RFC 6238 §5.2). */
export const migration: Migration = {
  name: '0005-totp-replay',
  async up({ sequelize, transaction }) {
    await sequelize.query('ALTER TABLE users ADD COLUMN totp_last_step bigint', { transaction });
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('ALTER TABLE users DROP COLUMN totp_last_step', { transaction });
  },
};
