import fs from 'node:fs';

/** The engine package's version, reported by /api/health and the OpenAPI document. */
export const engineVersion: string = (
  JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
