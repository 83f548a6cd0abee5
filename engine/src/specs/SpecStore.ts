import {
  applyOverlay,
  rebaseOverlay,
  validateMetadata,
  type Overlay,
  type OverlayProblem,
} from '@formwork/definitions';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { Release } from './Release.js';
import type { ReleaseCatalog } from './ReleaseCatalog.js';
import {
  baseSpecOf,
  compileRelease,
  contentHash,
  jurisdictionPath,
  OverlayProblems,
  releaseManifest,
  type ReleaseManifest,
  type SpecContent,
} from './specContent.js';

/** A signer a plugin registers (e.g. the CA signing plugin): signs a release manifest. */
export interface ReleaseSigner {
  /** e.g. `SM2-SM3` */
  algorithm: string;
  sign(bytes: Uint8Array): Promise<{ signature: string; signer: string }>;
}

export type VersionKind = 'spec' | 'overlay';
export type Status = 'draft' | 'in-review' | 'published' | 'deprecated';
export type TransitionAction = 'submit' | 'approve' | 'return' | 'publish' | 'deprecate';

interface VersionRow {
  key: string;
  version: string;
  jurisdiction: string;
  base_spec?: string;
  base_version?: string;
  status: Status;
  content?: unknown;
  content_hash: string;
  row_version: number;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  review_comment: string | null;
  published_by: string | null;
  published_at: Date | null;
  deprecated_by: string | null;
  deprecated_at: Date | null;
}

interface ReleaseRow {
  id: string;
  jurisdiction: string;
  base_spec: string;
  base_version: string;
  overlay_key: string | null;
  overlay_version: string | null;
  status: 'published' | 'deprecated';
  manifest: ReleaseManifest;
  manifest_hash: string;
  signature: ReleaseSignature | null;
  current: boolean;
  published_by: string | null;
  published_at: Date;
}

export interface ReleaseSignature {
  algorithm: string;
  signer: string;
  /** The signature of the manifest's canonical JSON (RFC 8785), as the signer encodes it. */
  value: string;
  signedAt: string;
}

const TABLE = { spec: 'spec_versions', overlay: 'overlay_versions' } as const;
const KEY = { spec: 'spec', overlay: 'key' } as const;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function versionView(kind: VersionKind, row: VersionRow) {
  return {
    kind,
    key: row.key,
    version: row.version,
    jurisdiction: row.jurisdiction,
    ...(kind === 'overlay' ? { base: { spec: row.base_spec!, version: row.base_version! } } : {}),
    status: row.status,
    approved: row.approved_at !== null,
    contentHash: row.content_hash,
    rowVersion: row.row_version,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at)!,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    reviewComment: row.review_comment,
    publishedBy: row.published_by,
    publishedAt: iso(row.published_at),
    deprecatedBy: row.deprecated_by,
    deprecatedAt: iso(row.deprecated_at),
  };
}
export type VersionView = ReturnType<typeof versionView>;

function releaseView(row: ReleaseRow) {
  return {
    id: row.id,
    jurisdiction: row.jurisdiction,
    base: { spec: row.base_spec, version: row.base_version },
    overlay: row.overlay_key ? { key: row.overlay_key, version: row.overlay_version! } : null,
    status: row.status,
    current: row.current,
    manifestHash: row.manifest_hash,
    signature: row.signature,
    publishedBy: row.published_by,
    publishedAt: iso(row.published_at)!,
  };
}
export type ReleaseView = ReturnType<typeof releaseView>;

const notFound = (kind: VersionKind | 'release', key: string, version?: string) =>
  new HttpError(
    404,
    'not_found',
    {
      spec: `规范版本不存在 / No such spec version ${key}@${version}`,
      overlay: `地方调整版本不存在 / No such overlay version ${key}@${version}`,
      release: `发布版本不存在 / No such release ${key}`,
    }[kind],
  );

export const publishedIsImmutable = (key: string, version: string) =>
  new HttpError(
    409,
    'published_is_immutable',
    `${key}@${version} 已发布，不可修改；请新建版本 / ${key}@${version} is published and can never change: create a new version`,
  );

