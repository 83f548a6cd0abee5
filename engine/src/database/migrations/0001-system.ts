import type { Migration } from './Migration.js';

/** Key/value facts about this installation (its id, when it was first started). */
export const migration: Migration = {
  name: '0001-system',
  async up({ sequelize, transaction }) {
    await sequelize.query(
      `CREATE TABLE formwork_system (
         key text PRIMARY KEY,
         value jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      { transaction },
    );
  },
  async down({ sequelize, transaction }) {
    await sequelize.query('DROP TABLE formwork_system', { transaction });
  },
};
