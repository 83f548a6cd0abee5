/**
 * The plugin's settings, from the environment (documented in README.md):
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | CA_PROVIDER | local | `local` (key store in CA_KEYSTORE_DIR) or `signing-server` |
 * | CA_KEYSTORE_DIR | DATA_DIR/plugins/ca-signing/keys | the local key store |
 * | CA_KEY_PASSPHRASE | (the development store's own) | passphrase of the key files |
 * | CA_ROOTS | the key store's `ca.crt.pem` | trusted root certificates (PEM files, comma-separated) |
 * | CA_CRLS | (none) | CRL files (PEM or DER, comma-separated); also `crls/` in the key store |
 * | CA_SIGNING_SERVER_URL | — | base URL of the CA's signing service (provider `signing-server`) |
 * | CA_SIGNING_SERVER_TOKEN | — | bearer token for it |
 * | CA_DIST_ID | 1234567812345678 | the SM2 distinguishing ID |
 */
import path from 'node:path';
import { DEFAULT_DIST_ID } from './sm2/sm2.js';

export interface SigningConfig {
  provider: 'local' | 'signing-server';
  keystoreDir: string;
  passphrase: string | undefined;
  roots: string[];
  crls: string[];
  signingServerUrl: string | undefined;
  signingServerToken: string | undefined;
  distId: string;
}

export class SigningConfigError extends Error {
  override name = 'SigningConfigError';
}

export function signingConfig(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SigningConfig {
  const provider = (env.CA_PROVIDER?.trim() || 'local') as SigningConfig['provider'];
  if (provider !== 'local' && provider !== 'signing-server')
    throw new SigningConfigError(`CA_PROVIDER must be local or signing-server (got "${provider}")`);
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const signingServerUrl = env.CA_SIGNING_SERVER_URL?.trim() || undefined;
  if (provider === 'signing-server') {
    if (!signingServerUrl)
      throw new SigningConfigError('CA_PROVIDER=signing-server needs CA_SIGNING_SERVER_URL');
    if (!/^https?:\/\//.test(signingServerUrl))
      throw new SigningConfigError('CA_SIGNING_SERVER_URL must be an http(s) URL');
  }
  const distId = env.CA_DIST_ID ?? DEFAULT_DIST_ID;
  if (distId.length > 1000) throw new SigningConfigError('CA_DIST_ID is too long');
  return {
    provider,
    keystoreDir: path.resolve(env.CA_KEYSTORE_DIR?.trim() || path.join(dataDir, 'keys')),
    passphrase: env.CA_KEY_PASSPHRASE || undefined,
    roots: list(env.CA_ROOTS),
    crls: list(env.CA_CRLS),
    signingServerUrl,
    signingServerToken: env.CA_SIGNING_SERVER_TOKEN || undefined,
    distId,
  };
}
