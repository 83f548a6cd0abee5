/**
 * An X.509 certificate with an SM2 key (GM/T 0015), read for signing and verification. The
 * structure is parsed with @peculiar/asn1-x509; the exact signed bytes (`tbsCertificate`) and the
 * SM2 key are taken from the DER itself, and the SM2 signature is checked here (sm2.ts), since no
 * X.509 library verifies SM2. Anything malformed, a key on another curve or an unknown critical
 * extension is refused with a SigningInputError naming it.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate as AsnCertificate,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  type Name,
} from '@peculiar/asn1-x509';
import { sm3 } from 'sm-crypto-v2';
import { children, DerError, readOid, readOne, TAG } from '../asn1/der.js';
import { ALGORITHM_NAMES, OID } from '../asn1/oids.js';
import { publicKeyFromSpki } from '../keys/sm2Keys.js';
import { readPemOrDer } from '../keys/pem.js';
import { SigningInputError } from '../SigningInputError.js';
import { decodeSignature, DEFAULT_DIST_ID, sm2Verify } from '../sm2/sm2.js';

/** Key usage bits (RFC 5280 §4.2.1.3) as @peculiar/asn1-x509 numbers them. */
export const KEY_USAGE = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyCertSign: 32,
  cRLSign: 64,
} as const;

/** Extensions we understand; a critical one not listed here makes the certificate unusable. */
const KNOWN_EXTENSIONS = new Set([
  id_ce_keyUsage,
  id_ce_basicConstraints,
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
]);

const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** Largest certificate accepted (bytes). */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

export class Certificate {
  /** The whole certificate, DER. */
  readonly der: Uint8Array;
  /** The signed part (tbsCertificate), exactly as encoded. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  /** The issuer's signature over `tbs`, DER. */
  readonly signature: Uint8Array;
  /** Serial number, lower-case hex without leading zeros (as OpenSSL's CRLs list it). */
  readonly serial: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The SM2 public key, 04‖x‖y hex. */
  readonly publicKey: string;
  /** Key usage bits, or undefined when the certificate has no keyUsage extension. */
  readonly keyUsage: number | undefined;
  readonly isCa: boolean;
  /** SM3 of the DER, hex: how signatures and the trust store name a certificate. */
  readonly fingerprint: string;

  private constructor(der: Uint8Array) {
    if (der.length > MAX_CERTIFICATE_BYTES)
      throw new SigningInputError(
        'certificate_too_large',
        '证书过大',
        `the certificate is too large (${der.length} bytes, at most ${MAX_CERTIFICATE_BYTES})`,
      );
    this.der = der;
    let parsed: AsnCertificate;
    try {
      const [tbs, algorithm, signature] = children(readOne(der, TAG.SEQUENCE));
      if (!tbs || !algorithm || signature?.tag !== TAG.BIT_STRING || signature.value[0] !== 0)
        throw new DerError(
          'a certificate is SEQUENCE { tbsCertificate, signatureAlgorithm, signature }',
        );
      this.tbs = tbs.raw;
      this.signatureAlgorithm = readOid(children(algorithm)[0]!);
      this.signature = signature.value.subarray(1);
      const tbsParts = children(tbs);
      const spki = tbsParts[tbsParts[0]!.tag === 0xa0 ? 6 : 5];
      if (!spki) throw new DerError('the certificate has no subjectPublicKeyInfo');
      this.publicKey = publicKeyFromSpki(spki);
      parsed = AsnConvert.parse(der, AsnCertificate);
    } catch (err) {
      if (err instanceof SigningInputError) throw err;
      const reason = (err as Error).message;
      throw new SigningInputError(
        'certificate_malformed',
        `证书格式错误：${reason}`,
        `malformed certificate: ${reason}`,
      );
    }
    if (this.signatureAlgorithm !== OID.sm2WithSm3) {
      const name = ALGORITHM_NAMES[this.signatureAlgorithm] ?? this.signatureAlgorithm;
      throw new SigningInputError(
        'wrong_algorithm',
        `证书签名算法为 ${name}，需要 SM2-with-SM3`,
        `the certificate is signed with ${name}; SM2-with-SM3 is required`,
      );
    }
    const tbs = parsed.tbsCertificate;
    this.serial = Buffer.from(tbs.serialNumber)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '');
    this.subject = formatName(tbs.subject);
    this.issuer = formatName(tbs.issuer);
    this.notBefore = tbs.validity.notBefore.getTime();
    this.notAfter = tbs.validity.notAfter.getTime();
    let keyUsage: number | undefined;
    let isCa = false;
    for (const extension of tbs.extensions ?? []) {
      if (extension.extnID === id_ce_keyUsage)
        keyUsage = AsnConvert.parse(extension.extnValue, KeyUsage).toNumber();
      else if (extension.extnID === id_ce_basicConstraints)
        isCa = AsnConvert.parse(extension.extnValue, BasicConstraints).cA;
      else if (extension.critical && !KNOWN_EXTENSIONS.has(extension.extnID))
        throw new SigningInputError(
          'certificate_unsupported',
          `证书含有无法识别的关键扩展 ${extension.extnID}`,
          `the certificate has an unrecognised critical extension ${extension.extnID}`,
        );
    }
    this.keyUsage = keyUsage;
    this.isCa = isCa;
    this.fingerprint = sm3(der);
    decodeSignature(this.signature);
  }

  static fromDer(der: Uint8Array): Certificate {
    return new Certificate(der);
  }

  /** Every certificate in a PEM (or one DER) file. */
  static readAll(bytes: Uint8Array): Certificate[] {
    return readPemOrDer(bytes, 'CERTIFICATE', '证书 certificate').map(
      (der) => new Certificate(der),
    );
  }

  static fromBase64(base64: string): Certificate {
    if (
      base64.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 4 ||
      !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)
    )
      throw new SigningInputError(
        'certificate_malformed',
        '证书不是 base64 DER',
        'the certificate is not base64 DER',
      );
    return new Certificate(new Uint8Array(Buffer.from(base64, 'base64')));
  }

  get base64(): string {
    return Buffer.from(this.der).toString('base64');
  }

  /** Whether `issuer`'s key signed this certificate (and names it as issuer). */
  isSignedBy(issuer: Certificate): boolean {
    return (
      this.issuer === issuer.subject && verifyIssued(this.tbs, this.signature, issuer.publicKey)
    );
  }

  allows(usage: number): boolean {
    return this.keyUsage === undefined || (this.keyUsage & usage) !== 0;
  }

  get selfIssued(): boolean {
    return this.subject === this.issuer;
  }
}

/**
 * Checks an issuer's SM2 signature on a certificate or CRL: with the default distinguishing ID
 * (GM/T 0015), else with an empty one — what OpenSSL 3 writes when `-sigopt distid:` is not given.
 */
export function verifyIssued(tbs: Uint8Array, signature: Uint8Array, issuerKey: string): boolean {
  return (
    sm2Verify(tbs, signature, issuerKey, DEFAULT_DIST_ID) ||
    sm2Verify(tbs, signature, issuerKey, '')
  );
}

/** `CN=王建国, O=…` in the certificate's order. */
export function formatName(name: Name): string {
  return name
    .map((rdn) =>
      rdn
        .map(
          (attribute) =>
            `${NAME_ATTRIBUTES[attribute.type] ?? attribute.type}=${attribute.value.toString()}`,
        )
        .join('+'),
    )
    .join(', ');
}
