// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../../vueShim.d.ts" />
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { useDesignState, type DesignState } from '../../formDesigner/designState.js';
import {
  addFromPalette,
  documentJson,
  emptyDocument,
  fieldAt,
  outline,
  type FormCheck,
  type JsonPart,
} from '../../formDesigner/model/index.js';
import { compileProblems } from '../../formDesigner/model/lint.js';
import { seedCodeTables } from '../../formDesigner/model/testing/seedForms.js';
import en from '../../i18n/messages/en.js';
import { JSON_EDITOR_LOADER } from './jsonEditorLoader.js';
import JsonPanel from './JsonPanel.vue';

/** CodeMirror is the browser's (e2e/formDesignerJson.e2e.ts); here each view is its textarea. */
const NO_CODEMIRROR = {
  [JSON_EDITOR_LOADER]: () =>
    Promise.reject(new Error('CodeMirror is not loaded in the component tests')),
};
/** How long the compile may take to answer (the first builds Ajv: over a second on a busy machine). */
const ANSWERED = { timeout: 15_000 };

/**
 * The engine's answer, as POST /api/form-previews gives it: `definitions`' compiler (the one the
 * engine runs), its problems at their pointers, asynchronously.
 */
const engine = vi.fn<FormCheck>(async (definition, codeTables) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return compileProblems(definition, codeTables).problems;
});

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  engine.mockClear();
});

function clinic(): DesignState {
  let d = emptyDocument(
    'clinic-visit',
    { zh: '门诊记录', en: 'Clinic visit' },
    {
      codeTables: seedCodeTables(),
    },
  );
  d = addFromPalette(d, 'blood-pressure', { container: '', index: 0 }).document;
  d = addFromPalette(d, 'text', { container: '', index: 2 }, { name: 'notes' }).document;
  return useDesignState(d);
}

function mountPanel(design: DesignState) {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  wrapper = mount(JsonPanel, {
    props: { design, check: engine },
    global: { plugins: [i18n], provide: NO_CODEMIRROR },
  });
  return wrapper;
}

const textarea = (w: VueWrapper, part: JsonPart) =>
  w.find(`[data-test="json-body-${part}"] textarea`);
const shown = (w: VueWrapper, part: JsonPart) =>
  (textarea(w, part).element as HTMLTextAreaElement).value;

async function choose(w: VueWrapper, part: JsonPart) {
  await w.find(`[data-test="json-view-${part}"] input`).setValue(true);
}
async function applyText(w: VueWrapper, part: JsonPart, text: string) {
  await choose(w, part);
  await textarea(w, part).setValue(text);
  const button = w.find('[data-test="json-apply"]');
  await button.trigger('click');
  // The engine answers asynchronously: the button is busy until then.
  await vi.waitFor(() => expect(button.classes()).not.toContain('is-loading'), ANSWERED);
  await flushPromises();
}
/** Each problem listed: where (pointer, field, rule), message and code, as words. */
const problemsShown = (w: VueWrapper) =>
  w.findAll('[data-test="json-problems"] li').map((li) =>
    li
      .findAll('code, span')
      .map((part) => part.text())
      .join(' '),
  );

/** The schema's text after `change` (given its properties and the schema itself). */
const schemaWith = (
  design: DesignState,
  change: (p: Record<string, Record<string, unknown>>, s: Record<string, unknown>) => void,
) => {
  const schema = structuredClone(design.document.value.definition.schema) as Record<
    string,
    unknown
  >;
  change(schema.properties as Record<string, Record<string, unknown>>, schema);
  return JSON.stringify(schema, null, 2);
};
const labels = (design: DesignState) => outline(design.document.value).loose.map((f) => f.label.en);

