import type { InjectionKey } from 'vue';
import type { createJsonEditor } from './codeMirrorJson.js';

/** Makes a JSON view's editor (CodeMirror's, `codeMirrorJson.ts`). */
export type JsonEditorFactory = typeof createJsonEditor;

/**
 * How a JSON view gets its editor: by default CodeMirror, imported when first needed (its own
 * chunk). Component tests provide a loader that rejects, and the views keep their textarea.
 */
export const JSON_EDITOR_LOADER: InjectionKey<() => Promise<JsonEditorFactory>> =
  Symbol('json editor loader');

export const loadCodeMirror = (): Promise<JsonEditorFactory> =>
  import('./codeMirrorJson.js').then((m) => m.createJsonEditor);
