/**
 * SpecStore: spec and overlay versions: reading them, drafts, the lifecycle transitions (with
 * four eyes) and overlay rebase. Releases are the ReleaseStore's; the row types, views and errors
 * shared with it are in specViews.ts, the row reads and scope checks in VersionRows.ts.
 */
import { rebaseOverlay, type Overlay } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { ReleaseStore } from './ReleaseStore.js';
import { checkOverlay, checkSpecContent } from './specChecks.js';
import { baseSpecOf, contentHash, type SpecContent } from './specContent.js';
import {
  iso,
  KEY,
  notDraft,
  notFound,
  overlayRejected,
  publishedIsImmutable,
  TABLE,
  versionView,
  type Status,
  type VersionKind,
  type VersionRow,
} from './specViews.js';
import { VersionRows } from './VersionRows.js';

export type TransitionAction = 'submit' | 'approve' | 'return' | 'publish' | 'deprecate';

/** The statuses each action moves between, and the permission the route requires. */
const TRANSITIONS: Record<TransitionAction, { from: Status; to: Status; audit: AuditAction }> = {
  submit: { from: 'draft', to: 'in-review', audit: 'spec.submit' },
  approve: { from: 'in-review', to: 'in-review', audit: 'spec.approve' },
  return: { from: 'in-review', to: 'draft', audit: 'spec.return' },
  publish: { from: 'in-review', to: 'published', audit: 'spec.publish' },
  deprecate: { from: 'published', to: 'deprecated', audit: 'spec.deprecate' },
};

/**
 * Spec and overlay versions in PostgreSQL, with their lifecycle:
 *
 * draft → (submit, configurator) → in-review → (approve, reviewer) → in-review + approved →
 * (publish, publisher) → published → (deprecate, publisher) → deprecated; a reviewer may instead
 * return an in-review version to draft with a comment (which also drops an approval). Editing a
 * draft drops nothing but is only possible in draft. Four eyes: neither the reviewer who approves
 * nor the publisher may be the version's author (who created it or last edited it). Publishing
 * needs the stored approval. Content is checked when drafted or edited and again at submit and
 * publish (meta-schemas, every form through the form compiler, the BPMN lint; an overlay against
 * its base and the forms of base + overlay): a version whose forms cannot compile never gets
 * there. Every step is one transaction: the row, a `spec_transitions` row (who, when, from, to,
 * why) and an audit event.
 *
 * Scope: a caller acts on a version only when the scope of the route's permission covers the
 * version's jurisdiction (its org path); outside, the refusal is audited and answered 404.
 * Published versions can never change (see migration 0008's triggers). Releases built from the
 * published versions are the ReleaseStore's, given here as `releases`.
 */
