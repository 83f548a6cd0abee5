// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../../vueShim.d.ts" />
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { FormDefinition } from '@formwork/definitions';
import type { CodeTables } from '../../formDesigner/model/index.js';
import { compileProblems } from '../../formDesigner/model/lint.js';
import { seedCodeTables } from '../../formDesigner/model/testing/seedForms.js';
import en from '../../i18n/messages/en.js';
import FormDesignerScreen from './FormDesignerScreen.vue';
import { JSON_EDITOR_LOADER } from './jsonEditorLoader.js';

/** CodeMirror is the browser's (e2e/formDesignerJson.e2e.ts); here each view is its textarea. */
const NO_CODEMIRROR = {
  [JSON_EDITOR_LOADER]: () =>
    Promise.reject(new Error('CodeMirror is not loaded in the component tests')),
};
/** How long the compile may take to answer (the first builds Ajv: over a second on a busy machine). */
const ANSWERED = { timeout: 15_000 };

/**
 * The engine, at its HTTP API (the app's one client calls `fetch`): one spec draft with a code
 * table and no form, and POST /api/form-previews compiling with `definitions`' compiler — the
 * one the route runs — answering 422 `form_invalid` with each problem as the route does.
 */
const engine = vi.hoisted(() => ({
  summary: { kind: 'spec', key: 'yn-pilot', version: '1.0.0', status: 'draft', rowVersion: 1 },
}));
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
vi.hoisted(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    if (route === 'GET /api/specs') return answer(200, { versions: [engine.summary] });
    if (route === 'GET /api/overlays') return answer(200, { versions: [] });
    if (route === 'GET /api/specs/yn-pilot/versions/1.0.0')
      return answer(200, {
        ...engine.summary,
        content: { forms: {}, codeTables: seedCodeTables() },
      });
    if (route === 'POST /api/form-previews') {
      const { definition, codeTables } = (await request.json()) as {
        definition: FormDefinition;
        codeTables: CodeTables;
      };
      const problems = compileProblems(definition, codeTables).problems;
      if (problems.length)
        return answer(422, {
          error: {
            code: 'form_invalid',
            message: '表单未通过编译 / The form does not compile',
            details: {
              errors: problems.map((p) => ({ formPath: p.path, code: p.code, message: p.message })),
            },
          },
        });
      return answer(200, {
        validator: { url: '/validator.js', runtimeUrl: '/runtime.js', fingerprint: 'f' },
      });
    }
    return answer(404, { error: { code: 'not_found', message: `${route} / ${route}` } });
  };
});

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

/** The screen with a new form `visit` started in the draft (as the configurator does). */
async function designer(): Promise<VueWrapper> {
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  wrapper = mount(FormDesignerScreen, {
    global: { plugins: [i18n], provide: NO_CODEMIRROR },
    attachTo: document.body,
  });
  await flushPromises();
  const select = wrapper.findComponent({ name: 'ElSelect' });
  select.vm.$emit('update:modelValue', 'yn-pilot@1.0.0');
  select.vm.$emit('change', 'yn-pilot@1.0.0');
  await flushPromises();
  await wrapper.find('[data-test="new-key"] input, input[data-test="new-key"]').setValue('visit');
  await wrapper
    .find('[data-test="new-title-zh"] input, input[data-test="new-title-zh"]')
    .setValue('随访');
  await wrapper.find('[data-test="new-form-button"]').trigger('click');
  await flushPromises();
  expect(wrapper.find('[data-test="palette"]').exists()).toBe(true);
  return wrapper;
}

const fields = (w: VueWrapper) =>
  w.findAll('.outline-field').map((f) => f.attributes('data-test')!.replace(/^field-/, ''));
const schemaView = (w: VueWrapper) =>
  JSON.parse(
    (w.find('[data-test="json-body-schema"] textarea').element as HTMLTextAreaElement).value,
  ) as { properties: Record<string, Record<string, unknown>> };
async function openTab(w: VueWrapper, name: 'design' | 'json') {
  await w.find(`#tab-${name}`).trigger('click');
  await flushPromises();
}
async function key(target: EventTarget, init: KeyboardEventInit) {
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
  await flushPromises();
}

