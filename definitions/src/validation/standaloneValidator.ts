import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { compileSchemaSafely } from '../limits/compileSchemaSafely.js';
import { createAjv, LINEAR_REGEXP_MODULE } from './createAjv.js';
import { schemaFingerprint } from './schemaFingerprint.js';

export { LINEAR_REGEXP_MODULE };

type StandaloneCode = (ajv: ReturnType<typeof createAjv>, validate: ValidateFunction) => string;
/** ajv/dist/standalone is CommonJS: its default import is the function or holds it (`.default`). */
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

/** A form version's validator as the source of an ES module. */
export interface StandaloneValidatorSource {
  /**
   * Ajv's standalone ESM code: `export const validate` (and a default export), plus
   * `export const fingerprint`, the schemaFingerprint of the schema it validates. It still
   * `require`s what the validator calls: Ajv's runtime helpers (`ajv/dist/runtime/…`), the
   * formats (`ajv-formats/dist/formats`) and linearRegExp (LINEAR_REGEXP_MODULE); a bundling
   * step resolves them (they are listed in `requires`).
   */
  code: string;
  /** Every module specifier the code requires. */
  requires: string[];
  fingerprint: string;
}

export class StandaloneValidatorError extends Error {
  override name = 'StandaloneValidatorError';
}

/**
 * The validator of a compiled form's schema (`CompiledForm.schema`) as standalone code, so that a
 * browser whose Content-Security-Policy forbids `new Function` runs the very validator the server
 * runs: the same createAjv options (strict 2020-12, formats, patterns on RE2, the x- keywords,
 * which are metadata only and leave no code), so the same verdicts, paths and messages. Pure: no
 * I/O; throws StandaloneValidatorError when the schema does not compile.
 */
export function standaloneValidatorSource(schema: unknown): StandaloneValidatorSource {
  const ajv = createAjv({ standalone: true });
  const compiled = compileSchemaSafely(ajv, schema);
  if (!compiled.ok) {
    throw new StandaloneValidatorError(
      `the schema does not compile: ${compiled.problems.map((p) => `${p.path || '/'} ${p.message.en}`).join('; ')}`,
    );
  }
  // compileSchemaSafely guards the validator; the source is Ajv's own function's.
  const source = standaloneCode(ajv, compiled.validate);
  const print = schemaFingerprint(schema);
  const code = `${source}\nexport const fingerprint = ${JSON.stringify(print)};\n`;
  const requires = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))];
  return { code, requires, fingerprint: print };
}
