import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplateDir } from './engine/src/testing/testDatabase.js';

/**
 * Without DATABASE_URL, integration tests run on PGlite. Initialising a PGlite data directory
 * takes ~5 s, so it is done once here and each test file copies the result.
 */
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const dir = pgliteTemplateDir(process.cwd());
  const marker = path.join(dir, 'ready');
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(path.join(dir, 'pglite'));
  await db.close();
  fs.writeFileSync(marker, new Date().toISOString());
}
