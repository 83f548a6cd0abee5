/**
 * Keys held by a CA's signing service (签名服务器): the private keys never leave it. The protocol
 * (README.md, "Signing-server protocol"), JSON over HTTP(S) with a bearer token:
 *
 *   GET  {base}/certificates/{alias}  → 200 { certificate: base64 DER, chain?: base64 DER[] } | 404
 *   POST {base}/sign  { alias, digest: base64 } → 200 { signature: base64 DER SM2 }
 *
 * `alias` is the username (or `platform`); `digest` is e = SM3(Z ‖ M) of GM/T 0003, Z computed
 * here from the certificate's key and the distinguishing ID — the server signs e and never sees
 * the signed data (residents' records stay in the engine). Every call times out after 5 s; answers over 256 KiB
 * are refused; a signature the server returns is checked against the certificate before use.
 */
import type { SignerRef } from '@formwork/engine/plugin-api';
import { sm2Digest, sm2Verify } from '../sm2/sm2.js';
import { Certificate } from '../x509/Certificate.js';
import { aliasOf, SigningUnavailableError, type KeyProvider } from './KeyProvider.js';

const TIMEOUT_MS = 5_000;
const MAX_ANSWER_BYTES = 256 * 1024;
const CERTIFICATE_TTL_MS = 5 * 60_000;

export class SigningServerProvider implements KeyProvider {
  readonly kind = 'signing-server';
  readonly #certificates = new Map<
    string,
    { at: number; value: { certificate: Certificate; chain: Certificate[] } }
  >();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async certificateFor(as: SignerRef): Promise<{ certificate: Certificate; chain: Certificate[] }> {
    const alias = aliasOf(as);
    const cached = this.#certificates.get(alias);
    if (cached && Date.now() - cached.at < CERTIFICATE_TTL_MS) return cached.value;
    const answer = (await this.#call('GET', `/certificates/${encodeURIComponent(alias)}`)) as {
      certificate?: unknown;
      chain?: unknown;
    };
    if (typeof answer.certificate !== 'string')
      throw new SigningUnavailableError(
        '签名服务器的证书应答格式错误',
        'the signing server answered without a certificate',
      );
    const value = {
      certificate: Certificate.fromBase64(answer.certificate),
      chain: Array.isArray(answer.chain)
        ? answer.chain
            .filter((c): c is string => typeof c === 'string')
            .map((c) => Certificate.fromBase64(c))
        : [],
    };
    this.#certificates.set(alias, { at: Date.now(), value });
    return value;
  }

  async sign(message: Uint8Array, as: SignerRef, distId: string): Promise<Uint8Array> {
    const alias = aliasOf(as);
    const { certificate } = await this.certificateFor(as);
    const digest = sm2Digest(message, certificate.publicKey, distId);
    const answer = (await this.#call('POST', '/sign', {
      alias,
      digest: Buffer.from(digest).toString('base64'),
    })) as { signature?: unknown };
    if (typeof answer.signature !== 'string')
      throw new SigningUnavailableError(
        '签名服务器未返回签名值',
        'the signing server returned no signature',
      );
    const signature = new Uint8Array(Buffer.from(answer.signature, 'base64'));
    if (!sm2Verify(message, signature, certificate.publicKey, distId))
      throw new SigningUnavailableError(
        '签名服务器返回的签名不成立',
        'the signature the signing server returned does not verify against its certificate',
      );
    return signature;
  }

  async #call(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<unknown> {
    const url = `${this.baseUrl.replace(/\/$/, '')}${pathname}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new SigningUnavailableError(
        `签名服务器无应答（${url}）`,
        `the signing server does not answer (${url}): ${(err as Error).message}`,
        { cause: err },
      );
    }
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES)
      throw new SigningUnavailableError(
        '签名服务器应答过大',
        'the signing server’s answer is too large',
      );
    if (response.status === 404)
      throw new SigningUnavailableError(
        '签名服务器上没有该用户的证书',
        `the signing server has no certificate for this signer (${pathname})`,
      );
    if (!response.ok)
      throw new SigningUnavailableError(
        `签名服务器拒绝（HTTP ${response.status}）`,
        `the signing server refused (HTTP ${response.status}): ${text.slice(0, 200)}`,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SigningUnavailableError(
        '签名服务器应答不是 JSON',
        'the signing server’s answer is not JSON',
      );
    }
  }
}
