/**
 * A directory of keys and certificates, one pair per alias (a username, or `platform` for the
 * system's own signatures): `<alias>.key.pem` (PKCS#8 encrypted with the store's passphrase, as
 * `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes it) and `<alias>.crt.pem`. A development store
 * (`formwork ca init`) also holds its CA (`ca.key.pem`, `ca.crt.pem`) and issues certificates to
 * users on first use; its files say NOT FOR PRODUCTION.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readPrivateKey, writePrivateKey } from '../keys/sm2Keys.js';
import { writePem } from '../keys/pem.js';
import { SigningInputError } from '../SigningInputError.js';
import { generateKeyPair, type Sm2KeyPair } from '../sm2/sm2.js';
import { issueCertificate } from '../ca/issueCertificate.js';
import { Certificate } from '../x509/Certificate.js';

const ALIAS = /^[\p{L}\p{N}._-]{1,64}$/u;
export const DEV_MARKER = 'DEVELOPMENT-CA-NOT-FOR-PRODUCTION';

export class KeyStore {
  readonly #keys = new Map<string, Sm2KeyPair>();
  readonly #certificates = new Map<string, Certificate>();

  constructor(
    readonly dir: string,
    /** The key files' passphrase (asked when a key is first used). */
    private readonly passphrase: () => string,
  ) {}

  /** A store made by `formwork ca init`: it has its own CA and issues user certificates. */
  get isDevelopment(): boolean {
    return fs.existsSync(path.join(this.dir, DEV_MARKER));
  }

  has(alias: string): boolean {
    return ALIAS.test(alias) && fs.existsSync(this.#file(alias, 'crt'));
  }

  certificate(alias: string): Certificate {
    let certificate = this.#certificates.get(alias);
    if (!certificate) {
      certificate = Certificate.readAll(fs.readFileSync(this.#file(alias, 'crt')))[0]!;
      this.#certificates.set(alias, certificate);
    }
    return certificate;
  }

  /** The private key of `alias`, decrypted once and kept in memory. */
  key(alias: string): Sm2KeyPair {
    let key = this.#keys.get(alias);
    if (!key) {
      key = readPrivateKey(fs.readFileSync(this.#file(alias, 'key'), 'utf8'), this.passphrase());
      this.#keys.set(alias, key);
    }
    return key;
  }

  write(alias: string, key: Sm2KeyPair, certificate: Certificate): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.#file(alias, 'key'), writePrivateKey(key, this.passphrase()), {
      mode: 0o600,
    });
    fs.writeFileSync(this.#file(alias, 'crt'), writePem('CERTIFICATE', certificate.der));
    this.#keys.set(alias, key);
    this.#certificates.set(alias, certificate);
  }

  /** Development only: a new key and a one-year certificate from the store's CA. */
  enrol(alias: string, subject: Readonly<Record<string, string>>, now: Date): Certificate {
    if (!this.isDevelopment)
      throw new SigningInputError(
        'no_certificate',
        `用户 ${alias} 没有签名证书`,
        `user ${alias} has no signing certificate`,
      );
    const ca = this.certificate('ca');
    const key = generateKeyPair();
    const certificate = issueCertificate(
      {
        subject,
        publicKey: key.publicKey,
        notBefore: new Date(+now - 60_000),
        notAfter: new Date(+now + 365 * 86_400_000),
        ca: false,
      },
      this.key('ca'),
      ca,
    );
    this.write(alias, key, certificate);
    return certificate;
  }

  #file(alias: string, kind: 'key' | 'crt'): string {
    if (!ALIAS.test(alias))
      throw new SigningInputError(
        'alias_invalid',
        `密钥别名不合法：${alias}`,
        `invalid key alias: ${alias}`,
      );
    return path.join(this.dir, `${alias}.${kind}.pem`);
  }
}
