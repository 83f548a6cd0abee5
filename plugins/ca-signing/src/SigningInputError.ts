/**
 * Bad input to the signing plugin (a malformed key, certificate, CRL or signature, a wrong curve,
 * a wrong passphrase, an oversized message): a code and a message in zh-CN and English that
 * names what is wrong. Routes answer it with 400; the CLI prints it and exits 2.
 */
export class SigningInputError extends Error {
  override name = 'SigningInputError';
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}