describe('JSON views: two-way sync with the document, undo and redo', () => {
  it('given the panel open, then each view shows its part of the document', () => {
    const design = clinic();
    const w = mountPanel(design);
    for (const part of ['schema', 'uiSchema', 'rules', 'definition'] as const)
      expect(JSON.parse(shown(w, part))).toEqual(
        JSON.parse(documentJson(design.document.value, part)),
      );
  });

  it('given a field added on the design tab, when undone and redone, then the JSON views follow each step', async () => {
    const design = clinic();
    const w = mountPanel(design);
    design.run(
      (d) => addFromPalette(d, 'number', { container: '', index: 3 }, { name: 'weight' }).document,
    );
    await w.vm.$nextTick();
    expect(JSON.parse(shown(w, 'schema')).properties).toHaveProperty('weight');
    expect(JSON.parse(shown(w, 'uiSchema'))['ui:order']).toContain('weight');
    design.undo();
    await w.vm.$nextTick();
    expect(JSON.parse(shown(w, 'schema')).properties).not.toHaveProperty('weight');
    expect(JSON.parse(shown(w, 'uiSchema'))['ui:order']).not.toContain('weight');
    design.redo();
    await w.vm.$nextTick();
    expect(JSON.parse(shown(w, 'schema')).properties).toHaveProperty('weight');
  });

  it('given the schema JSON edited (a label changed, a field added) and applied, then the outline shows it and one undo takes it all back', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const before = design.document.value;
    const steps = design.history.value.past.length;
    const text = schemaWith(design, (p) => {
      p.notes!.title = '备注';
      p.notes!['x-title-en'] = 'Remarks';
      p.pulse = { type: 'integer', title: '脉搏', 'x-title-en': 'Pulse' };
    });
    await applyText(w, 'schema', text);
    expect(engine).toHaveBeenCalledOnce();
    expect(problemsShown(w)).toEqual([]);
    expect(w.find('[data-test="json-applied"]').exists()).toBe(true);
    expect(labels(design)).toContain('Remarks');
    expect(labels(design)).toContain('Pulse');
    expect(design.history.value.past.length).toBe(steps + 1);
    // The whole-definition view follows the schema view's edit.
    expect(JSON.parse(shown(w, 'definition')).schema.properties).toHaveProperty('pulse');

    design.undo();
    await w.vm.$nextTick();
    expect(design.document.value).toBe(before);
    expect(labels(design)).not.toContain('Remarks');
    expect(shown(w, 'schema')).toBe(documentJson(before, 'schema'));
    design.redo();
    await w.vm.$nextTick();
    expect(labels(design)).toContain('Remarks');
  });

  it('given a rule edited in the rules view, then the document’s rule changes (one step)', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const rules = structuredClone(design.document.value.definition.rules!);
    rules[0]!.message = { zh: '舒张压须低于收缩压', en: 'DBP must be below SBP' };
    await applyText(w, 'rules', JSON.stringify(rules));
    expect(design.document.value.definition.rules![0]!.message.en).toBe('DBP must be below SBP');
    expect(JSON.parse(shown(w, 'rules'))[0].message.en).toBe('DBP must be below SBP');
  });

  it('given a draft in one view, when another part of the document changes, then the draft is kept', async () => {
    const design = clinic();
    const w = mountPanel(design);
    await textarea(w, 'rules').setValue('[ {"draft": ');
    design.run(
      (d) => addFromPalette(d, 'date', { container: '', index: 0 }, { name: 'seen' }).document,
    );
    await w.vm.$nextTick();
    expect(shown(w, 'rules')).toBe('[ {"draft": ');
    expect(JSON.parse(shown(w, 'schema')).properties).toHaveProperty('seen');
    expect(w.find('[data-test="json-view-rules"]').text()).toContain('(not applied)');
    await choose(w, 'rules');
    await w.find('[data-test="json-revert"]').trigger('click');
    expect(shown(w, 'rules')).toBe(documentJson(design.document.value, 'rules'));
  });
});

