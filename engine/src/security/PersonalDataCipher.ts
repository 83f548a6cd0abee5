import crypto from 'node:crypto';
import { deriveDataKey, type DerivedDataKey, type Keyring } from './Keyring.js';
import { PersonalDataError } from './PersonalDataError.js';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const KEY_ID = /^[0-9a-f]{8}$/;

function decodeBase64url(part: string, bytes?: number): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const buffer = Buffer.from(part, 'base64url');
  // Buffer.from is lenient: only the canonical encoding is accepted.
  if (buffer.toString('base64url') !== part) return undefined;
  if (bytes !== undefined && buffer.length !== bytes) return undefined;
  return buffer;
}

/**
 * The additional authenticated data: the envelope's version and key id and the caller's context,
 * so a ciphertext copied to another column (another context) does not decrypt.
 */
function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}\0${keyId}\0${context}`, 'utf8');
}

function checkContext(context: string): void {
  if (typeof context !== 'string') throw new TypeError('context must be a string');
}

/**
 * Encrypts personal data at rest (AES-256-GCM) and computes keyed lookup hashes (HMAC-SHA256), so
 * a column can hold ciphertext and still be searched by exact value.
 *
 * Envelope: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, the last three base64url, a fresh random 12-byte
 * IV each time. `context` (e.g. `subject.idNumber`) is authenticated, not stored: pass the same
 * on decryption. Keys are held in private fields: they do not appear in JSON or `util.inspect`.
 */
export class PersonalDataCipher {
  readonly #current: DerivedDataKey;
  readonly #keys = new Map<string, DerivedDataKey>();

  constructor(keyring: Keyring) {
    this.#current = deriveDataKey(keyring.current);
    for (const master of keyring.previous ?? []) {
      const key = deriveDataKey(master);
      this.#keys.set(key.id, key);
    }
    this.#keys.set(this.#current.id, this.#current);
  }

  /** The id of the key new envelopes are written with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(plaintext: string, context = ''): string {
    if (typeof plaintext !== 'string') throw new TypeError('plaintext must be a string');
    checkContext(context);
    const key = this.#current;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv(ALGORITHM, key.encryption, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(additionalData(key.id, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      key.id,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  }

  /** Decrypts an envelope written by `encrypt` with any key of the keyring. */
  decrypt(envelope: string, context = ''): string {
    checkContext(context);
    const parts = typeof envelope === 'string' ? envelope.split('.') : [];
    const [version, keyId, ivPart, ciphertextPart, tagPart] = parts;
    if (
      parts.length !== 5 ||
      version !== VERSION ||
      keyId === undefined ||
      !KEY_ID.test(keyId) ||
      ivPart === undefined ||
      ciphertextPart === undefined ||
      tagPart === undefined
    ) {
      throw new PersonalDataError(
        'malformed-envelope',
        `Encrypted personal data is malformed (expected ${VERSION}.<keyId>.<iv>.<ciphertext>.<tag>)`,
      );
    }
    const iv = decodeBase64url(ivPart, IV_BYTES);
    const ciphertext = decodeBase64url(ciphertextPart);
    const tag = decodeBase64url(tagPart, TAG_BYTES);
    if (!iv || !ciphertext || !tag) {
      throw new PersonalDataError(
        'malformed-envelope',
        'Encrypted personal data is malformed (bad IV, ciphertext or tag encoding)',
      );
    }
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new PersonalDataError(
        'unknown-key',
        `Encrypted personal data needs key ${keyId}, which is neither DATA_KEY nor one of DATA_KEYS_PREVIOUS`,
      );
    }
    try {
      const decipher = crypto.createDecipheriv(ALGORITHM, key.encryption, iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(additionalData(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new PersonalDataError(
        'decryption-failed',
        `Encrypted personal data failed authentication with key ${keyId} ` +
          `(context ${JSON.stringify(context)}): it was altered, or it belongs to another context`,
      );
    }
  }

  /** True when the envelope was written with an earlier key and should be re-encrypted. */
  needsReencryption(envelope: string): boolean {
    return envelope.split('.', 2)[1] !== this.#current.id;
  }

  /**
   * A keyed hash (HMAC-SHA256 with the current key's lookup key, hex) for exact-match search:
   * store it beside the ciphertext and query by it. `purpose` (e.g. `subject.idNumber`) separates
   * fields, so equal values in two fields hash differently. The value is NFC-normalized and
   * trimmed; anything domain-specific (an ID number's upper-case X) is the caller's to normalize
   * first. Rotating the current key changes every hash: recompute them (see the README).
   */
  lookupHash(value: string, purpose: string): string {
    return PersonalDataCipher.#hmac(this.#current, value, purpose);
  }

  /**
   * The lookup hashes of `value` under every key of the keyring, the current key's first: during a
   * rotation, search with all of them until every stored hash has been recomputed.
   */
  lookupHashCandidates(value: string, purpose: string): string[] {
    const others = [...this.#keys.values()].filter((key) => key !== this.#current);
    return [this.#current, ...others].map((key) => PersonalDataCipher.#hmac(key, value, purpose));
  }

  static #hmac(key: DerivedDataKey, value: string, purpose: string): string {
    if (typeof value !== 'string') throw new TypeError('value must be a string');
    if (typeof purpose !== 'string' || purpose === '' || purpose.includes('\0')) {
      throw new TypeError('purpose must be a non-empty string without NUL characters');
    }
    return crypto
      .createHmac('sha256', key.lookup)
      .update(`${purpose}\0${value.normalize('NFC').trim()}`, 'utf8')
      .digest('hex');
  }
}
