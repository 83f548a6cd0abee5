/**
 * SM2/SM3 signatures against the OpenSSL command line of this machine, both directions: what we
 * sign `openssl dgst -sm3 -verify … -sigopt distid:…` accepts, what OpenSSL signs we accept, and
 * a changed payload, another distinguishing ID or another key fail on either side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey, readPublicKey, writePrivateKey, writePublicKey } from '../keys/sm2Keys.js';
import { DIST_ID, openssl, opensslStatus, OpensslCa } from '../testing/openssl.js';
import { generateKeyPair, sm2Sign, sm2Verify } from './sm2.js';

let ca: OpensslCa;
let dir: string;
const payload = Buffer.from('{"form":"referral-out","data":{"reason":"血压 185/112 mmHg"}}');

beforeAll(() => {
  ca = OpensslCa.create('Interop');
  dir = ca.dir;
  fs.writeFileSync(path.join(dir, 'payload.json'), payload);
  fs.writeFileSync(
    path.join(dir, 'tampered.json'),
    Buffer.from(payload.toString().replace('185', '135')),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function dgstVerify(pub: string, signature: string, file: string, distId = DIST_ID) {
  return opensslStatus(
    ['dgst', '-sm3', '-verify', pub, '-sigopt', `distid:${distId}`, '-signature', signature, file],
    dir,
  );
}

describe('our signatures, checked by OpenSSL', () => {
  it('given a payload signed by us, when openssl dgst verifies it with the public key and the default ID, then it is "Verified OK"', () => {
    const key = generateKeyPair();
    fs.writeFileSync(path.join(dir, 'ours.pub'), writePublicKey(key.publicKey));
    fs.writeFileSync(path.join(dir, 'ours.sig'), sm2Sign(payload, key));
    const result = dgstVerify('ours.pub', 'ours.sig', 'payload.json');
    expect(result.output).toContain('Verified OK');
    expect(result.ok).toBe(true);
  });

  it('given our signature, when the payload is changed, another ID is used or another key is named, then OpenSSL refuses it', () => {
    const key = generateKeyPair();
    fs.writeFileSync(path.join(dir, 'ours2.pub'), writePublicKey(key.publicKey));
    fs.writeFileSync(path.join(dir, 'other.pub'), writePublicKey(generateKeyPair().publicKey));
    fs.writeFileSync(path.join(dir, 'ours2.sig'), sm2Sign(payload, key));
    expect(dgstVerify('ours2.pub', 'ours2.sig', 'tampered.json').ok).toBe(false);
    expect(dgstVerify('ours2.pub', 'ours2.sig', 'payload.json', '8765432187654321').ok).toBe(false);
    expect(dgstVerify('other.pub', 'ours2.sig', 'payload.json').ok).toBe(false);
  });

  it('given a key we wrote encrypted with a passphrase, when OpenSSL opens it, then it reads the same SM2 key', () => {
    const key = generateKeyPair();
    fs.writeFileSync(path.join(dir, 'ours.enc.pem'), writePrivateKey(key, 'correct horse'));
    const pub = openssl(
      ['pkey', '-in', 'ours.enc.pem', '-passin', 'pass:correct horse', '-pubout'],
      { cwd: dir },
    ).toString();
    expect(readPublicKey(pub)).toBe(key.publicKey);
  });
});

describe('OpenSSL signatures, checked by us', () => {
  it('given a payload signed by openssl dgst -sm3 -sign with the default ID, when we verify it, then it holds — and not for a changed payload, another ID or another key', () => {
    ca.key('theirs.key');
    openssl(
      [
        'dgst',
        '-sm3',
        '-sign',
        'theirs.key',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-out',
        'theirs.sig',
        'payload.json',
      ],
      { cwd: dir },
    );
    const signature = fs.readFileSync(path.join(dir, 'theirs.sig'));
    const key = readPrivateKey(fs.readFileSync(path.join(dir, 'theirs.key'), 'utf8'));
    expect(sm2Verify(payload, signature, key.publicKey)).toBe(true);
    expect(
      sm2Verify(fs.readFileSync(path.join(dir, 'tampered.json')), signature, key.publicKey),
    ).toBe(false);
    expect(sm2Verify(payload, signature, key.publicKey, '8765432187654321')).toBe(false);
    expect(sm2Verify(payload, signature, generateKeyPair().publicKey)).toBe(false);
  });

  it('given OpenSSL key files (PKCS#8, SEC1, encrypted PKCS#8, public key), when we read them, then each yields the same key pair', () => {
    ca.key('k.pem');
    openssl(['ec', '-in', 'k.pem', '-out', 'k.sec1.pem'], { cwd: dir });
    openssl(
      [
        'pkcs8',
        '-topk8',
        '-in',
        'k.pem',
        '-v2',
        'aes-256-cbc',
        '-passout',
        'pass:s3cret',
        '-out',
        'k.enc.pem',
      ],
      { cwd: dir },
    );
    openssl(['pkey', '-in', 'k.pem', '-pubout', '-out', 'k.pub'], { cwd: dir });
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    const plain = readPrivateKey(read('k.pem'));
    expect(readPrivateKey(read('k.sec1.pem'))).toEqual(plain);
    expect(readPrivateKey(read('k.enc.pem'), 's3cret')).toEqual(plain);
    expect(readPublicKey(read('k.pub'))).toBe(plain.publicKey);
    expect(() => readPrivateKey(read('k.enc.pem'), 'wrong')).toThrow(/wrong passphrase/);
    expect(() => readPrivateKey(read('k.enc.pem'))).toThrow(/passphrase is needed/);
  });
});
