import { api, ok } from '../../../runtime/app/api/index.js';
import type { components } from '../../../runtime/app/api/schema.js';
import type { ReleaseSummary, Version, VersionKind, VersionSummary } from '../specs/lifecycle.js';
import { getVersion } from '../specs/specsApi.js';
import {
  effectiveWorkflows,
  overlayWithWorkflow,
  specWithWorkflow,
  type OverlayLike,
  type SpecContentLike,
} from './workflowSource.js';

/**
 * The workflow modeler's calls, on the designer's one API client: each rejects with the engine's
 * ApiError. Saving goes through the same routes (and so the same checks) as any API client.
 */

export interface WorkflowSource {
  version: VersionSummary;
  /** BPMN by workflow key, as this version runs them (an overlay: its base's with its own). */
  workflows: Record<string, string>;
  /** The form keys a user task may open. */
  forms: string[];
  /** The spec whose workflows these are (an overlay's base spec). */
  specKey: string;
}

/** A version's workflows and forms; an overlay's are its base's with its own operations. */
export async function loadSource(
  kind: VersionKind,
  key: string,
  v: string,
): Promise<WorkflowSource> {
  const version = await getVersion(kind, key, v);
  if (kind === 'spec') {
    const content = version.content as SpecContentLike;
    return {
      version,
      workflows: { ...(content.workflows ?? {}) },
      forms: Object.keys(content.forms ?? {}).sort(),
      specKey: key,
    };
  }
  const overlay = version.content as OverlayLike;
  const base = await getVersion('spec', overlay.base.spec, overlay.base.version);
  const content = base.content as SpecContentLike;
  return {
    version,
    workflows: effectiveWorkflows(content, overlay),
    forms: Object.keys(content.forms ?? {}).sort(),
    specKey: overlay.base.spec,
  };
}

export async function listServices(): Promise<string[]> {
  const { services } = await ok(api.GET('/api/workflows/services'));
  return services.map((s) => s.name);
}

export interface RoleOption {
  key: string;
  title: { zh: string; en: string };
  level: string;
}

/** Roles whose holders work tasks: the candidates of a user task. */
export async function listTaskRoles(): Promise<RoleOption[]> {
  const { roles } = await ok(api.GET('/api/roles'));
  return roles.filter((r) => r.permissions.includes('tasks.work'));
}

export interface DraftTarget {
  kind: VersionKind;
  key: string;
  version: string;
  /** An existing draft (saved with If-Match), or a new one made from `from`. */
  existing: boolean;
  /** New drafts: the version whose content the draft starts from. */
  from?: { version: string };
}

/**
 * Saves `xml` as workflow `workflowKey` into a draft: an existing draft is read and written back
 * with its row version (If-Match), a new one is created from the content of `target.from`.
 */
export async function saveIntoDraft(
  target: DraftTarget,
  workflowKey: string,
  xml: string,
): Promise<Version> {
  const source = target.existing ? target.version : target.from!.version;
  const current = await getVersion(target.kind, target.key, source);
  if (target.kind === 'spec') {
    const content = specWithWorkflow(current.content as SpecContentLike, workflowKey, xml);
    const path = { params: { path: { key: target.key, version: target.version } } };
    if (target.existing)
      return ok(
        api.PUT('/api/specs/{key}/versions/{version}', {
          ...path,
          headers: { 'If-Match': `"${current.rowVersion}"` },
          body: { content: content as never },
        }),
      );
    return ok(
      api.POST('/api/specs/{key}/versions', {
        params: { path: { key: target.key } },
        body: {
          version: target.version,
          jurisdiction: current.jurisdiction,
          content: content as never,
        },
      }),
    );
  }
  const overlay = current.content as OverlayLike;
  const base = await getVersion('spec', overlay.base.spec, overlay.base.version);
  const baseHas = Object.hasOwn((base.content as SpecContentLike).workflows ?? {}, workflowKey);
  const next = overlayWithWorkflow(
    { ...overlay, version: target.version },
    baseHas,
    workflowKey,
    xml,
  );
  if (target.existing)
    return ok(
      api.PUT('/api/overlays/{key}/versions/{version}', {
        params: { path: { key: target.key, version: target.version } },
        headers: { 'If-Match': `"${current.rowVersion}"` },
        body: next as never,
      }),
    );
  return ok(
    api.POST('/api/overlays/{key}/versions', {
      params: { path: { key: target.key } },
      body: next as never,
    }),
  );
}

/** A release's open instances of a workflow: how many, and how many wait at each element. */
export type ReleaseInstanceCounts =
  components['schemas']['WorkflowInstanceCounts']['releases'][number];

/** Open instances of `key` in the caller's scope, per release and element (counts only). */
export async function instanceCounts(key: string): Promise<ReleaseInstanceCounts[]> {
  const { releases } = await ok(
    api.GET('/api/workflows/{key}/instance-counts', { params: { path: { key } } }),
  );
  return releases;
}

/** The BPMN of workflow `key` as a release runs it (its version's, an overlay's applied). */
export async function releaseWorkflow(
  release: Pick<ReleaseSummary, 'base' | 'overlay'>,
  key: string,
): Promise<string | undefined> {
  const source = release.overlay
    ? await loadSource('overlay', release.overlay.key, release.overlay.version)
    : await loadSource('spec', release.base.spec, release.base.version);
  return source.workflows[key];
}

export interface MigrationOutcome {
  migrated: string[];
  skipped: { instanceId: string; problems: Record<string, unknown>[] }[];
}

/** Moves the open instances of `from` to `to` with the element mapping (the engine checks it). */
export function migrateInstances(body: {
  definitionKey: string;
  fromReleaseId: string;
  toReleaseId: string;
  mapping: Record<string, string>;
}): Promise<MigrationOutcome> {
  return ok(api.POST('/api/workflows/migrations', { body }));
}
