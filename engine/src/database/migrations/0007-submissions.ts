import type { Migration } from './Migration.js';

/** Submissions, revisions, drafts, idempotency keys and the outbox. */
export const migration: Migration = {
  name: '0007-submissions',
  async up() {},
  async down() {},
};
