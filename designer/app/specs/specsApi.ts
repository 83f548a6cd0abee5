import { api, ok } from '../../../runtime/app/api/index.js';
import type {
  ReleaseDiff,
  ReleaseSummary,
  Version,
  VersionKind,
  VersionSummary,
} from './lifecycle.js';

/**
 * The review and publishing screens' calls, on the one API client the designer shares with the
 * frontline app (runtime/app/api): each rejects with the engine's ApiError (code, zh/en message).
 */

/** Every spec version and overlay version, without content. */
export async function listVersions(): Promise<VersionSummary[]> {
  const [specs, overlays] = await Promise.all([
    ok(api.GET('/api/specs')),
    ok(api.GET('/api/overlays')),
  ]);
  return [...specs.versions, ...overlays.versions];
}

/** One version with its content and its history of transitions. */
export function getVersion(kind: VersionKind, key: string, version: string): Promise<Version> {
  const path = { params: { path: { key, version } } };
  return kind === 'spec'
    ? ok(api.GET('/api/specs/{key}/versions/{version}', path))
    : ok(api.GET('/api/overlays/{key}/versions/{version}', path));
}

export type Step = 'submit' | 'approve' | 'return' | 'publish' | 'deprecate';

/** A lifecycle step on a version (the reason: a return's comment, an approval's note). */
export function takeStep(
  v: Pick<VersionSummary, 'kind' | 'key' | 'version'>,
  step: Step,
  reason?: string,
): Promise<Version> {
  const params = { path: { key: v.key, version: v.version } };
  const body = reason ? { reason } : {};
  if (v.kind === 'spec') {
    switch (step) {
      case 'submit':
        return ok(api.POST('/api/specs/{key}/versions/{version}/submit', { params, body }));
      case 'approve':
        return ok(api.POST('/api/specs/{key}/versions/{version}/approve', { params, body }));
      case 'return':
        return ok(
          api.POST('/api/specs/{key}/versions/{version}/return', {
            params,
            body: { reason: reason ?? '' },
          }),
        );
      case 'publish':
        return ok(api.POST('/api/specs/{key}/versions/{version}/publish', { params, body }));
      case 'deprecate':
        return ok(
          api.POST('/api/specs/{key}/versions/{version}/deprecate', {
            params,
            body: { reason: reason ?? '' },
          }),
        );
    }
  }
  switch (step) {
    case 'submit':
      return ok(api.POST('/api/overlays/{key}/versions/{version}/submit', { params, body }));
    case 'approve':
      return ok(api.POST('/api/overlays/{key}/versions/{version}/approve', { params, body }));
    case 'return':
      return ok(
        api.POST('/api/overlays/{key}/versions/{version}/return', {
          params,
          body: { reason: reason ?? '' },
        }),
      );
    case 'publish':
      return ok(api.POST('/api/overlays/{key}/versions/{version}/publish', { params, body }));
    case 'deprecate':
      return ok(
        api.POST('/api/overlays/{key}/versions/{version}/deprecate', {
          params,
          body: { reason: reason ?? '' },
        }),
      );
  }
}

/** Makes the release of a published version (signed when the engine has a signing plugin). */
export function makeRelease(
  v: Pick<VersionSummary, 'kind' | 'key' | 'version'>,
): Promise<{ id: string }> {
  const body =
    v.kind === 'overlay'
      ? { overlay: { key: v.key, version: v.version } }
      : { base: { spec: v.key, version: v.version } };
  return ok(api.POST('/api/releases', { body }));
}

export async function listReleases(): Promise<ReleaseSummary[]> {
  return (await ok(api.GET('/api/releases'))).releases;
}

/** The semantic diff between two release ids (unreleased versions compiled on the fly). */
export async function diff(from: string, to: string): Promise<ReleaseDiff> {
  return (await ok(
    api.GET('/api/diff', { params: { query: { from, to } } }),
  )) as unknown as ReleaseDiff;
}
