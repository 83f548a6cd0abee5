import { QueryTypes, type Transaction } from 'sequelize';
import type { JsonValue } from '../audit/canonicalJson.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog, ReleasedForm } from '../specs/ReleaseCatalog.js';
import { contentHash } from '../specs/specContent.js';
import type { DocumentSignature, SignatureVerification, SignerRef } from './DocumentSigner.js';
import { SignatureRows, storedSignature, type SignatureRow } from './SignatureRows.js';
import { signedContentHash, signerUnavailable, type SignerSlot } from './SignerSlot.js';

/** A form whose submissions are signed as they are stored: `x-signable: true` at its root. */
export const isSignable = (form: ReleasedForm) => form.definition.schema['x-signable'] === true;

const hashes = new WeakMap<Release, Map<string, string>>();

/**
 * The hash of the exact form version a submission was captured on: the content hash of the form
 * in the release's effective spec, as the release manifest records it (`manifest.forms[key].hash`).
 */
export function formVersionHash(release: Release, formKey: string): string {
  let byForm = hashes.get(release);
  if (!byForm) hashes.set(release, (byForm = new Map()));
  let hash = byForm.get(formKey);
  if (hash === undefined) {
    const form = release.spec.forms[formKey];
    if (!form) throw new Error(`release ${release.id} has no form ${formKey}`);
    hash = contentHash(form);
    byForm.set(formKey, hash);
  }
  return hash;
}

