import type { CodeTable, CompiledForm, FormDefinition } from '@formwork/definitions';
import { api, ApiError, ok } from '../../../runtime/app/api/index.js';
import { compileServedForm, type ValidatorModule } from '../../../runtime/renderer/index.js';
import type { Version, VersionSummary } from '../specs/lifecycle.js';
import type { FormCheck } from './model/index.js';
import { takeStep } from '../specs/specsApi.js';

/**
 * The form designer's calls, on the one API client (runtime/app/api): the spec drafts whose
 * forms it opens, a draft's content, saving it back (PUT with If-Match, the engine's own checks:
 * meta-schemas, every form compiled) and submitting it for review. Each rejects with the
 * engine's ApiError (code, zh/en message, the problems it listed).
 */

/** What the designer reads of a spec version's content. */
export interface SpecContent {
  forms: Record<string, FormDefinition>;
  codeTables: Record<string, CodeTable>;
  [part: string]: unknown;
}

/** Spec versions in draft: the ones whose forms can be edited. */
export async function specDrafts(): Promise<VersionSummary[]> {
  const { versions } = await ok(api.GET('/api/specs'));
  return versions.filter((v) => v.status === 'draft');
}

export async function openDraft(
  key: string,
  version: string,
): Promise<{ version: Version; content: SpecContent }> {
  const found = await ok(
    api.GET('/api/specs/{key}/versions/{version}', { params: { path: { key, version } } }),
  );
  return { version: found, content: found.content as SpecContent };
}

/** Replaces the draft's content; the engine refuses stale row versions and content it rejects. */
export function saveDraft(draft: Version, content: SpecContent): Promise<Version> {
  return ok(
    api.PUT('/api/specs/{key}/versions/{version}', {
      params: { path: { key: draft.key, version: draft.version } },
      headers: { 'If-Match': `"${draft.rowVersion}"` },
      body: { content: content as never },
    }),
  );
}

export const submitDraft = (draft: Version): Promise<Version> => takeStep(draft, 'submit');

/**
 * The preview of an unsaved form: the engine compiles it as a release would (its refusals are
 * the engine's, 422 `form_invalid` with each problem) and serves its validator as a standalone
 * module, imported here (the page forbids `new Function`), so the preview validates with the very
 * code the server runs.
 */
export async function previewForm(
  definition: FormDefinition,
  codeTables: Record<string, CodeTable>,
): Promise<CompiledForm> {
  const { validator } = await ok(
    api.POST('/api/form-previews', {
      body: { definition: definition as never, codeTables: codeTables as never },
    }),
  );
  let module: ValidatorModule;
  try {
    const [loaded] = await Promise.all([
      import(/* @vite-ignore */ validator.url) as Promise<ValidatorModule>,
      import(/* @vite-ignore */ validator.runtimeUrl),
    ]);
    module = loaded;
  } catch (error) {
    throw ApiError.network(error);
  }
  return compileServedForm({ releaseId: 'preview', definition, codeTables, validator }, module);
}

/** A problem the engine's form compiler found, at `formPath` inside the form. */
export interface EngineFormProblem {
  formPath?: string;
  path?: string;
  code?: string;
  message: { zh: string; en: string };
}

/**
 * The engine's verdict on an unsaved form (the compile of `previewForm`, without importing the
 * module): [] when it compiles, else each problem it listed.
 */
export async function checkForm(
  definition: FormDefinition,
  codeTables: Record<string, CodeTable>,
): Promise<EngineFormProblem[]> {
  try {
    await ok(
      api.POST('/api/form-previews', {
        body: { definition: definition as never, codeTables: codeTables as never },
      }),
    );
    return [];
  } catch (error) {
    const details = error instanceof ApiError ? (error.details as { errors?: unknown }) : undefined;
    if (
      error instanceof ApiError &&
      error.code === 'form_invalid' &&
      Array.isArray(details?.errors)
    )
      return details.errors as EngineFormProblem[];
    throw error;
  }
}

/**
 * The model's `FormCheck` answered by the engine (the JSON views' compile in the browser): each
 * problem of `checkForm` at its `formPath`. A request the engine refuses before compiling (a
 * definition without a key, a body over its limit) is one problem in the engine's words.
 */
export const engineFormCheck: FormCheck = async (definition, codeTables) => {
  try {
    const found = await checkForm(definition, codeTables as Record<string, CodeTable>);
    return found.map((p) => ({
      path: p.formPath ?? '',
      code: p.code ?? 'engine',
      severity: 'error' as const,
      message: p.message,
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500)
      return [
        {
          path: '',
          code: error.code,
          severity: 'error' as const,
          message: { zh: error.text('zh-CN'), en: error.text('en') },
        },
      ];
    throw error;
  }
};
