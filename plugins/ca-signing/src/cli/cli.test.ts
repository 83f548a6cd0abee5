/**
 * The plugin's commands through the real `formwork` binary: `formwork sign` writes a DER
 * signature `openssl dgst -sm3 -verify` accepts; `formwork verify` answers valid, invalid,
 * certificate-expired, revoked and unknown-issuer with exit codes; `formwork ca init` makes the
 * development CA; bad input exits 2 with the reason and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_ID, openssl, opensslStatus, OpensslCa } from '../testing/openssl.js';

const bin = new URL('../../../../engine/bin/formwork.js', import.meta.url).pathname;
let ca: OpensslCa;
let dir: string;

function formwork(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATA_DIR: path.join(dir, 'data'),
      PLUGINS: '@formwork/plugin-ca-signing',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout) as Record<string, unknown>,
  };
}

beforeAll(() => {
  ca = OpensslCa.create('Guangxi');
  dir = ca.dir;
  ca.issue('Guangxi', 'doctor');
  ca.issue('Guangxi', 'retired', { start: '20200101000000Z', end: '20210101000000Z' });
  ca.issue('Guangxi', 'revoked');
  ca.revoke('Guangxi', 'revoked');
  ca.crl('Guangxi');
  ca.root('Other').issue('Other', 'stranger');
  openssl(['x509', '-in', 'doctor.crt', '-pubkey', '-noout', '-out', 'doctor.pub'], { cwd: dir });
  fs.writeFileSync(path.join(dir, 'slip.json'), '{"form":"referral-out","reason":"高血压急症"}');
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('formwork sign and verify', () => {
  it('given an OpenSSL key and certificate, when formwork sign signs a file, then OpenSSL verifies the DER signature and formwork verify says valid', () => {
    const signed = formwork(['sign', '--key', 'doctor.key', '--cert', 'doctor.crt', 'slip.json']);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.json()).toMatchObject({
      signature: 'slip.json.sig',
      signer: 'C=CN, O=Guangxi, CN=doctor',
    });
    const checked = opensslStatus(
      [
        'dgst',
        '-sm3',
        '-verify',
        'doctor.pub',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-signature',
        'slip.json.sig',
        'slip.json',
      ],
      dir,
    );
    expect(checked.output).toContain('Verified OK');
    const verified = formwork([
      'verify',
      '--cert',
      'doctor.crt',
      '--signature',
      'slip.json.sig',
      '--roots',
      'Guangxi/ca.crt',
      '--crl',
      'Guangxi/ca.crl',
      'slip.json',
    ]);
    expect(verified.status).toBe(0);
    expect(verified.json()).toMatchObject({ status: 'valid' });
  });

  it('given signatures OpenSSL made, when formwork verify checks them, then each certificate status is reported and only valid exits 0', () => {
    const verify = (cn: string, extra: string[] = []) => {
      openssl(
        [
          'dgst',
          '-sm3',
          '-sign',
          `${cn}.key`,
          '-sigopt',
          `distid:${DIST_ID}`,
          '-out',
          `${cn}.sig`,
          'slip.json',
        ],
        { cwd: dir },
      );
      return formwork([
        'verify',
        '--cert',
        `${cn}.crt`,
        '--signature',
        `${cn}.sig`,
        '--roots',
        'Guangxi/ca.crt',
        '--crl',
        'Guangxi/ca.crl',
        ...extra,
        'slip.json',
      ]);
    };
    expect(verify('retired').json()).toMatchObject({ status: 'certificate-expired' });
    const revoked = verify('revoked');
    expect(revoked.status).toBe(1);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect(verify('stranger').json()).toMatchObject({ status: 'unknown-issuer' });
    expect(verify('doctor', ['--id', '8765432187654321']).json()).toMatchObject({
      status: 'invalid',
    });
    fs.writeFileSync(path.join(dir, 'changed.json'), '{"form":"referral-out","reason":"无"}');
    const changed = formwork([
      'verify',
      '--cert',
      'doctor.crt',
      '--signature',
      'doctor.sig',
      '--roots',
      'Guangxi/ca.crt',
      'changed.json',
    ]);
    expect(changed.status).toBe(1);
    expect(changed.json()).toMatchObject({ status: 'invalid' });
  });

  it('given a key on the wrong curve or a garbled signature, when signing or verifying, then it exits 2 naming the problem and writes no signature', () => {
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'p256.key'], {
      cwd: dir,
    });
    const wrong = formwork(['sign', '--key', 'p256.key', '--out', 'never.sig', 'slip.json']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('wrong curve: prime256v1');
    expect(fs.existsSync(path.join(dir, 'never.sig'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'garbled.sig'), 'not a signature');
    const garbled = formwork([
      'verify',
      '--cert',
      'doctor.crt',
      '--signature',
      'garbled.sig',
      '--roots',
      'Guangxi/ca.crt',
      'slip.json',
    ]);
    expect(garbled.status).toBe(2);
    expect(garbled.stderr).toContain('malformed SM2 signature');
    expect(formwork(['sign', 'slip.json']).stderr).toContain('usage: formwork sign');
  });
});

describe('formwork ca init', () => {
  it('given an empty data directory, when ca init runs with users, then the development CA and their certificates exist, marked not for production', () => {
    const result = formwork(['ca', 'init', '--users', 'lihua,zhangwei']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('NOT FOR PRODUCTION');
    const keys = path.join(dir, 'data', 'plugins', 'ca-signing', 'keys');
    expect(fs.readdirSync(keys)).toEqual(
      expect.arrayContaining([
        'ca.crt.pem',
        'lihua.crt.pem',
        'lihua.key.pem',
        'zhangwei.key.pem',
        'DEVELOPMENT-CA-NOT-FOR-PRODUCTION',
      ]),
    );
    expect(fs.readFileSync(path.join(keys, 'lihua.key.pem'), 'utf8')).toContain(
      'ENCRYPTED PRIVATE KEY',
    );
    expect(formwork(['ca', 'init']).status).not.toBe(0);
  });

  it('given the development CA, when a CRL from another CA or a garbled one is imported, then it is refused and nothing is kept; given the CA’s root configured, its CRL is kept and used', () => {
    const own = { DATA_DIR: path.join(dir, 'data-crl') };
    expect(formwork(['ca', 'init'], own).status).toBe(0);
    const crls = path.join(dir, 'data-crl', 'plugins', 'ca-signing', 'keys', 'crls');
    const foreign = formwork(['ca', 'import-crl', 'Guangxi/ca.crl'], own);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('is not signed by a trusted CA');
    fs.writeFileSync(
      path.join(dir, 'garbled.crl'),
      '-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n',
    );
    const garbled = formwork(['ca', 'import-crl', 'garbled.crl'], own);
    expect(garbled.status).toBe(2);
    expect(garbled.stderr).toContain('malformed CRL');
    expect(fs.existsSync(crls)).toBe(false);

    // With the province's root configured, its CRL is kept and revokes from then on.
    const roots = { ...own, CA_ROOTS: path.join(dir, 'Guangxi', 'ca.crt') };
    const imported = formwork(['ca', 'import-crl', 'Guangxi/ca.crl'], roots);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ revoked: 1 });
    expect(fs.readdirSync(crls)).toHaveLength(1);
    openssl(
      [
        'dgst',
        '-sm3',
        '-sign',
        'revoked.key',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-out',
        'revoked-2.sig',
        'slip.json',
      ],
      { cwd: dir },
    );
    const revoked = formwork(
      ['verify', '--cert', 'revoked.crt', '--signature', 'revoked-2.sig', 'slip.json'],
      roots,
    );
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
  });
});
