/**
 * The app's API types, generated from the engine's OpenAPI document with openapi-typescript
 * (STYLE #13: one client typed from /api/openapi.json, never hand-written shapes).
 *
 *   npm run generate:api-types                 from an engine started here for the purpose
 *   npm run generate:api-types -- <url>        from a running engine (e.g. http://127.0.0.1:3000)
 *
 * api/schema.test.ts fails when runtime/app/api/schema.d.ts is stale.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import prettier from 'prettier';
// Build tooling, not app code: it starts an engine to read the document it serves.
import { startTestEngine } from '@formwork/engine/testing';

export const schemaFile = fileURLToPath(new URL('../api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the engine's /api/openapi.json by \`npm run generate:api-types\`. Do not edit:
 * change the route definitions in engine/src/routes and regenerate.
 */
`;

/** The engine's OpenAPI document: fetched from \`url\`, or from an engine started for it. */
export async function engineDocument(url?: string): Promise<OpenAPI3> {
  if (url) {
    const response = await fetch(new URL('/api/openapi.json', url));
    if (!response.ok) throw new Error(`GET ${url}/api/openapi.json answered ${response.status}`);
    return (await response.json()) as OpenAPI3;
  }
  // Every bundled plugin, as `formwork start` loads them: the app may call their routes.
  const engine = await startTestEngine({ plugins: undefined, logLevel: 'silent' });
  try {
    return (await (await fetch(`${engine.url}/api/openapi.json`)).json()) as OpenAPI3;
  } finally {
    await engine.stop();
  }
}

/** The TypeScript declarations of `document`, formatted as the repository formats. */
export async function apiTypesFrom(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: true });
  const config = (await prettier.resolveConfig(schemaFile)) ?? {};
  return prettier.format(HEADER + astToString(ast), { ...config, filepath: schemaFile });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const url = process.argv[2] ?? process.env.FORMWORK_URL;
  fs.writeFileSync(schemaFile, await apiTypesFrom(await engineDocument(url)));
  process.stdout.write(`wrote ${schemaFile}\n`);
}