/** What the user signs of a submission (one revision of it): its clear data and where it belongs. */
export interface SubmissionContent {
  submissionId: string;
  revision: number;
  formKey: string;
  formVersion: string;
  formVersionHash: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export function submissionContent(s: {
  id: string;
  revision: number;
  form: ReleasedForm;
  subjectId: string;
  data: Record<string, unknown>;
}): SubmissionContent {
  return {
    submissionId: s.id,
    revision: s.revision,
    formKey: s.form.definition.key,
    formVersion: s.form.definition.version,
    formVersionHash: formVersionHash(s.form.release, s.form.definition.key),
    subjectId: s.subjectId,
    data: s.data,
  };
}

/** A submission's verification, with the revision it is at and the revision signed. */
export type SubmissionVerification = SignatureVerification & {
  revision: number;
  signedRevision?: number;
};

interface StoredSubmission {
  id: string;
  subject_id: string;
  form_key: string;
  form_version: string;
  release_id: string;
  revision: number;
  payload: Record<string, unknown>;
}

const what = { zh: '记录', en: 'the submission' };

const noSuchSubmission = (id: string) =>
  new HttpError(404, 'not_found', `记录不存在 / No such submission ${id}`);

/**
 * Signatures of submissions: signing one on request (`api.signatures.signSubmission`, e.g. the
 * consultation report in the workflow's `sign-report`) and verifying the newest one. Signable
 * forms are signed as they are written, by SubmissionWriter, in the same statement.
 *
 * The content is recomputed from the stored revision (its sealed personal values opened) and
 * the hash of its form version, so a record changed after it was signed no longer verifies.
 */
export class SubmissionSignatures {
  readonly rows: SignatureRows;

  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      personal: PersonalFormData;
      signing: SignerSlot;
      clock: Clock;
    },
  ) {
    this.rows = new SignatureRows(deps.database);
  }

  async #stored(id: string, transaction?: Transaction): Promise<StoredSubmission | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      return undefined;
    const [row] = await this.deps.database.sequelize.query<StoredSubmission>(
      `SELECT id::text AS id, subject_id::text AS subject_id, form_key, form_version, release_id,
         revision, payload
       FROM submissions WHERE id = $1`,
      { bind: [id], type: QueryTypes.SELECT, transaction },
    );
    return row;
  }

  /** The content of a stored submission's current revision, as it was (or would be) signed. */
  #content(row: StoredSubmission): SubmissionContent | undefined {
    const release = this.deps.catalog.get(row.release_id);
    const form = release && this.deps.catalog.form(release, row.form_key);
    if (!form) return undefined;
    return submissionContent({
      id: row.id,
      revision: row.revision,
      form,
      subjectId: row.subject_id,
      data: this.deps.personal.open(row.payload).data,
    });
  }

  /**
   * Signs the submission's current revision as `as` and stores the signature; when that revision
   * is already signed, returns its signature without signing again. Runs in the calling code's
   * transaction (a workflow service's step), else its own. 404 for an unknown submission, 503
   * without a signer, 502 `signature_failed` when the signer fails (nothing stored).
   */
  async signSubmission(submissionId: string, as: SignerRef): Promise<DocumentSignature> {
    const outer = this.deps.database.currentTransaction;
    const row = await this.#stored(submissionId, outer);
    if (!row) throw noSuchSubmission(submissionId);
    const existing = await this.rows.ofRevision(row.id, row.revision, outer);
    if (existing) return storedSignature(existing);
    if (!this.deps.signing.signer) throw signerUnavailable('sign');
    const content = this.#content(row);
    if (!content)
      throw new Error(`release ${row.release_id} with form ${row.form_key} is not served`);
    const signature = await this.deps.signing.sign(content as unknown as JsonValue, as, what);
    const insert = (transaction: Transaction) =>
      this.rows.insert(
        {
          subjectType: 'submission',
          subjectId: row.id,
          subjectRevision: row.revision,
          contentHash: signedContentHash(content as unknown as JsonValue),
          signature,
          signedBy: as,
          at: this.deps.clock.now(),
        },
        transaction,
      );
    await (outer ? insert(outer) : this.deps.database.transaction(insert));
    return signature;
  }

  /**
   * The verification of the submission's newest signature: `unsigned` when it has none or its
   * current revision is not the one signed; `invalid` when the stored record no longer hashes to
   * what was signed; otherwise the signer's verdict. 503 `signer_unavailable` when a signature is
   * stored but no signer is loaded. No access check: callers check the caller's rights first.
   */
  async verifySubmission(submissionId: string): Promise<SubmissionVerification> {
    const row = await this.#stored(submissionId);
    if (!row) throw noSuchSubmission(submissionId);
    return this.verifyStored(row);
  }

  async verifyStored(row: StoredSubmission): Promise<SubmissionVerification> {
    const newest = await this.rows.newest('submission', row.id);
    if (!newest) {
      return {
        status: 'unsigned',
        revision: row.revision,
        message: { zh: '该记录未签名', en: 'The submission is not signed' },
      };
    }
    const signer = this.deps.signing.signer;
    if (!signer) throw signerUnavailable();
    const described = describe(newest, row.revision);
    if (newest.subject_revision !== row.revision) {
      return {
        ...described,
        status: 'unsigned',
        message: {
          zh: `第 ${row.revision} 版未签名（最新签名为第 ${newest.subject_revision} 版）`,
          en: `Revision ${row.revision} is not signed (the newest signature is of revision ${newest.subject_revision})`,
        },
      };
    }
    const content = this.#content(row);
    if (!content || signedContentHash(content as unknown as JsonValue) !== newest.content_hash) {
      return {
        ...described,
        status: 'invalid',
        message: {
          zh: `记录第 ${row.revision} 版在签名后被改动：内容与签名时的哈希不符`,
          en: `Revision ${row.revision} was changed after it was signed: its content does not match the hash signed`,
        },
      };
    }
    const verdict = await signer.verify(content as unknown as JsonValue, storedSignature(newest));
    return { ...described, ...verdict, revision: row.revision, signedRevision: row.revision };
  }
}

function describe(row: SignatureRow, revision: number) {
  return {
    revision,
    ...(row.subject_revision !== null ? { signedRevision: row.subject_revision } : {}),
    signer: row.signer,
    signedAt: row.signed_at,
    algorithm: row.algorithm,
  };
}
