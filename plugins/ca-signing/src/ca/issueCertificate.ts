/**
 * Issues X.509 v3 certificates for SM2 keys, signed with SM2-with-SM3 under the default
 * distinguishing ID: what `formwork ca init` uses for the development CA. Not a CA product: no
 * request handling, no policies — a province's certificates come from its CA.
 */
import { randomBytes } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate as AsnCertificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { encode, sequence, TAG } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { oid, spkiOf } from '../keys/sm2Keys.js';
import { sm2Sign, type Sm2KeyPair } from '../sm2/sm2.js';
import { Certificate, KEY_USAGE } from '../x509/Certificate.js';

export interface CertificateRequest {
  /** e.g. { CN: '王建国', O: '…', C: 'CN' } (in this order in the certificate) */
  subject: Readonly<Record<string, string>>;
  publicKey: string;
  notBefore: Date;
  notAfter: Date;
  /** a CA certificate (keyCertSign, cRLSign) or an end entity's (digitalSignature, nonRepudiation) */
  ca: boolean;
}

const ATTRIBUTE_OIDS: Readonly<Record<string, string>> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
};

/** Issues a certificate; `issuer` absent makes it self-signed with `issuerKey`. */
export function issueCertificate(
  request: CertificateRequest,
  issuerKey: Sm2KeyPair,
  issuer?: Certificate,
): Certificate {
  const subject = nameOf(request.subject);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const usage = new KeyUsage();
  usage.fromNumber(
    request.ca
      ? KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign
      : KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
  );
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length),
    signature: new AlgorithmIdentifier({ algorithm: OID.sm2WithSm3 }),
    issuer: issuer ? AsnConvert.parse(issuerNameDer(issuer), Name) : subject,
    validity: new Validity({ notBefore: request.notBefore, notAfter: request.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(spkiOf(request.publicKey), SubjectPublicKeyInfo),
    extensions: new Extensions([
      new Extension({
        extnID: id_ce_basicConstraints,
        critical: true,
        extnValue: new OctetString(AsnConvert.serialize(new BasicConstraints({ cA: request.ca }))),
      }),
      new Extension({
        extnID: id_ce_keyUsage,
        critical: true,
        extnValue: new OctetString(AsnConvert.serialize(usage)),
      }),
    ]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = sm2Sign(tbsDer, issuerKey);
  return Certificate.fromDer(
    sequence(
      tbsDer,
      sequence(oid(OID.sm2WithSm3)),
      encode(TAG.BIT_STRING, new Uint8Array([0, ...signature])),
    ),
  );
}

function nameOf(parts: Readonly<Record<string, string>>): Name {
  return new Name(
    Object.entries(parts).map(([key, value]) => {
      const type = ATTRIBUTE_OIDS[key];
      if (!type) throw new Error(`unknown name attribute ${key}`);
      const attributeValue =
        key === 'C'
          ? new AttributeValue({ printableString: value })
          : new AttributeValue({ utf8String: value });
      return new RelativeDistinguishedName([
        new AttributeTypeAndValue({ type, value: attributeValue }),
      ]);
    }),
  );
}

/** The issuer's subject Name, exactly as encoded in its certificate. */
function issuerNameDer(issuer: Certificate): Uint8Array {
  const parsed = AsnConvert.parse(issuer.der, AsnCertificate);
  return new Uint8Array(AsnConvert.serialize(parsed.tbsCertificate.subject));
}
