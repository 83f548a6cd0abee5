import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { recordActor } from '../audit/recordAudit.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog, ReleasedForm } from '../specs/ReleaseCatalog.js';
import { changedPaths } from './changedPaths.js';
import { keyReused, type IdempotencyKey } from './IdempotencyKey.js';
import type { SubmissionWriter } from './SubmissionWriter.js';
import type { SubmissionSignatures } from '../signing/SubmissionSignatures.js';

/** A submission as the API returns it. */
export interface SubmissionView {
  id: string;
  subjectId: string;
  enrollmentId: string | null;
  formKey: string;
  formVersion: string;
  releaseId: string;
  orgCode: string;
  revision: number;
  rowVersion: number;
  data: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** What a write returns: the body, its status, and whether it is the replay of an earlier try. */
export interface WriteResult {
  status: number;
  body: SubmissionView & { dropped?: string[] };
  replayed: boolean;
}

interface SubmissionRow {
  id: string;
  subject_id: string;
  enrollment_id: string | null;
  form_key: string;
  form_version: string;
  release_id: string;
  org_code: string;
  org_path: string;
  revision: number;
  row_version: number;
  payload: Record<string, unknown>;
  author_id: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  /** Set once a data migration moved the record: the release it was captured on. */
  captured_on: { releaseId: string; formVersion: string } | null;
}

interface SubjectRow {
  id: string;
  org_code: string;
  org_path: string;
  enrollments: Record<string, string> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stored row as the API returns it, with its data as the reader may see it. */
const view = (row: SubmissionRow, data: Record<string, unknown>): SubmissionView => ({
  id: row.id,
  subjectId: row.subject_id,
  enrollmentId: row.enrollment_id,
  formKey: row.form_key,
  formVersion: row.form_version,
  releaseId: row.release_id,
  orgCode: row.org_code,
  revision: row.revision,
  rowVersion: row.row_version,
  data,
  createdAt: new Date(row.created_at).toISOString(),
  createdBy: row.author_id,
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
});

export function notFound(what: 'submission' | 'subject' | 'draft'): HttpError {
  const text = {
    submission: '记录不存在 / No such submission',
    subject: '居民档案不存在 / No such resident',
    draft: '草稿不存在 / No such draft',
  }[what];
  return new HttpError(404, 'not_found', text);
}

/**
 * Final form submissions: captured against the form version of the release that serves the
 * resident's org unit (and pinned to it), processed by the same compiled form the browser runs
 * (calculated fields recomputed, hidden values dropped, validated), stored with a revision, an
 * outbox event and an audit event in one statement (SubmissionWriter). Amendments add revisions;
 * nothing is ever overwritten in place without a trace. Every read of a submission is audited as
 * a view of the resident's record. Personal values (fields marked `x-sensitive` as a name, ID number, phone or
 * address) are encrypted at rest and shown masked, unless the reader holds personal-data.read
 * over the record and asks (`reveal`): that view is audited as `subject.view-personal-data`.
 */
export class SubmissionService {
  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      audit: AuditTrail;
      clock: Clock;
      personal: PersonalFormData;
      writer: SubmissionWriter;
      /** Verifies submissions' signatures (signing/SubmissionSignatures.ts). */
      signatures?: SubmissionSignatures;
    },
  ) {}

  /** The resident, if inside the scope, with their active enrollments by program. */
  async subjectInScope(subjectId: string, scope: Scope): Promise<SubjectRow | undefined> {
    if (!UUID.test(subjectId)) return undefined;
    const rows = await this.deps.database.sequelize.query<SubjectRow>(
      `SELECT s.id, s.org_code, s.org_path,
         (SELECT jsonb_object_agg(e.program, e.id) FROM enrollments e
           WHERE e.subject_id = s.id AND e.ended_on IS NULL) AS enrollments
       FROM subjects s WHERE s.id = $1 AND s.org_path LIKE ANY($2::text[])`,
      { bind: [subjectId, scope.likePatterns()], type: QueryTypes.SELECT },
    );
    return rows[0];
  }

  /** The form of the release serving an org path; 422 naming the form key if it has none. */
  releasedForm(orgPath: string, formKey: string): ReleasedForm {
    const release = this.deps.catalog.forOrgPath(orgPath);
    const form = this.deps.catalog.form(release, formKey);
    if (!form) throw unknownForm(formKey, release);
    return form;
  }

