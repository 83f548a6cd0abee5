/**
 * Certificates and CRLs made by OpenSSL (an SM2 root, leaves, `openssl ca -revoke` and
 * `-gencrl`): a good chain is accepted; an expired, a revoked and a foreign certificate are each
 * reported as such, naming the certificate. Our development CA's certificates pass
 * `openssl verify` in turn.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa } from '../ca/devCa.js';
import { DIST_ID, opensslStatus, OpensslCa } from '../testing/openssl.js';
import { Certificate } from './Certificate.js';
import { Crl } from './Crl.js';
import { TrustStore } from './TrustStore.js';

let ca: OpensslCa;
let trust: TrustStore;
const read = (file: string) => Certificate.readAll(fs.readFileSync(file))[0]!;

beforeAll(() => {
  ca = OpensslCa.create('Yunnan');
  ca.issue('Yunnan', 'doctor');
  ca.issue('Yunnan', 'retired', { start: '20200101000000Z', end: '20210101000000Z' });
  ca.issue('Yunnan', 'lost-key');
  ca.revoke('Yunnan', 'lost-key');
  ca.root('Elsewhere').issue('Elsewhere', 'stranger');
  trust = new TrustStore(
    [read(ca.file('Yunnan/ca.crt'))],
    [],
    Crl.readAll(fs.readFileSync(ca.crl('Yunnan'))),
  );
}, 60_000);
afterAll(() => fs.rmSync(ca.dir, { recursive: true, force: true }));

describe('certificate chains made with OpenSSL', () => {
  it('given a leaf issued by the trusted root, when checked now, then it is valid and the path ends at the root', () => {
    const result = trust.check(read(ca.file('doctor.crt')), new Date());
    expect(result.status).toBe('valid');
    expect(result.path.map((c) => c.subject)).toEqual([
      'C=CN, O=Yunnan, CN=doctor',
      'C=CN, O=Yunnan, CN=Yunnan Root',
    ]);
  });

  it('given a certificate valid only in 2020, when a signature dated today is checked, then it is certificate-expired naming the end date', () => {
    const result = trust.check(read(ca.file('retired.crt')), new Date());
    expect(result.status).toBe('certificate-expired');
    expect(result.message.en).toContain(
      'CN=retired had expired at the signing time (valid until 2021-01-01T00:00:00.000Z)',
    );
  });

  it('given a certificate revoked with openssl ca -revoke, when checked with the CA’s CRL, then it is revoked with its serial', () => {
    const certificate = read(ca.file('lost-key.crt'));
    const result = trust.check(certificate, new Date());
    expect(result.status).toBe('revoked');
    expect(result.message.en).toContain(`serial ${certificate.serial}`);
    // Without the CRL the same certificate passes: revocation comes from the imported list.
    expect(
      new TrustStore([read(ca.file('Yunnan/ca.crt'))]).check(certificate, new Date()).status,
    ).toBe('valid');
  });

  it('given a certificate from a root we do not trust, when checked, then its issuer is unknown', () => {
    const result = trust.check(read(ca.file('stranger.crt')), new Date());
    expect(result.status).toBe('unknown-issuer');
    expect(result.message.en).toContain(
      '(C=CN, O=Elsewhere, CN=Elsewhere Root) is not a trusted CA',
    );
  });

  it('given a CRL signed by another CA, when it is added, then it is not believed', () => {
    const foreign = Crl.readAll(fs.readFileSync(ca.crl('Elsewhere')))[0]!;
    expect(trust.addCrl(foreign)).toBe(false);
  });
});

describe('our development CA, checked by OpenSSL', () => {
  it('given formwork ca init, when openssl verify checks a user certificate against its root with the default ID, then it is OK', () => {
    const dir = path.join(ca.dir, 'dev-store');
    initDevCa(dir, { users: ['wangjianguo'] });
    const result = opensslStatus(
      [
        'verify',
        '-CAfile',
        path.join(dir, 'ca.crt.pem'),
        '-vfyopt',
        `distid:${DIST_ID}`,
        path.join(dir, 'wangjianguo.crt.pem'),
      ],
      ca.dir,
    );
    expect(result.output).toContain(': OK');
    expect(read(path.join(dir, 'wangjianguo.crt.pem')).issuer).toContain('NOT FOR PRODUCTION');
  });
});
