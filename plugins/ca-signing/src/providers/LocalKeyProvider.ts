import type { SignerRef } from '@formwork/engine/plugin-api';
import type { Clock } from '../SmSigner.js';
import { sm2Sign } from '../sm2/sm2.js';
import type { Certificate } from '../x509/Certificate.js';
import { aliasOf, SigningUnavailableError, type KeyProvider } from './KeyProvider.js';
import { DEV_ORGANISATION } from '../ca/devCa.js';
import type { KeyStore } from './KeyStore.js';

/**
 * Keys in a local key store (development and small sites): each user's key file encrypted with
 * the store's passphrase, unlocked in this process's memory. In a development store a user
 * without a certificate gets one from the development CA on first signature.
 */
export class LocalKeyProvider implements KeyProvider {
  readonly kind = 'local';

  constructor(
    private readonly store: KeyStore,
    private readonly clock: Clock,
  ) {}

  async certificateFor(as: SignerRef): Promise<{ certificate: Certificate; chain: Certificate[] }> {
    const alias = aliasOf(as);
    if (this.store.has(alias)) return { certificate: this.store.certificate(alias), chain: [] };
    if (!this.store.isDevelopment)
      throw new SigningUnavailableError(
        `${alias} 没有签名证书，请向 CA 申请并导入密钥库`,
        `${alias} has no signing certificate: obtain one from the CA and import it into the key store`,
      );
    const subject = {
      C: 'CN',
      O: DEV_ORGANISATION,
      CN: as.kind === 'user' ? as.username : 'Formwork 平台 platform',
    };
    return { certificate: this.store.enrol(alias, subject, this.clock.now()), chain: [] };
  }

  async sign(message: Uint8Array, as: SignerRef, distId: string): Promise<Uint8Array> {
    return sm2Sign(message, this.store.key(aliasOf(as)), distId);
  }
}
