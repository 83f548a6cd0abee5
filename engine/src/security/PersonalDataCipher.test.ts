import crypto from 'node:crypto';
import util from 'node:util';
import { describe, expect, it } from 'vitest';
import { dataKeyId, deriveDataKey } from './Keyring.js';
import { PersonalDataCipher } from './PersonalDataCipher.js';
import { PersonalDataError } from './PersonalDataError.js';

const KEY_1 = crypto.randomBytes(32);
const KEY_2 = crypto.randomBytes(32);
const ID_NUMBER = '11010519491231002X';
const CONTEXT = 'subject.idNumber';

/** Flips one bit of the base64url part `index` of an envelope. */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

function errorOf(action: () => unknown): PersonalDataError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(PersonalDataError);
    return err as PersonalDataError;
  }
  throw new Error('expected a PersonalDataError');
}

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher({ current: KEY_1 });

  it.each([ID_NUMBER, '张三丰', '福建省福州市鼓楼区五四路 100 号 😀', '', 'x'.repeat(10_000)])(
    'round-trips %j',
    (plaintext) => {
      const envelope = cipher.encrypt(plaintext, CONTEXT);
      expect(cipher.decrypt(envelope, CONTEXT)).toBe(plaintext);
      expect(cipher.decrypt(cipher.encrypt(plaintext), '')).toBe(plaintext);
    },
  );

  it('writes v1.<keyId>.<iv>.<ciphertext>.<tag> with a 12-byte IV and a 16-byte tag', () => {
    const envelope = cipher.encrypt(ID_NUMBER, CONTEXT);
    const [version, keyId, iv, ciphertext, tag, ...rest] = envelope.split('.');
    expect(rest).toEqual([]);
    expect(version).toBe('v1');
    expect(keyId).toBe(dataKeyId(KEY_1));
    expect(keyId).toBe(cipher.currentKeyId);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ciphertext!, 'base64url')).toHaveLength(Buffer.byteLength(ID_NUMBER));
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(envelope).toMatch(/^v1\.[0-9a-f]{8}(\.[A-Za-z0-9_-]*){3}$/);
  });

  it('derives the key id from SHA-256 of the master key', () => {
    expect(dataKeyId(Buffer.alloc(32))).toBe('66687aad');
  });

  it('uses a fresh IV each time', () => {
    const envelopes = new Set(Array.from({ length: 50 }, () => cipher.encrypt(ID_NUMBER)));
    expect(envelopes.size).toBe(50);
    const ivs = new Set([...envelopes].map((e) => e.split('.')[2]));
    expect(ivs.size).toBe(50);
  });

  it('never shows the plaintext in the envelope', () => {
    const plaintext = '350102199001011238';
    const envelope = cipher.encrypt(plaintext, CONTEXT);
    for (const form of [
      plaintext,
      Buffer.from(plaintext).toString('base64url'),
      Buffer.from(plaintext).toString('base64'),
      Buffer.from(plaintext).toString('hex'),
      '3501021990',
    ]) {
      expect(envelope).not.toContain(form);
    }
  });

  it.each([
    [2, 'iv'],
    [3, 'ciphertext'],
    [4, 'tag'],
  ])('rejects a tampered %s (part %s)', (index) => {
    const envelope = cipher.encrypt(ID_NUMBER, CONTEXT);
    const error = errorOf(() => cipher.decrypt(tamper(envelope, index as number), CONTEXT));
    expect(error.code).toBe('decryption-failed');
  });

  it('rejects a tampered version or key id', () => {
    const envelope = cipher.encrypt(ID_NUMBER, CONTEXT);
    expect(errorOf(() => cipher.decrypt(envelope.replace(/^v1/, 'v2'), CONTEXT)).code).toBe(
      'malformed-envelope',
    );
    const otherId = dataKeyId(KEY_2);
    const moved = envelope.replace(cipher.currentKeyId, otherId);
    const error = errorOf(() => cipher.decrypt(moved, CONTEXT));
    expect(error.code).toBe('unknown-key');
    expect(error.message).toContain(otherId);
    expect(error.message).toMatch(/DATA_KEYS_PREVIOUS/);
  });

  it('rejects a key id swapped for another key of the keyring', () => {
    const both = new PersonalDataCipher({ current: KEY_2, previous: [KEY_1] });
    const envelope = both.encrypt(ID_NUMBER, CONTEXT);
    const swapped = envelope.replace(dataKeyId(KEY_2), dataKeyId(KEY_1));
    expect(errorOf(() => both.decrypt(swapped, CONTEXT)).code).toBe('decryption-failed');
  });

  it.each([
    '',
    'v1',
    'not an envelope',
    'v1.abcdefgh.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.ABCDEF12.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.0123abcd.AAAA.AA.AAAAAAAAAAAAAAAAAAAAAA', // IV too short
    'v1.0123abcd.AAAAAAAAAAAAAAAA.AA.AAAA', // tag too short
    'v1.0123abcd.AAAAAAAAAAAAAAAA.A+A.AAAAAAAAAAAAAAAAAAAAAA', // not base64url
    'v1.0123abcd.AAAAAAAAAAAAAAAA.AB.AAAAAAAAAAAAAAAAAAAAAA', // not canonical
    'v1.0123abcd.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA.extra',
  ])('rejects the malformed envelope %j', (envelope) => {
    expect(errorOf(() => cipher.decrypt(envelope)).code).toBe('malformed-envelope');
  });

  it('rejects a non-string envelope as malformed', () => {
    expect(errorOf(() => cipher.decrypt(42 as unknown as string)).code).toBe('malformed-envelope');
  });

  it('binds the ciphertext to its context', () => {
    const envelope = cipher.encrypt(ID_NUMBER, CONTEXT);
    const error = errorOf(() => cipher.decrypt(envelope, 'subject.phone'));
    expect(error.code).toBe('decryption-failed');
    expect(error.message).toContain('subject.phone');
    expect(errorOf(() => cipher.decrypt(envelope)).code).toBe('decryption-failed');
    expect(errorOf(() => cipher.decrypt(cipher.encrypt(ID_NUMBER), CONTEXT)).code).toBe(
      'decryption-failed',
    );
  });

  it('never puts plaintext or key material in an error message', () => {
    const envelope = cipher.encrypt(ID_NUMBER, CONTEXT);
    const secrets = [
      ID_NUMBER,
      KEY_1.toString('base64'),
      KEY_1.toString('hex'),
      deriveDataKey(KEY_1).encryption.toString('hex'),
      envelope.split('.')[3]!,
    ];
    for (const bad of [tamper(envelope, 3), tamper(envelope, 4), envelope + '.x']) {
      const error = errorOf(() => cipher.decrypt(bad, CONTEXT));
      for (const secret of secrets) expect(error.message).not.toContain(secret);
    }
  });

  it('keeps the keys out of JSON and util.inspect', () => {
    const shown = JSON.stringify(cipher) + util.inspect(cipher, { depth: 10, showHidden: true });
    const derived = deriveDataKey(KEY_1);
    for (const key of [KEY_1, derived.encryption, derived.lookup]) {
      expect(shown).not.toContain(key.toString('hex'));
      expect(shown).not.toContain(key.toString('base64'));
    }
  });

  it('still decrypts with a previous key after rotation, and encrypts with the new one', () => {
    const before = new PersonalDataCipher({ current: KEY_1 });
    const old = before.encrypt(ID_NUMBER, CONTEXT);
    const after = new PersonalDataCipher({ current: KEY_2, previous: [KEY_1] });
    expect(after.decrypt(old, CONTEXT)).toBe(ID_NUMBER);
    const fresh = after.encrypt(ID_NUMBER, CONTEXT);
    expect(fresh.split('.')[1]).toBe(dataKeyId(KEY_2));
    expect(after.currentKeyId).toBe(dataKeyId(KEY_2));
    expect(after.needsReencryption(old)).toBe(true);
    expect(after.needsReencryption(fresh)).toBe(false);
    // Once the previous key is dropped, old envelopes no longer decrypt.
    const dropped = new PersonalDataCipher({ current: KEY_2 });
    expect(errorOf(() => dropped.decrypt(old, CONTEXT)).code).toBe('unknown-key');
    expect(() => before.decrypt(fresh, CONTEXT)).toThrow(PersonalDataError);
  });

  it('rejects a master key that is not 32 bytes', () => {
    expect(() => new PersonalDataCipher({ current: Buffer.alloc(16) })).toThrow(/exactly 32 bytes/);
    expect(() => new PersonalDataCipher({ current: KEY_1, previous: [Buffer.alloc(31)] })).toThrow(
      /exactly 32 bytes/,
    );
  });

  describe('lookupHash', () => {
    it('is deterministic HMAC-SHA256 hex', () => {
      const hash = cipher.lookupHash(ID_NUMBER, CONTEXT);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(cipher.lookupHash(ID_NUMBER, CONTEXT)).toBe(hash);
      expect(new PersonalDataCipher({ current: KEY_1 }).lookupHash(ID_NUMBER, CONTEXT)).toBe(hash);
      const expected = crypto
        .createHmac('sha256', deriveDataKey(KEY_1).lookup)
        .update(`${CONTEXT}\0${ID_NUMBER}`)
        .digest('hex');
      expect(hash).toBe(expected);
    });

    it('differs by purpose, by value and by key', () => {
      const hash = cipher.lookupHash(ID_NUMBER, CONTEXT);
      expect(cipher.lookupHash(ID_NUMBER, 'subject.phone')).not.toBe(hash);
      expect(cipher.lookupHash('11010519491231003X', CONTEXT)).not.toBe(hash);
      expect(new PersonalDataCipher({ current: KEY_2 }).lookupHash(ID_NUMBER, CONTEXT)).not.toBe(
        hash,
      );
      // The lookup key is not the encryption key, nor the master key.
      const plain = crypto.createHmac('sha256', KEY_1).update(`${CONTEXT}\0${ID_NUMBER}`);
      expect(plain.digest('hex')).not.toBe(hash);
    });

    it('separates purpose from value', () => {
      expect(cipher.lookupHash('b', 'a')).not.toBe(cipher.lookupHash('', 'ab'));
      expect(() => cipher.lookupHash('b', 'a\0')).toThrow(/NUL/);
      expect(() => cipher.lookupHash('b', '')).toThrow(/purpose/);
    });

    it('trims and NFC-normalizes the value', () => {
      expect(cipher.lookupHash(` ${ID_NUMBER}\n`, CONTEXT)).toBe(
        cipher.lookupHash(ID_NUMBER, CONTEXT),
      );
      expect(cipher.lookupHash('e\u0301', 'name')).toBe(cipher.lookupHash('\u00e9', 'name'));
    });

    it('uses the current key, and offers every key during a rotation', () => {
      const after = new PersonalDataCipher({ current: KEY_2, previous: [KEY_1] });
      const oldHash = cipher.lookupHash(ID_NUMBER, CONTEXT);
      const newHash = new PersonalDataCipher({ current: KEY_2 }).lookupHash(ID_NUMBER, CONTEXT);
      expect(after.lookupHash(ID_NUMBER, CONTEXT)).toBe(newHash);
      expect(after.lookupHashCandidates(ID_NUMBER, CONTEXT)).toEqual([newHash, oldHash]);
      expect(cipher.lookupHashCandidates(ID_NUMBER, CONTEXT)).toEqual([oldHash]);
    });
  });
});
