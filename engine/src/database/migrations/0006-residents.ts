import type { Migration } from './Migration.js';

/** Residents: health record numbers, pinyin initials, updates; enrollments in programs. */
export const migration: Migration = {
  name: '0006-residents',
  async up() {
    // filled in by the residents work
  },
  async down() {},
};
