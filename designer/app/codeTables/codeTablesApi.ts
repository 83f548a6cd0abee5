import type { CodeTable, FormDefinition, Overlay } from '@formwork/definitions';
import { openDraftForms } from '../formDesigner/draftForms.js';
import { saveDraft, type SpecContent } from '../formDesigner/formsApi.js';
import { effectiveSpec, openOverlay, overlayId, saveOverlay } from '../overlays/overlaysApi.js';
import type { Version, VersionSummary } from '../specs/lifecycle.js';

/**
 * The 代码表 screen's calls, on the one API client: a draft's code tables with the forms that
 * may use them — a spec draft's own (its content), an overlay draft's effective spec's
 * (`GET /api/effective-specs/:id`, compiled on the fly: the nation's tables with the options the
 * overlay adds, and the tables it adds) — and saving a changed draft (PUT with If-Match; the
 * engine's 422 with each problem). Each rejects with the engine's ApiError.
 */
export type CodeTablesDraft =
  | {
      kind: 'spec';
      version: Version;
      content: SpecContent;
      tables: Record<string, CodeTable>;
      forms: Record<string, FormDefinition>;
    }
  | {
      kind: 'overlay';
      version: Version;
      overlay: Overlay;
      tables: Record<string, CodeTable>;
      forms: Record<string, FormDefinition>;
    };

export async function openCodeTables(summary: VersionSummary): Promise<CodeTablesDraft> {
  if (summary.kind === 'spec') {
    const opened = await openDraftForms(summary);
    if (opened.draft.kind !== 'spec') throw new Error('not a spec draft');
    const content = opened.draft.content;
    return {
      kind: 'spec',
      version: opened.version,
      content,
      tables: content.codeTables ?? {},
      forms: content.forms ?? {},
    };
  }
  const { version, overlay } = await openOverlay(summary.key, summary.version);
  return overlayDraft(version, overlay);
}

async function overlayDraft(version: Version, overlay: Overlay): Promise<CodeTablesDraft> {
  const effective = await effectiveSpec(overlayId(overlay));
  return {
    kind: 'overlay',
    version,
    overlay,
    tables: effective.codeTables,
    forms: effective.forms,
  };
}

/** A spec draft with `table` in its code tables, saved. */
export async function saveSpecTable(
  draft: Extract<CodeTablesDraft, { kind: 'spec' }>,
  table: CodeTable,
): Promise<CodeTablesDraft> {
  const content: SpecContent = {
    ...draft.content,
    codeTables: { ...draft.content.codeTables, [table.id]: table },
  };
  const version = await saveDraft(draft.version, content);
  return {
    kind: 'spec',
    version,
    content,
    tables: content.codeTables,
    forms: content.forms ?? {},
  };
}

/** An overlay draft with its operations changed, saved and its effective spec read again. */
export async function saveOverlayTables(
  draft: Extract<CodeTablesDraft, { kind: 'overlay' }>,
  overlay: Overlay,
): Promise<CodeTablesDraft> {
  const version = await saveOverlay(draft.version, overlay);
  return overlayDraft(version, overlay);
}