  /**
   * Stores a final submission. With an idempotency key, the key, the submission, its first
   * revision and the outbox event are written by one statement: a retry (even one racing the
   * first try) finds the key and gets the stored response; nothing is stored twice.
   */
  async create(
    input: { formKey: string; subjectId: string; data: unknown },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    idempotency: IdempotencyKey | undefined,
    fromDraft?: { id: string },
  ): Promise<WriteResult> {
    const subject = await this.subjectInScope(input.subjectId, scope);
    if (!subject) return this.denied(caller, request, 'subject', input.subjectId);
    const form = this.releasedForm(subject.org_path, input.formKey);
    const result = form.compiled.process(input.data, ruleClock(this.deps.clock));
    if (!result.valid) throw invalid(result.errors);

    const now = this.deps.clock.now();
    const program = form.release.programs[form.definition.key];
    const body: SubmissionView & { dropped: string[] } = {
      id: randomUUID(),
      subjectId: subject.id,
      enrollmentId: (program && subject.enrollments?.[program]) ?? null,
      formKey: form.definition.key,
      formVersion: form.definition.version,
      releaseId: form.release.id,
      orgCode: subject.org_code,
      revision: 1,
      rowVersion: 1,
      // The answer (also stored for idempotent replays) shows personal values masked.
      data: this.deps.personal.present(form.compiled, result.data, false),
      createdAt: now.toISOString(),
      createdBy: caller.user.id,
      updatedAt: now.toISOString(),
      updatedBy: caller.user.id,
      dropped: result.hidden.filter((path) => hasValueAt(input.data, path)),
    };
    const outcome = await this.deps.writer.insert(
      {
        id: body.id,
        form,
        subjectId: subject.id,
        enrollmentId: body.enrollmentId,
        orgCode: subject.org_code,
        orgPath: subject.org_path,
        data: result.data,
        actor: recordActor(caller, request),
        at: now,
      },
      {
        ...(idempotency
          ? {
              claim: {
                userId: caller.user.id,
                key: idempotency.key,
                requestHash: idempotency.requestHash,
                response: JSON.stringify(body),
              },
            }
          : {}),
        ...(fromDraft ? { draftId: fromDraft.id } : {}),
      },
    );
    if (outcome.created === 1) return { status: 201, body, replayed: false };
    if (idempotency && outcome.claimed === 0) return this.replay(caller, idempotency);
    throw new HttpError(
      409,
      'draft_already_submitted',
      '该草稿已提交或已删除 / This draft was already submitted or deleted',
    );
  }

  private async replay(caller: Caller, idempotency: IdempotencyKey): Promise<WriteResult> {
    const stored = await this.storedReplay(caller, idempotency);
    if (!stored) throw new Error('an idempotency key conflicted but is not stored');
    return stored;
  }

