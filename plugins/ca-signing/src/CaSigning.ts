/**
 * The plugin's parts put together from its configuration: the key store, the trust store (roots
 * and CRLs, re-read every minute so an imported CRL takes effect without a restart), the key
 * provider the configuration names and the signer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { devPassphrase, initDevCa } from './ca/devCa.js';
import { KeyStore } from './providers/KeyStore.js';
import type { KeyProvider } from './providers/KeyProvider.js';
import { LocalKeyProvider } from './providers/LocalKeyProvider.js';
import { SigningServerProvider } from './providers/SigningServerProvider.js';
import type { SigningConfig } from './signingConfig.js';
import { SmSigner, type Clock } from './SmSigner.js';
import { Certificate } from './x509/Certificate.js';
import { Crl } from './x509/Crl.js';
import { TrustStore } from './x509/TrustStore.js';

const TRUST_TTL_MS = 60_000;

export class CaSigning {
  readonly store: KeyStore;
  readonly provider: KeyProvider;
  readonly signer: SmSigner;
  #trust: { at: number; store: TrustStore } | undefined;

  constructor(
    readonly config: SigningConfig,
    private readonly clock: Clock = { now: () => new Date() },
  ) {
    this.store = new KeyStore(
      config.keystoreDir,
      () => config.passphrase ?? tryDevPassphrase(config.keystoreDir) ?? '',
    );
    this.provider =
      config.provider === 'signing-server'
        ? new SigningServerProvider(config.signingServerUrl!, config.signingServerToken)
        : new LocalKeyProvider(this.store, clock);
    this.signer = new SmSigner(this.provider, () => this.trust(), clock, config.distId);
  }

  /**
   * With the local provider, no roots configured and an empty key store: creates the
   * development CA (a sensible default for `npm start`; logged as NOT FOR PRODUCTION). Returns
   * whether it did.
   */
  ensureDevelopmentCa(): boolean {
    if (this.config.provider !== 'local' || this.config.roots.length || this.config.passphrase)
      return false;
    if (fs.existsSync(path.join(this.config.keystoreDir, 'ca.crt.pem'))) return false;
    initDevCa(this.config.keystoreDir);
    this.#trust = undefined;
    return true;
  }

  /** The roots and CRLs in force. */
  trust(): TrustStore {
    const now = Date.now();
    if (this.#trust && now - this.#trust.at < TRUST_TTL_MS) return this.#trust.store;
    const roots = this.config.roots.length
      ? this.config.roots.flatMap((file) => Certificate.readAll(fs.readFileSync(file)))
      : this.store.has('ca')
        ? [this.store.certificate('ca')]
        : [];
    const store = new TrustStore(roots);
    const crlDir = path.join(this.config.keystoreDir, 'crls');
    const crlFiles = [
      ...this.config.crls,
      ...(fs.existsSync(crlDir) ? fs.readdirSync(crlDir).map((f) => path.join(crlDir, f)) : []),
    ];
    for (const file of crlFiles)
      for (const crl of Crl.readAll(fs.readFileSync(file))) store.addCrl(crl);
    this.#trust = { at: now, store };
    return store;
  }
}

function tryDevPassphrase(dir: string): string | undefined {
  try {
    return devPassphrase(dir);
  } catch {
    return undefined;
  }
}
