/**
 * The certificates and CRLs a verifier trusts: configured roots, intermediates met on the way,
 * imported CRLs. `check` builds the path from a signer's certificate to a root, checks every
 * link's SM2 signature, the CA flags and key usages, each certificate's validity at the signing
 * time and revocation on its issuer's CRL, and names the first thing that fails.
 */
import type { SignatureStatus } from '@formwork/engine/plugin-api';
import type { Certificate } from './Certificate.js';
import { KEY_USAGE } from './Certificate.js';
import type { Crl } from './Crl.js';

export interface CertificateCheck {
  status: Exclude<SignatureStatus, 'unsigned'>;
  message: { zh: string; en: string };
  /** leaf first, root last (as far as it was built) */
  path: Certificate[];
}

const MAX_PATH = 6;

export class TrustStore {
  readonly #roots: Map<string, Certificate>;
  readonly #intermediates: Certificate[];
  readonly #crls: Crl[];
  /** Issuer signatures already checked (`certificate:issuer` fingerprints): they cannot change. */
  readonly #issued = new Map<string, boolean>();

  constructor(
    roots: readonly Certificate[],
    intermediates: readonly Certificate[] = [],
    crls: readonly Crl[] = [],
  ) {
    this.#roots = new Map(roots.map((root) => [root.fingerprint, root]));
    this.#intermediates = [...intermediates];
    this.#crls = [...crls];
  }

  get roots(): Certificate[] {
    return [...this.#roots.values()];
  }

  /** The CRLs kept (each signed by one of the trusted CAs). */
  get crls(): Crl[] {
    return [...this.#crls];
  }

  /** Adds a CRL (only kept when one of our CAs signed it). */
  addCrl(crl: Crl): boolean {
    const issuer = [...this.#roots.values(), ...this.#intermediates].find((ca) =>
      crl.isSignedBy(ca),
    );
    if (!issuer) return false;
    this.#crls.push(crl);
    return true;
  }

  /**
   * Checks `leaf` as the certificate of a signature made at `at`. `extra` are certificates that
   * came with the signature (intermediates), not trusted by themselves.
   */
  check(leaf: Certificate, at: Date, extra: readonly Certificate[] = []): CertificateCheck {
    const path = [leaf];
    const candidates = [...this.#roots.values(), ...this.#intermediates, ...extra];
    let current = leaf;
    while (!this.#roots.has(current.fingerprint)) {
      if (path.length > MAX_PATH)
        return fail('unknown-issuer', path, '证书链过长', 'the certificate chain is too long');
      const issuer = candidates.find((ca) => ca !== current && this.#isIssuedBy(current, ca));
      if (!issuer) {
        const named = candidates.some((ca) => ca.subject === current.issuer);
        return fail(
          named ? 'invalid' : 'unknown-issuer',
          path,
          named
            ? `证书 ${current.subject} 上颁发者的签名不成立`
            : `证书 ${current.subject} 的颁发者 ${current.issuer} 不是受信任的 CA`,
          named
            ? `the issuer's signature on certificate ${current.subject} does not hold`
            : `the issuer of certificate ${current.subject} (${current.issuer}) is not a trusted CA`,
        );
      }
      if (!issuer.isCa || !issuer.allows(KEY_USAGE.keyCertSign))
        return fail(
          'invalid',
          path,
          `${issuer.subject} 不是 CA 证书，不能签发证书`,
          `${issuer.subject} is not a CA certificate and may not issue certificates`,
        );
      path.push(issuer);
      current = issuer;
    }
    if (!leaf.allows(KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation))
      return fail(
        'invalid',
        path,
        `证书 ${leaf.subject} 的密钥用途不允许签名`,
        `the key usage of certificate ${leaf.subject} does not allow signing`,
      );
    for (const certificate of path) {
      if (at < certificate.notBefore || at > certificate.notAfter) {
        const before = at < certificate.notBefore;
        return fail(
          'certificate-expired',
          path,
          before
            ? `签名时证书 ${certificate.subject} 尚未生效（自 ${certificate.notBefore.toISOString()}）`
            : `签名时证书 ${certificate.subject} 已过期（至 ${certificate.notAfter.toISOString()}）`,
          before
            ? `certificate ${certificate.subject} was not yet valid at the signing time (valid from ${certificate.notBefore.toISOString()})`
            : `certificate ${certificate.subject} had expired at the signing time (valid until ${certificate.notAfter.toISOString()})`,
        );
      }
    }
    for (const [index, certificate] of path.entries()) {
      const issuer = path[index + 1];
      if (!issuer) break;
      for (const crl of this.#crls) {
        const revokedAt = crl.revoked.get(certificate.serial);
        if (revokedAt && crl.issuer === issuer.subject && crl.isSignedBy(issuer))
          return fail(
            'revoked',
            path,
            `证书 ${certificate.subject}（序列号 ${certificate.serial}）已于 ${revokedAt.toISOString()} 被 ${issuer.subject} 吊销`,
            `certificate ${certificate.subject} (serial ${certificate.serial}) was revoked by ${issuer.subject} on ${revokedAt.toISOString()}`,
          );
      }
    }
    return {
      status: 'valid',
      path,
      message: {
        zh: `证书 ${leaf.subject} 经 ${path.at(-1)!.subject} 验证有效`,
        en: `certificate ${leaf.subject} is valid, issued under ${path.at(-1)!.subject}`,
      },
    };
  }

  #isIssuedBy(certificate: Certificate, issuer: Certificate): boolean {
    if (certificate.issuer !== issuer.subject) return false;
    const key = `${certificate.fingerprint}:${issuer.fingerprint}`;
    let issued = this.#issued.get(key);
    if (issued === undefined) {
      issued = certificate.isSignedBy(issuer);
      if (this.#issued.size > 10_000) this.#issued.clear();
      this.#issued.set(key, issued);
    }
    return issued;
  }
}

function fail(
  status: CertificateCheck['status'],
  path: Certificate[],
  zh: string,
  en: string,
): CertificateCheck {
  return { status, path, message: { zh, en } };
}
