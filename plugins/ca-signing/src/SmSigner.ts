/**
 * The DocumentSigner the plugin registers: SM2 with SM3 over the canonical envelope
 * (signedEnvelope.ts), keys through a KeyProvider, certificates checked against the TrustStore
 * both when signing (no signature under an expired, revoked or untrusted certificate) and when
 * verifying (valid / invalid / certificate-expired / revoked / unknown-issuer, naming what failed).
 */
import type {
  DocumentSignature,
  DocumentSigner,
  JsonValue,
  SignatureVerification,
  SignerRef,
} from '@formwork/engine/plugin-api';
import { SigningInputError } from './SigningInputError.js';
import { signedEnvelope } from './signedEnvelope.js';
import { SigningUnavailableError, type KeyProvider } from './providers/KeyProvider.js';
import { sm2Verify } from './sm2/sm2.js';
import { Certificate } from './x509/Certificate.js';
import type { TrustStore } from './x509/TrustStore.js';

export interface Clock {
  now(): Date;
}

export const ALGORITHM = 'SM2-SM3';

export class SmSigner implements DocumentSigner {
  readonly algorithm = ALGORITHM;

  constructor(
    private readonly provider: KeyProvider,
    private readonly trust: () => TrustStore,
    private readonly clock: Clock,
    private readonly distId: string,
  ) {}

  async sign(content: JsonValue, as: SignerRef): Promise<DocumentSignature> {
    const now = this.clock.now();
    const { certificate, chain } = await this.provider.certificateFor(as);
    const check = this.trust().check(certificate, now, chain);
    if (check.status !== 'valid')
      throw new SigningUnavailableError(
        `不能签名：${check.message.zh}`,
        `cannot sign: ${check.message.en}`,
      );
    const signedAt = now.toISOString();
    const value = await this.provider.sign(
      signedEnvelope(content, certificate.base64, signedAt),
      as,
      this.distId,
    );
    return {
      algorithm: ALGORITHM,
      value: Buffer.from(value).toString('base64'),
      certificate: certificate.base64,
      signer: certificate.subject,
      signedAt,
    };
  }

  async verify(content: JsonValue, signature: DocumentSignature): Promise<SignatureVerification> {
    const base = {
      algorithm: signature.algorithm,
      signer: signature.signer,
      signedAt: signature.signedAt,
    };
    if (signature.algorithm !== ALGORITHM)
      return {
        ...base,
        status: 'invalid',
        message: {
          zh: `不支持的签名算法 ${signature.algorithm}`,
          en: `unsupported signature algorithm ${signature.algorithm}`,
        },
      };
    let certificate: Certificate;
    let value: Uint8Array;
    const signedAt = new Date(signature.signedAt);
    try {
      certificate = Certificate.fromBase64(signature.certificate);
      if (!/^[A-Za-z0-9+/]{1,200}={0,2}$/.test(signature.value))
        throw new SigningInputError(
          'signature_malformed',
          '签名值不是 base64',
          'the signature value is not base64',
        );
      value = new Uint8Array(Buffer.from(signature.value, 'base64'));
      if (Number.isNaN(signedAt.getTime()))
        throw new SigningInputError(
          'signed_at_invalid',
          '签名时间无效',
          'the signing time is not a date',
        );
    } catch (err) {
      if (!(err instanceof SigningInputError)) throw err;
      return { ...base, status: 'invalid', message: { zh: err.zh, en: err.en } };
    }
    const details = {
      ...base,
      signer: certificate.subject,
      certificate: {
        serial: certificate.serial,
        subject: certificate.subject,
        issuer: certificate.issuer,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
      },
    };
    let holds: boolean;
    try {
      holds = sm2Verify(
        signedEnvelope(content, signature.certificate, signature.signedAt),
        value,
        certificate.publicKey,
        this.distId,
      );
    } catch (err) {
      if (!(err instanceof SigningInputError)) throw err;
      return { ...details, status: 'invalid', message: { zh: err.zh, en: err.en } };
    }
    if (!holds)
      return {
        ...details,
        status: 'invalid',
        message: {
          zh: '签名与所签内容不符（内容、时间或证书被改动，或不是该证书的密钥所签）',
          en: 'the signature does not match the signed content (content, time or certificate altered, or not signed with this certificate’s key)',
        },
      };
    if (signedAt > new Date(+this.clock.now() + 5 * 60_000))
      return {
        ...details,
        status: 'invalid',
        message: { zh: '签名时间在未来', en: 'the signing time lies in the future' },
      };
    const check = this.trust().check(certificate, signedAt);
    return { ...details, status: check.status, message: check.message };
  }
}
