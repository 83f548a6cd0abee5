import { computed, shallowRef } from 'vue';
import {
  canRedo,
  canUndo,
  createHistory,
  execute,
  lintDocument,
  redo,
  undo,
  type DesignHistory,
  type DesignProblem,
  type EditOptions,
  type FormDocument,
  type LintReport,
} from './model/index.js';

/**
 * The open document's state for the designer screen (STYLE #15): the model's history in a
 * shallowRef, every user action one command through `execute`, the lint of the present document.
 * No logic of its own beyond that: what is allowed, what a command does, what lint says is the
 * model's.
 */
export function useDesignState(initial: FormDocument) {
  const history = shallowRef<DesignHistory>(createHistory(initial));
  /** The problems of the last refused action (shown where it was made). */
  const refused = shallowRef<readonly DesignProblem[]>([]);
  const document = computed(() => history.value.present);

  /** Runs one user action as one undo step; false (and `refused` set) when the model refuses it. */
  function run(command: (d: FormDocument) => FormDocument, options: EditOptions = {}): boolean {
    const result = execute(history.value, command, { at: Date.now(), ...options });
    if (!result.ok) {
      refused.value = result.problems;
      return false;
    }
    refused.value = [];
    history.value = result.history;
    return true;
  }

  /**
   * The model's lint. In the browser its compile cannot run (Ajv compiles with `new Function`,
   * which the page's CSP refuses): what it gives here is what needs no compile — rules reading
   * no field, the base's locks. The screen asks the engine for the compiler's verdict.
   */
  const lint = computed<LintReport>(() => lintDocument(document.value));

  return {
    history,
    document,
    refused,
    lint,
    run,
    canUndo: computed(() => canUndo(history.value)),
    canRedo: computed(() => canRedo(history.value)),
    undo: () => {
      history.value = undo(history.value);
      refused.value = [];
    },
    redo: () => {
      history.value = redo(history.value);
      refused.value = [];
    },
    /** Replaces the history (a JSON edit accepted by the model is committed as one step). */
    commitDocument: (next: FormDocument) => run(() => next),
  };
}

export type DesignState = ReturnType<typeof useDesignState>;
