import type { Ajv2020 } from '../validation/createAjv.js';
import { compileSchemaSafely, type CompileSchemaResult } from './compileSchemaSafely.js';
import { VALIDATION_FAILED } from './guardValidate.js';

/**
 * One fuzz case (a schema and some data through compileSchemaSafely and the validator it
 * returns) and the figures of a run, shared by limits/fuzz.test.ts and bench/fuzz-definitions.ts.
 * Times are recorded to be printed, never asserted.
 */
export interface FuzzFigures {
  cases: number;
  /** Refused by checkSchemaLimits (any problem other than schema-invalid). */
  rejectedByLimits: number;
  /** Passed the limits, refused by Ajv (meta-schema, strict mode, compile error). */
  refusedByAjv: number;
  compiled: number;
  validations: number;
  /** Validations where Ajv threw (or answered a Promise) and the guard answered false. */
  validationFailures: number;
  /** Why those failed (the reason the guard reported), with counts. */
  failureReasons: Record<string, number>;
  /** compileSchemaSafely time of every case, ms. */
  compileMs: number[];
  worstCompileMs: number;
  /** JSON of the schema that took longest to compile (to reproduce it). */
  worstCompileSchema: string;
  worstValidateMs: number;
  /** How often each problem code was reported. */
  codes: Record<string, number>;
}

export function createFuzzFigures(): FuzzFigures {
  return {
    cases: 0,
    rejectedByLimits: 0,
    refusedByAjv: 0,
    compiled: 0,
    validations: 0,
    validationFailures: 0,
    failureReasons: {},
    compileMs: [],
    worstCompileMs: 0,
    worstCompileSchema: '',
    worstValidateMs: 0,
    codes: {},
  };
}

export interface FuzzOutcome {
  result: CompileSchemaResult;
  /** Result of validating each datum, when the schema compiled. */
  valid: boolean[];
}

/**
 * Compiles `schema` safely on `ajv`, validates each datum, records the figures, and removes the
 * schema from `ajv` again (so one validator serves a whole run). Whatever throws, throws: the
 * caller's property fails on it.
 */
export function runFuzzCase(
  ajv: Ajv2020,
  schema: unknown,
  data: readonly unknown[],
  figures: FuzzFigures,
): FuzzOutcome {
  figures.cases++;
  const started = performance.now();
  const result = compileSchemaSafely(ajv, schema);
  const compileMs = performance.now() - started;
  figures.compileMs.push(compileMs);
  if (compileMs > figures.worstCompileMs) {
    figures.worstCompileMs = compileMs;
    figures.worstCompileSchema = JSON.stringify(schema);
  }
  if (!result.ok) {
    for (const problem of result.problems) {
      figures.codes[problem.code] = (figures.codes[problem.code] ?? 0) + 1;
    }
    if (result.problems.every((p) => p.code === 'schema-invalid')) figures.refusedByAjv++;
    else figures.rejectedByLimits++;
    return { result, valid: [] };
  }
  figures.compiled++;
  const valid: boolean[] = [];
  try {
    for (const datum of data) {
      const start = performance.now();
      const answer = result.validate(datum) as boolean;
      figures.worstValidateMs = Math.max(figures.worstValidateMs, performance.now() - start);
      figures.validations++;
      const first = result.validate.errors?.[0];
      if (!answer && first?.keyword === VALIDATION_FAILED) {
        figures.validationFailures++;
        const reason = String((first.params as { reason?: unknown }).reason).slice(0, 80);
        figures.failureReasons[reason] = (figures.failureReasons[reason] ?? 0) + 1;
      }
      valid.push(answer);
    }
  } finally {
    ajv.removeSchema(schema as object);
  }
  return { result, valid };
}

/** The p-th percentile (0–100) of some values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** One line for the test output. */
export function describeFigures(figures: FuzzFigures): string {
  const codes = Object.entries(figures.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  const failures = Object.entries(figures.failureReasons)
    .map(([reason, count]) => `${count}× ${reason}`)
    .join('; ');
  return (
    `fuzz: ${figures.cases} schemas, ${figures.rejectedByLimits} rejected by limits, ` +
    `${figures.refusedByAjv} refused by Ajv, ${figures.compiled} compiled, ` +
    `${figures.validations} validations (${figures.validationFailures} failed inside Ajv, answered false); compile p50 ${percentile(figures.compileMs, 50).toFixed(2)} ms, ` +
    `worst ${figures.worstCompileMs.toFixed(1)} ms; worst validate ${figures.worstValidateMs.toFixed(2)} ms; ` +
    `problems: ${codes || 'none'}` +
    (failures ? `; failures inside Ajv: ${failures}` : '')
  );
}
