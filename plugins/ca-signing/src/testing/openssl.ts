/**
 * The OpenSSL command line of this machine, for interop tests: keys, a CA (root, leaves,
 * revocation, CRL) and signatures made by OpenSSL itself, in a temporary directory. SM2
 * signatures everywhere with the default distinguishing ID, as GM/T 0015 asks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DIST_ID = '1234567812345678';

export function openssl(args: string[], options: { cwd: string; input?: Buffer }): Buffer {
  return execFileSync('openssl', args, {
    cwd: options.cwd,
    input: options.input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** openssl that may fail: its exit status and output. */
export function opensslStatus(args: string[], cwd: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: openssl(args, { cwd }).toString() };
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, output: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
  }
}

export class OpensslCa {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** A root CA `name` in a new temporary directory (or `dir`). */
  static create(
    name: string,
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-openssl-')),
  ): OpensslCa {
    const ca = new OpensslCa(dir);
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    ca.#prepare(name);
    ca.key(`${name}/ca.key`);
    openssl(
      [
        'req',
        '-new',
        '-x509',
        '-key',
        `${name}/ca.key`,
        '-sm3',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-subj',
        `/C=CN/O=${name}/CN=${name} Root`,
        '-days',
        '3650',
        '-config',
        `${name}/openssl.cnf`,
        '-extensions',
        'v3_ca',
        '-out',
        `${name}/ca.crt`,
      ],
      { cwd: dir },
    );
    return ca;
  }

  /** Another root in the same directory. */
  root(name: string): OpensslCa {
    return OpensslCa.create(name, this.dir);
  }

  key(file: string): string {
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', file], {
      cwd: this.dir,
    });
    return path.join(this.dir, file);
  }

  /** A leaf certificate for `cn` issued by root `name` (dates as `openssl ca` takes them, YYYYMMDDHHMMSSZ). */
  issue(
    name: string,
    cn: string,
    dates: { start?: string; end?: string } = {},
  ): { key: string; cert: string } {
    const key = this.key(`${cn}.key`);
    // The request is signed with OpenSSL's default (empty) ID, which is what `openssl ca` checks.
    openssl(
      [
        'req',
        '-new',
        '-key',
        `${cn}.key`,
        '-sm3',
        '-subj',
        `/C=CN/O=${name}/CN=${cn}`,
        '-out',
        `${cn}.csr`,
      ],
      { cwd: this.dir },
    );
    openssl(
      [
        'ca',
        '-batch',
        '-config',
        `${name}/openssl.cnf`,
        '-in',
        `${cn}.csr`,
        '-out',
        `${cn}.crt`,
        '-md',
        'sm3',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-extensions',
        'v3_leaf',
        '-notext',
        ...(dates.start ? ['-startdate', dates.start] : []),
        ...(dates.end ? ['-enddate', dates.end] : ['-days', '365']),
      ],
      { cwd: this.dir },
    );
    // `openssl ca` exits 0 on some failures: the certificate must be there.
    if (!fs.existsSync(path.join(this.dir, `${cn}.crt`)))
      throw new Error(`openssl ca did not issue ${cn}.crt`);
    return { key, cert: path.join(this.dir, `${cn}.crt`) };
  }

  revoke(name: string, cn: string): void {
    openssl(['ca', '-config', `${name}/openssl.cnf`, '-revoke', `${cn}.crt`, '-md', 'sm3'], {
      cwd: this.dir,
    });
  }

  crl(name: string): string {
    openssl(
      [
        'ca',
        '-gencrl',
        '-config',
        `${name}/openssl.cnf`,
        '-md',
        'sm3',
        '-sigopt',
        `distid:${DIST_ID}`,
        '-crldays',
        '30',
        '-out',
        `${name}/ca.crl`,
      ],
      { cwd: this.dir },
    );
    return path.join(this.dir, name, 'ca.crl');
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  #prepare(name: string): void {
    const base = path.join(this.dir, name);
    fs.writeFileSync(path.join(base, 'index.txt'), '');
    fs.writeFileSync(path.join(base, 'serial'), '1000\n');
    fs.writeFileSync(path.join(base, 'crlnumber'), '1000\n');
    fs.writeFileSync(
      path.join(base, 'openssl.cnf'),
      `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = ${base}
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
new_certs_dir = $dir
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sm3
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
`,
    );
  }
}
