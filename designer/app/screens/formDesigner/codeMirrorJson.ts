import { json } from '@codemirror/lang-json';
import { basicSetup, EditorView } from 'codemirror';

/**
 * CodeMirror 6 for a JSON view, in its own module so the designer loads it lazily (a dynamic
 * import, its own chunk): only when the JSON tab is opened.
 */
export interface JsonEditorHandle {
  /** Shows `text` unless it is what the editor already holds (the author's own typing). */
  set(text: string): void;
  /** Selects `from`–`to`, scrolled into sight, the editor focused. */
  select(from: number, to: number): void;
  destroy(): void;
}

export function createJsonEditor(
  parent: HTMLElement,
  text: string,
  label: string,
  onChange: (text: string) => void,
): JsonEditorHandle {
  let current = text;
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      json(),
      EditorView.contentAttributes.of({ 'aria-label': label, 'data-test': 'json-code' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        current = update.state.doc.toString();
        onChange(current);
      }),
    ],
  });
  return {
    set(next) {
      if (next === current) return;
      current = next;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    select(from, to) {
      const end = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, end), head: Math.min(to, end) },
        scrollIntoView: true,
      });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
