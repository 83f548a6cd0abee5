import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedTypesFile, generateTypes } from '../../scripts/generateTypes.js';

describe('generated types', () => {
  it('match the meta-schemas (run `npm run generate:types` after changing a meta-schema)', async () => {
    expect(fs.readFileSync(generatedTypesFile, 'utf8')).toBe(await generateTypes());
  });
});
