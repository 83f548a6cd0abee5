import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import type { RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import type { IdempotencyKey } from './IdempotencyKey.js';
import type { SubmissionService, WriteResult } from './SubmissionService.js';

interface DraftRow {
  id: string;
  subject_id: string;
  form_key: string;
  form_version: string;
  release_id: string;
  org_code: string;
  payload: Record<string, unknown>;
  row_version: number;
  author_id: string;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Drafts: work in progress saved as often as the client likes (autosave), kept apart from final
 * submissions and visible only to their author. Each save returns how far the data is from
 * valid (the same check a submission gets) without refusing it. Submitting a draft is one step:
 * the submission is stored and the draft removed by the same statement. Personal values are
 * sealed at rest and shown masked, like a submission's; a masked value saved back unchanged keeps
 * what was stored.
 */
export class DraftService {
  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      submissions: SubmissionService;
      clock: Clock;
      personal: PersonalFormData;
    },
  ) {}

  private view(row: DraftRow) {
    const form = this.deps.submissions.formOf(row);
    const opened = this.deps.personal.open(row.payload);
    const check = form?.compiled.process(opened.data, ruleClock(this.deps.clock));
    return {
      id: row.id,
      subjectId: row.subject_id,
      formKey: row.form_key,
      formVersion: row.form_version,
      releaseId: row.release_id,
      orgCode: row.org_code,
      rowVersion: row.row_version,
      data: this.deps.personal.present(form?.compiled, opened.data, false, opened.sealed),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      check: { valid: check?.valid ?? false, errors: check?.errors ?? [] },
    };
  }

  async create(
    input: { formKey: string; subjectId: string; data: Record<string, unknown> },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const { submissions } = this.deps;
    const subject = await submissions.subjectInScope(input.subjectId, scope);
    if (!subject) return submissions.denied(caller, request, 'subject', input.subjectId);
    const form = submissions.releasedForm(subject.org_path, input.formKey);
    const now = this.deps.clock.now();
    const [row] = await this.deps.database.sequelize.query<DraftRow>(
      `INSERT INTO submission_drafts (id, subject_id, form_key, form_version, release_id,
         org_code, org_path, payload, author_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $10)
       RETURNING *`,
      {
        bind: [
          randomUUID(),
          subject.id,
          form.definition.key,
          form.definition.version,
          form.release.id,
          subject.org_code,
          subject.org_path,
          JSON.stringify(this.deps.personal.seal(form.compiled, input.data)),
          caller.user.id,
          now,
        ],
        type: QueryTypes.SELECT,
      },
    );
    return this.view(row!);
  }

  /** Autosave: replaces the draft's data if the row version is still the one the client read. */
  async save(
    id: string,
    expectedVersion: number | undefined,
    data: Record<string, unknown>,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const current = await this.row(id, caller, scope);
    if (!current) return this.deps.submissions.denied(caller, request, 'draft', id);
    const expectedRowVersion = requireRowVersion(expectedVersion);
    if (current.row_version !== expectedRowVersion)
      throw staleRowVersion(current.row_version, expectedRowVersion);
    const form = this.deps.submissions.formOf(current);
    if (!form) throw new Error(`release ${current.release_id} has no form ${current.form_key}`);
    const stored = this.deps.personal.open(current.payload).data;
    const restored = this.deps.personal.restore(form.compiled, data, stored) as typeof data;
    const [row] = await this.deps.database.sequelize.query<DraftRow>(
      `UPDATE submission_drafts SET payload = $2::jsonb, row_version = row_version + 1,
         updated_at = $4
       WHERE id = $1 AND row_version = $3 RETURNING *`,
      {
        bind: [
          id,
          JSON.stringify(this.deps.personal.seal(form.compiled, restored)),
          expectedRowVersion,
          this.deps.clock.now(),
        ],
        type: QueryTypes.SELECT,
      },
    );
    if (!row) throw staleRowVersion(expectedRowVersion + 1, expectedRowVersion);
    return this.view(row);
  }

  async get(id: string, caller: Caller, scope: Scope, request: RequestContext) {
    const row = await this.row(id, caller, scope);
    if (!row) return this.deps.submissions.denied(caller, request, 'draft', id);
    return this.view(row);
  }

  /** The caller's own drafts, most recently saved first. */
  async mine(caller: Caller, scope: Scope) {
    const rows = await this.deps.database.sequelize.query<DraftRow>(
      `SELECT * FROM submission_drafts WHERE author_id = $1 AND org_path LIKE ANY($2::text[])
       ORDER BY updated_at DESC LIMIT 200`,
      { bind: [caller.user.id, scope.likePatterns()], type: QueryTypes.SELECT },
    );
    return rows.map((row) => this.view(row));
  }

  async remove(id: string, caller: Caller, scope: Scope, request: RequestContext) {
    const row = await this.row(id, caller, scope);
    if (!row) return this.deps.submissions.denied(caller, request, 'draft', id);
    await this.deps.database.sequelize.query('DELETE FROM submission_drafts WHERE id = $1', {
      bind: [id],
    });
  }

  /** Submits the draft: validated like any submission; the draft is gone once it is stored. */
  async submit(
    id: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    idempotency: IdempotencyKey | undefined,
  ): Promise<WriteResult> {
    const row = await this.row(id, caller, scope);
    if (!row) {
      // A retry of a submit that already succeeded finds no draft but its stored answer.
      if (idempotency) {
        const replay = await this.deps.submissions.storedReplay(caller, idempotency);
        if (replay) return replay;
      }
      return this.deps.submissions.denied(caller, request, 'draft', id);
    }
    return this.deps.submissions.create(
      {
        formKey: row.form_key,
        subjectId: row.subject_id,
        data: this.deps.personal.open(row.payload).data,
      },
      caller,
      scope,
      request,
      idempotency,
      { id },
    );
  }

  private async row(id: string, caller: Caller, scope: Scope): Promise<DraftRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await this.deps.database.sequelize.query<DraftRow>(
      `SELECT * FROM submission_drafts
       WHERE id = $1 AND author_id = $2 AND org_path LIKE ANY($3::text[])`,
      { bind: [id, caller.user.id, scope.likePatterns()], type: QueryTypes.SELECT },
    );
    return rows[0];
  }
}
