/**
 * SM2/SM3 signing and verification rates of the CA signing plugin, against OpenSSL's own rate on
 * this machine in the same run (`openssl speed sm2`; where the build has no SM2 in `speed`,
 * the CLI timed over a batch of `openssl dgst -sm3 -sign` — much slower, process start included).
 *   npm run bench -- signing        (BENCH_SECONDS=3 per figure)
 * Figures: raw sign/verify (a 1 KiB message, SM3 with Z), and the document signer's sign/verify
 * as the engine calls it (canonical envelope of a referral slip, local key store, chain check).
 * Aim (issue 18): at least 1,000 signatures/s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initDevCa } from '../plugins/ca-signing/src/ca/devCa.js';
import { CaSigning } from '../plugins/ca-signing/src/CaSigning.js';
import { signingConfig } from '../plugins/ca-signing/src/signingConfig.js';
import { generateKeyPair, sm2Sign, sm2Verify } from '../plugins/ca-signing/src/sm2/sm2.js';
import { Report } from './lib/report.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const report = new Report('signing');

async function rate(what: string, run: () => unknown | Promise<unknown>): Promise<number> {
  process.stderr.write(`${what} for ${seconds}s …\n`);
  for (let i = 0; i < 50; i++) await run();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await run();
    n += 20;
  }
  return n / ((performance.now() - started) / 1000);
}

function opensslRates(): { sign: number; verify: number; how: string } {
  process.stderr.write(`openssl speed sm2 for ${seconds}s …\n`);
  try {
    const out = execFileSync('openssl', ['speed', '-seconds', String(seconds), 'sm2'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = out.split('\n').find((l) => /SM2/.test(l) && /\d+\.\d+\s+\d+\.\d+\s*$/.test(l));
    const [sign, verify] = line!.trim().split(/\s+/).slice(-2).map(Number) as [number, number];
    return { sign, verify, how: 'openssl speed sm2' };
  } catch {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-openssl-'));
    execFileSync(
      'openssl',
      ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'k.pem'],
      { cwd: dir },
    );
    fs.writeFileSync(path.join(dir, 'm'), 'x'.repeat(1024));
    const batch = 50;
    let t = performance.now();
    for (let i = 0; i < batch; i++)
      execFileSync(
        'openssl',
        ['dgst', '-sm3', '-sign', 'k.pem', '-sigopt', 'distid:1234567812345678', '-out', 's', 'm'],
        { cwd: dir },
      );
    const sign = batch / ((performance.now() - t) / 1000);
    execFileSync('openssl', ['pkey', '-in', 'k.pem', '-pubout', '-out', 'p.pem'], { cwd: dir });
    t = performance.now();
    for (let i = 0; i < batch; i++)
      execFileSync(
        'openssl',
        [
          'dgst',
          '-sm3',
          '-verify',
          'p.pem',
          '-sigopt',
          'distid:1234567812345678',
          '-signature',
          's',
          'm',
        ],
        { cwd: dir },
      );
    const verify = batch / ((performance.now() - t) / 1000);
    fs.rmSync(dir, { recursive: true, force: true });
    return { sign, verify, how: 'openssl dgst CLI, one process per signature' };
  }
}

const key = generateKeyPair();
const message = new Uint8Array(1024).fill(0x61);
const signature = sm2Sign(message, key);
const baseline = opensslRates();
process.stderr.write(`baseline: ${baseline.how}\n`);
report.add(
  'SM2 sign, 1 KiB (sm-crypto-v2)',
  await rate('raw sign', () => sm2Sign(message, key)),
  'signatures/s',
  baseline.sign,
);
report.add(
  'SM2 verify, 1 KiB',
  await rate('raw verify', () => sm2Verify(message, signature, key.publicKey)),
  'verifications/s',
  baseline.verify,
);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-signing-'));
initDevCa(path.join(dir, 'keys'), { users: ['wangjianguo'] });
const { signer } = new CaSigning(signingConfig(dir, {}));
const doctor = {
  kind: 'user',
  userId: '7f1c0000-0000-4000-8000-000000000001',
  username: 'wangjianguo',
} as const;
const slip = {
  submissionId: '0d6b1a52-6c1e-4bd4-9a57-0f3f5b7c8e21',
  revision: 1,
  formKey: 'referral-out',
  formVersion: '3.0.1',
  formVersionHash: `sha256:${'ab'.repeat(32)}`,
  data: {
    reason: '血压 185/112 mmHg，头痛',
    urgency: 'urgent',
    sbp: 185,
    dbp: 112,
    toOrg: '530102',
    notes: '患者自述'.repeat(20),
  },
};
const signed = await signer.sign(slip, doctor);
report.add(
  'document signer: sign a referral slip (envelope, key store, chain check)',
  await rate('document sign', () => signer.sign(slip, doctor)),
  'signatures/s',
  baseline.sign,
);
report.add(
  'document signer: verify (signature, chain, CRL)',
  await rate('document verify', () => signer.verify(slip, signed)),
  'verifications/s',
  baseline.verify,
);
fs.rmSync(dir, { recursive: true, force: true });
report.printTable();
process.stdout.write(`\nbaseline: ${baseline.how}; aim ≥ 1,000 signatures/s\n`);
