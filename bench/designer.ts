/**
 * The form designer in Chromium (issue 17, acceptance 6), on a generated 300-field form in a spec
 * draft of Yunnan's opened at /designer/forms by its configurator: drag and drop (a field dragged
 * onto another in the outline → the frame showing the new order), a property edit (the zh label
 * typed in the panel and committed with Tab → the outline's frame showing it), a keystroke in the
 * panel, the JSON views (an edit, then the JSON tab opened → the view shows it; undo / redo with
 * the view open; a title edited in CodeMirror and 应用 → the outline holds it), the preview (an
 * edit, then 预览 opened; undo / redo with the preview open → re-rendered: the engine's compile,
 * the validator module, the frontline renderer), and the JavaScript gzipped that /designer/
 * fetches first and later (bpmn-js, CodeMirror: lazy). Each interaction is compared with the same
 * interaction on a generated 20-field form of the same draft in the same run and browser (the
 * baseline): the ratio is what the form's size costs. Each figure is p50 / p95 of
 * BENCH_DESIGNER_N measured interactions after 3 unmeasured ones, with the page left to settle
 * (the designer's engine check 0.4 s after an edit) between them.
 *   npm run bench -- designer        (BENCH_DESIGNER_N=30 measured interactions of each kind)
 * The engine runs in a child process (bench/lib/designerEngine.ts: `formwork start`'s engine) on a
 * fresh embedded database in .tmp/bench-designer-data, port chosen by the OS, serving a copy of
 * the designer's build (rebuilt first when stale, as `formwork start` does) in
 * .tmp/bench-designer-dist.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, selectors, type Page, type Request } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';
import { DEMO_PASSWORD } from '../e2e/demoResidents.js';
import { startChildServer } from './lib/childServer.js';
import { Report } from './lib/report.js';

const N = Number(process.env.BENCH_DESIGNER_N ?? 30);
const WARMUP = 3;
const root = path.resolve(import.meta.dirname, '..');
const SPEC = 'yn-bench-designer';
const VERSION = '1.0.0';
const SECTION_SIZE = 30;

type Schema = Record<string, unknown>;

const codeTables = {
  'bench-yes-no': {
    id: 'bench-yes-no',
    version: '1.0.0',
    title: { zh: '是否', en: 'Yes or no' },
    codes: [
      { code: '1', label: { zh: '否', en: 'No' } },
      { code: '2', label: { zh: '是', en: 'Yes' } },
    ],
  },
  'bench-rating': {
    id: 'bench-rating',
    version: '1.0.0',
    title: { zh: '评价', en: 'Rating' },
    codes: ['良好', '一般', '较差', '很差'].map((zh, i) => ({
      code: String(i + 1),
      label: { zh, en: `Rating ${i + 1}` },
    })),
  },
  'bench-symptom': {
    id: 'bench-symptom',
    version: '1.0.0',
    title: { zh: '症状', en: 'Symptom' },
    codes: ['无', '头痛', '头晕', '心悸', '胸闷', '乏力', '其他'].map((zh, i) => ({
      code: String(i + 1),
      label: { zh, en: `Symptom ${i + 1}` },
    })),
  },
};

/**
 * A generated form of `count` fields in sections of 30 (as runtime-form's 200-field form, blocks
 * of ten kinds): a date, a yes/no question and the text it reveals (a visibility rule), a number
 * with unit and range, an integer, a text, a single choice, a multi-select, a yes/no checkbox and
 * a field calculated from the block's number. Deterministic.
 */
