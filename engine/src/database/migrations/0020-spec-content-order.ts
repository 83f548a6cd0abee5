import type { Migration } from './Migration.js';

/**
 * A spec or overlay version's content is kept as `json`, the text as written, instead of `jsonb`,
 * which sorts an object's keys (shortest first): the order of a form's fields is the order of its
 * schema's `properties`, and only the top level carries a `ui:order`, so the fields inside a group
 * or a repeating group came out of the database reordered (用药情况: 剂量单位 before 药物名称).
 * Rows written before keep the sorted order they were stored in; the seed import writes its own
 * versions' text again (seedReleases.ts) — a published row's content may be rewritten only as the
 * same JSON value, which the published guard checks (it compares rows as jsonb).
 */
export const migration: Migration = {
  name: '0020-spec-content-order',
  async up({ sequelize, transaction }) {
    for (const table of ['spec_versions', 'overlay_versions']) {
      await sequelize.query(
        `ALTER TABLE ${table} ALTER COLUMN content TYPE json USING content::json`,
        { transaction },
      );
    }
  },
  async down({ sequelize, transaction }) {
    for (const table of ['spec_versions', 'overlay_versions']) {
      await sequelize.query(
        `ALTER TABLE ${table} ALTER COLUMN content TYPE jsonb USING content::jsonb`,
        { transaction },
      );
    }
  },
};
