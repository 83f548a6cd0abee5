/**
 * A certificate revocation list (X.509 CRL, RFC 5280 §5) signed with SM2: which serials its
 * issuer revoked and when. Imported by the operator (`CA_CRL` files); only a CRL whose signature
 * verifies with its issuer's key is believed.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';
import { children, DerError, readOid, readOne, TAG } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { readPemOrDer } from '../keys/pem.js';
import { SigningInputError } from '../SigningInputError.js';
import { formatName, verifyIssued, type Certificate } from './Certificate.js';

export class Crl {
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
  readonly issuer: string;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** Revoked serial (lower-case hex) → revocation date. */
  readonly revoked: ReadonlyMap<string, Date>;

  private constructor(der: Uint8Array) {
    let list: CertificateList;
    try {
      const [tbs, algorithm, signature] = children(readOne(der, TAG.SEQUENCE));
      if (!tbs || !algorithm || signature?.tag !== TAG.BIT_STRING || signature.value[0] !== 0)
        throw new DerError('a CRL is SEQUENCE { tbsCertList, signatureAlgorithm, signature }');
      if (readOid(children(algorithm)[0]!) !== OID.sm2WithSm3)
        throw new DerError('the CRL is not signed with SM2-with-SM3');
      this.tbs = tbs.raw;
      this.signature = signature.value.subarray(1);
      list = AsnConvert.parse(der, CertificateList);
    } catch (err) {
      const reason = (err as Error).message;
      throw new SigningInputError(
        'crl_malformed',
        `吊销列表格式错误：${reason}`,
        `malformed CRL: ${reason}`,
      );
    }
    const tbs = list.tbsCertList;
    this.issuer = formatName(tbs.issuer);
    this.thisUpdate = tbs.thisUpdate.getTime();
    this.nextUpdate = tbs.nextUpdate?.getTime();
    this.revoked = new Map(
      (tbs.revokedCertificates ?? []).map((entry) => [
        Buffer.from(entry.userCertificate)
          .toString('hex')
          .replace(/^(00)+(?=.)/, ''),
        entry.revocationDate.getTime(),
      ]),
    );
  }

  /** Every CRL in a PEM (`X509 CRL`) or DER file. */
  static readAll(bytes: Uint8Array): Crl[] {
    return readPemOrDer(bytes, 'X509 CRL', '吊销列表 CRL').map((der) => new Crl(der));
  }

  isSignedBy(issuer: Certificate): boolean {
    return (
      this.issuer === issuer.subject && verifyIssued(this.tbs, this.signature, issuer.publicKey)
    );
  }
}