function generatedForm(key: string, count: number) {
  const properties: Record<string, Schema> = {};
  const order: string[] = [];
  const add = (name: string, title: string, schema: Schema) => {
    properties[name] = { ...schema, title, 'x-title-en': `${name} (en)` };
    order.push(name);
  };
  for (let i = 1; order.length < count; i++) {
    const kind = (i - 1) % 10;
    const block = Math.ceil(i / 10);
    const name = `f${i}`;
    if (kind === 0) add(name, `日期 ${i}`, { type: 'string', format: 'date' });
    else if (kind === 1) add(name, `问题 ${i}`, { type: 'string', 'x-code-table': 'bench-yes-no' });
    else if (kind === 2)
      add(name, `说明 ${i}`, {
        type: 'string',
        maxLength: 100,
        'x-visible': { '==': [{ var: `f${i - 1}` }, '2'] },
      });
    else if (kind === 3)
      add(name, `测量 ${i}`, { type: 'number', minimum: 0, maximum: 300, 'x-unit': 'kg' });
    else if (kind === 4) add(name, `计数 ${i}`, { type: 'integer', minimum: 0, maximum: 100 });
    else if (kind === 5) add(name, `记录 ${i}`, { type: 'string', maxLength: 50 });
    else if (kind === 6) add(name, `评价 ${i}`, { type: 'string', 'x-code-table': 'bench-rating' });
    else if (kind === 7)
      add(name, `症状 ${i}`, {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', 'x-code-table': 'bench-symptom' },
      });
    else if (kind === 8) add(name, `是否 ${i}`, { type: 'boolean' });
    else
      add(name, `计算 ${i}`, {
        type: 'number',
        'x-calculated': { '*': [{ var: `f${block * 10 - 6}` }, 2] },
      });
  }
  const sections = [];
  for (let s = 0; s * SECTION_SIZE < order.length; s++)
    sections.push({
      title: { zh: `第 ${s + 1} 部分`, en: `Part ${s + 1}` },
      fields: order.slice(s * SECTION_SIZE, (s + 1) * SECTION_SIZE),
    });
  return {
    key,
    version: '1.0.0',
    title: { zh: `生成的 ${count} 项表单`, en: `Generated ${count}-field form` },
    schema: { type: 'object', additionalProperties: false, properties },
    uiSchema: { 'ui:order': [...order, '*'], 'ui:sections': sections },
  };
}

const FORMS = [
  { key: 'bench-300', count: 300 },
  { key: 'bench-20', count: 20 },
] as const;

async function api(base: string, method: string, route: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** What a measurement waits for in the page, checked at every animation frame. */
type Until =
  | { kind: 'order'; section: number; first: string }
  | { kind: 'text'; selector: string; text: string; not?: string }
  | { kind: 'value'; selector: string; text?: string; equals?: string };

/**
 * Installed in every page (init script): `__arm(type, until, key)` arms one measurement, from the
 * next `type` event (of key `key` for keyboard events; its timeStamp) to the frame after each
 * `until` holds — checked in each requestAnimationFrame, the time taken in a task posted from
 * that frame's callback, so after the frame is painted (runtime-form's keystroke probe).
 * `__results` holds NaN while waiting, then the milliseconds, or null when it did not hold in 20 s.
 */
const PROBE = `
  window.__arm = (type, until, key) => {
    const results = until.map(() => NaN);
    window.__results = results;
    const holds = (u) => {
      if (u.kind === 'order') {
        const section = document.querySelectorAll('[data-test="outline-section"]')[u.section];
        const first = section && section.querySelector('.outline-field');
        return !!first && first.dataset.test === 'field-' + u.first;
      }
      const el = document.querySelector(u.selector);
      if (!el) return false;
      if (u.kind === 'value')
        return u.equals !== undefined ? el.value === u.equals : el.value.includes(u.text);
      const text = el.textContent || '';
      return text.includes(u.text) && !(u.not && text.includes(u.not));
    };
    const listener = (event) => {
      if (key && event.key !== key) return;
      document.removeEventListener(type, listener, true);
      const start = event.timeStamp;
      const pending = new Set(until.map((_, i) => i));
      const frame = () => {
        for (const i of [...pending]) {
          if (holds(until[i])) {
            pending.delete(i);
            const channel = new MessageChannel();
            channel.port1.onmessage = () => (results[i] = performance.now() - start);
            channel.port2.postMessage(0);
          } else if (performance.now() - start > 20000) {
            pending.delete(i);
            results[i] = null;
          }
        }
        if (pending.size) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    };
    document.addEventListener(type, listener, true);
  };`;

type ProbeWindow = {
  __arm: (type: string, until: Until[], key?: string) => void;
  __results: (number | null)[];
};

async function arm(page: Page, type: string, until: Until[], key?: string) {
  await page.evaluate(([t, u, k]) => (globalThis as unknown as ProbeWindow).__arm(t, u, k), [
    type,
    until,
    key,
  ] as const);
}

/** The armed measurement's results once every one is in (ms, null when it never held). */
async function results(page: Page): Promise<(number | null)[]> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as ProbeWindow).__results.every((r) => r === null || !Number.isNaN(r)),
    null,
    { timeout: 30_000 },
  );
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__results);
}

