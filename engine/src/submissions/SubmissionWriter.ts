import { QueryTypes, type Transaction } from 'sequelize';
import { recordAuditCtes, type RecordActor } from '../audit/recordAudit.js';
import type { Database } from '../database/Database.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { ReleasedForm } from '../specs/ReleaseCatalog.js';
import type { JsonValue } from '../audit/canonicalJson.js';
import { SignatureRows, type NewSignature } from '../signing/SignatureRows.js';
import { signedContentHash, type SignerSlot } from '../signing/SignerSlot.js';
import { isSignable, submissionContent } from '../signing/SubmissionSignatures.js';

/** A new submission, processed by its form (the data is clear: it is sealed here). */
export interface NewSubmission {
  id: string;
  form: ReleasedForm;
  subjectId: string;
  enrollmentId: string | null;
  orgCode: string;
  orgPath: string;
  data: Record<string, unknown>;
  /** Who writes it, through which request: the author, and the actor of its audit event. */
  actor: RecordActor;
  at: Date;
}

/** An amendment: the new clear data of a submission read at `expectedRowVersion`. */
export interface Amendment {
  id: string;
  form: ReleasedForm;
  /** The resident and the org path of the submission (its county names the audit chain). */
  subjectId: string;
  orgPath: string;
  expectedRowVersion: number;
  /** The revision this amendment makes (the one read, plus one). */
  revision: number;
  data: Record<string, unknown>;
  changed: string[];
  reason: string;
  /** Who amends it, through which request: the author, and the actor of its audit event. */
  actor: RecordActor;
  at: Date;
  /** What the outbox event says of the record besides its data, changes and reason. */
  event: Record<string, unknown>;
}

/** What a guarded insert did: the idempotency key claimed, the draft removed, the row stored. */
export interface InsertOutcome {
  claimed: number;
  draft: number;
  created: number;
}

/**
 * The one place a submission is written: the submission row, its revision, its outbox event and
 * its audit event (`submission.create` / `submission.update` in the record chain of the
 * resident's county, recordAudit.ts) in one statement, with the personal values sealed
 * (PersonalFormData) wherever they land. Used by the submission routes, draft submission and
 * task completion.
 */
export class SubmissionWriter {
  constructor(
    private readonly deps: {
      database: Database;
      personal: PersonalFormData;
      /** The registered DocumentSigner, if any (none: signable forms are stored unsigned). */
      signing?: SignerSlot;
    },
  ) {}

