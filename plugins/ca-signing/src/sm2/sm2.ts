/**
 * SM2 digital signatures with SM3 (GM/T 0003.2 / GB/T 32918.2) on sm-crypto-v2: the digest is
 * SM3(Z ‖ M), Z computed from the signer's distinguishing ID and public key, exactly what
 * `openssl dgst -sm3 -sign/-verify -sigopt distid:…` does. Signature values are DER
 * `SEQUENCE { INTEGER r, INTEGER s }`, as OpenSSL writes them. (Node's own `crypto.sign('sm3')`
 * on an SM2 key computes no Z and does not interoperate: see shared/ARCHITECTURE.md.)
 */
import { sm2 } from 'sm-crypto-v2';
import {
  children,
  DerError,
  readOne,
  readUnsignedInteger,
  sequence,
  TAG,
  unsignedInteger,
} from '../asn1/der.js';
import { SigningInputError } from '../SigningInputError.js';

/** The default distinguishing ID of GM/T 0009 (the ASCII digits 1–8 twice). */
export const DEFAULT_DIST_ID = '1234567812345678';

/** The order n of the SM2 curve's base point. */
export const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** Largest message signed or verified (bytes); more is refused before hashing. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** An SM2 key pair as hex: private scalar (64 hex digits), public point 04‖x‖y (130). */
export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateKeyPair(): Sm2KeyPair {
  const pair = sm2.generateKeyPairHex();
  return { privateKey: pair.privateKey.padStart(64, '0'), publicKey: pair.publicKey };
}

export function publicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

/** Signs `message` (SM3 with Z over `distId`); returns the DER signature. */
export function sm2Sign(
  message: Uint8Array,
  key: Sm2KeyPair,
  distId: string = DEFAULT_DIST_ID,
): Uint8Array {
  checkSize(message);
  const rs = sm2.doSignature(message, key.privateKey, {
    hash: true,
    publicKey: key.publicKey,
    userId: distId,
  });
  return encodeSignature(BigInt(`0x${rs.slice(0, 64)}`), BigInt(`0x${rs.slice(64)}`));
}

/**
 * The digest an SM2 signature signs: e = SM3(Z ‖ M), Z from `distId` and the signer's public
 * key. What a signing server gets instead of the data (it never sees residents' records).
 */
export function sm2Digest(
  message: Uint8Array,
  publicKey: string,
  distId: string = DEFAULT_DIST_ID,
): Uint8Array {
  checkSize(message);
  return new Uint8Array(Buffer.from(sm2.getHash(message, publicKey, distId), 'hex'));
}

/** Signs a digest made by `sm2Digest` (a signing server's side); returns the DER signature. */
export function sm2SignDigest(digest: Uint8Array, key: Sm2KeyPair): Uint8Array {
  if (digest.length !== 32)
    throw new SigningInputError(
      'digest_invalid',
      'SM3 摘要应为 32 字节',
      'an SM3 digest is 32 bytes',
    );
  const rs = sm2.doSignature(digest, key.privateKey, { hash: false });
  return encodeSignature(BigInt(`0x${rs.slice(0, 64)}`), BigInt(`0x${rs.slice(64)}`));
}

/**
 * Verifies a DER signature over `message`. False for a signature that does not hold; a
 * SigningInputError for one that is not a well-formed SM2 signature value.
 */
export function sm2Verify(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: string,
  distId: string = DEFAULT_DIST_ID,
): boolean {
  checkSize(message);
  const { r, s } = decodeSignature(signature);
  const rs = r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
  return sm2.doVerifySignature(message, rs, pointOf(publicKey), { hash: true, userId: distId });
}

/** Keys seen more than once get their point precomputed (verification ~5× faster); bounded. */
const points = new Map<
  string,
  { uses: number; point?: ReturnType<typeof sm2.precomputePublicKey> }
>();
const MAX_POINTS = 512;

function pointOf(publicKey: string): string | ReturnType<typeof sm2.precomputePublicKey> {
  let entry = points.get(publicKey);
  if (!entry) {
    if (points.size >= MAX_POINTS) points.delete(points.keys().next().value!);
    entry = { uses: 0 };
    points.set(publicKey, entry);
  }
  entry.uses += 1;
  if (entry.uses === 2) entry.point = sm2.precomputePublicKey(publicKey);
  return entry.point ?? publicKey;
}

export function encodeSignature(r: bigint, s: bigint): Uint8Array {
  return sequence(unsignedInteger(r), unsignedInteger(s));
}

/** Reads DER `SEQUENCE { r, s }`, each in [1, n−1]. */
export function decodeSignature(der: Uint8Array): { r: bigint; s: bigint } {
  if (der.length > 80)
    throw new SigningInputError(
      'signature_malformed',
      '签名值过长',
      'the signature value is too long for SM2 (at most 72 bytes of DER)',
    );
  try {
    const parts = children(readOne(der, TAG.SEQUENCE));
    if (parts.length !== 2) throw new DerError('an SM2 signature is a SEQUENCE of two INTEGERs');
    const [r, s] = parts.map(readUnsignedInteger) as [bigint, bigint];
    if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER)
      throw new DerError('r and s must lie between 1 and n−1');
    return { r, s };
  } catch (err) {
    if (err instanceof DerError)
      throw new SigningInputError(
        'signature_malformed',
        `签名值格式错误：${err.message}`,
        `malformed SM2 signature: ${err.message}`,
      );
    throw err;
  }
}

function checkSize(message: Uint8Array): void {
  if (message.length > MAX_MESSAGE_BYTES)
    throw new SigningInputError(
      'message_too_large',
      `待签数据过大（${message.length} 字节，上限 ${MAX_MESSAGE_BYTES}）`,
      `the data is too large to sign or verify (${message.length} bytes, at most ${MAX_MESSAGE_BYTES})`,
    );
}