/** Waits until the designer's engine check (0.4 s after an edit) has run and been drawn. */
async function settle(page: Page) {
  await page.waitForTimeout(450);
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-test="engine-check"]')?.textContent?.includes('正在检查') &&
      !document.querySelector('.preview .is-loading'),
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(50);
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** Runs `measure` WARMUP + N times and keeps the last N (each a list of figures). */
async function repeat(label: string, measure: (i: number) => Promise<(number | null)[]>) {
  process.stderr.write(`  ${label} …\n`);
  const rows: (number | null)[][] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const row = await measure(i);
    if (i >= WARMUP) rows.push(row);
  }
  return rows[0]!.map((_, column) => {
    const xs = rows.map((r) => r[column]);
    const ok = xs.filter((x): x is number => x !== null);
    // A change that never showed within 20 s is not a latency: said, and left out.
    if (ok.length < xs.length)
      process.stderr.write(`    ${xs.length - ok.length} of ${xs.length} never showed\n`);
    if (!ok.length) throw new Error(`${label}: the change never showed`);
    return { p50: percentile(ok, 50), p95: percentile(ok, 95) };
  });
}

interface Figures {
  drag: { p50: number; p95: number };
  editOutline: { p50: number; p95: number };
  keystroke: { p50: number; p95: number };
  jsonOpen: { p50: number; p95: number };
  jsonUndo: { p50: number; p95: number };
  applyOutline: { p50: number; p95: number };
  applyShown: { p50: number; p95: number };
  previewOpen: { p50: number; p95: number };
  previewUndo: { p50: number; p95: number };
  compile: { p50: number; p95: number };
}

const inputOf = (page: Page, test: string) =>
  page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).last();

async function choose(page: Page, test: string, option: string) {
  await page.locator(`[data-test="${test}"]`).click();
  await page.getByRole('option', { name: option, exact: true }).last().click();
}

/** Opens a form of the bench's draft in the designer (as e2e/formDesigner.e2e.ts does). */
async function openForm(page: Page, key: string) {
  await page.getByRole('link', { name: '表单设计' }).click();
  await page.getByTestId('form-designer').waitFor();
  await choose(page, 'open-draft', `${SPEC}@${VERSION}`);
  const count = FORMS.find((f) => f.key === key)!.count;
  await choose(page, 'open-form', `生成的 ${count} 项表单 (${key})`);
  await page.getByTestId('open-form-button').click();
  await page.getByTestId('palette').waitFor();
  await settle(page);
}

/**
 * Replaces `from` by `to` in the shown JSON view as the author would: in CodeMirror, the text
 * selected in its content and the new text typed over it; in the textarea, filled.
 */
async function replaceInJsonView(page: Page, from: string, to: string) {
  const body = '[data-test="json-body-schema"]';
  const textarea = page.locator(`${body} textarea`);
  if (await textarea.count()) {
    await textarea.fill((await textarea.inputValue()).replace(from, to));
    return;
  }
  const found = await page.evaluate(
    ([selector, text]) => {
      const content = document.querySelector(`${selector} .cm-content`) as HTMLElement;
      content.focus();
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      }
      return false;
    },
    [body, from] as const,
  );
  if (!found) throw new Error(`${from} is not in sight in the JSON view`);
  await page.waitForTimeout(50);
  await page.keyboard.insertText(to);
  await page.locator(`${body} .cm-content`).filter({ hasText: to }).waitFor();
}

