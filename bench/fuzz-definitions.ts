/**
 * Random schemas and random data through compileSchemaSafely and the validators it returns: the
 * arbitraries of definitions/src/limits/fuzz.test.ts, run longer and with longer adversarial
 * strings. Prints how many schemas the limits and Ajv refused and compile/validate times, and
 * the compile time of two schemas as large as the default limits accept; never fails on time. An exception escaping (a real defect) stops it with fast-check's counterexample.
 *   npm run bench -- fuzz-definitions      (FUZZ_RUNS=5000, FUZZ_SEED=<random, printed>)
 */
import fc from 'fast-check';
import { compileSchemaSafely } from '../definitions/src/limits/compileSchemaSafely.js';
import {
  createFuzzFigures,
  percentile,
  runFuzzCase,
} from '../definitions/src/limits/fuzzRunner.js';
import { dataArbitrary, schemaArbitrary } from '../definitions/src/limits/schemaArbitraries.js';
import { createAjv } from '../definitions/src/validation/createAjv.js';
import { Report } from './lib/report.js';

const runs = Number(process.env.FUZZ_RUNS ?? 5000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LONG_STRING = 20_000;
/** A fresh validator every so many cases, as an engine would per form version. */
const CASES_PER_VALIDATOR = 500;

process.stderr.write(`fuzz-definitions: ${runs} schemas, FUZZ_SEED=${seed}\n`);
const figures = createFuzzFigures();
/** A validator with its meta-schema compiled, so no case pays for that. */
function freshAjv() {
  const fresh = createAjv();
  fresh.validateSchema({});
  return fresh;
}
let ajv = freshAjv();
let nextProgress = 1;
const started = performance.now();

fc.assert(
  fc.property(
    schemaArbitrary({ maxDepth: 5, maxKeywords: 6 }),
    fc.array(dataArbitrary({ longString: LONG_STRING }), { maxLength: 6 }),
    (schema, data) => {
      if (figures.cases > 0 && figures.cases % CASES_PER_VALIDATOR === 0) ajv = freshAjv();
      runFuzzCase(ajv, schema, data, figures);
      if (figures.cases >= (nextProgress * runs) / 10) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(
          `  ${nextProgress * 10}% (${figures.cases} schemas, ${seconds} s, ` +
            `worst compile ${figures.worstCompileMs.toFixed(1)} ms)\n`,
        );
        nextProgress++;
      }
    },
  ),
  { numRuns: runs, seed },
);

const codes = Object.entries(figures.codes)
  .sort((a, b) => b[1] - a[1])
  .map(([code, count]) => `${code} ${count}`)
  .join(', ');
process.stderr.write(`problems reported: ${codes || 'none'}\n`);
for (const [reason, count] of Object.entries(figures.failureReasons)) {
  process.stderr.write(`validations failing inside Ajv (answered false): ${count}× ${reason}\n`);
}
process.stderr.write(`slowest schema to compile: ${figures.worstCompileSchema.slice(0, 600)}\n`);

/** compileSchemaSafely time of a schema as large as the default limits accept. */
function compileAtLimit(title: string, schema: Record<string, unknown>): number {
  process.stderr.write(`at the limits: ${title} …\n`);
  const start = performance.now();
  const result = compileSchemaSafely(freshAjv(), schema);
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(`${title} was refused: ${JSON.stringify(result.problems)}`);
  return ms;
}
const anyOfAtLimit = compileAtLimit('anyOf of 4999 subschemas', {
  anyOf: Array.from({ length: 4999 }, (_, i) => ({ minimum: i })),
});
const fields: Record<string, unknown> = {};
for (let i = 0; i < 2000; i++) {
  fields[`field${i}`] = {
    type: 'string',
    minLength: 1,
    maxLength: 50,
    pattern: '^[\\w\\u4e00-\\u9fa5]*$',
  };
}
const propertiesAtLimit = compileAtLimit('2000 properties', { type: 'object', properties: fields });

const report = new Report('fuzz-definitions');
report.add('cases_tried', figures.cases, 'schemas');
report.add('rejected_by_limits', figures.rejectedByLimits, 'schemas');
report.add('refused_by_ajv', figures.refusedByAjv, 'schemas');
report.add('compiled', figures.compiled, 'schemas');
report.add('validations', figures.validations, 'validations');
report.add('validation_failures_inside_ajv', figures.validationFailures, 'validations');
report.add('compile_p50', percentile(figures.compileMs, 50), 'ms');
report.add('compile_p99', percentile(figures.compileMs, 99), 'ms');
report.add('compile_worst', figures.worstCompileMs, 'ms');
report.add('validate_worst', figures.worstValidateMs, 'ms');
report.add('compile_at_limit_anyOf_4999_subschemas', anyOfAtLimit, 'ms');
report.add('compile_at_limit_2000_properties', propertiesAtLimit, 'ms');
report.printTable();
