import type { CodeTable, FormDefinition, Overlay } from '@formwork/definitions';
import { api, ok } from '../../../runtime/app/api/index.js';
import { effectiveSpec, overlayId, saveOverlay } from '../overlays/overlaysApi.js';
import type { Version, VersionSummary } from '../specs/lifecycle.js';
import { saveDraft, type SpecContent } from './formsApi.js';
import { overlayForms, withOverlayForm } from './overlayForms.js';

/**
 * The draft whose forms the form designer edits: a spec version in draft (its forms, its code
 * tables) or a province's overlay version in draft — whose own forms are those its `add-form`
 * operations add (a new programme's visit form among them), picking from the code tables of its
 * effective spec (the national ones and those the overlay adds). Saving a form of an overlay
 * replaces its `add-form` operation (or adds one for a new form) and adds an `add-code-table`
 * operation for each table the form designer created; the base's tables are never replaced.
 */
export type DraftContent =
  | { kind: 'spec'; content: SpecContent }
  | { kind: 'overlay'; content: Overlay; tables: Record<string, CodeTable> };

export interface DraftForms {
  version: Version;
  draft: DraftContent;
  /** The forms the designer may edit, by key. */
  forms: Record<string, FormDefinition>;
  /** The code tables its forms may pick, by id. */
  codeTables: Record<string, CodeTable>;
}

/** Spec and overlay versions in draft, spec versions first. */
export async function formDrafts(): Promise<VersionSummary[]> {
  const [specs, overlays] = await Promise.all([
    ok(api.GET('/api/specs')),
    ok(api.GET('/api/overlays')),
  ]);
  return [...specs.versions, ...overlays.versions].filter((v) => v.status === 'draft');
}

export async function openDraftForms(summary: VersionSummary): Promise<DraftForms> {
  const path = { params: { path: { key: summary.key, version: summary.version } } };
  if (summary.kind === 'spec') {
    const version = await ok(api.GET('/api/specs/{key}/versions/{version}', path));
    const content = version.content as SpecContent;
    return {
      version,
      draft: { kind: 'spec', content },
      forms: content.forms,
      codeTables: content.codeTables ?? {},
    };
  }
  const version = await ok(api.GET('/api/overlays/{key}/versions/{version}', path));
  const content = version.content as unknown as Overlay;
  const effective = await effectiveSpec(overlayId(content));
  return {
    version,
    draft: { kind: 'overlay', content, tables: effective.codeTables },
    forms: overlayForms(content),
    codeTables: effective.codeTables,
  };
}

/** Saves one form (and the tables it created) into the draft; the engine's checks apply. */
export async function saveDraftForm(
  opened: DraftForms,
  definition: FormDefinition,
  codeTables: Record<string, CodeTable>,
): Promise<DraftForms> {
  const { draft } = opened;
  if (draft.kind === 'spec') {
    const content: SpecContent = {
      ...draft.content,
      forms: { ...draft.content.forms, [definition.key]: definition },
      codeTables: { ...draft.content.codeTables, ...codeTables },
    };
    const version = await saveDraft(opened.version, content);
    return {
      version,
      draft: { kind: 'spec', content },
      forms: content.forms,
      codeTables: content.codeTables,
    };
  }
  const content = withOverlayForm(draft.content, definition, codeTables, draft.tables);
  const version = await saveOverlay(opened.version, content);
  const tables = { ...draft.tables, ...codeTables };
  return {
    version,
    draft: { kind: 'overlay', content, tables },
    forms: overlayForms(content),
    codeTables: tables,
  };
}
