import type { SignerRef } from '@formwork/engine/plugin-api';
import type { Certificate } from '../x509/Certificate.js';

/**
 * Key custody: where the private keys live and who uses them. The signer asks a provider for the
 * certificate it will sign under, then for the signature; keys never leave the provider (the
 * local provider holds them in memory once unlocked, the signing server never sends them).
 */
export interface KeyProvider {
  readonly kind: 'local' | 'signing-server';
  /** The certificate signatures by `as` carry (and intermediates, if the provider has them). */
  certificateFor(as: SignerRef): Promise<{ certificate: Certificate; chain: Certificate[] }>;
  /** SM2 signature (DER) over `message` with the key of `as`, Z from `distId`. */
  sign(message: Uint8Array, as: SignerRef, distId: string): Promise<Uint8Array>;
}

/** Signing is not possible right now (no key for that user, server down): the caller decides. */
export class SigningUnavailableError extends Error {
  override name = 'SigningUnavailableError';
  constructor(
    readonly zh: string,
    readonly en: string,
    options?: ErrorOptions,
  ) {
    super(`${zh} / ${en}`, options);
  }
}

/** The key alias of a signer: the username of a user, `platform` for the system's own signatures. */
export function aliasOf(as: SignerRef): string {
  return as.kind === 'user' ? as.username : 'platform';
}