  /** The stored answer to an earlier request with this key, if there was one. */
  async storedReplay(
    caller: Caller,
    idempotency: IdempotencyKey,
  ): Promise<WriteResult | undefined> {
    const [stored] = await this.deps.database.sequelize.query<{
      request_hash: string;
      status: number;
      response: string;
    }>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      { bind: [caller.user.id, idempotency.key], type: QueryTypes.SELECT },
    );
    if (!stored) return undefined;
    if (stored.request_hash !== idempotency.requestHash) throw keyReused();
    return { status: stored.status, body: JSON.parse(stored.response), replayed: true };
  }

  /**
   * Amends a submission: validated against the form version it is pinned to, stored as a new
   * revision with the reason and the changed fields, only if the row version is still the one the
   * caller read (409 otherwise, nothing written).
   */
  async amend(
    id: string,
    expectedVersion: number | undefined,
    input: { data: unknown; reason: string },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<WriteResult> {
    const row = await this.row(id, scope);
    if (!row) return this.denied(caller, request, 'submission', id);
    const expectedRowVersion = requireRowVersion(expectedVersion);
    if (row.row_version !== expectedRowVersion)
      throw staleRowVersion(row.row_version, expectedRowVersion);
    const form = this.formOf(row);
    if (!form) throw new Error(`release ${row.release_id} has no form ${row.form_key}`);
    const stored = this.deps.personal.open(row.payload).data;
    // Personal values come back masked as they were shown: an unchanged mask keeps the value.
    const incoming = this.deps.personal.restore(form.compiled, input.data, stored);
    const result = form.compiled.process(incoming, ruleClock(this.deps.clock));
    if (!result.valid) throw invalid(result.errors);
    const changed = changedPaths(stored, result.data);
    const dropped = result.hidden.filter((path) => hasValueAt(input.data, path));
    const masked = (data: Record<string, unknown>) =>
      this.deps.personal.present(form.compiled, data, false);
    if (!changed.length)
      return { status: 200, body: { ...view(row, masked(stored)), dropped }, replayed: false };

    const now = this.deps.clock.now();
    const body = {
      ...view(row, masked(result.data)),
      revision: row.revision + 1,
      rowVersion: row.row_version + 1,
      updatedAt: now.toISOString(),
      updatedBy: caller.user.id,
    };
    const revision = await this.deps.writer.amend({
      id,
      form,
      subjectId: row.subject_id,
      orgPath: row.org_path,
      expectedRowVersion,
      revision: row.revision + 1,
      data: result.data,
      changed,
      reason: input.reason,
      actor: recordActor(caller, request),
      at: now,
      event: outboxEvent(body),
    });
    if (revision === undefined) {
      const current = await this.row(id, scope);
      throw staleRowVersion(current?.row_version ?? expectedRowVersion + 1, expectedRowVersion);
    }
    return { status: 200, body: { ...body, dropped }, replayed: false };
  }

  /**
   * One submission (an audited view of the resident's record); `reveal` shows its personal values
   * to a holder of personal-data.read over the record (audited as such).
   */
  async get(id: string, reveal: boolean, caller: Caller, scope: Scope, request: RequestContext) {
    const row = await this.row(id, scope);
    if (!row) return this.denied(caller, request, 'submission', id);
    const shown = await this.mayReveal(reveal, row.org_path, caller, request, row);
    await this.audited(caller, request, row, { via: 'submission' }, shown);
    return view(row, this.deps.personal.view(this.formOf(row)?.compiled, row.payload, shown));
  }

  /**
   * The verification of a submission's newest signature, with the same rights, scope and audit as
   * reading it (`subject.view`, `details.via` 'signature'): 'unsigned' when it has none; 503
   * `signer_unavailable` when one is stored but no signing plugin is loaded.
   */
  async signature(id: string, caller: Caller, scope: Scope, request: RequestContext) {
    const row = await this.row(id, scope);
    if (!row) return this.denied(caller, request, 'submission', id);
    await this.audited(caller, request, row, { via: 'signature' });
    if (!this.deps.signatures) throw new Error('SubmissionService was built without signatures');
    return this.deps.signatures.verifyStored(row);
  }

  /** A resident's submissions, newest first (one audit row for the listing). */
  async listForSubject(
    subjectId: string,
    filter: { formKey?: string | undefined; limit: number; reveal?: boolean },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const subject = await this.subjectInScope(subjectId, scope);
    if (!subject) return this.denied(caller, request, 'subject', subjectId);
    const shown = await this.mayReveal(filter.reveal ?? false, subject.org_path, caller, request, {
      id: subjectId,
      subject_id: subjectId,
      targetType: 'subject',
    });
    const rows = await this.deps.database.sequelize.query<SubmissionRow>(
      `SELECT * FROM submissions WHERE subject_id = $1 AND ($2::text IS NULL OR form_key = $2)
       ORDER BY created_at DESC, id LIMIT $3`,
      { bind: [subjectId, filter.formKey ?? null, filter.limit], type: QueryTypes.SELECT },
    );
    await recordByCaller(this.deps.audit, caller, request, {
      action: shown ? 'subject.view-personal-data' : 'subject.view',
      targetType: 'subject',
      targetId: subjectId,
      subjectId,
      details: { via: 'submission-list', count: rows.length },
    });
    return rows.map((row) =>
      view(row, this.deps.personal.view(this.formOf(row)?.compiled, row.payload, shown)),
    );
  }

  /** Every revision of a submission: who changed which fields, when and why. */
  async revisions(id: string, caller: Caller, scope: Scope, request: RequestContext) {
    const row = await this.row(id, scope);
    if (!row) return this.denied(caller, request, 'submission', id);
    const rows = await this.deps.database.sequelize.query<{
      revision: number;
      changed: string[];
      reason: string | null;
      author_id: string;
      created_at: Date;
    }>(
      `SELECT revision, changed, reason, author_id, created_at FROM submission_revisions
       WHERE submission_id = $1 ORDER BY revision`,
      { bind: [id], type: QueryTypes.SELECT },
    );
    await this.audited(caller, request, row, { via: 'revisions' });
    return rows.map((r) => ({
      revision: r.revision,
      changed: r.changed,
      reason: r.reason,
      authorId: r.author_id,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** The payload of one earlier (or the current) revision; `reveal` as for `get`. */
  async revision(
    id: string,
    revision: number,
    reveal: boolean,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const row = await this.row(id, scope);
    if (!row) return this.denied(caller, request, 'submission', id);
    const shown = await this.mayReveal(reveal, row.org_path, caller, request, row);
    const [found] = await this.deps.database.sequelize.query<{
      payload: Record<string, unknown>;
      release_id: string | null;
      changed: string[];
      reason: string | null;
      author_id: string;
      created_at: Date;
    }>(
      `SELECT payload, changed, reason, author_id, created_at, release_id
       FROM submission_revisions WHERE submission_id = $1 AND revision = $2`,
      { bind: [id, revision], type: QueryTypes.SELECT },
    );
    if (!found) {
      throw new HttpError(
        404,
        'not_found',
        `记录没有第 ${revision} 版 / The submission has no revision ${revision}`,
      );
    }
    await this.audited(caller, request, row, { via: 'revision', revision }, shown);
    return {
      submissionId: id,
      revision,
      formKey: row.form_key,
      formVersion: row.form_version,
      releaseId: row.release_id,
      // Sealed values are masked by their own kind, whichever version the revision is on.
      data: this.deps.personal.view(
        this.formOf({
          release_id:
            revision === row.revision
              ? row.release_id
              : (found.release_id ?? row.captured_on?.releaseId ?? row.release_id),
          form_key: row.form_key,
        })?.compiled,
        found.payload,
        shown,
      ),
      changed: found.changed,
      reason: found.reason,
      authorId: found.author_id,
      createdAt: new Date(found.created_at).toISOString(),
    };
  }

  private async row(id: string, scope: Scope): Promise<SubmissionRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.deps.database.sequelize.query<SubmissionRow>(
      'SELECT * FROM submissions WHERE id = $1 AND org_path LIKE ANY($2::text[])',
      { bind: [id, scope.likePatterns()], type: QueryTypes.SELECT },
    );
    return rows[0];
  }

  /** The compiled form a stored row is pinned to (undefined if its release is not served). */
  formOf(row: { release_id: string; form_key: string }): ReleasedForm | undefined {
    const release = this.deps.catalog.get(row.release_id);
    return release && this.deps.catalog.form(release, row.form_key);
  }

  /**
   * Whether personal values are shown unmasked: only when asked, and only to a holder of
   * personal-data.read over the record's org unit; asking without it is an audited 403.
   */
  async mayReveal(
    reveal: boolean,
    orgPath: string,
    caller: Caller,
    request: RequestContext,
    target: { id: string; subject_id: string; targetType?: string },
  ): Promise<boolean> {
    if (!reveal) return false;
    if (caller.scope('personal-data.read')?.covers(orgPath)) return true;
    await recordDenial(
      this.deps.audit,
      caller,
      request,
      { reason: 'personal-data.read' },
      {
        targetType: target.targetType ?? 'submission',
        targetId: target.id,
        subjectId: target.subject_id,
      },
    );
    throw new HttpError(
      403,
      'forbidden',
      '没有查看个人敏感信息的权限 / You may not see personal data unmasked',
    );
  }

  private audited(
    caller: Caller,
    request: RequestContext,
    row: SubmissionRow,
    details: Record<string, string | number>,
    revealed = false,
  ) {
    return recordByCaller(this.deps.audit, caller, request, {
      action: revealed ? 'subject.view-personal-data' : 'subject.view',
      targetType: 'submission',
      targetId: row.id,
      subjectId: row.subject_id,
      details,
    });
  }

  /** Out of scope and absent look the same (404); the refusal is audited. */
  async denied(
    caller: Caller,
    request: RequestContext,
    what: 'submission' | 'subject' | 'draft',
    id: string,
  ): Promise<never> {
    await recordDenial(
      this.deps.audit,
      caller,
      request,
      { reason: 'not-found-or-out-of-scope' },
      { targetType: what, targetId: id.slice(0, 64) },
    );
    throw notFound(what);
  }
}

/** What a submission's outbox event says of it besides its (sealed) data. */
function outboxEvent(body: SubmissionView) {
  return {
    submissionId: body.id,
    subjectId: body.subjectId,
    enrollmentId: body.enrollmentId,
    formKey: body.formKey,
    formVersion: body.formVersion,
    releaseId: body.releaseId,
    orgCode: body.orgCode,
    revision: body.revision,
    authorId: body.updatedBy,
    at: body.updatedAt,
  };
}

export function invalid(errors: readonly unknown[]): HttpError {
  return new HttpError(
    422,
    'validation_failed',
    '表单数据未通过校验 / The form data is not valid',
    { errors },
  );
}

export function unknownForm(formKey: string, release: Release): HttpError {
  return new HttpError(
    422,
    'unknown_form',
    `发布版本 ${release.id} 中没有表单 ${formKey} / Release ${release.id} has no form ${formKey}`,
    {
      errors: [
        { path: '/formKey', keyword: 'x-form', message: { zh: '表单不存在', en: 'no such form' } },
      ],
    },
  );
}

/** Whether the client sent a value at this JSON pointer (so dropping it is worth telling). */
function hasValueAt(data: unknown, pointer: string): boolean {
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}
