import type { Migration } from './Migration.js';
import { migration as system } from './0001-system.js';

/** Every migration, in order. Add new ones at the end; never edit or reorder a published one. */
export const migrations: readonly Migration[] = [system];
