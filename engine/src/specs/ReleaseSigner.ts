/**
 * Release signing: the signer a plugin registers (e.g. the CA signing plugin) and the signature a
 * release stores with its manifest.
 */

/** A signer a plugin registers (e.g. the CA signing plugin): signs a release manifest. */
export interface ReleaseSigner {
  /** e.g. `SM2-SM3` */
  algorithm: string;
  sign(bytes: Uint8Array): Promise<{ signature: string; signer: string }>;
}

export interface ReleaseSignature {
  algorithm: string;
  signer: string;
  /** The signature of the manifest's canonical JSON (RFC 8785), as the signer encodes it. */
  value: string;
  signedAt: string;
}
