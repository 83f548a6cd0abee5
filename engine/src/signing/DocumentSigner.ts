/**
 * Digital signatures (电子签名): the signer a plugin registers (the CA signing plugin, SM2/SM3)
 * and what the engine stores beside each signed thing. The engine never signs or verifies by
 * itself: it builds the content to sign, hands it to the registered signer, and stores the
 * signature it gets back, append-only.
 *
 * The signed bytes are the RFC 8785 canonical JSON of an envelope the signer builds:
 * `{ content, certificate, signedAt }` — `content` is what the engine hands over (a submission's
 * payload with the hash of the exact form version it was captured on, a release manifest, the
 * audit trail's head), `certificate` the signer's certificate (base64 DER), `signedAt` the
 * signing time (ISO 8601). So a signature binds the signer's identity and time as well as the
 * content, and verification needs only the content and the stored signature.
 */
import type { JsonValue } from '../audit/canonicalJson.js';

/** Who signs: a user (their own certificate) or the platform itself (releases, the audit head). */
export type SignerRef =
  | { kind: 'user'; userId: string; username: string }
  | { kind: 'system'; purpose: 'release' | 'audit-head' };

/** A signature as stored beside what it signs. */
export interface DocumentSignature {
  /** e.g. `SM2-SM3` */
  algorithm: string;
  /** The signature value, base64 (SM2: DER SEQUENCE { r, s }). */
  value: string;
  /** The signer's X.509 certificate, base64 DER. */
  certificate: string;
  /** The certificate's subject, for people (e.g. `CN=王建国, O=…`). */
  signer: string;
  /**
   * When it was signed, ISO 8601 UTC with milliseconds as `Date.prototype.toISOString()` writes
   * it (`2026-12-07T08:00:00.000Z`; the engine refuses another form). Part of the signed bytes.
   */
  signedAt: string;
}

/**
 * valid: the signature holds and the certificate chains to a trusted root, was valid at the
 * signing time and is not revoked. Each other status names the first thing that failed.
 */
export type SignatureStatus =
  'valid' | 'invalid' | 'certificate-expired' | 'revoked' | 'unknown-issuer' | 'unsigned';

export interface SignatureVerification {
  status: SignatureStatus;
  /** What was checked or what failed, zh-CN then English. */
  message: { zh: string; en: string };
  signer?: string;
  signedAt?: string;
  algorithm?: string;
  /** Certificate details for display (serial hex, issuer, validity). */
  certificate?: {
    serial: string;
    subject: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
  };
}

/** A signer a plugin registers with `api.signer(...)`. At most one plugin may register one. */
export interface DocumentSigner {
  algorithm: string;
  /** Signs `content` as `as`. Throws (with a message naming the cause) when it cannot. */
  sign(content: JsonValue, as: SignerRef): Promise<DocumentSignature>;
  /** Verifies a stored signature over `content`; never throws for a bad signature. */
  verify(content: JsonValue, signature: DocumentSignature): Promise<SignatureVerification>;
}
