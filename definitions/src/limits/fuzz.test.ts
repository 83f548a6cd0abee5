/**
 * Random schemas and random data through compileSchemaSafely and the validators it returns:
 * nothing may throw, and everything must finish (a hang would stop this file). Short by default
 * (FUZZ_RUNS=150); `npm run bench -- fuzz-definitions` runs the same arbitraries for longer.
 * Fixed seed (FUZZ_SEED), so a failure reproduces; fast-check prints seed and path with it.
 * Compile times are printed, never asserted.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from '../validation/createAjv.js';
import { compileSchemaSafely } from './compileSchemaSafely.js';
import { createFuzzFigures, describeFigures, runFuzzCase } from './fuzzRunner.js';
import { dataArbitrary, schemaArbitrary } from './schemaArbitraries.js';
import { checkSchemaLimits, type SchemaProblem } from './schemaLimits.js';

const runs = Number(process.env.FUZZ_RUNS ?? 150);
const seed = Number(process.env.FUZZ_SEED ?? 20_260_601);

const CODES = new Set([
  'not-an-object',
  'not-json',
  'schema-too-large',
  'schema-too-deep',
  'too-many-properties',
  'too-many-subschemas',
  'too-many-enum-values',
  'too-many-refs',
  'pattern-too-long',
  'pattern-unsupported',
  'pattern-too-complex',
  'data-ref-forbidden',
  'async-forbidden',
  'unique-items-quadratic',
  'remote-ref-forbidden',
  'dynamic-ref-unsupported',
  'ref-target-invalid',
  'ref-cycle',
  'schema-invalid',
]);

function expectWellFormed(problems: readonly SchemaProblem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(CODES.has(p.code), p.code).toBe(true);
    expect(p.path === '' || p.path.startsWith('/'), p.path).toBe(true);
    expect(typeof p.message.zh).toBe('string');
    expect(p.message.en.length).toBeGreaterThan(0);
  }
}

describe(`fuzz (FUZZ_RUNS=${runs}, FUZZ_SEED=${seed})`, () => {
  const figures = createFuzzFigures();
  afterAll(() => {
    console.log(describeFigures(figures));
  });

  it('compileSchemaSafely and the validators it returns never throw on random schemas and data', () => {
    const ajv = createAjv();
    ajv.validateSchema({}); // compile the meta-schema now, so no case's time includes it
    fc.assert(
      fc.property(
        schemaArbitrary(),
        fc.array(dataArbitrary(), { maxLength: 4 }),
        (schema, data) => {
          const { result, valid } = runFuzzCase(ajv, schema, data, figures);
          if (result.ok) expect(valid).toHaveLength(data.length);
          else expectWellFormed(result.problems);
        },
      ),
      { numRuns: runs, seed },
    );
    expect(figures.cases).toBe(runs);
  });

  it('gives the same answer for a schema and its JSON round trip', () => {
    fc.assert(
      fc.property(schemaArbitrary(), (schema) => {
        const copy = JSON.parse(JSON.stringify(schema)) as unknown;
        expect(checkSchemaLimits(copy)).toEqual(checkSchemaLimits(schema));
      }),
      { numRuns: runs, seed },
    );
  });

  it('never throws on any value at all, JSON or not', () => {
    const ajv = createAjv();
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (value) => {
          const problems = checkSchemaLimits(value);
          expect(Array.isArray(problems)).toBe(true);
          const result = compileSchemaSafely(ajv, value);
          if (!result.ok) expectWellFormed(result.problems);
          else ajv.removeSchema(value as object);
        },
      ),
      { numRuns: runs, seed },
    );
  });
});
