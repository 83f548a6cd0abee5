/**
 * Hostile and broken input to the signing plugin: malformed certificates, keys and signatures,
 * keys and certificates on the wrong curve, huge inputs. Each gets an error that names what is
 * wrong (SigningInputError with a code, zh-CN and English) — never a crash, never "valid".
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey, readPublicKey } from './keys/sm2Keys.js';
import { SigningInputError } from './SigningInputError.js';
import {
  decodeSignature,
  generateKeyPair,
  MAX_MESSAGE_BYTES,
  sm2Sign,
  sm2Verify,
} from './sm2/sm2.js';
import { openssl, OpensslCa } from './testing/openssl.js';
import { Certificate } from './x509/Certificate.js';
import { Crl } from './x509/Crl.js';

let ca: OpensslCa;
let dir: string;

beforeAll(() => {
  ca = OpensslCa.create('Hostile');
  dir = ca.dir;
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'p256.key'], {
    cwd: dir,
  });
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'p256.key', '-out', 'p256.pk8'], { cwd: dir });
  openssl(['pkey', '-in', 'p256.key', '-pubout', '-out', 'p256.pub'], { cwd: dir });
  openssl(
    [
      'req',
      '-new',
      '-x509',
      '-key',
      'p256.key',
      '-sha256',
      '-subj',
      '/CN=P256',
      '-days',
      '1',
      '-out',
      'p256.crt',
    ],
    { cwd: dir },
  );
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa.key'], {
    cwd: dir,
  });
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

function refusal(read: () => unknown): SigningInputError {
  try {
    read();
  } catch (err) {
    if (err instanceof SigningInputError) return err;
    throw new Error(`expected a SigningInputError, got ${(err as Error).stack}`);
  }
  throw new Error('expected a SigningInputError, got none');
}

describe('keys', () => {
  it('given keys on another curve or algorithm, when read, then the wrong curve is named', () => {
    expect(refusal(() => readPrivateKey(text('p256.key'))).en).toBe(
      'wrong curve: prime256v1 (P-256); SM2 is required',
    );
    expect(refusal(() => readPrivateKey(text('p256.pk8'))).code).toBe('wrong_curve');
    expect(refusal(() => readPublicKey(text('p256.pub'))).en).toContain('wrong curve: prime256v1');
    expect(refusal(() => readPrivateKey(text('rsa.key'))).en).toContain('rsaEncryption');
  });

  it('given a truncated or garbled key file, when read, then it is malformed, named as the private key', () => {
    const good = text('Hostile/ca.key');
    const lines = good.trim().split('\n');
    const truncated = [lines[0], lines[1]!.slice(0, 30), lines.at(-1)].join('\n');
    expect(refusal(() => readPrivateKey(truncated)).code).toBe('key_malformed');
    expect(refusal(() => readPrivateKey('not a key')).code).toBe('pem_missing');
    expect(
      refusal(() => readPrivateKey('-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----'))
        .code,
    ).toBe('pem_malformed');
  });

  it('given a public key that is not a point on the curve, when read, then it is refused', () => {
    const pem = text('Hostile/ca.key');
    const key = readPrivateKey(pem);
    const bad = `04${'11'.repeat(64)}`;
    expect(key.publicKey).not.toBe(bad);
    const spki = Buffer.from(readPublicKeyDer(key.publicKey).replace(key.publicKey, bad), 'hex');
    const badPem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(refusal(() => readPublicKey(badPem)).code).toBe('key_invalid');
  });
});

describe('certificates and CRLs', () => {
  it('given a certificate signed with ECDSA on P-256, when read, then it is refused for its curve', () => {
    expect(
      refusal(() => Certificate.readAll(fs.readFileSync(path.join(dir, 'p256.crt')))).code,
    ).toMatch(/wrong_(curve|algorithm)/);
  });

  it('given a certificate with one byte changed in its body, when its chain is checked, then the issuer’s signature fails', () => {
    const der = Certificate.readAll(fs.readFileSync(path.join(dir, 'Hostile/ca.crt')))[0]!.der;
    const root = Certificate.fromDer(der);
    const changed = new Uint8Array(der);
    const at = Buffer.from(changed).indexOf(Buffer.from('Hostile Root'));
    changed[at] = 'J'.charCodeAt(0);
    const forged = Certificate.fromDer(changed);
    expect(forged.isSignedBy(root)).toBe(false);
    expect(root.isSignedBy(root)).toBe(true);
  });

  it('given garbage, a truncated certificate and a 10 MB file, when read, then each is refused by name', () => {
    expect(
      refusal(() => Certificate.fromDer(new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2]))).code,
    ).toBe('certificate_malformed');
    const der = Certificate.readAll(fs.readFileSync(path.join(dir, 'Hostile/ca.crt')))[0]!.der;
    expect(refusal(() => Certificate.fromDer(der.subarray(0, der.length - 10))).en).toMatch(
      /^malformed certificate/,
    );
    expect(refusal(() => Certificate.fromBase64('!!!')).code).toBe('certificate_malformed');
    expect(refusal(() => Certificate.readAll(new Uint8Array(10 * 1024 * 1024))).code).toBe(
      'input_too_large',
    );
    expect(
      refusal(() =>
        Crl.readAll(Buffer.from('-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n')),
      ).code,
    ).toBe('crl_malformed');
  });
});

describe('signatures', () => {
  const key = generateKeyPair();
  const message = Buffer.from('会诊意见');

  it('given malformed signature values, when verified, then each is refused as malformed, not as a failed check', () => {
    const good = sm2Sign(message, key);
    for (const bad of [
      new Uint8Array(),
      new Uint8Array([0x30, 0x00]),
      good.subarray(0, good.length - 1),
      new Uint8Array([...good, 0]),
      new Uint8Array(200),
      new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]),
    ])
      expect(refusal(() => sm2Verify(message, bad, key.publicKey)).code).toBe(
        'signature_malformed',
      );
    expect(() => decodeSignature(good)).not.toThrow();
  });

  it('given more than the size limit, when signing or verifying, then it is refused before any hashing', () => {
    const huge = new Uint8Array(MAX_MESSAGE_BYTES + 1);
    expect(refusal(() => sm2Sign(huge, key)).code).toBe('message_too_large');
    expect(refusal(() => sm2Verify(huge, sm2Sign(message, key), key.publicKey)).code).toBe(
      'message_too_large',
    );
  });
});

/** SubjectPublicKeyInfo hex of a public key (the point is its last 65 bytes). */
function readPublicKeyDer(publicKey: string): string {
  return `3059301306072a8648ce3d020106082a811ccf5501822d034200${publicKey}`;
}
