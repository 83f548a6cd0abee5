import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../audit/canonicalJson.js';
import { HttpError } from '../http/HttpError.js';
import type { DocumentSignature, DocumentSigner, SignerRef } from './DocumentSigner.js';

/** sha256 hex of the canonical JSON (RFC 8785) of what was handed to the signer. */
export const signedContentHash = (content: JsonValue) =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

/** The signer failed: nothing is stored (502: the signer is a collaborator of the engine). */
export function signatureFailed(what: { zh: string; en: string }, err: unknown): HttpError {
  const cause = err instanceof Error ? err.message : String(err);
  return new HttpError(
    502,
    'signature_failed',
    `${what.zh}签名失败，未保存：${cause} / Signing ${what.en} failed, nothing was stored: ${cause}`,
    { cause },
  );
}

/** No signing plugin is loaded: to verify a stored signature, or to sign on request. */
export function signerUnavailable(to: 'verify' | 'sign' = 'verify'): HttpError {
  return new HttpError(
    503,
    'signer_unavailable',
    to === 'verify'
      ? '签名已保存，但未加载签名插件，无法验证 / A signature is stored but no signing plugin is loaded to verify it (PLUGINS)'
      : '未加载签名插件，无法签名 / No signing plugin is loaded: nothing can be signed (PLUGINS)',
  );
}

/**
 * The DocumentSigner a plugin registered (`api.signer`), shared by everything that signs:
 * releases, signable submissions, the audit head. Set once the plugins are loaded; undefined
 * when none registered one (then nothing is signed and releases and submissions are stored
 * unsigned).
 */
export class SignerSlot {
  signer: DocumentSigner | undefined;

  /**
   * Signs `content` as `as`; a signer that throws or answers something that is not a
   * DocumentSignature becomes a 502 `signature_failed` naming the cause.
   */
  async sign(
    content: JsonValue,
    as: SignerRef,
    what: { zh: string; en: string },
  ): Promise<DocumentSignature> {
    const signer = this.signer;
    if (!signer) throw new Error('no signer registered');
    let signature: DocumentSignature;
    try {
      signature = await signer.sign(content, as);
    } catch (err) {
      throw signatureFailed(what, err);
    }
    const problem = checkSignature(signature);
    if (problem) throw signatureFailed(what, new Error(`the signer answered ${problem}`));
    return signature;
  }
}

/** Why a signer's answer is not a DocumentSignature, or undefined when it is one. */
function checkSignature(s: unknown): string | undefined {
  if (typeof s !== 'object' || s === null) return 'no signature';
  const fields = ['algorithm', 'value', 'certificate', 'signer', 'signedAt'] as const;
  for (const field of fields) {
    const value = (s as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !value) return `a signature without ${field}`;
  }
  // Stored as timestamptz and part of the signed bytes: it must read back as it was written.
  const signedAt = (s as DocumentSignature).signedAt;
  const time = new Date(signedAt);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== signedAt)
    return `signedAt "${signedAt}", which is not an ISO 8601 UTC time with milliseconds (Date.toISOString())`;
  return undefined;
}
