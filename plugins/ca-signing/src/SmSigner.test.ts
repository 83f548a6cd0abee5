/**
 * The signer the engine calls, run the same way over both key providers — the local key store
 * and a CA signing server (a stand-in on loopback): a signature over content verifies; changed
 * content, time or certificate is invalid; a certificate from an untrusted CA is unknown-issuer;
 * a signer without a certificate, or a server that does not answer, fails to sign with a reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevCa } from './ca/devCa.js';
import { CaSigning } from './CaSigning.js';
import {
  startStandInSigningServer,
  type StandInServer,
} from './providers/fixtures/standInSigningServer.js';
import { KeyStore } from './providers/KeyStore.js';
import { signingConfig } from './signingConfig.js';
import { SmSigner } from './SmSigner.js';
import { TrustStore } from './x509/TrustStore.js';

const doctor = {
  kind: 'user',
  userId: '7f1c0000-0000-4000-8000-000000000001',
  username: 'wangjianguo',
} as const;
const report = {
  submissionId: 'a1',
  formVersionHash: 'sha256:abc',
  data: { opinion: '建议转诊', sbp: 185 },
};
let dir: string;
let server: StandInServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-signer-'));
  initDevCa(path.join(dir, 'keys'), { users: ['wangjianguo'] });
  const local = new CaSigning(signingConfig(dir, {}));
  server = await startStandInSigningServer(local.store, 'secret-token');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const providers = {
  local: () => new CaSigning(signingConfig(dir, {})),
  'signing-server': () =>
    new CaSigning(
      signingConfig(dir, {
        CA_PROVIDER: 'signing-server',
        CA_SIGNING_SERVER_URL: server.url,
        CA_SIGNING_SERVER_TOKEN: 'secret-token',
      }),
    ),
};

describe.each(Object.entries(providers))(
  'SM2 document signer with the %s provider',
  (kind, make) => {
    it('given a consultation report, when the doctor signs it, then it verifies valid with their certificate and the time', async () => {
      const { signer } = make();
      const signature = await signer.sign(report, doctor);
      expect(signature).toMatchObject({
        algorithm: 'SM2-SM3',
        signer: expect.stringContaining('CN=wangjianguo'),
      });
      const verification = await signer.verify(report, signature);
      expect(verification.status, verification.message.en).toBe('valid');
      expect(verification.certificate?.issuer).toContain('NOT FOR PRODUCTION');
      if (kind === 'signing-server') {
        expect(server.calls).toContain('POST /sign wangjianguo');
        // The server got a 32-byte digest, never the report.
        expect(JSON.stringify(server.bodies)).not.toContain('建议转诊');
        expect(server.bodies.at(-1)).toEqual({
          alias: 'wangjianguo',
          digest: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
        });
      }
    });

    it('given a signed report, when its content, its time or its certificate is changed, then it is invalid', async () => {
      const { signer } = make();
      const signature = await signer.sign(report, doctor);
      const changed = { ...report, data: { ...report.data, sbp: 135 } };
      expect((await signer.verify(changed, signature)).status).toBe('invalid');
      expect(
        (await signer.verify(report, { ...signature, signedAt: '2026-01-01T00:00:00.000Z' }))
          .status,
      ).toBe('invalid');
      const platform = await signer.sign(report, { kind: 'system', purpose: 'release' });
      const swapped = await signer.verify(report, {
        ...signature,
        certificate: platform.certificate,
      });
      expect(swapped.status).toBe('invalid');
      expect(swapped.message.en).toContain('does not match the signed content');
    });

    it('given a verifier that trusts another root, when it checks the signature, then the issuer is unknown', async () => {
      const { signer } = make();
      const signature = await signer.sign(report, doctor);
      const otherDir = path.join(dir, `other-${kind}`);
      initDevCa(otherDir);
      const otherRoot = new KeyStore(otherDir, () =>
        fs.readFileSync(path.join(otherDir, 'dev-passphrase.txt'), 'utf8').trim(),
      ).certificate('ca');
      const stranger = new SmSigner(
        {} as never,
        () => new TrustStore([otherRoot]),
        { now: () => new Date() },
        '1234567812345678',
      );
      expect((await stranger.verify(report, signature)).status).toBe('unknown-issuer');
    });
  },
);

describe('when signing is not possible', () => {
  it('given a production key store (not the development CA) without a key for the user, when they sign, then it fails naming them', async () => {
    const prod = path.join(dir, 'prod');
    fs.mkdirSync(prod);
    const ca = new CaSigning(
      signingConfig(dir, {
        CA_KEYSTORE_DIR: prod,
        CA_KEY_PASSPHRASE: 'x',
        CA_ROOTS: path.join(dir, 'keys', 'ca.crt.pem'),
      }),
    );
    await expect(ca.signer.sign(report, doctor)).rejects.toThrow(
      /wangjianguo has no signing certificate/,
    );
  });

  it('given the signing server is down, when a user signs, then it fails saying so', async () => {
    const ca = providers['signing-server']();
    server.available = false;
    try {
      await expect(ca.signer.sign(report, { ...doctor, username: 'platform' })).rejects.toThrow(
        /signing server refused \(HTTP 503\)/,
      );
    } finally {
      server.available = true;
    }
  });
});