  /** The signature of a signable form's revision, made before it is written (or none). */
  async #signature(s: {
    id: string;
    revision: number;
    form: ReleasedForm;
    subjectId: string;
    data: Record<string, unknown>;
    actor: RecordActor;
    at: Date;
  }): Promise<NewSignature | undefined> {
    const signing = this.deps.signing;
    if (!signing?.signer || !isSignable(s.form)) return undefined;
    const content = submissionContent(s) as unknown as JsonValue;
    const signedBy = { kind: 'user', userId: s.actor.userId, username: s.actor.username } as const;
    const signature = await signing.sign(content, signedBy, { zh: '记录', en: 'the submission' });
    return {
      subjectType: 'submission',
      subjectId: s.id,
      subjectRevision: s.revision,
      contentHash: signedContentHash(content),
      signature,
      signedBy,
      at: s.at,
    };
  }

  /** How personal values are sealed, masked and kept out of workflows. */
  get personal(): PersonalFormData {
    return this.deps.personal;
  }

  /**
   * Inserts a new submission with revision 1, its `submission.created` outbox event and its
   * `submission.create` audit event. An idempotency claim (the key and the answer to store under
   * it) and a draft to delete, when given, guard the insert in the same statement: nothing is
   * stored (and nothing audited) unless the key was free and the draft was still there.
   */
  async insert(
    s: NewSubmission,
    options: {
      claim?: { userId: string; key: string; requestHash: string; response: string };
      draftId?: string;
      transaction?: Transaction;
    } = {},
  ): Promise<InsertOutcome> {
    const signature = await this.#signature({ ...s, revision: 1 });
    const sealed = this.deps.personal.seal(s.form.compiled, s.data);
    const bind: unknown[] = [];
    const $ = (value: unknown) => `$${bind.push(value)}`;
    const [user, at, data] = [
      `${$(s.actor.userId)}::uuid`,
      `${$(s.at)}::timestamptz`,
      `${$(JSON.stringify(sealed))}::jsonb`,
    ];
    const { claim, draftId } = options;
    const claimed = claim
      ? `INSERT INTO idempotency_keys (user_id, key, request_hash, status, response, created_at)
         VALUES (${$(claim.userId)}::uuid, ${$(claim.key)}, ${$(claim.requestHash)}, 201,
           ${$(claim.response)}, ${at})
         ON CONFLICT DO NOTHING RETURNING 1`
      : 'SELECT 1';
    const draft = draftId
      ? `DELETE FROM submission_drafts WHERE id = ${$(draftId)}::uuid AND author_id = ${user}
         RETURNING 1`
      : 'SELECT 1';
    const event = {
      submissionId: s.id,
      subjectId: s.subjectId,
      enrollmentId: s.enrollmentId,
      formKey: s.form.definition.key,
      formVersion: s.form.definition.version,
      releaseId: s.form.release.id,
      orgCode: s.orgCode,
      revision: 1,
      authorId: s.actor.userId,
      at: s.at.toISOString(),
      data: sealed,
    };
    const audit = recordAuditCtes(
      {
        action: 'submission.create',
        actor: s.actor,
        orgPath: s.orgPath,
        targetType: 'submission',
        targetId: s.id,
        subjectId: s.subjectId,
        at: s.at,
        details: {
          formKey: s.form.definition.key,
          formVersion: s.form.definition.version,
          releaseId: s.form.release.id,
          revision: 1,
          ...(draftId ? { draftId } : {}),
        },
      },
      'sub',
      $,
    );
    const [outcome] = await this.deps.database.sequelize.query<InsertOutcome>(
      `WITH claim AS (${claimed}),
       draft AS (${draft}),
       sub AS (
         INSERT INTO submissions (id, subject_id, enrollment_id, form_key, form_version,
           release_id, org_code, org_path, payload, author_id, created_at, updated_by, updated_at)
         SELECT ${$(s.id)}::uuid, ${$(s.subjectId)}::uuid, ${$(s.enrollmentId)}::uuid,
           ${$(s.form.definition.key)}, ${$(s.form.definition.version)}, ${$(s.form.release.id)},
           ${$(s.orgCode)}, ${$(s.orgPath)}, ${data}, ${user}, ${at}, ${user}, ${at}
         WHERE EXISTS (SELECT 1 FROM claim) AND EXISTS (SELECT 1 FROM draft)
         RETURNING id),
       rev AS (
         INSERT INTO submission_revisions (submission_id, revision, payload, author_id, created_at)
         SELECT id, 1, ${data}, ${user}, ${at} FROM sub),
       event AS (
         INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
         SELECT 'submission.created', id, 1, ${$(JSON.stringify(event))}::jsonb FROM sub),
       ${signature ? `sig AS (${SignatureRows.insertFrom(signature, 'sub', $)}),` : ''}
       ${audit}
       SELECT (SELECT count(*) FROM claim)::int AS claimed,
              (SELECT count(*) FROM draft)::int AS draft,
              (SELECT count(*) FROM sub)::int AS created`,
      {
        bind,
        type: QueryTypes.SELECT,
        ...(options.transaction ? { transaction: options.transaction } : {}),
      },
    );
    return outcome!;
  }

  /**
   * Stores an amendment as the next revision (with the reason and the changed fields), its
   * `submission.amended` outbox event and its `submission.update` audit event, only at the
   * expected row version. Returns the new revision, or undefined when the row moved on meanwhile
   * (nothing written, nothing audited).
   */
  async amend(a: Amendment): Promise<number | undefined> {
    const signature = await this.#signature(a);
    const sealed = this.deps.personal.seal(a.form.compiled, a.data);
    const bind: unknown[] = [
      a.id,
      JSON.stringify(sealed),
      a.expectedRowVersion,
      a.actor.userId,
      a.at,
      JSON.stringify(a.changed),
      a.reason,
      JSON.stringify({ ...a.event, data: sealed, changed: a.changed, reason: a.reason }),
      a.revision,
    ];
    const $ = (value: unknown) => `$${bind.push(value)}`;
    // The reason is free text about a resident: it stays in the revision, never in the trail.
    const audit = recordAuditCtes(
      {
        action: 'submission.update',
        actor: a.actor,
        orgPath: a.orgPath,
        targetType: 'submission',
        targetId: a.id,
        subjectId: a.subjectId,
        at: a.at,
        details: {
          formKey: a.form.definition.key,
          formVersion: a.form.definition.version,
          releaseId: a.form.release.id,
          revision: a.revision,
          changed: a.changed,
        },
      },
      'upd',
      $,
    );
    const [updated] = await this.deps.database.sequelize.query<{ revision: number }>(
      `WITH upd AS (
         UPDATE submissions SET payload = $2::jsonb, revision = revision + 1,
           row_version = row_version + 1, updated_by = $4, updated_at = $5
         WHERE id = $1 AND row_version = $3 AND revision + 1 = $9
         RETURNING id, revision),
       rev AS (
         INSERT INTO submission_revisions (submission_id, revision, payload, changed, reason,
           author_id, created_at)
         SELECT id, revision, $2::jsonb, $6::jsonb, $7, $4, $5 FROM upd),
       event AS (
         INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
         SELECT 'submission.amended', id, revision, $8::jsonb FROM upd),
       ${signature ? `sig AS (${SignatureRows.insertFrom(signature, 'upd', $)}),` : ''}
       ${audit}
       SELECT revision FROM upd`,
      { bind, type: QueryTypes.SELECT },
    );
    return updated?.revision;
  }
}