export class SpecStore {
  /** The releases over these versions (the release routes and the catalog reload reach them here). */
  readonly releases: ReleaseStore;
  private readonly rows: VersionRows;

  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
      clock: Clock;
      releases: ReleaseStore;
    },
  ) {
    this.releases = deps.releases;
    this.rows = new VersionRows(deps);
  }

  private get sequelize() {
    return this.deps.database.sequelize;
  }

  // ---- reads ----

  async list(kind: VersionKind, filter: { key?: string | undefined; status?: Status | undefined }) {
    const rows = await this.sequelize.query<VersionRow>(
      `SELECT ${KEY[kind]} AS key, * FROM ${TABLE[kind]}
       WHERE ($1::text IS NULL OR ${KEY[kind]} = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY ${KEY[kind]}, string_to_array(regexp_replace(version, '-.*$', ''), '.')::int[]`,
      { bind: [filter.key ?? null, filter.status ?? null], type: QueryTypes.SELECT },
    );
    return rows.map((row) => versionView(kind, row));
  }

  async get(kind: VersionKind, key: string, version: string) {
    const row = await this.rows.row(kind, key, version);
    if (!row) throw notFound(kind, key, version);
    const transitions = await this.sequelize.query<{
      action: string;
      from_status: string | null;
      to_status: string;
      actor_id: string | null;
      actor_username: string | null;
      reason: string | null;
      at: Date;
    }>(
      `SELECT action, from_status, to_status, actor_id, actor_username, reason, at
       FROM spec_transitions WHERE kind = $1 AND key = $2 AND version = $3 ORDER BY id`,
      { bind: [kind, key, version], type: QueryTypes.SELECT },
    );
    return {
      ...versionView(kind, row),
      content: row.content,
      transitions: transitions.map((t) => ({
        action: t.action,
        from: t.from_status,
        to: t.to_status,
        actorId: t.actor_id,
        actorUsername: t.actor_username,
        reason: t.reason,
        at: iso(t.at)!,
      })),
    };
  }

  // ---- drafts ----

  /** A new draft spec version (forms.design over the jurisdiction it belongs to). */
  async createSpecDraft(
    spec: string,
    input: { version: string; jurisdiction: string; content: SpecContent },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    await this.rows.inScope(
      caller,
      scope,
      request,
      input.jurisdiction,
      'spec',
      `${spec}@${input.version}`,
    );
    const content = { ...input.content, spec, version: input.version };
    await checkSpecContent(content);
    return this.insertDraft(
      'spec',
      spec,
      input.version,
      input.jurisdiction,
      content,
      caller,
      request,
    );
  }

  /** A new draft overlay version, checked against its base with applyOverlay (422 with problems). */
  async createOverlayDraft(
    key: string,
    overlay: Overlay,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    via?: { action: string; details: Record<string, unknown> },
  ) {
    if (overlay.key !== key) {
      throw HttpError.badRequest(
        `调整内容的 key 应为 ${key} / The overlay's key must be ${key} (the path's)`,
      );
    }
    const jurisdiction = overlay.jurisdiction?.code;
    await this.rows.inScope(
      caller,
      scope,
      request,
      jurisdiction,
      'overlay',
      `${key}@${overlay.version}`,
    );
    await checkOverlay(this.rows, overlay);
    return this.insertDraft(
      'overlay',
      key,
      overlay.version,
      jurisdiction,
      overlay,
      caller,
      request,
      via,
    );
  }

  private async insertDraft(
    kind: VersionKind,
    key: string,
    version: string,
    jurisdiction: string,
    content: SpecContent | Overlay,
    caller: Caller,
    request: RequestContext,
    via: { action: string; details: Record<string, unknown> } = { action: 'create', details: {} },
  ) {
    const now = this.deps.clock.now();
    const base = kind === 'overlay' ? (content as Overlay).base : undefined;
    await this.deps.database.transaction(async (transaction) => {
      const [inserted] = await this.sequelize.query<{ version: string }>(
        kind === 'spec'
          ? `INSERT INTO spec_versions (spec, version, jurisdiction, content, content_hash, status,
               created_by, created_at, updated_by, updated_at)
             VALUES ($1, $2, $3, $4::json, $5, 'draft', $6, $7, $6, $7)
             ON CONFLICT DO NOTHING RETURNING version`
          : `INSERT INTO overlay_versions (key, version, jurisdiction, content, content_hash, status,
               created_by, created_at, updated_by, updated_at, base_spec, base_version)
             VALUES ($1, $2, $3, $4::json, $5, 'draft', $6, $7, $6, $7, $8, $9)
             ON CONFLICT DO NOTHING RETURNING version`,
        {
          bind: [
            key,
            version,
            jurisdiction,
            JSON.stringify(content),
            contentHash(content),
            caller.user.id,
            now,
            ...(base ? [base.spec, base.version] : []),
          ],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!inserted) {
        throw new HttpError(
          409,
          'version_exists',
          `${key}@${version} 已存在 / ${key}@${version} already exists`,
        );
      }
      await this.rows.recordStep(
        { kind, key, version, action: via.action, from: null, to: 'draft' },
        {
          action: 'spec.draft.save',
          targetType: kind,
          targetId: `${key}@${version}`,
          details: { created: true, contentHash: contentHash(content), ...via.details },
        },
        { caller, request, at: now },
        transaction,
      );
    });
    return this.get(kind, key, version);
  }

  /** Replaces a draft's content (If-Match: its row version). */
  async updateDraft(
    kind: VersionKind,
    key: string,
    version: string,
    expected: number | undefined,
    content: SpecContent | Overlay,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const row = await this.rows.rowInScope(kind, key, version, caller, scope, request);
    const expectedRowVersion = requireRowVersion(expected);
    if (row.status === 'published' || row.status === 'deprecated')
      throw publishedIsImmutable(key, version);
    if (row.status !== 'draft') throw notDraft(key, version, row.status);
    if (row.row_version !== expectedRowVersion)
      throw staleRowVersion(row.row_version, expectedRowVersion);
    if (kind === 'spec') {
      content = { ...(content as SpecContent), spec: key, version };
      await checkSpecContent(content as SpecContent);
    } else {
      const overlay = content as Overlay;
      if (
        overlay.key !== key ||
        overlay.version !== version ||
        overlay.jurisdiction?.code !== row.jurisdiction ||
        overlay.base?.spec !== row.base_spec
      ) {
        throw HttpError.badRequest(
          '调整的 key、版本、辖区与基础规范不可在草稿中更改 / An overlay draft keeps its key, version, jurisdiction and base spec (the base version may change)',
        );
      }
      await checkOverlay(this.rows, overlay);
    }
    const now = this.deps.clock.now();
    const base = kind === 'overlay' ? (content as Overlay).base : undefined;
    await this.deps.database.transaction(async (transaction) => {
      const [updated] = await this.sequelize.query<{ row_version: number }>(
        `UPDATE ${TABLE[kind]} SET content = $3::json, content_hash = $4, updated_by = $5,
           updated_at = $6, row_version = row_version + 1
           ${base ? ', base_version = $8' : ''}
         WHERE ${KEY[kind]} = $1 AND version = $2 AND row_version = $7 AND status = 'draft'
         RETURNING row_version`,
        {
          bind: [
            key,
            version,
            JSON.stringify(content),
            contentHash(content),
            caller.user.id,
            now,
            expectedRowVersion,
            ...(base ? [base.version] : []),
          ],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!updated) throw staleRowVersion(expectedRowVersion + 1, expectedRowVersion);
      await recordByCaller(
        this.deps.audit,
        caller,
        request,
        {
          action: 'spec.draft.save',
          targetType: kind,
          targetId: `${key}@${version}`,
          details: { contentHash: contentHash(content) },
        },
        transaction,
      );
    });
    return this.get(kind, key, version);
  }

  // ---- transitions ----

  async transition(
    kind: VersionKind,
    key: string,
    version: string,
    action: TransitionAction,
    reason: string | undefined,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    const row = await this.rows.rowInScope(kind, key, version, caller, scope, request);
    const step = TRANSITIONS[action];
    if (row.status !== step.from || (action === 'approve' && row.approved_at)) {
      throw new HttpError(
        409,
        'invalid_transition',
        `${key}@${version} 当前状态为 ${row.status}${row.approved_at ? '（已审核通过）' : ''}，不能执行 ${action} / ${key}@${version} is ${row.status}${row.approved_at ? ' (approved)' : ''}: ${action} needs ${step.from}${action === 'approve' ? ' not yet approved' : ''}`,
        { status: row.status, approved: row.approved_at !== null },
      );
    }
    if (action === 'approve' || action === 'publish') {
      const authors = [row.created_by, row.updated_by];
      if (authors.includes(caller.user.id)) {
        await recordDenial(
          this.deps.audit,
          caller,
          request,
          { reason: 'four-eyes', action },
          { targetType: kind, targetId: `${key}@${version}` },
        );
        throw new HttpError(
          403,
          'four_eyes',
          '审核与发布须由作者以外的人完成 / The author of a version cannot approve or publish it (four eyes)',
        );
      }
    }
    if (action === 'publish' && !row.approved_at) {
      throw new HttpError(
        409,
        'not_approved',
        `${key}@${version} 尚未通过审核 / ${key}@${version} has not been approved by a reviewer`,
      );
    }
    // Submitted and published content is checked again as at drafting (a row may have been
    // stored before a check existed): every form compiles, the workflows pass the lint.
    if (action === 'submit' || action === 'publish') {
      if (kind === 'overlay')
        await checkOverlay(this.rows, row.content as Overlay, action === 'publish');
      else await checkSpecContent(row.content as SpecContent);
    }
    const now = this.deps.clock.now();
    const sets: Record<TransitionAction, string> = {
      submit: `status = 'in-review', submitted_by = $3, submitted_at = $4, approved_by = NULL,
        approved_at = NULL`,
      approve: `approved_by = $3, approved_at = $4, review_comment = $5::text`,
      return: `status = 'draft', approved_by = NULL, approved_at = NULL, review_comment = $5::text`,
      publish: `status = 'published', published_by = $3, published_at = $4`,
      deprecate: `status = 'deprecated', deprecated_by = $3, deprecated_at = $4`,
    };
    await this.deps.database.transaction(async (transaction) => {
      const [updated] = await this.sequelize.query<{ status: string }>(
        `UPDATE ${TABLE[kind]} SET ${sets[action]}, row_version = row_version + 1
         WHERE ${KEY[kind]} = $1 AND version = $2 AND status = $6 AND row_version = $7
         RETURNING status, $3::uuid AS actor, $4::timestamptz AS at, $5::text AS reason`,
        {
          bind: [key, version, caller.user.id, now, reason ?? null, step.from, row.row_version],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!updated) throw staleRowVersion(row.row_version + 1, row.row_version);
      await this.rows.recordStep(
        { kind, key, version, action, from: row.status, to: step.to, reason },
        {
          action: step.audit,
          targetType: kind,
          targetId: `${key}@${version}`,
          details: {
            from: row.status,
            to: step.to,
            ...(reason ? { reason } : {}),
            contentHash: row.content_hash,
          },
        },
        { caller, request, at: now },
        transaction,
      );
    });
    return this.get(kind, key, version);
  }

  // ---- rebase ----

  /**
   * Rebases an overlay version onto another published version of its base spec: operations that
   * still apply carry over into a new draft overlay version; conflicts are listed.
   */
  async rebase(
    key: string,
    version: string,
    input: { toBaseVersion: string; version: string },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    await this.rows.rowInScope('overlay', key, version, caller, scope, request);
    const { overlay, result, conflicts } = await this.previewRebase(
      key,
      version,
      input.toBaseVersion,
    );
    const rebased: Overlay = { ...result.overlay, version: input.version };
    const created = await this.createOverlayDraft(key, rebased, caller, scope, request, {
      action: 'rebase',
      details: {
        rebasedFrom: `${key}@${version}`,
        fromBase: overlay.base.version,
        toBase: input.toBaseVersion,
        carried: result.carried.length,
        conflicts: conflicts.length,
      },
    });
    return {
      overlay: created,
      carried: result.carried.map((index) => ({ index, op: overlay.operations[index]! })),
      conflicts,
    };
  }

  /** The rebase of an overlay version onto another published base version, nothing stored. */
  async previewRebase(key: string, version: string, toBaseVersion: string) {
    const row = await this.rows.row('overlay', key, version);
    if (!row) throw notFound('overlay', key, version);
    const input = { toBaseVersion };
    const overlay = row.content as Overlay;
    const oldBase = await this.rows.row('spec', overlay.base.spec, overlay.base.version);
    const newBase = await this.rows.row('spec', overlay.base.spec, input.toBaseVersion);
    if (!oldBase) throw notFound('spec', overlay.base.spec, overlay.base.version);
    if (!newBase || (newBase.status !== 'published' && newBase.status !== 'deprecated'))
      throw new HttpError(
        409,
        'base_not_published',
        `${overlay.base.spec}@${input.toBaseVersion} 不存在或未发布 / ${overlay.base.spec}@${input.toBaseVersion} is not a published version`,
      );
    const result = await rebaseOverlay(
      baseSpecOf(oldBase.content as SpecContent),
      baseSpecOf(newBase.content as SpecContent),
      overlay,
    );
    if (result.problems.length) throw overlayRejected(result.problems);
    const conflicts = result.conflicts.map((c) => ({
      index: c.index,
      op: c.op,
      baseChange: c.baseChange,
      reason: c.reason,
      code: c.code,
    }));
    return { overlay, result, conflicts };
  }

  // ---- catalog ----

  /** Rebuilds the catalog from the database (the ReleaseStore's; kept here for the engine's start). */
  reloadCatalog(): Promise<void> {
    return this.releases.reloadCatalog();
  }
}