describe('the form designer screen: undo, redo and the JSON views', () => {
  it('given fields added from the palette, when undone and redone by button and keyboard, then the outline and the schema JSON follow each step', async () => {
    const w = await designer();
    await w.find('[data-test="palette-text"]').trigger('click');
    await w.find('[data-test="palette-number"]').trigger('click');
    expect(fields(w)).toEqual(['text', 'number']);
    await openTab(w, 'json');
    expect(Object.keys(schemaView(w).properties)).toEqual(['text', 'number']);

    await w.find('[data-test="undo"]').trigger('click');
    expect(fields(w)).toEqual(['text']);
    expect(Object.keys(schemaView(w).properties)).toEqual(['text']);
    await key(window, { key: 'z', ctrlKey: true });
    expect(fields(w)).toEqual([]);
    expect(schemaView(w).properties).toEqual({});
    expect(w.find('[data-test="undo"]').attributes('disabled')).toBeDefined();

    await w.find('[data-test="redo"]').trigger('click');
    expect(fields(w)).toEqual(['text']);
    await key(window, { key: 'y', ctrlKey: true });
    expect(fields(w)).toEqual(['text', 'number']);
    expect(Object.keys(schemaView(w).properties)).toEqual(['text', 'number']);
    await key(window, { key: 'z', ctrlKey: true, shiftKey: true }); // nothing left to redo
    expect(fields(w)).toEqual(['text', 'number']);
  });

  it('given Ctrl+Z typed in a JSON view, then it is the editor’s own undo, not the document’s', async () => {
    const w = await designer();
    await w.find('[data-test="palette-text"]').trigger('click');
    await openTab(w, 'json');
    await key(w.find('[data-test="json-body-schema"] textarea').element, {
      key: 'z',
      ctrlKey: true,
    });
    expect(fields(w)).toEqual(['text']);
  });

  it('given the schema JSON edited and applied, then the outline shows it, and one undo takes it back in both', async () => {
    const w = await designer();
    await w.find('[data-test="palette-text"]').trigger('click');
    await openTab(w, 'json');
    const schema = schemaView(w);
    schema.properties.text!.title = '主诉';
    schema.properties.text!['x-title-en'] = 'Complaint';
    schema.properties.pulse = { type: 'integer', title: '脉搏', 'x-title-en': 'Pulse' };
    await w
      .find('[data-test="json-body-schema"] textarea')
      .setValue(JSON.stringify(schema, null, 2));
    await w.find('[data-test="json-apply"]').trigger('click');
    await vi.waitFor(
      () => expect(w.find('[data-test="json-applied"]').exists()).toBe(true),
      ANSWERED,
    );

    await openTab(w, 'design');
    expect(fields(w)).toEqual(['text', 'pulse']);
    expect(w.find('[data-test="field-text"]').text()).toContain('Complaint');
    await w.find('[data-test="undo"]').trigger('click');
    expect(fields(w)).toEqual(['text']);
    expect(w.find('[data-test="field-text"]').text()).not.toContain('Complaint');
    await openTab(w, 'json');
    expect(schemaView(w).properties.text!.title).not.toBe('主诉');
    expect(schemaView(w).properties).not.toHaveProperty('pulse');
  });

  it('given hostile JSON applied, then it is refused, the outline and history unchanged, and the palette still adds', async () => {
    const w = await designer();
    await w.find('[data-test="palette-text"]').trigger('click');
    await openTab(w, 'json');
    const schema = schemaView(w);
    schema.properties.text!.pattern = '^(\\d+)*\\1$';
    await w
      .find('[data-test="json-body-schema"] textarea')
      .setValue(JSON.stringify(schema, null, 2));
    await w.find('[data-test="json-apply"]').trigger('click');
    await vi.waitFor(
      () => expect(w.find('[data-test="json-problems"]').exists()).toBe(true),
      ANSWERED,
    );
    expect(w.find('[data-test="json-problems"]').text()).toContain('/properties/text/pattern');

    await openTab(w, 'design');
    expect(fields(w)).toEqual(['text']);
    await w.find('[data-test="palette-date"]').trigger('click');
    expect(fields(w)).toEqual(['text', 'date']);
    await w.find('[data-test="undo"]').trigger('click');
    await w.find('[data-test="undo"]').trigger('click');
    expect(fields(w)).toEqual([]);
  });
});
