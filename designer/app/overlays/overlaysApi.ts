import type { CodeTable, FormDefinition, Overlay, ParameterSet } from '@formwork/definitions';
import { api, ok } from '../../../runtime/app/api/index.js';
import type { Version, VersionSummary } from '../specs/lifecycle.js';
import { nextMinorVersion } from './overlayOperations.js';

/**
 * The overlay editor's calls, on the one API client (runtime/app/api): a province's overlay
 * versions, one with its content, a new draft started from the newest version, saving the
 * operations (PUT with If-Match: the engine applies the overlay to its base and refuses it with
 * each problem), and the effective spec of the national base and of the draft, compiled by the
 * engine exactly as a release would be. Each rejects with the engine's ApiError.
 */

export interface EffectiveSpec {
  id: string;
  jurisdiction: string;
  forms: Record<string, FormDefinition>;
  codeTables: Record<string, CodeTable>;
  parameters: ParameterSet;
  workflows: string[];
}

export async function openOverlay(
  key: string,
  version: string,
): Promise<{ version: Version; overlay: Overlay }> {
  const found = await ok(
    api.GET('/api/overlays/{key}/versions/{version}', { params: { path: { key, version } } }),
  );
  return { version: found, overlay: found.content as unknown as Overlay };
}

/**
 * A new draft of the overlay `from`: its operations, base and jurisdiction under the next minor
 * version number after the newest of its key (what a province does before each change).
 */
export async function startDraft(
  from: { key: string; version: string },
  all: readonly VersionSummary[],
): Promise<Version> {
  const mine = all.filter((v) => v.kind === 'overlay' && v.key === from.key);
  const { overlay } = await openOverlay(from.key, from.version);
  return ok(
    api.POST('/api/overlays/{key}/versions', {
      params: { path: { key: from.key } },
      body: { ...overlay, version: nextMinorVersion(mine.map((v) => v.version)) } as never,
    }),
  );
}

/** What a rebase gives: the new draft, the operations carried over and the conflicts. */
export interface RebaseResult {
  overlay: Version;
  carried: { index: number; op: unknown }[];
  conflicts: {
    index: number;
    op: unknown;
    baseChange: Record<string, unknown>;
    reason: { zh: string; en: string };
    code: string;
  }[];
}

/** Rebases the overlay version onto a newer published national version, into a new draft. */
export function rebaseOverlay(
  from: Pick<Version, 'key' | 'version'>,
  to: { toBaseVersion: string; version: string },
): Promise<RebaseResult> {
  return ok(
    api.POST('/api/overlays/{key}/versions/{version}/rebase', {
      params: { path: { key: from.key, version: from.version } },
      body: to,
    }),
  ) as Promise<RebaseResult>;
}

/** Saves the draft's operations; the engine answers 422 with each problem when it refuses. */
export function saveOverlay(draft: Version, overlay: Overlay): Promise<Version> {
  return ok(
    api.PUT('/api/overlays/{key}/versions/{version}', {
      params: { path: { key: draft.key, version: draft.version } },
      headers: { 'If-Match': `"${draft.rowVersion}"` },
      body: overlay as never,
    }),
  );
}

/** `national-phs@3.0.1` or `national-phs@3.0.1+fujian@1.3.0`, drafts compiled on the fly. */
export async function effectiveSpec(id: string): Promise<EffectiveSpec> {
  const found = await ok(api.GET('/api/effective-specs/{id}', { params: { path: { id } } }));
  return found as unknown as EffectiveSpec;
}

export const baseId = (overlay: Overlay) => `${overlay.base.spec}@${overlay.base.version}`;
export const overlayId = (overlay: Overlay) =>
  `${baseId(overlay)}+${overlay.key}@${overlay.version}`;
