import { describe, expect, it } from 'vitest';
import { addFromPalette } from './commands/addField.js';
import { moveField } from './commands/moveField.js';
import { removeField } from './commands/removeField.js';
import { updateField } from './commands/updateField.js';
import { fieldAt } from './fields.js';
import { emptyDocument, type FormDocument } from './FormDocument.js';
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  execute,
  redo,
  undo,
  type DesignHistory,
} from './history.js';
import { applyJson } from './jsonSync.js';
import { seedCodeTables } from './testing/seedForms.js';

const start = () =>
  emptyDocument(
    'history-test',
    { zh: '历史测试', en: 'History test' },
    { codeTables: seedCodeTables() },
  );
const add = (kind: 'text' | 'date' | 'number', name: string) => (d: FormDocument) =>
  addFromPalette(d, kind, { container: '', index: 99 }, { name }).document;
const names = (h: DesignHistory) => Object.keys(h.present.definition.schema.properties as object);
const title = (h: DesignHistory, path: string) => fieldAt(h.present.definition, path)!.schema.title;

function run(h: DesignHistory, command: (d: FormDocument) => FormDocument, options = {}) {
  const result = execute(h, command, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.history;
}

describe('undo and redo', () => {
  it('given three edits, when the configurator undoes twice and redoes once, then each step is one action back and forth', () => {
    let h = createHistory(start());
    const first = h.present;
    h = run(h, add('date', 'visitDate'));
    h = run(h, add('text', 'notes'));
    h = run(h, (d) => moveField(d, '/notes', { container: '', index: 0 }));
    expect(names(h)).toEqual(['visitDate', 'notes']);
    h = undo(h);
    h = undo(h);
    expect(names(h)).toEqual(['visitDate']);
    expect(canRedo(h)).toBe(true);
    h = redo(h);
    expect(names(h)).toEqual(['visitDate', 'notes']);
    h = undo(undo(h));
    expect(h.present).toBe(first);
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
  });

  it('given an undo, when a new edit is made, then the redo branch is dropped', () => {
    let h = createHistory(start());
    h = run(h, add('text', 'a'));
    h = run(h, add('text', 'b'));
    h = undo(h);
    h = run(h, add('text', 'c'));
    expect(names(h)).toEqual(['a', 'c']);
    expect(canRedo(h)).toBe(false);
  });

  it('given a refused edit (a removal of a missing field), then the history is unchanged and the problems come back', () => {
    const h = run(createHistory(start()), add('text', 'a'));
    const result = execute(h, (d) => removeField(d, '/nothing'));
    expect(result.ok).toBe(false);
    expect(result.history).toBe(h);
    if (!result.ok) expect(result.problems[0]!.code).toBe('field-unknown');
  });

  it('given the label typed key by key, when within the coalescing window, then it is one undo step', () => {
    let h = run(createHistory(start()), add('text', 'notes'));
    const typed = ['备', '备注', '备注说', '备注说明'];
    typed.forEach((zh, i) => {
      h = run(h, (d) => updateField(d, '/notes', { label: { zh } }), {
        coalesce: 'label.zh:/notes',
        at: 1000 + i * 200,
      });
    });
    expect(title(h, '/notes')).toBe('备注说明');
    h = run(h, (d) => updateField(d, '/notes', { label: { zh: '备注说明。' } }), {
      coalesce: 'label.zh:/notes',
      at: 1000 + 3 * 200 + 5000, // a pause: a new step
    });
    h = undo(h);
    expect(title(h, '/notes')).toBe('备注说明');
    h = undo(h);
    expect(title(h, '/notes')).toBe('文本');
  });

  it('does not coalesce edits of different properties, fields, or after an undo', () => {
    let h = run(createHistory(start()), add('text', 'notes'));
    h = run(h, (d) => updateField(d, '/notes', { label: { zh: '甲' } }), {
      coalesce: 'label.zh:/notes',
      at: 0,
    });
    h = run(h, (d) => updateField(d, '/notes', { label: { en: 'A' } }), {
      coalesce: 'label.en:/notes',
      at: 10,
    });
    expect(h.past).toHaveLength(3);
    h = undo(h);
    h = run(h, (d) => updateField(d, '/notes', { label: { en: 'B' } }), {
      coalesce: 'label.en:/notes',
      at: 20,
    });
    expect(h.past).toHaveLength(3);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    let h = createHistory(start(), { limit: 5 });
    for (let i = 0; i < 12; i++) h = run(h, add('text', `f${i}`));
    expect(h.past).toHaveLength(5);
    while (canUndo(h)) h = undo(h);
    expect(names(h)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
  });

  it('records a JSON edit as one step and an unchanged document as none', () => {
    let h = run(createHistory(start()), add('text', 'notes'));
    const edited = applyJson(
      h.present,
      JSON.stringify({ ...h.present.definition, version: '1.0.1' }),
    );
    expect(edited.ok).toBe(true);
    h = commit(h, edited.document);
    expect(h.present.definition.version).toBe('1.0.1');
    expect(commit(h, h.present)).toBe(h);
    expect(undo(h).present.definition.version).toBe('1.0.0');
  });

  it('shares the unchanged parts between steps (an edit costs its path, not the form)', () => {
    let h = createHistory(start());
    for (let i = 0; i < 50; i++) h = run(h, add('number', `n${i}`));
    const before = h.present;
    h = run(h, (d) => updateField(d, '/n7', { maximum: 99 }));
    const props = (d: FormDocument) => d.definition.schema.properties as Record<string, unknown>;
    expect(props(h.present).n8).toBe(props(before).n8);
    expect(props(h.present).n7).not.toBe(props(before).n7);
    expect(h.present.definition.uiSchema).toBe(before.definition.uiSchema);
    expect(h.present.codeTables).toBe(before.codeTables);
  });
});
