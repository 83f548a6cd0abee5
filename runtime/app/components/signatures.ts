import { api, ok } from '../api/index.js';
import type { components } from '../api/schema.js';

/**
 * What the engine answers about a stored signature (GET /api/submissions/:id/signature,
 * GET /api/releases/:id/signature): valid, or the first thing that failed, or unsigned.
 */
export type SignatureVerification = components['schemas']['SignatureVerification'];
export type SignatureStatus = SignatureVerification['status'];

/** What carries a signature: a stored submission (signable forms, reports) or a release. */
export type SignedSubject = 'submission' | 'release';

/**
 * Asks the engine whether `id`'s newest signature verifies. Rejects with the engine's ApiError,
 * 503 `signer_unavailable` when no signing plugin is loaded to verify a stored signature.
 */
export function verifySignature(
  subject: SignedSubject,
  id: string,
): Promise<SignatureVerification> {
  const params = { params: { path: { id } } };
  return subject === 'release'
    ? ok(api.GET('/api/releases/{id}/signature', params))
    : ok(api.GET('/api/submissions/{id}/signature', params));
}

/**
 * Whether a form's submissions are signed as they are stored: `"x-signable": true` at the root of
 * its schema, as the engine decides (engine/src/signing/SubmissionSignatures.ts).
 */
export function isSignableForm(definition: { schema: object }): boolean {
  return (definition.schema as Record<string, unknown>)['x-signable'] === true;
}
