import { fingerprint } from '../forms/fingerprint.js';

/**
 * The fingerprint of a compiled form's schema: what a standalone validator carries to say which
 * schema it was generated from (see standaloneValidator.ts and compilePrecompiledForm).
 */
export function schemaFingerprint(schema: unknown): string {
  return fingerprint(JSON.stringify(schema));
}