async function measureForm(page: Page, key: string, count: number): Promise<Figures> {
  process.stderr.write(`${key} (${count} fields):\n`);
  // The engine's compile of the unsaved form (POST /api/form-previews: the designer's check 0.4 s
  // after each edit, the preview's compile, 应用's check), round trip as the page saw it.
  const compiles: number[] = [];
  const onFinished = (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/form-previews')
      compiles.push(request.timing().responseEnd);
  };
  page.on('requestfinished', onFinished);
  await openForm(page, key);
  const sectionCount = Math.ceil(count / SECTION_SIZE);
  const section = Math.floor(sectionCount / 2);
  const fields = page.getByTestId('outline-section').nth(section).locator('.outline-field');
  const firstName = async () => (await fields.nth(0).getAttribute('data-test'))!.slice(6);

  // Drag and drop: the section's first field dragged onto its third (placed before it), so the
  // second becomes first; doing it again puts the order back.
  const [drag] = await repeat('drag and drop', async () => {
    const second = (await fields.nth(1).getAttribute('data-test'))!.slice(6);
    await arm(page, 'drop', [{ kind: 'order', section, first: second }]);
    await fields.nth(0).dragTo(fields.nth(2));
    const r = await results(page);
    if ((await firstName()) !== second) throw new Error('the drop did not reorder the outline');
    await settle(page);
    return r;
  });

  // A property edit: the zh label of a field in the middle of the form, typed and committed with
  // Tab (the panel applies a change on leaving the input) → the outline's row shows it.
  const middle = `f${Math.ceil(count / 2)}`;
  const label = inputOf(page, 'prop-label-zh');
  const select = async (name: string) => {
    await page.getByTestId(`field-${name}`).click();
    await page.getByTestId('panel-name').filter({ hasText: name }).waitFor();
  };
  const setLabel = async (text: string) => {
    await label.fill(text);
    await label.press('Tab');
    await settle(page);
  };
  await select(middle);
  const [editOutline] = await repeat('property edit', async (i) => {
    const text = `标签${middle}-${i}`;
    await label.fill(text);
    await arm(
      page,
      'keydown',
      [{ kind: 'text', selector: `[data-test="field-${middle}"] .outline-label`, text }],
      'Tab',
    );
    await label.press('Tab');
    const r = await results(page);
    await settle(page);
    return r;
  });

  // Typing in the property panel: one keystroke → its frame (the panel's input only).
  await label.focus();
  const typed = await label.inputValue();
  const [keystroke] = await repeat('keystroke in the panel', async (i) => {
    const selector = '[data-test="prop-label-zh"] input, input[data-test="prop-label-zh"]';
    await arm(page, 'keydown', [{ kind: 'value', selector, equals: i % 2 ? typed : `${typed}x` }]);
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    return results(page);
  });
  await label.press('Tab');
  await settle(page);

  // The JSON views, on the schema view (shown first) and the first field, whose title is in the
  // view's first lines (CodeMirror draws only the lines in sight; a textarea until it loads).
  const jsonTab = page.getByRole('tab', { name: 'JSON' });
  const designTab = page.getByRole('tab', { name: '设计' });
  const jsonShown =
    '[data-test="json-body-schema"] .cm-content, [data-test="json-body-schema"] textarea';
  await select('f1');
  if (phase === PHASES.designer) phase = PHASES.json;
  // An edit in the panel, then the JSON tab opened → the view shows it.
  const [jsonOpen] = await repeat('edit, then JSON tab opened', async (i) => {
    const text = `JSON视图${i}`;
    await setLabel(text);
    await arm(page, 'click', [{ kind: 'text', selector: jsonShown, text: `"${text}"` }]);
    await jsonTab.click();
    const r = await results(page);
    await designTab.click();
    return r;
  });
  // With the JSON tab open, the designer's undo / redo (Ctrl+Z, Ctrl+Shift+Z) → the view shows it.
  const [jsonUndo] = await repeat('undo / redo with the JSON tab open', async (i) => {
    const [want, gone] = i % 2 === 0 ? ['JSON撤销前', 'JSON撤销后'] : ['JSON撤销后', 'JSON撤销前'];
    if (i === 0) {
      await setLabel('JSON撤销前');
      await setLabel('JSON撤销后');
      await jsonTab.click();
      await page.locator(jsonShown).filter({ hasText: 'JSON撤销后' }).waitFor();
    }
    await arm(
      page,
      'keydown',
      [{ kind: 'text', selector: jsonShown, text: `"${want}"`, not: `"${gone}"` }],
      'z',
    );
    await page.keyboard.press(i % 2 === 0 ? 'Control+z' : 'Control+Shift+z');
    const r = await results(page);
    await settle(page);
    return r;
  });
  // The title edited in the view and 应用 (the engine compiles the candidate) → the outline's row
  // (in the design tab, hidden) holds it, and the view says it was applied.
  const outlineF1 = page.getByTestId('field-f1').locator('.outline-label');
  const [applyOutline, applyShown] = await repeat('JSON edited and applied', async (i) => {
    const text = `应用${i}`;
    await replaceInJsonView(page, `"${await outlineF1.textContent()}"`, `"${text}"`);
    await arm(page, 'click', [
      { kind: 'text', selector: '[data-test="field-f1"] .outline-label', text },
      { kind: 'text', selector: '[data-test="json-applied"]', text: '已应用' },
    ]);
    await page.getByTestId('json-apply').click();
    const r = await results(page);
    await settle(page);
    return r;
  });
  await designTab.click();
  await select(middle);

  // The preview: a label edited, then the 预览 tab opened → the preview (the engine's compile of
  // the unsaved form, its validator module, the frontline renderer) shows it; and with the
  // preview open, Ctrl+Z / Ctrl+Shift+Z (the designer's undo and redo, which act while the
  // preview is shown) → the preview re-rendered with the label undone or redone.
  const previewTab = page.getByRole('tab', { name: '预览' });
  const preview = '[data-test="preview"]';
  if (phase === PHASES.json) phase = PHASES.preview;
  const [previewOpen] = await repeat('preview opened after an edit', async (i) => {
    const text = `预览${middle}-${i}`;
    await label.fill(text);
    await label.press('Tab');
    await settle(page);
    await arm(page, 'click', [{ kind: 'text', selector: preview, text }]);
    await previewTab.click();
    const r = await results(page);
    await settle(page);
    await designTab.click();
    return r;
  });
  const before = `撤销前${middle}`;
  const after = `撤销后${middle}`;
  await label.fill(before);
  await label.press('Tab');
  await label.fill(after);
  await label.press('Tab');
  await settle(page);
  await previewTab.click();
  await page.locator(preview).getByText(after).first().waitFor();
  await settle(page);
  const [previewUndo] = await repeat('undo / redo with the preview open', async (i) => {
    const undo = i % 2 === 0;
    const [want, gone] = undo ? [before, after] : [after, before];
    await arm(page, 'keydown', [{ kind: 'text', selector: preview, text: want, not: gone }], 'z');
    await page.keyboard.press(undo ? 'Control+z' : 'Control+Shift+z');
    const r = await results(page);
    await settle(page);
    return r;
  });
  await designTab.click();
  page.off('requestfinished', onFinished);
  // Back to the list of drafts for the next form.
  await page.goto(new URL('/designer/', page.url()).toString());
  return {
    drag: drag!,
    editOutline: editOutline!,
    keystroke: keystroke!,
    jsonOpen: jsonOpen!,
    jsonUndo: jsonUndo!,
    applyOutline: applyOutline!,
    applyShown: applyShown!,
    previewOpen: previewOpen!,
    previewUndo: previewUndo!,
    compile: { p50: percentile(compiles, 50), p95: percentile(compiles, 95) },
  };
}

