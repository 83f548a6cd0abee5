import { canonicalJson, type JsonValue } from '@formwork/engine/plugin-api';

/**
 * The bytes a signature covers: RFC 8785 canonical JSON of `{ content, certificate, signedAt }`,
 * so the signer's certificate and the signing time are signed with the content.
 */
export function signedEnvelope(
  content: JsonValue,
  certificate: string,
  signedAt: string,
): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ content, certificate, signedAt }));
}