describe('JSON views: hostile input is refused with a clear message, the designer keeps working', () => {
  /** The document and its history are as they were, and a good edit is still taken. */
  async function stillWorking(w: VueWrapper, design: DesignState, before: unknown, steps: number) {
    expect(design.document.value).toBe(before);
    expect(design.history.value.past.length).toBe(steps);
    const text = schemaWith(design, (p) => (p.notes!.maxLength = 500));
    await applyText(w, 'schema', text);
    expect(problemsShown(w)).toEqual([]);
    expect(fieldAt(design.document.value.definition, '/notes')!.schema.maxLength).toBe(500);
  }

  it('refuses a 5 MB paste unread (the engine is not asked)', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const [before, steps] = [design.document.value, design.history.value.past.length];
    const paste = JSON.stringify({ type: 'object', description: 'x'.repeat(5 * 1024 * 1024) });
    await applyText(w, 'schema', paste);
    expect(problemsShown(w)).toEqual([
      'the JSON is over 1024 KiB and was not read [json-too-large]',
    ]);
    expect(engine).not.toHaveBeenCalled();
    expect(shown(w, 'schema')).toBe(paste); // the draft stays to be fixed
    await stillWorking(w, design, before, steps);
  });

  it('refuses a pattern that is catastrophic for a backtracking engine and that RE2 cannot run, naming the pointer and the field', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const [before, steps] = [design.document.value, design.history.value.past.length];
    await applyText(
      w,
      'schema',
      schemaWith(design, (p) => (p.notes!.pattern = '^(\\d+)*\\1$')),
    );
    const [shownProblem] = problemsShown(w);
    expect(shownProblem).toMatch(
      /^\/properties\/notes\/pattern field \/notes: pattern .*\[pattern-unsupported\]$/,
    );
    // Its pointer puts the cursor on the pattern in the text.
    await w.find('[data-test="json-problem-at"]').trigger('click');
    const area = textarea(w, 'schema').element as HTMLTextAreaElement;
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('"^(\\\\d+)*\\\\1$"');
    await stillWorking(w, design, before, steps);
  });

  it('takes the classic catastrophic pattern ^(a+)+$: every pattern runs on RE2, in linear time', async () => {
    const design = clinic();
    const w = mountPanel(design);
    await applyText(
      w,
      'schema',
      schemaWith(design, (p) => (p.notes!.pattern = '^(a+)+$')),
    );
    expect(problemsShown(w)).toEqual([]);
    expect(fieldAt(design.document.value.definition, '/notes')!.schema.pattern).toBe('^(a+)+$');
    const { compiled } = compileProblems(
      design.document.value.definition,
      design.document.value.codeTables,
    );
    const started = performance.now();
    const result = compiled!.process({ sbp: 120, dbp: 80, notes: `${'a'.repeat(50_000)}!` });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.valid).toBe(false);
  });

  it('refuses a $ref cycle', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const [before, steps] = [design.document.value, design.history.value.past.length];
    await applyText(
      w,
      'schema',
      schemaWith(design, (p, s) => {
        s.$defs = { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } };
        p.loop = { $ref: '#/$defs/a' };
      }),
    );
    expect(problemsShown(w).join('\n')).toContain('[ref-cycle]');
    await stillWorking(w, design, before, steps);
  });

  it('refuses a rule with an unknown operation, naming the rule and where in the rules text', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const [before, steps] = [design.document.value, design.history.value.past.length];
    const rules = [
      ...structuredClone(design.document.value.definition.rules!),
      {
        id: 'sneaky',
        assert: { method: [{ var: 'notes' }, 'constructor'] },
        path: '/notes',
        message: { zh: '不行', en: 'No' },
      },
    ];
    await applyText(w, 'rules', JSON.stringify(rules, null, 2));
    const [shownProblem] = problemsShown(w);
    expect(shownProblem).toMatch(
      /^\/1\/assert\/method field \/notes · rule sneaky \(assert\): operator "method" is not allowed \[rule-invalid\]$/,
    );
    await stillWorking(w, design, before, steps);
  });

  it('given the document changed while the engine checked the edit, then the edit is not applied over it', async () => {
    const design = clinic();
    const w = mountPanel(design);
    engine.mockImplementationOnce(async (definition, codeTables) => {
      // Meanwhile, on the design tab: a field added.
      design.run(
        (d) => addFromPalette(d, 'date', { container: '', index: 0 }, { name: 'seen' }).document,
      );
      return compileProblems(definition, codeTables).problems;
    });
    await applyText(w, 'uiSchema', JSON.stringify({ 'ui:order': ['notes', '*'] }));
    expect(problemsShown(w)[0]).toMatch(/changed while the JSON was checked.*\[json-stale\]$/);
    expect(fieldAt(design.document.value.definition, '/seen')).toBeDefined();
    expect(design.document.value.definition.uiSchema?.['ui:order']).not.toEqual(['notes', '*']);
  });

  it('refuses text that is not JSON, and an engine that cannot be reached, the document kept', async () => {
    const design = clinic();
    const w = mountPanel(design);
    const [before, steps] = [design.document.value, design.history.value.past.length];
    await applyText(w, 'uiSchema', '{"ui:order": [');
    expect(problemsShown(w)[0]).toMatch(/^not valid JSON: .*\[json-invalid\]$/);
    engine.mockRejectedValueOnce(new Error('The server cannot be reached'));
    await applyText(
      w,
      'schema',
      schemaWith(design, (_p, s) => (s.title = 'x')),
    );
    expect(problemsShown(w)[0]).toContain('The server cannot be reached');
    await stillWorking(w, design, before, steps);
  });
});