/** Which step of the run first fetched each script, by its path under /designer/. */
const PHASES = {
  first: 'first load of /designer/',
  designer: 'signed in, 表单设计 opened',
  json: 'JSON tab opened',
  preview: '预览 tab opened',
  modeler: '流程 opened (no workflow)',
  never: 'never in this run',
} as const;
let phase: string = PHASES.first;
const fetched = new Map<string, string>();

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
/** bpmn-js (its canvas' class names) and CodeMirror (its editor's) as they appear in a chunk. */
const MARKERS = { 'bpmn-js': /djs-container|bpmn-js/, CodeMirror: /cm-editor|@codemirror/ };

// The designer's build as `formwork start` would serve it (rebuilt first when stale), copied so
// that other work rebuilding designer/dist during the run changes nothing here.
process.stderr.write('the designer build (rebuilt when stale) …\n');
const built = spawnSync(
  process.execPath,
  [path.join(root, 'runtime/scripts/buildWebApps.mjs'), 'designer', '--if-stale'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (built.status !== 0) throw new Error('the designer could not be built');
const distDir = path.join(root, '.tmp', 'bench-designer-dist');
fs.rmSync(distDir, { recursive: true, force: true });
fs.cpSync(path.join(root, 'designer/dist/designer'), distDir, { recursive: true });

const dataDir = path.join(root, '.tmp', 'bench-designer-data');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const engine = await startChildServer(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'lib/designerEngine.ts')],
  {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PLUGINS: 'none',
    DEMO: 'true',
    LOGIN_ATTEMPTS_PER_USERNAME: '1000',
    DATA_KEY: process.env.DATA_KEY ?? randomBytes(32).toString('base64'),
    BENCH_DESIGNER_DIST: distDir,
  },
  /running at (http:\/\/\S+?)\/ /,
);
const report = new Report('designer');
selectors.setTestIdAttribute('data-test');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const chunks: { file: string; gz: number; when: string; has: string[] }[] = [];
try {
  const login = await api(engine.url, 'POST', '/api/auth/login', undefined, {
    username: 'yn.province-configurator',
    password: DEMO_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
  const created = await api(engine.url, 'POST', `/api/specs/${SPEC}/versions`, login.body.token, {
    version: VERSION,
    jurisdiction: '530000',
    content: {
      forms: Object.fromEntries(FORMS.map((f) => [f.key, generatedForm(f.key, f.count)])),
      codeTables,
      parameters: { id: `${SPEC}-parameters`, version: VERSION, parameters: [] },
      workflows: {},
    },
  });
  if (created.status !== 201) throw new Error(`draft refused: ${JSON.stringify(created.body)}`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const failures: string[] = [];
  await context.addInitScript(PROBE);
  page.on('pageerror', (error) => failures.push(error.message));
  // Which script each step fetched first: the first load of /designer/ (the sign-in page),
  // signing in and opening 表单设计, the JSON tab, the preview tab, the workflow modeler.
  page.on('request', (request) => {
    const url = new URL(request.url());
    const file = url.pathname.slice('/designer/'.length);
    if (file.startsWith('assets/') && file.endsWith('.js') && !fetched.has(file))
      fetched.set(file, phase);
  });
  await page.goto(`${engine.url}/designer/`);
  await page.getByLabel('用户名').waitFor();
  await page.waitForLoadState('networkidle');
  phase = PHASES.designer;
  await page.getByLabel('用户名').fill('yn.province-configurator');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '表单设计' }).waitFor();

  const big = FORMS[0];
  const small = FORMS[1];
  // The 300-field form first (its page also carries the lazy loads), then the baseline.
  const measured = await measureForm(page, big.key, big.count);
  phase = PHASES.modeler;
  await page.getByRole('link', { name: '流程', exact: true }).click();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  phase = PHASES.never;
  const baseline = await measureForm(page, small.key, small.count);
  if (failures.length) process.stderr.write(`page errors: ${failures.join('; ')}\n`);

  for (const file of fs.readdirSync(path.join(distDir, 'assets'))) {
    if (!file.endsWith('.js')) continue;
    const full = path.join(distDir, 'assets', file);
    const text = fs.readFileSync(full, 'utf8');
    chunks.push({
      file,
      gz: gz(full),
      when: fetched.get(`assets/${file}`) ?? PHASES.never,
      has: Object.entries(MARKERS)
        .filter(([, marker]) => marker.test(text))
        .map(([name]) => name),
    });
  }
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const initialFiles = new Set(
    [...html.matchAll(/(?:src|href)="\/designer\/(assets\/[^"]+\.js)"/g)].map((m) =>
      m[1]!.slice(7),
    ),
  );
  const sum = (list: typeof chunks) => list.reduce((n, c) => n + c.gz, 0) / 1024;
  const initial = chunks.filter((c) => initialFiles.has(c.file));
  const firstLoad = chunks.filter((c) => c.when === PHASES.first);
  const designer = chunks.filter((c) => c.when === PHASES.designer);
  const jsonChunks = chunks.filter((c) => c.when === PHASES.json);
  const preview = chunks.filter((c) => c.when === PHASES.preview);
  const modeler = chunks.filter((c) => c.when === PHASES.modeler);
  const lazy = chunks.filter((c) => !initialFiles.has(c.file));
  report.add('JS gzipped, initial (index.html: entry + modulepreloads)', sum(initial), 'KiB');
  report.add(
    'JS gzipped, first load of /designer/ (all fetched, sign-in page)',
    sum(firstLoad),
    'KiB',
  );
  report.add(
    'JS gzipped, then fetched by signing in and the form designer (lazy)',
    sum(designer),
    'KiB',
  );
  report.add('JS gzipped, then fetched by the JSON tab (lazy)', sum(jsonChunks), 'KiB');
  report.add('JS gzipped, then fetched by the 预览 tab (lazy)', sum(preview), 'KiB');
  report.add('JS gzipped, then fetched by 流程 with no workflow open (lazy)', sum(modeler), 'KiB');
  report.add('JS gzipped, all lazy chunks', sum(lazy), 'KiB');
  for (const [name] of Object.entries(MARKERS)) {
    const holding = chunks.filter((c) => c.has.includes(name));
    report.add(
      `${name} chunks in the first load`,
      holding.filter((c) => c.when === PHASES.first || initialFiles.has(c.file)).length,
      'chunks',
    );
    report.add(
      `${name} gzipped (${holding.map((c) => c.file).join(', ') || 'not in the build'})`,
      sum(holding),
      'KiB',
    );
  }

  const pair = (
    metric: string,
    a: { p50: number; p95: number },
    b: { p50: number; p95: number },
  ) => {
    report.add(`${metric} p50`, a.p50, 'ms', b.p50);
    report.add(`${metric} p95`, a.p95, 'ms', b.p95);
  };
  pair('drag and drop → new order painted', measured.drag, baseline.drag);
  pair(
    'property edit (zh label, Tab) → outline painted',
    measured.editOutline,
    baseline.editOutline,
  );
  pair('keystroke in the property panel → painted', measured.keystroke, baseline.keystroke);
  pair('edit, then JSON tab opened → view shows it', measured.jsonOpen, baseline.jsonOpen);
  pair('undo/redo with JSON open → view shows it', measured.jsonUndo, baseline.jsonUndo);
  pair('JSON edited, 应用 → outline holds it', measured.applyOutline, baseline.applyOutline);
  pair('JSON edited, 应用 → 已应用 painted', measured.applyShown, baseline.applyShown);
  pair('edit, then 预览 opened → preview shows it', measured.previewOpen, baseline.previewOpen);
  pair(
    'undo/redo with 预览 open → preview re-rendered',
    measured.previewUndo,
    baseline.previewUndo,
  );
  pair('of which: POST /api/form-previews round trip', measured.compile, baseline.compile);
  await context.close();
} finally {
  await browser.close();
  await engine.stop();
}
report.printTable();
if (chunks.length) {
  process.stdout.write(
    '\nchunks (gzipped KiB, when this run fetched them, bpmn-js / CodeMirror)\n',
  );
  for (const c of [...chunks].sort((a, b) => b.gz - a.gz))
    process.stdout.write(
      `${(c.gz / 1024).toFixed(1).padStart(7)}  ${c.file.padEnd(44)}  ${c.when}${c.has.length ? `  [${c.has.join(', ')}]` : ''}\n`,
    );
}
