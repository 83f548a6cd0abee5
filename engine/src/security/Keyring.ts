import crypto from 'node:crypto';
import { DataKeyError } from './DataKeyError.js';

/** The master keys for personal data: 32 random bytes each, never stored in the database. */
export interface Keyring {
  /** Encrypts everything new and keys the lookup hashes. */
  current: Buffer;
  /** Earlier keys, still accepted for decryption while data is re-encrypted. */
  previous?: Buffer[];
}

export const MASTER_KEY_BYTES = 32;

const ENCRYPTION_INFO = 'formwork/pii-encryption/v1';
const LOOKUP_INFO = 'formwork/pii-lookup/v1';

/** The working keys derived from one master key. */
export interface DerivedDataKey {
  /** First 8 hex characters of SHA-256 of the master key; written into every envelope. */
  id: string;
  /** AES-256-GCM key. */
  encryption: Buffer;
  /** HMAC-SHA256 key for lookup hashes. */
  lookup: Buffer;
}

function hkdf(master: Buffer, info: string): Buffer {
  // No salt (RFC 5869 §3.1 allows it): the master key is already uniformly random.
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

/** The key id of a master key: not secret, it only tells which key an envelope needs. */
export function dataKeyId(master: Buffer): string {
  return crypto.createHash('sha256').update(master).digest('hex').slice(0, 8);
}

/** Derives the encryption and lookup keys (HKDF-SHA256, separate `info` for each). */
export function deriveDataKey(master: Buffer): DerivedDataKey {
  if (!Buffer.isBuffer(master) || master.length !== MASTER_KEY_BYTES) {
    throw new DataKeyError(`A personal-data key must be exactly ${MASTER_KEY_BYTES} bytes`);
  }
  return {
    id: dataKeyId(master),
    encryption: hkdf(master, ENCRYPTION_INFO),
    lookup: hkdf(master, LOOKUP_INFO),
  };
}
