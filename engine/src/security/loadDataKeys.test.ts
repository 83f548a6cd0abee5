import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/loadConfig.js';
import { DataKeyError } from './DataKeyError.js';
import { loadDataKeys } from './loadDataKeys.js';
import { PersonalDataCipher } from './PersonalDataCipher.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-keys-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function freshDir(): string {
  const dir = path.join(root, `d${++counter}`);
  fs.mkdirSync(dir);
  return dir;
}

const KEY = crypto.randomBytes(32);
const KEY_B64 = KEY.toString('base64');
const OLD = crypto.randomBytes(32);

function recordingLogger() {
  const warnings: { obj: object; msg: string }[] = [];
  return { warnings, warn: (obj: object, msg: string) => warnings.push({ obj, msg }) };
}

function failure(action: () => unknown): DataKeyError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(DataKeyError);
    expect(err).toBeInstanceOf(ConfigError);
    return err as DataKeyError;
  }
  throw new Error('expected a DataKeyError');
}

describe('loadDataKeys', () => {
  it('reads DATA_KEY, trimming it', () => {
    const keyring = loadDataKeys({
      dataKey: ` ${KEY_B64}\n`,
      dataDir: freshDir(),
      embedded: false,
    });
    expect(keyring).toEqual({ current: KEY });
  });

  it('accepts DATA_KEY without padding', () => {
    const keyring = loadDataKeys({
      dataKey: KEY_B64.replace(/=+$/, ''),
      dataDir: freshDir(),
      embedded: false,
    });
    expect(keyring.current.equals(KEY)).toBe(true);
  });

  it('reads DATA_KEY_FILE', () => {
    const dir = freshDir();
    const file = path.join(dir, 'key');
    fs.writeFileSync(file, KEY_B64 + '\n', { mode: 0o600 });
    const logger = recordingLogger();
    const keyring = loadDataKeys({ dataKeyFile: file, dataDir: dir, embedded: false, logger });
    expect(keyring.current.equals(KEY)).toBe(true);
    expect(logger.warnings).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('warns when DATA_KEY_FILE is readable by others', () => {
    const dir = freshDir();
    const file = path.join(dir, 'key');
    fs.writeFileSync(file, KEY_B64);
    fs.chmodSync(file, 0o644);
    const logger = recordingLogger();
    loadDataKeys({ dataKeyFile: file, dataDir: dir, embedded: false, logger });
    expect(logger.warnings[0]?.msg).toMatch(/readable by other users/);
    expect(JSON.stringify(logger.warnings)).not.toContain(KEY_B64);
  });

  it('reads DATA_KEYS_PREVIOUS', () => {
    const other = crypto.randomBytes(32);
    const keyring = loadDataKeys({
      dataKey: KEY_B64,
      previousKeys: ` ${OLD.toString('base64')}, ${other.toString('base64')} ,`,
      dataDir: freshDir(),
      embedded: false,
    });
    expect(keyring).toEqual({ current: KEY, previous: [OLD, other] });
  });

  it('generates an embedded key once (0600 in a 0700 directory) and reuses it', () => {
    const dir = freshDir();
    const logger = recordingLogger();
    const first = loadDataKeys({ dataDir: dir, embedded: true, logger });
    const file = path.join(dir, 'secrets', 'data.key');
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(first.current)).toBe(
      true,
    );
    expect(first.current).toHaveLength(32);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]!.msg).toMatch(/production must supply its own key/);
    expect(logger.warnings[0]!.obj).toMatchObject({ keyFile: file, created: true });
    expect(JSON.stringify(logger.warnings)).not.toContain(first.current.toString('base64'));

    const before = fs.statSync(file).mtimeMs;
    const second = loadDataKeys({ dataDir: dir, embedded: true, logger });
    expect(second.current.equals(first.current)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(before);
    expect(logger.warnings[1]!.obj).toMatchObject({ created: false });

    // Data encrypted on the first start still decrypts on the second.
    const envelope = new PersonalDataCipher(first).encrypt('张三', 'subject.name');
    expect(new PersonalDataCipher(second).decrypt(envelope, 'subject.name')).toBe('张三');
  });

  it('does not generate a key when one is supplied', () => {
    const dir = freshDir();
    loadDataKeys({ dataKey: KEY_B64, dataDir: dir, embedded: true });
    expect(fs.existsSync(path.join(dir, 'secrets'))).toBe(false);
  });

  it('refuses a damaged embedded key file and says not to delete it', () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'secrets'));
    fs.writeFileSync(path.join(dir, 'secrets', 'data.key'), 'c2hvcnQ=', { mode: 0o600 });
    const error = failure(() => loadDataKeys({ dataDir: dir, embedded: true }));
    expect(error.message).toMatch(/data\.key must be the base64 of exactly 32 bytes/);
    expect(error.message).toMatch(/restore it from a backup/);
  });

  it('requires DATA_KEY or DATA_KEY_FILE with a real database', () => {
    const dir = freshDir();
    const error = failure(() => loadDataKeys({ dataDir: dir, embedded: false }));
    expect(error.message).toMatch(/DATA_KEY or DATA_KEY_FILE is required with a real database/);
    expect(fs.existsSync(path.join(dir, 'secrets'))).toBe(false);
    failure(() => loadDataKeys({ dataKey: '  ', dataDir: dir, embedded: false }));
  });

  it('refuses DATA_KEY and DATA_KEY_FILE together', () => {
    const error = failure(() =>
      loadDataKeys({ dataKey: KEY_B64, dataKeyFile: '/k', dataDir: freshDir(), embedded: false }),
    );
    expect(error.message).toMatch(/DATA_KEY or DATA_KEY_FILE, not both/);
  });

  const short = crypto.randomBytes(16).toString('base64');
  const long = crypto.randomBytes(33).toString('base64');
  it.each([
    [{ dataKey: 'not base64!' }, /^DATA_KEY is not valid base64/],
    [{ dataKey: short }, /^DATA_KEY must be the base64 of exactly 32 bytes, got 16 bytes/],
    [{ dataKey: long }, /^DATA_KEY must be the base64 of exactly 32 bytes, got 33 bytes/],
    [{ dataKey: KEY.toString('hex') }, /^DATA_KEY must be the base64 of exactly 32 bytes/],
    [{ dataKey: '_'.repeat(43) + '=' }, /^DATA_KEY is not valid base64/], // base64url
    [
      { dataKey: KEY_B64, previousKeys: short },
      /^DATA_KEYS_PREVIOUS must be the base64 of exactly 32 bytes/,
    ],
    [
      { dataKey: KEY_B64, previousKeys: `${OLD.toString('base64')},???` },
      /^DATA_KEYS_PREVIOUS \(key 2\) is not valid base64/,
    ],
  ])('rejects %j with a message naming the variable', (options, message) => {
    const error = failure(() => loadDataKeys({ ...options, dataDir: freshDir(), embedded: true }));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/openssl rand -base64 32/);
    expect(error.message).not.toContain(options.dataKey);
  });

  it('names DATA_KEY_FILE when the file is missing or holds no valid key', () => {
    const dir = freshDir();
    const missing = path.join(dir, 'nope');
    expect(
      failure(() => loadDataKeys({ dataKeyFile: missing, dataDir: dir, embedded: true })).message,
    ).toBe(`DATA_KEY_FILE ${missing} could not be read (ENOENT)`);
    const wrong = path.join(dir, 'wrong');
    fs.writeFileSync(wrong, crypto.randomBytes(24).toString('base64'));
    expect(
      failure(() => loadDataKeys({ dataKeyFile: wrong, dataDir: dir, embedded: true })).message,
    ).toMatch(/^DATA_KEY_FILE \(.*wrong\) must be the base64 of exactly 32 bytes, got 24 bytes/);
    expect(
      failure(() => loadDataKeys({ dataKeyFile: dir, dataDir: dir, embedded: true })).message,
    ).toMatch(/^DATA_KEY_FILE .* could not be read \(EISDIR\)/);
  });
});