export function overlayRejected(problems: readonly OverlayProblem[]): HttpError {
  return new HttpError(
    422,
    'overlay_rejected',
    `地方调整未通过检查：${problems.map((p) => p.message.zh).join('；')} / The overlay breaks the base's policy: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
    { problems },
  );
}

/** The statuses each action moves between, and the permission the route requires. */
const TRANSITIONS: Record<TransitionAction, { from: Status; to: Status; audit: AuditAction }> = {
  submit: { from: 'draft', to: 'in-review', audit: 'spec.submit' },
  approve: { from: 'in-review', to: 'in-review', audit: 'spec.approve' },
  return: { from: 'in-review', to: 'draft', audit: 'spec.return' },
  publish: { from: 'in-review', to: 'published', audit: 'spec.publish' },
  deprecate: { from: 'published', to: 'deprecated', audit: 'spec.deprecate' },
};

/**
 * Specs, overlays and releases in PostgreSQL, with their lifecycle:
 *
 * draft → (submit, configurator) → in-review → (approve, reviewer) → in-review + approved →
 * (publish, publisher) → published → (deprecate, publisher) → deprecated; a reviewer may instead
 * return an in-review version to draft with a comment (which also drops an approval). Editing a
 * draft drops nothing but is only possible in draft. Four eyes: neither the reviewer who approves
 * nor the publisher may be the version's author (who created it or last edited it). Publishing
 * needs the stored approval. Every step is one transaction: the row, a `spec_transitions` row
 * (who, when, from, to, why) and an audit event.
 *
 * Scope: a caller acts on a version only when the scope of the route's permission covers the
 * version's jurisdiction (its org path); outside, the refusal is audited and answered 404.
 * Published versions and releases can never change (see migration 0008's triggers).
 */
export class SpecStore {
  /** Set by the engine once plugins are loaded (a plugin may register one). */
  signer: ReleaseSigner | undefined;
  readonly #compiled = new Map<string, Release>();

  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
      clock: Clock;
      catalog: ReleaseCatalog;
    },
  ) {}

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
    const row = await this.row(kind, key, version);
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

  private async row(
    kind: VersionKind,
    key: string,
    version: string,
    transaction?: Transaction,
    lock = false,
  ): Promise<VersionRow | undefined> {
    const [row] = await this.sequelize.query<VersionRow>(
      `SELECT ${KEY[kind]} AS key, * FROM ${TABLE[kind]} WHERE ${KEY[kind]} = $1 AND version = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      { bind: [key, version], type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) },
    );
    return row;
  }

  async listReleases() {
    const rows = await this.sequelize.query<ReleaseRow>(
      'SELECT * FROM releases ORDER BY jurisdiction, published_at, id',
      { type: QueryTypes.SELECT },
    );
    return rows.map(releaseView);
  }

  async getRelease(id: string) {
    const [row] = await this.sequelize.query<ReleaseRow>('SELECT * FROM releases WHERE id = $1', {
      bind: [id],
      type: QueryTypes.SELECT,
    });
    if (!row) throw notFound('release', id);
    return { ...releaseView(row), manifest: row.manifest };
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
    await this.inScope(
      caller,
      scope,
      request,
      input.jurisdiction,
      'spec',
      `${spec}@${input.version}`,
    );
    const content = { ...input.content, spec, version: input.version };
    checkSpecContent(content);
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
    await this.inScope(
      caller,
      scope,
      request,
      jurisdiction,
      'overlay',
      `${key}@${overlay.version}`,
    );
    await this.checkOverlay(overlay);
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
             VALUES ($1, $2, $3, $4::jsonb, $5, 'draft', $6, $7, $6, $7)
             ON CONFLICT DO NOTHING RETURNING version`
          : `INSERT INTO overlay_versions (key, version, jurisdiction, content, content_hash, status,
               created_by, created_at, updated_by, updated_at, base_spec, base_version)
             VALUES ($1, $2, $3, $4::jsonb, $5, 'draft', $6, $7, $6, $7, $8, $9)
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
      await this.transitionRow(
        kind,
        key,
        version,
        via.action,
        null,
        'draft',
        caller,
        null,
        now,
        transaction,
      );
      await recordByCaller(
        this.deps.audit,
        caller,
        request,
        {
          action: 'spec.draft.save',
          targetType: kind,
          targetId: `${key}@${version}`,
          details: { created: true, contentHash: contentHash(content), ...via.details },
        },
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
    const row = await this.rowInScope(kind, key, version, caller, scope, request);
    const expectedRowVersion = requireRowVersion(expected);
    if (row.status === 'published' || row.status === 'deprecated')
      throw publishedIsImmutable(key, version);
    if (row.status !== 'draft') throw notDraft(key, version, row.status);
    if (row.row_version !== expectedRowVersion)
      throw staleRowVersion(row.row_version, expectedRowVersion);
    if (kind === 'spec') {
      content = { ...(content as SpecContent), spec: key, version };
      checkSpecContent(content as SpecContent);
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
      await this.checkOverlay(overlay);
    }
    const now = this.deps.clock.now();
    const base = kind === 'overlay' ? (content as Overlay).base : undefined;
    await this.deps.database.transaction(async (transaction) => {
      const [updated] = await this.sequelize.query<{ row_version: number }>(
        `UPDATE ${TABLE[kind]} SET content = $3::jsonb, content_hash = $4, updated_by = $5,
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
    const row = await this.rowInScope(kind, key, version, caller, scope, request);
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
    if (action === 'publish') {
      if (!row.approved_at) {
        throw new HttpError(
          409,
          'not_approved',
          `${key}@${version} 尚未通过审核 / ${key}@${version} has not been approved by a reviewer`,
        );
      }
      if (kind === 'overlay') await this.checkOverlay(row.content as Overlay, true);
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
      await this.transitionRow(
        kind,
        key,
        version,
        action,
        row.status,
        step.to,
        caller,
        reason,
        now,
        transaction,
      );
      await recordByCaller(
        this.deps.audit,
        caller,
        request,
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
        transaction,
      );
    });
    return this.get(kind, key, version);
  }

  private transitionRow(
    kind: VersionKind | 'release',
    key: string,
    version: string,
    action: string,
    from: string | null,
    to: string,
    caller: Caller | undefined,
    reason: string | null | undefined,
    at: Date,
    transaction: Transaction,
  ) {
    return this.sequelize.query(
      `INSERT INTO spec_transitions (kind, key, version, action, from_status, to_status, actor_id,
         actor_username, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      {
        bind: [
          kind,
          key,
          version,
          action,
          from,
          to,
          caller?.user.id ?? null,
          caller?.user.username ?? null,
          reason ?? null,
          at,
        ],
        transaction,
      },
    );
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
    await this.rowInScope('overlay', key, version, caller, scope, request);
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
    const row = await this.row('overlay', key, version);
    if (!row) throw notFound('overlay', key, version);
    const input = { toBaseVersion };
    const overlay = row.content as Overlay;
    const oldBase = await this.row('spec', overlay.base.spec, overlay.base.version);
    const newBase = await this.row('spec', overlay.base.spec, input.toBaseVersion);
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

  // ---- releases ----

  /**
   * Publishes a release: a published base version, with a published overlay version of the
   * jurisdiction on top (or the base alone for its own jurisdiction), compiled, its manifest hashed
   * (and signed when a signer is registered), stored as the jurisdiction's current release.
   */
  async createRelease(
    input: {
      overlay?: { key: string; version: string } | undefined;
      base?: { spec: string; version: string } | undefined;
    },
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ) {
    let overlayRow: VersionRow | undefined;
    let baseRef = input.base;
    if (input.overlay) {
      overlayRow = await this.rowInScope(
        'overlay',
        input.overlay.key,
        input.overlay.version,
        caller,
        scope,
        request,
      );
      baseRef = { spec: overlayRow.base_spec!, version: overlayRow.base_version! };
    }
    if (!baseRef) {
      throw HttpError.badRequest(
        '请给出地方调整版本或基础规范版本 / Name an overlay version or a base spec version',
      );
    }
    const baseRow = overlayRow
      ? await this.row('spec', baseRef.spec, baseRef.version)
      : await this.rowInScope('spec', baseRef.spec, baseRef.version, caller, scope, request);
    if (!baseRow) throw notFound('spec', baseRef.spec, baseRef.version);
    for (const [kind, row] of [
      ['spec', baseRow],
      ['overlay', overlayRow],
    ] as const) {
      if (row && row.status !== 'published') {
        throw new HttpError(
          409,
          'not_published',
          `${row.key}@${row.version} 状态为 ${row.status}，只有已发布版本可组成发布 / ${kind} ${row.key}@${row.version} is ${row.status}: a release pins published versions only`,
        );
      }
    }
    const jurisdiction = overlayRow?.jurisdiction ?? baseRow.jurisdiction;
    let release: Release;
    try {
      release = await compileRelease(
        baseRow.content as SpecContent,
        jurisdiction,
        overlayRow?.content as Overlay | undefined,
      );
    } catch (err) {
      if (err instanceof OverlayProblems) throw overlayRejected(err.problems);
      throw err;
    }
    const now = this.deps.clock.now();
    const manifest = releaseManifest(
      release,
      {
        base: baseRow.content_hash,
        ...(overlayRow ? { overlay: overlayRow.content_hash } : {}),
      },
      now,
    );
    const canonical = canonicalJson(manifest);
    const manifestHash = contentHash(manifest);
    let signature: ReleaseSignature | null = null;
    if (this.signer) {
      const signed = await this.signer.sign(new TextEncoder().encode(canonical));
      signature = {
        algorithm: this.signer.algorithm,
        signer: signed.signer,
        value: signed.signature,
        signedAt: now.toISOString(),
      };
    }
    await this.deps.database.transaction(async (transaction) => {
      const [exists] = await this.sequelize.query('SELECT 1 FROM releases WHERE id = $1', {
        bind: [release.id],
        type: QueryTypes.SELECT,
        transaction,
      });
      if (exists) {
        throw new HttpError(
          409,
          'release_exists',
          `发布版本 ${release.id} 已存在 / Release ${release.id} already exists`,
        );
      }
      await this.sequelize.query(
        'UPDATE releases SET current = false WHERE jurisdiction = $1 AND current',
        { bind: [jurisdiction], transaction },
      );
      await this.sequelize.query(
        `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
           overlay_version, status, manifest, manifest_hash, signature, current, published_by,
           published_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'published', $7::jsonb, $8, $9::jsonb, true, $10, $11)`,
        {
          bind: [
            release.id,
            jurisdiction,
            release.base.spec,
            release.base.version,
            release.overlay?.key ?? null,
            release.overlay?.version ?? null,
            canonical,
            manifestHash,
            signature ? JSON.stringify(signature) : null,
            caller.user.id,
            now,
          ],
          transaction,
        },
      );
      await this.transitionRow(
        'release',
        release.id,
        '-',
        'publish',
        null,
        'published',
        caller,
        null,
        now,
        transaction,
      );
      await recordByCaller(
        this.deps.audit,
        caller,
        request,
        {
          action: 'release.publish',
          targetType: 'release',
          targetId: release.id,
          details: { jurisdiction, manifestHash, signed: signature !== null },
        },
        transaction,
      );
    });
    await this.reloadCatalog();
    return this.getRelease(release.id);
  }

  // ---- catalog ----

  /** Every stored release compiled (cached: releases never change), and the current ones. */
  async loadReleases(): Promise<{ releases: Release[]; current: Record<string, string> }> {
    const rows = await this.sequelize.query<{
      id: string;
      jurisdiction: string;
      current: boolean;
      base: SpecContent;
      overlay: Overlay | null;
    }>(
      `SELECT r.id, r.jurisdiction, r.current, b.content AS base, o.content AS overlay
       FROM releases r
       JOIN spec_versions b ON b.spec = r.base_spec AND b.version = r.base_version
       LEFT JOIN overlay_versions o ON o.key = r.overlay_key AND o.version = r.overlay_version
       ORDER BY r.published_at, r.id`,
      { type: QueryTypes.SELECT },
    );
    const releases: Release[] = [];
    const current: Record<string, string> = {};
    for (const row of rows) {
      let release = this.#compiled.get(row.id);
      if (!release) {
        release = await compileRelease(row.base, row.jurisdiction, row.overlay ?? undefined);
        release.usage = {
          schedules: row.base.schedules ?? {},
          indicators: row.base.indicators ?? {},
        };
        this.#compiled.set(row.id, release);
      }
      releases.push(release);
      if (row.current) current[row.jurisdiction] = row.id;
    }
    return { releases, current };
  }

  /**
   * A stored base version (and overlay version) compiled as a release would be, whatever their
   * status: what the diff compares when an id names no release (e.g. a draft under review).
   * `jurisdiction` is the overlay's, else the spec's.
   */
  async unreleased(id: string): Promise<Release | undefined> {
    const match = /^([a-z][a-z0-9-]{1,63})@([^+@]+)(?:\+([a-z][a-z0-9-]{1,63})@([^+@]+))?$/.exec(
      id,
    );
    if (!match) return undefined;
    const base = await this.row('spec', match[1]!, match[2]!);
    const overlay = match[3] ? await this.row('overlay', match[3], match[4]!) : undefined;
    if (!base || (match[3] && !overlay)) return undefined;
    const content = base.content as SpecContent;
    try {
      const release = await compileRelease(
        content,
        overlay?.jurisdiction ?? base.jurisdiction,
        overlay?.content as Overlay | undefined,
      );
      release.usage = { schedules: content.schedules ?? {}, indicators: content.indicators ?? {} };
      return release;
    } catch (err) {
      if (err instanceof OverlayProblems) throw overlayRejected(err.problems);
      throw err;
    }
  }

  /** Rebuilds the catalog from the database (a newly published release becomes current). */
  async reloadCatalog(): Promise<void> {
    const { releases, current } = await this.loadReleases();
    this.deps.catalog.replace(releases, current);
  }

  // ---- checks ----

  private async checkOverlay(overlay: Overlay, mustBePublishedBase = false) {
    const invalid = validateMetadata('overlay', overlay);
    if (invalid.length) {
      throw overlayRejected(
        invalid.map((e) => ({ path: e.path, code: 'overlay-invalid', message: e.message })),
      );
    }
    const base = await this.row('spec', overlay.base.spec, overlay.base.version);
    if (!base) {
      throw new HttpError(
        422,
        'base_unknown',
        `基础规范 ${overlay.base.spec}@${overlay.base.version} 不存在 / No base spec version ${overlay.base.spec}@${overlay.base.version}`,
      );
    }
    if (mustBePublishedBase && base.status !== 'published') {
      throw new HttpError(
        409,
        'base_not_published',
        `基础规范 ${base.key}@${base.version} 未发布 / The base ${base.key}@${base.version} is ${base.status}, not published`,
      );
    }
    const { problems } = await applyOverlay(baseSpecOf(base.content as SpecContent), overlay);
    if (problems.length) throw overlayRejected(problems);
  }

  /** The row if the caller's scope covers its jurisdiction; else an audited 404. */
  private async rowInScope(
    kind: VersionKind,
    key: string,
    version: string,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<VersionRow> {
    const row = await this.row(kind, key, version);
    if (!row || !scope.covers(jurisdictionPath(row.jurisdiction))) {
      await recordDenial(
        this.deps.audit,
        caller,
        request,
        { reason: 'not-found-or-out-of-scope' },
        { targetType: kind, targetId: `${key}@${version}`.slice(0, 64) },
      );
      throw notFound(kind, key, version);
    }
    return row;
  }

  private async inScope(
    caller: Caller,
    scope: Scope,
    request: RequestContext,
    jurisdiction: string | undefined,
    kind: VersionKind,
    target: string,
  ) {
    if (
      jurisdiction &&
      /^\d{6}$/.test(jurisdiction) &&
      scope.covers(jurisdictionPath(jurisdiction))
    )
      return;
    await recordDenial(
      this.deps.audit,
      caller,
      request,
      { reason: 'out-of-scope', jurisdiction: jurisdiction ?? null },
      { targetType: kind, targetId: target.slice(0, 64) },
    );
    throw new HttpError(
      403,
      'out_of_scope',
      `您无权为辖区 ${jurisdiction} 编辑规范 / You may not edit specs of jurisdiction ${jurisdiction}`,
    );
  }
}

function notDraft(key: string, version: string, status: string) {
  return new HttpError(
    409,
    'not_a_draft',
    `${key}@${version} 状态为 ${status}，只有草稿可编辑（审核中可由审核员退回）/ ${key}@${version} is ${status}: only drafts can be edited (a reviewer may return it to draft)`,
  );
}

/** Each form, code table and the parameter set of a spec version against its meta-schema. */
export function checkSpecContent(content: SpecContent) {
  const errors: { path: string; message: unknown }[] = [];
  for (const [key, form] of Object.entries(content.forms ?? {}))
    for (const e of validateMetadata('form-definition', form))
      errors.push({ path: `/forms/${key}${e.path}`, message: e.message });
  for (const [id, table] of Object.entries(content.codeTables ?? {}))
    for (const e of validateMetadata('code-table', table))
      errors.push({ path: `/codeTables/${id}${e.path}`, message: e.message });
  for (const e of validateMetadata('parameter-set', content.parameters))
    errors.push({ path: `/parameters${e.path}`, message: e.message });
  if (errors.length) {
    throw new HttpError(
      422,
      'spec_invalid',
      '规范内容未通过元模式校验 / The spec content does not pass its meta-schemas',
      { errors: errors.slice(0, 100) },
    );
  }
}
