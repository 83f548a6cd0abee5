import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { applyJson, jsonEditor, jsonText } from './jsonViews.js';
import { snap } from './snap.js';

/**
 * Issue 17, the form designer's JSON views in the browser (the page's CSP has no unsafe-eval:
 * the engine compiles each edit): Yunnan's configurator opens a form, sees a panel edit in the
 * schema JSON, edits the schema JSON (a label changed, a field added) and sees it in the outline
 * and the preview, undoes it; pastes hostile input — a pattern RE2 cannot run, a `$ref` cycle, a
 * rule with an unknown operation, a 5 MB paste — each refused with a clear message while the
 * document stays as it was; `^(a+)+$` is taken and harmless (RE2); the designer keeps working.
 */
test.use({ testIdAttribute: 'data-test', actionTimeout: 15_000 });

const SPEC = 'yn-json-pilot';
const VERSION = '1.0.0';
const FORM = 'json-visit';

async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).last().click();
}
const inputOf = (page: Page, test: string) =>
  page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).last();
async function setProp(page: Page, test: string, value: string) {
  const input = inputOf(page, test);
  await input.fill(value);
  await input.press('Tab');
}

type Schema = { properties: Record<string, Record<string, unknown>> } & Record<string, unknown>;

test('the JSON views edit the form both ways in the browser, and hostile pastes are refused while the designer keeps working', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);

  // Given a spec draft of Yunnan's without forms, made through the API.
  const api = await apiSession(request, 'yn.province-configurator');
  const created = await request.post(`/api/specs/${SPEC}/versions`, {
    headers: api,
    data: {
      version: VERSION,
      jurisdiction: '530000',
      content: {
        forms: {},
        codeTables: {},
        parameters: { id: `${SPEC}-parameters`, version: VERSION, parameters: [] },
        workflows: {},
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const context = await browser.newContext();
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|unsafe-eval/.test(message.text()))
      failures.push(message.text());
  });
  const scripts: string[] = [];
  const previews: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
    if (r.url().endsWith('/api/form-previews') && r.method() === 'POST') previews.push(r.url());
  });

  await page.goto('/designer/');
  await page.getByLabel('用户名').fill('yn.province-configurator');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '表单设计' }).click();
  await choose(page, page.getByTestId('open-draft'), `${SPEC}@${VERSION}`);
  await inputOf(page, 'new-key').fill(FORM);
  await inputOf(page, 'new-title-zh').fill('JSON 试点');
  await inputOf(page, 'new-title-en').fill('JSON pilot');
  await page.getByTestId('new-form-button').click();

  // Two fields from the palette; the text is labelled 主诉 in the property panel.
  await page.getByTestId('palette-text').click();
  await setProp(page, 'prop-label-zh', '主诉');
  await page.getByTestId('palette-number').click();
  await expect(page.locator('.outline-field')).toHaveCount(2);
  // CodeMirror is not in the designer's first JavaScript: it loads when the JSON tab opens.
  expect(scripts.filter((url) => /codeMirrorJson/.test(url))).toEqual([]);

  // When the JSON tab opens: its four views, CodeMirror in the schema view.
  await page.getByRole('tab', { name: 'JSON' }).click();
  for (const view of ['数据结构', '界面', '规则', '完整定义'])
    await expect(page.getByTestId('json-view-select')).toContainText(view);
  await jsonEditor(page, 'schema');
  expect(scripts.filter((url) => /codeMirrorJson/.test(url))).toHaveLength(1);
  // Then the panel's edit is in the schema JSON (document → text).
  const schema = JSON.parse(await jsonText(page, 'schema')) as Schema;
  expect(schema.properties.text!.title).toBe('主诉');
  expect(JSON.parse(await jsonText(page, 'uiSchema'))['ui:order']).toEqual(['text', 'number', '*']);

  // When the schema JSON is edited — 主诉 relabelled, a pulse field added — and applied.
  const edited = structuredClone(schema);
  edited.properties.text!.title = '主诉（患者自述）';
  edited.properties.pulse = {
    type: 'integer',
    title: '脉搏',
    'x-title-en': 'Pulse',
    minimum: 30,
    maximum: 220,
  };
  await applyJson(page, 'schema', JSON.stringify(edited, null, 2));
  await expect(page.getByTestId('json-applied')).toBeVisible();
  await expect(page.getByTestId('json-problems')).toHaveCount(0);
  await snapAs(page, '1-json-schema-applied');
  // Then the outline shows both (text → document) and the whole definition follows.
  expect(JSON.parse(await jsonText(page, 'definition')).schema.properties.pulse.title).toBe('脉搏');
  await page.getByRole('tab', { name: '设计' }).click();
  await expect(page.getByTestId('field-text')).toContainText('主诉（患者自述）');
  await expect(page.getByTestId('field-pulse')).toContainText('脉搏');
  // And the preview (compiled by the engine) has the pulse field with its range.
  await page.getByRole('tab', { name: '预览' }).click();
  const pulse = page.getByTestId('preview').getByRole('spinbutton', { name: '脉搏' });
  await expect(pulse).toBeVisible();

  // When undone (one step): the outline and the JSON are as before the edit.
  await page.getByRole('tab', { name: '设计' }).click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('field-pulse')).toHaveCount(0);
  await expect(page.getByTestId('field-text')).toContainText('主诉');
  await expect(page.getByTestId('field-text')).not.toContainText('患者自述');
  await page.getByRole('tab', { name: 'JSON' }).click();
  expect(JSON.parse(await jsonText(page, 'schema'))).toEqual(schema);
  // Redo brings it back.
  await page.getByTestId('redo').click();
  expect(JSON.parse(await jsonText(page, 'schema')).properties).toHaveProperty('pulse');
  await page.getByTestId('undo').click();

  const outlineBefore = async () => {
    await page.getByRole('tab', { name: '设计' }).click();
    await expect(page.locator('.outline-field')).toHaveCount(2);
    await expect(page.getByTestId('field-text')).toContainText('主诉');
    await page.getByRole('tab', { name: 'JSON' }).click();
  };
  const problems = page.getByTestId('json-problems');

  // Hostile input 1: a pattern catastrophic for a backtracking engine that RE2 cannot run.
  const backreference = structuredClone(schema);
  backreference.properties.text!.pattern = '^(\\d+)*\\1$';
  await applyJson(page, 'schema', JSON.stringify(backreference, null, 2));
  await expect(problems).toContainText('/properties/text/pattern');
  await expect(problems).toContainText('字段 /text');
  await expect(problems).toContainText('pattern-unsupported');
  // Its pointer puts CodeMirror's cursor on the pattern.
  await problems.getByTestId('json-problem-at').click();
  await expect(page.getByTestId('json-body-schema').locator('.cm-activeLine')).toContainText(
    '"pattern"',
  );
  await snapAs(page, '2-json-pattern-refused');
  await outlineBefore();

  // Hostile input 2: a $ref cycle.
  const cycle = structuredClone(schema);
  cycle.$defs = { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } };
  cycle.properties.loop = { $ref: '#/$defs/a' };
  await applyJson(page, 'schema', JSON.stringify(cycle, null, 2));
  await expect(problems).toContainText('ref-cycle');
  await outlineBefore();

  // Hostile input 3: a cross-field rule with an operation the rule checker does not allow.
  await applyJson(
    page,
    'rules',
    JSON.stringify([
      {
        id: 'sneaky',
        assert: { method: [{ var: 'text' }, 'constructor'] },
        path: '/text',
        message: { zh: '不行', en: 'No' },
      },
    ]),
  );
  await expect(problems).toContainText('/0/assert/method');
  await expect(problems).toContainText('规则 sneaky');
  await expect(problems).toContainText('rule-invalid');
  await snapAs(page, '3-json-rule-refused');
  await outlineBefore();

  // Hostile input 4: a 5 MB paste, refused before it is read (the engine is not asked).
  const asked = previews.length;
  await applyJson(page, 'schema', { bytes: 5 * 1024 * 1024 });
  await expect(problems).toContainText('JSON 超过 1024 KiB，未读取');
  expect(previews.length).toBe(asked);
  await snapAs(page, '4-json-5mb-refused');
  await outlineBefore();

  // The classic catastrophic pattern ^(a+)+$ is taken: every pattern runs on RE2, linear in the
  // input, so in the preview 60 a's and a ! (hours for a backtracking engine) are refused at once.
  const classic = structuredClone(schema);
  classic.properties.text!.pattern = '^(a+)+$';
  await applyJson(page, 'schema', JSON.stringify(classic, null, 2));
  await expect(page.getByTestId('json-applied')).toBeVisible();
  await page.getByRole('tab', { name: '预览' }).click();
  const complaint = page.getByTestId('preview').getByRole('textbox', { name: '主诉' });
  await complaint.fill(`${'a'.repeat(60)}!`);
  const started = Date.now();
  await page.getByTestId('preview').getByRole('button', { name: '提交' }).click();
  await expect(
    page
      .getByTestId('preview')
      .getByText(/主诉：/)
      .first(),
  ).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.getByTestId('preview-stored')).toHaveCount(0);
  await snapAs(page, '5-preview-classic-pattern');
  await page.getByRole('tab', { name: '设计' }).click();
  await page.getByTestId('undo').click();
  await page.getByRole('tab', { name: 'JSON' }).click();
  expect(JSON.parse(await jsonText(page, 'schema'))).toEqual(schema);

  // The designer keeps working: a field added on the design tab shows in the schema view (its
  // refused draft replaced by the document's JSON), a JSON edit is still taken, undo still works.
  await page.getByRole('tab', { name: '设计' }).click();
  await page.getByTestId('palette-date').click();
  await expect(page.locator('.outline-field')).toHaveCount(3);
  await page.getByRole('tab', { name: 'JSON' }).click();
  const withDate = JSON.parse(await jsonText(page, 'schema')) as Schema;
  expect(withDate.properties).toHaveProperty('date');
  await expect(problems).toHaveCount(0);
  withDate.properties.date!.title = '就诊日期';
  await applyJson(page, 'schema', JSON.stringify(withDate, null, 2));
  await expect(page.getByTestId('json-applied')).toBeVisible();
  await page.getByRole('tab', { name: '设计' }).click();
  await expect(page.getByTestId('field-date')).toContainText('就诊日期');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('field-date')).not.toContainText('就诊日期');

  // Ctrl+Z while typing in CodeMirror is CodeMirror's own undo, not the document's.
  await page.getByRole('tab', { name: 'JSON' }).click();
  const code = await jsonEditor(page, 'schema');
  await code.click();
  await page.keyboard.type(' ');
  await page.keyboard.press('ControlOrMeta+Z');
  await page.getByRole('tab', { name: '设计' }).click();
  await expect(page.locator('.outline-field')).toHaveCount(3);
  await page.getByRole('tab', { name: 'JSON' }).click();
  await snapAs(page, '6-json-tab');
  expect(failures).toEqual([]);
  await context.close();
});
