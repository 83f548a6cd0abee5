/**
 * `formwork verify --cert CERT --signature SIG [--roots ROOTS.pem] [--crl CRL] [--at TIME] FILE`:
 * checks an SM2/SM3 DER signature (as `openssl dgst -sm3 -sign` writes it) over FILE with the
 * certificate's key, then the certificate: chain to the roots (CA_ROOTS, the key store's CA, or
 * `--roots`), validity at `--at` (default now), revocation on the CRLs. Prints JSON
 * `{ status, message }` — valid, invalid, certificate-expired, revoked, unknown-issuer — and
 * exits 0 only when valid.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DIST_ID, MAX_MESSAGE_BYTES, sm2Verify } from '../sm2/sm2.js';
import { Certificate } from '../x509/Certificate.js';
import { Crl } from '../x509/Crl.js';
import { TrustStore } from '../x509/TrustStore.js';
import { SigningInputError } from '../SigningInputError.js';
import { readInput, type CommandIo } from './commandIo.js';

export const VERIFY_USAGE =
  'verify --cert CERT.pem --signature FILE.sig [--roots ROOTS.pem] [--crl CRL.pem]… [--id ID] [--at ISO-TIME] FILE';

export async function verifyCommand(
  args: string[],
  io: CommandIo,
  defaults: { roots: () => Certificate[]; crls: () => Crl[] },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      cert: { type: 'string' },
      signature: { type: 'string' },
      roots: { type: 'string', multiple: true },
      crl: { type: 'string', multiple: true },
      id: { type: 'string', default: DEFAULT_DIST_ID },
      at: { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (!values.cert || !values.signature || !file || extra.length) {
    io.err(`usage: formwork ${VERIFY_USAGE}\n`);
    return 2;
  }
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()))
    throw new SigningInputError(
      'at_invalid',
      `--at 不是时间：${values.at}`,
      `--at is not a time: ${values.at}`,
    );
  const [certificate, ...chain] = Certificate.readAll(
    readInput(values.cert, 256 * 1024, '证书 certificate'),
  );
  const signature = readInput(values.signature, 1024, '签名 signature');
  const data = readInput(file, MAX_MESSAGE_BYTES, '文件 file');
  const roots = values.roots?.length
    ? values.roots.flatMap((f) => Certificate.readAll(readInput(f, 1024 * 1024, '根证书 roots')))
    : defaults.roots();
  const crls = values.crl?.length
    ? values.crl.flatMap((f) => Crl.readAll(readInput(f, 8 * 1024 * 1024, '吊销列表 CRL')))
    : defaults.crls();
  const report = (status: string, message: { zh: string; en: string }) => {
    io.out(
      `${JSON.stringify({ status, message, signer: certificate!.subject, serial: certificate!.serial })}\n`,
    );
    return status === 'valid' ? 0 : 1;
  };
  if (!sm2Verify(data, signature, certificate!.publicKey, values.id))
    return report('invalid', {
      zh: '签名不成立：文件被改动、分辨标识不同或不是该证书的密钥所签',
      en: 'the signature does not hold: the file was altered, the distinguishing ID differs, or another key signed it',
    });
  const check = new TrustStore(roots, [], crls).check(certificate!, at, chain);
  return report(check.status, check.message);
}
