/**
 * What the spec and release stores share: the version and release kinds, their database rows,
 * the JSON views answered for them, and the errors both raise.
 */
import type { OverlayProblem } from '@formwork/definitions';
import { HttpError } from '../http/HttpError.js';
import type { DocumentSignature } from '../signing/DocumentSigner.js';
import type { ReleaseManifest } from './specContent.js';

export type VersionKind = 'spec' | 'overlay';
export type Status = 'draft' | 'in-review' | 'published' | 'deprecated';

/** A row of spec_versions or overlay_versions (`key` is the spec or overlay key). */
export interface VersionRow {
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

export interface ReleaseRow {
  id: string;
  jurisdiction: string;
  base_spec: string;
  base_version: string;
  overlay_key: string | null;
  overlay_version: string | null;
  status: 'published' | 'deprecated';
  manifest: ReleaseManifest;
  manifest_hash: string;
  signature: DocumentSignature | null;
  current: boolean;
  published_by: string | null;
  published_at: Date;
}

/** The table and key column of each kind of version. */
export const TABLE = { spec: 'spec_versions', overlay: 'overlay_versions' } as const;
export const KEY = { spec: 'spec', overlay: 'key' } as const;
export const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function versionView(kind: VersionKind, row: VersionRow) {
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

export function releaseView(row: ReleaseRow) {
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

export const notFound = (kind: VersionKind | 'release', key: string, version?: string) =>
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

export function notDraft(key: string, version: string, status: string) {
  return new HttpError(
    409,
    'not_a_draft',
    `${key}@${version} 状态为 ${status}，只有草稿可编辑（审核中可由审核员退回）/ ${key}@${version} is ${status}: only drafts can be edited (a reviewer may return it to draft)`,
  );
}
