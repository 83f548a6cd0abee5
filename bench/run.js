#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts. Benchmarks print figures; they never fail on time.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';

const name = process.argv[2];
const available = fs
  .readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));
if (!name || !available.includes(name)) {
  process.stderr.write(
    `usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}\n`,
  );
  process.exit(name ? 1 : 0);
}
register();
await import(`./${name}.ts`);
