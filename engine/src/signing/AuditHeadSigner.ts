import type { AuditTrail } from '../audit/AuditTrail.js';
import type { JsonValue } from '../audit/canonicalJson.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import type { DocumentSignature } from './DocumentSigner.js';
import { SignatureRows, storedSignature } from './SignatureRows.js';
import { signedContentHash, type SignerSlot } from './SignerSlot.js';

/** What one signing of the head did. */
export interface HeadSigning {
  /** false when the head had not moved since its last signature (or the trail is empty). */
  signed: boolean;
  seq: number;
  hash: string;
  /** The signature of that head (the earlier one when it had not moved); none for an empty trail. */
  signature?: DocumentSignature;
}

/**
 * Signs the audit trail's head (`audit_head`: seq and hash) as the platform (purpose
 * `audit-head`), stored in `signatures` (subject 'audit-head', subject_id the seq). A superuser
 * who disables the triggers and rewrites the whole chain consistently leaves a valid chain, but
 * no longer the hash a signature holds at that seq: `formwork audit verify` checks both.
 *
 * Runs every AUDIT_SIGN_INTERVAL_MS while the engine runs (only with a signer registered) and on
 * demand (`POST /api/audit/head-signatures`). A head that has not moved since its last signature
 * is not signed again.
 */
export class AuditHeadSigner {
  readonly #rows: SignatureRows;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<HeadSigning> | undefined;

  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
      signing: SignerSlot;
      clock: Clock;
      logger?: Logger;
    },
  ) {
    this.#rows = new SignatureRows(deps.database);
  }

  /** Signs the head unless it has not moved; one signing at a time per process. */
  signHead(): Promise<HeadSigning> {
    return (this.#running ??= this.#sign().finally(() => (this.#running = undefined)));
  }

  async #sign(): Promise<HeadSigning> {
    const head = await this.deps.audit.head();
    if (!head || head.seq === 0) return { signed: false, seq: 0, hash: head?.hash ?? '' };
    const last = await this.#rows.newest('audit-head', String(head.seq));
    if (last) return { signed: false, ...head, signature: storedSignature(last) };
    const content = { seq: head.seq, hash: head.hash } satisfies JsonValue;
    const signature = await this.deps.signing.sign(
      content,
      { kind: 'system', purpose: 'audit-head' },
      { zh: `审计链头（第 ${head.seq} 行）`, en: `the audit head (row ${head.seq})` },
    );
    await this.#rows.insert({
      subjectType: 'audit-head',
      subjectId: String(head.seq),
      contentHash: signedContentHash(content),
      signature,
      signedBy: { kind: 'system', purpose: 'audit-head' },
      at: this.deps.clock.now(),
    });
    return { signed: true, ...head, signature };
  }

  /** Signs now and then every `intervalMs` (0: never); only when a signer is registered. */
  start(intervalMs: number): void {
    if (this.#timer || intervalMs <= 0 || !this.deps.signing.signer) return;
    const tick = () =>
      void this.signHead().catch((err: unknown) =>
        this.deps.logger?.error({ err }, 'signing the audit head failed'),
      );
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }
}
