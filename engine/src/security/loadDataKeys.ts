import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineConfig } from '../config/EngineConfig.js';
import { DataKeyError } from './DataKeyError.js';
import { MASTER_KEY_BYTES, type Keyring } from './Keyring.js';
import { PersonalDataCipher } from './PersonalDataCipher.js';

export interface LoadDataKeysOptions {
  /** DATA_KEY: base64 of 32 bytes. */
  dataKey?: string;
  /** DATA_KEY_FILE: a file holding that base64. */
  dataKeyFile?: string;
  /** DATA_KEYS_PREVIOUS: comma-separated base64 keys still accepted for decryption. */
  previousKeys?: string;
  dataDir: string;
  /** True with the embedded PGlite (no DATABASE_URL): a key may then be generated in DATA_DIR. */
  embedded: boolean;
  logger?: { warn(obj: object, msg: string): void };
}

const GENERATE = 'generate one with `openssl rand -base64 32`';

/** Decodes a base64 key; `name` is what the error messages call it. Never echoes the value. */
function parseKey(name: string, raw: string): Buffer {
  const text = raw.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw new DataKeyError(`${name} is not valid base64 (${GENERATE})`);
  }
  const key = Buffer.from(text, 'base64');
  if (key.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) {
    throw new DataKeyError(`${name} is not valid base64 (${GENERATE})`);
  }
  if (key.length !== MASTER_KEY_BYTES) {
    throw new DataKeyError(
      `${name} must be the base64 of exactly ${MASTER_KEY_BYTES} bytes, got ${key.length} bytes (${GENERATE})`,
    );
  }
  return key;
}

function warnIfReadableByOthers(file: string, logger: LoadDataKeysOptions['logger']): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    logger?.warn(
      { keyFile: file, mode: mode.toString(8) },
      'The personal-data key file is readable by other users; chmod 600 it',
    );
  }
}

function readKeyFile(file: string, logger: LoadDataKeysOptions['logger']): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DataKeyError(`DATA_KEY_FILE ${file} could not be read (${reason})`);
  }
  const key = parseKey(`DATA_KEY_FILE (${file})`, text);
  warnIfReadableByOthers(file, logger);
  return key;
}

/**
 * The key generated for an embedded data directory: `DATA_DIR/secrets/data.key`, created once
 * (exclusively, mode 0600, in a 0700 directory) and reused on every later start.
 */
function embeddedKey(dataDir: string, logger: LoadDataKeysOptions['logger']): Buffer {
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, 'data.key');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  let created = false;
  try {
    const key = crypto.randomBytes(MASTER_KEY_BYTES);
    fs.writeFileSync(file, key.toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let key: Buffer;
  try {
    key = parseKey(file, fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataKeyError(
      `${(err as Error).message}. This file holds the key to the personal data in ${dataDir}: ` +
        'restore it from a backup rather than deleting it',
    );
  }
  warnIfReadableByOthers(file, logger);
  logger?.warn(
    { keyFile: file, created },
    'Personal data is encrypted with a key generated in DATA_DIR; production must supply its own ' +
      'key through DATA_KEY or DATA_KEY_FILE, kept outside the data directory and backed up',
  );
  return key;
}

/**
 * Resolves the personal-data keyring: DATA_KEY or DATA_KEY_FILE (exactly one), plus
 * DATA_KEYS_PREVIOUS. With neither, an embedded engine generates (once) and reuses a key in
 * `DATA_DIR/secrets/data.key`; an engine on a real database refuses to start. The key never goes
 * into the database.
 */
export function loadDataKeys(options: LoadDataKeysOptions): Keyring {
  const dataKey = options.dataKey?.trim() || undefined;
  const dataKeyFile = options.dataKeyFile?.trim() || undefined;
  if (dataKey && dataKeyFile) {
    throw new DataKeyError('Set DATA_KEY or DATA_KEY_FILE, not both');
  }
  const previousList = (options.previousKeys ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const previous = previousList.map((entry, i) =>
    parseKey(
      previousList.length === 1 ? 'DATA_KEYS_PREVIOUS' : `DATA_KEYS_PREVIOUS (key ${i + 1})`,
      entry,
    ),
  );

  let current: Buffer;
  if (dataKey) current = parseKey('DATA_KEY', dataKey);
  else if (dataKeyFile) current = readKeyFile(path.resolve(dataKeyFile), options.logger);
  else if (options.embedded) current = embeddedKey(options.dataDir, options.logger);
  else {
    throw new DataKeyError(
      'DATA_KEY or DATA_KEY_FILE is required with a real database (DATABASE_URL): personal data ' +
        'is encrypted with it. Generate one with `openssl rand -base64 32`, keep it outside the ' +
        'database and back it up',
    );
  }
  return previous.length ? { current, previous } : { current };
}

/**
 * The cipher of the engine's configuration (DATA_KEY, DATA_KEY_FILE, DATA_KEYS_PREVIOUS, or the
 * embedded data directory's generated key): what the engine and the commands that read or write
 * personal data use.
 */
export function cipherFor(
  config: Pick<EngineConfig, 'dataKey' | 'dataKeyFile' | 'previousDataKeys' | 'dataDir'>,
  embedded: boolean,
  logger?: LoadDataKeysOptions['logger'],
): PersonalDataCipher {
  return new PersonalDataCipher(
    loadDataKeys({
      ...(config.dataKey ? { dataKey: config.dataKey } : {}),
      ...(config.dataKeyFile ? { dataKeyFile: config.dataKeyFile } : {}),
      ...(config.previousDataKeys ? { previousKeys: config.previousDataKeys } : {}),
      dataDir: config.dataDir,
      embedded,
      ...(logger ? { logger } : {}),
    }),
  );
}
