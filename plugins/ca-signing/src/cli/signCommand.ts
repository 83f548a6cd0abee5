/**
 * `formwork sign --key KEY --cert CERT [--out SIG] [--id ID] FILE`: an SM2/SM3 signature of FILE
 * as DER, what `openssl dgst -sm3 -verify PUB -sigopt distid:ID -signature SIG FILE` checks.
 * An encrypted key's passphrase comes from CA_KEY_PASSPHRASE or `--passphrase-file`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readPrivateKey } from '../keys/sm2Keys.js';
import { DEFAULT_DIST_ID, MAX_MESSAGE_BYTES, sm2Sign } from '../sm2/sm2.js';
import { Certificate } from '../x509/Certificate.js';
import { SigningInputError } from '../SigningInputError.js';
import { readInput, type CommandIo } from './commandIo.js';

export const SIGN_USAGE =
  'sign --key KEY.pem [--cert CERT.pem] [--out FILE.sig] [--id 1234567812345678] [--passphrase-file F] FILE';

export async function signCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      cert: { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string', default: DEFAULT_DIST_ID },
      'passphrase-file': { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (!values.key || !file || extra.length) {
    io.err(`usage: formwork ${SIGN_USAGE}\n`);
    return 2;
  }
  const passphrase = values['passphrase-file']
    ? fs.readFileSync(values['passphrase-file'], 'utf8').trim()
    : io.env.CA_KEY_PASSPHRASE;
  const key = readPrivateKey(
    readInput(values.key, 64 * 1024, '私钥 key').toString('utf8'),
    passphrase,
  );
  let signer: string | undefined;
  if (values.cert) {
    const [certificate] = Certificate.readAll(
      readInput(values.cert, 64 * 1024, '证书 certificate'),
    );
    if (certificate!.publicKey !== key.publicKey)
      throw new SigningInputError(
        'key_mismatch',
        '私钥与证书不匹配',
        'the private key does not belong to the certificate',
      );
    signer = certificate!.subject;
  }
  const data = readInput(file, MAX_MESSAGE_BYTES, '待签文件 file');
  const signature = sm2Sign(data, key, values.id);
  const out = values.out ?? `${file}.sig`;
  fs.writeFileSync(out, signature);
  io.out(
    `${JSON.stringify({ signature: out, bytes: data.length, distId: values.id, ...(signer ? { signer } : {}) })}\n`,
  );
  return 0;
}
