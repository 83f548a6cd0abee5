import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesFrom, engineDocument, schemaFile } from '../scripts/apiTypes.js';

describe("the app's API types", () => {
  it('given the routes the engine serves today, when the types are generated from its OpenAPI document, then runtime/app/api/schema.d.ts is what they give (else run `npm run generate:api-types`)', async () => {
    const expected = await apiTypesFrom(await engineDocument());
    const actual = fs.readFileSync(schemaFile, 'utf8');
    // Compared whole, not with toEqual on the string: the message stays readable.
    expect(
      actual === expected,
      'runtime/app/api/schema.d.ts is stale: run `npm run generate:api-types`',
    ).toBe(true);
    // It starts an engine with every bundled plugin, then generates the types.
  }, 120_000);
});
