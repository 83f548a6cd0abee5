/**
 * The development CA (`formwork ca init`): a self-signed SM2 root and a platform certificate in
 * a key store, marked NOT FOR PRODUCTION in the organisation name and by a marker file. Users'
 * certificates are issued on first signature (or named with `--users`). Provinces use their CA's
 * certificates instead (see README.md).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { issueCertificate } from './issueCertificate.js';
import { generateKeyPair } from '../sm2/sm2.js';
import { DEV_MARKER, KeyStore } from '../providers/KeyStore.js';

export const DEV_ORGANISATION = 'Formwork 开发测试 CA（非生产用 NOT FOR PRODUCTION）';
export const DEV_PASSPHRASE_FILE = 'dev-passphrase.txt';

export interface DevCaResult {
  dir: string;
  created: string[];
  root: string;
}

/** Creates the development CA in `dir` (refuses to overwrite unless `force`). */
export function initDevCa(
  dir: string,
  options: { users?: string[]; force?: boolean; now?: Date; passphrase?: string } = {},
): DevCaResult {
  if (fs.existsSync(path.join(dir, 'ca.crt.pem')) && !options.force)
    throw new Error(`${dir} already holds a CA (use --force to replace it)`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passphrase = options.passphrase ?? devPassphrase(dir, true);
  const now = options.now ?? new Date();
  const store = new KeyStore(dir, () => passphrase);
  const rootKey = generateKeyPair();
  const root = issueCertificate(
    {
      subject: {
        C: 'CN',
        O: DEV_ORGANISATION,
        CN: `Formwork Development Root CA ${crypto.randomBytes(4).toString('hex')}`,
      },
      publicKey: rootKey.publicKey,
      notBefore: new Date(+now - 60_000),
      notAfter: new Date(+now + 10 * 365 * 86_400_000),
      ca: true,
    },
    rootKey,
  );
  store.write('ca', rootKey, root);
  fs.writeFileSync(
    path.join(dir, DEV_MARKER),
    'This key store was made by `formwork ca init`. Its CA and keys are for development and tests only.\n本密钥库由 formwork ca init 生成，仅供开发测试，不得用于生产。\n',
  );
  const created = ['ca'];
  for (const alias of ['platform', ...(options.users ?? [])]) {
    store.enrol(
      alias,
      { C: 'CN', O: DEV_ORGANISATION, CN: alias === 'platform' ? 'Formwork 平台 platform' : alias },
      now,
    );
    created.push(alias);
  }
  return { dir, created, root: root.subject };
}

/** The development store's passphrase (random, kept beside it with mode 0600). */
export function devPassphrase(dir: string, create = false): string {
  const file = path.join(dir, DEV_PASSPHRASE_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (!create) throw new Error(`no passphrase file ${file}`);
  const passphrase = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${passphrase}\n`, { mode: 0o600 });
  return passphrase;
}
