import { computed, ref, shallowRef, watch } from 'vue';
import {
  applyJsonChecked,
  documentJson,
  type FormCheck,
  type FormDocument,
  type JsonPart,
  type JsonProblem,
} from './model/index.js';
import type { DesignState } from './designState.js';

/** The JSON views the designer offers, in the order of its selector. */
export const JSON_VIEWS = [
  'schema',
  'uiSchema',
  'rules',
  'definition',
] as const satisfies readonly JsonPart[];

type PerView<T> = Record<JsonPart, T>;
const perView = <T>(make: (part: JsonPart) => T): PerView<T> =>
  Object.fromEntries(JSON_VIEWS.map((part) => [part, make(part)])) as PerView<T>;

/**
 * The form designer's JSON views (schema, UI schema, rules, the whole definition), kept in sync
 * both ways with the open document (STYLE #15: the model decides, this only holds the texts):
 *
 * - document → text: when a command, an undo or a redo changes a part, that part's text is the
 *   document's JSON again (a draft of a part the change did not touch is kept);
 * - text → document: `apply` gives the text to the model's `applyJsonChecked` with `check` (in
 *   the browser the engine's compile, the page forbidding `new Function`); taken, it is one undo
 *   step; refused, its problems are shown and the document and the draft stay as they were.
 */
export function useJsonViews(design: DesignState, check: FormCheck) {
  const texts = ref<PerView<string>>(perView((part) => documentJson(design.document.value, part)));
  const problems = shallowRef<PerView<readonly JsonProblem[]>>(perView(() => []));
  /** The view whose text the check is answering for, if any. */
  const applying = ref<JsonPart>();

  watch(
    design.document,
    (next: FormDocument, previous: FormDocument | undefined) => {
      const cleared = { ...problems.value };
      for (const part of JSON_VIEWS) {
        const text = documentJson(next, part);
        if (previous && text === documentJson(previous, part)) continue;
        texts.value[part] = text;
        cleared[part] = [];
      }
      problems.value = cleared;
    },
    { flush: 'sync' },
  );

  const setProblems = (part: JsonPart, list: readonly JsonProblem[]) => {
    problems.value = { ...problems.value, [part]: list };
  };

  /** Applies a view's text; true when the document took it (or it was the document's already). */
  async function apply(part: JsonPart): Promise<boolean> {
    const base = design.document.value;
    applying.value = part;
    try {
      const result = await applyJsonChecked(base, texts.value[part], part, check);
      if (!result.ok) {
        setProblems(part, result.problems);
        return false;
      }
      if (design.document.value !== base) {
        setProblems(part, [
          {
            path: '',
            code: 'json-stale',
            severity: 'error',
            message: {
              zh: '检查期间文档已改变，未应用；请再次应用',
              en: 'the document changed while the JSON was checked; not applied — apply again',
            },
          },
        ]);
        return false;
      }
      if (result.document.definition !== base.definition) design.commitDocument(result.document);
      texts.value[part] = documentJson(design.document.value, part);
      setProblems(part, []);
      return true;
    } finally {
      applying.value = undefined;
    }
  }

  /** Drops a view's draft: its text is the document's again. */
  function revert(part: JsonPart) {
    texts.value[part] = documentJson(design.document.value, part);
    setProblems(part, []);
  }

  /** Views whose text is not the document's (edited, not applied). */
  const edited = computed(() =>
    JSON_VIEWS.filter((part) => texts.value[part] !== documentJson(design.document.value, part)),
  );

  return { texts, problems, applying, apply, revert, edited };
}

export type JsonViews = ReturnType<typeof useJsonViews>;
