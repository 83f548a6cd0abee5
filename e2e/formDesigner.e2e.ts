import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { applyJson, jsonText } from './jsonViews.js';
import { snap } from './snap.js';

/**
 * Issue 17, the form designer: Yunnan's configurator opens a spec draft in /designer/forms and
 * builds a small form there — a text field, a weight with its unit and range, 吸烟 (yes/no), a
 * smoking amount from a code table, a note shown only for smokers, a calculated value — undoes
 * and redoes an edit, previews it with test data in the frontline renderer (the note appears
 * when 吸烟 is ticked, the calculation follows the weight, a weight out of range is refused),
 * saves the draft (the engine's checks; the saved form read back through the API) and submits
 * it for review.
 */
test.use({ testIdAttribute: 'data-test', actionTimeout: 15_000 });

const SPEC = 'yn-form-pilot';
const VERSION = '1.0.0';
const FORM = 'pilot-visit';

const smokingAmount = {
  id: 'pilot-smoking-amount',
  version: '1.0.0',
  title: { zh: '吸烟量', en: 'Amount smoked' },
  codes: [
    { code: '1', label: { zh: '少于10支/天', en: 'Under 10 a day' } },
    { code: '2', label: { zh: '10支/天及以上', en: '10 a day or more' } },
  ],
};

/** Picks an option of an Element Plus select. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).last().click();
}

/** An input marked `test`: Element Plus puts the mark on the input itself or on its wrapper. */
const inputOf = (page: Page, test: string) =>
  page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).last();

/** Fills a property panel input and leaves it (the panel applies a change on leaving). */
async function setProp(page: Page, test: string, value: string) {
  const input = inputOf(page, test);
  await input.fill(value);
  await input.press('Tab');
}

/** Adds a palette kind after the selected field; the new field is selected. */
async function add(page: Page, kind: string) {
  await page.getByTestId(`palette-${kind}`).click();
}

test('a configurator builds a form with a visibility rule and a calculation, previews it with test data, saves the draft and submits it', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);

  // Given a spec draft of Yunnan's with a code table and no form yet, made through the API.
  const api = await apiSession(request, 'yn.province-configurator');
  const created = await request.post(`/api/specs/${SPEC}/versions`, {
    headers: api,
    data: {
      version: VERSION,
      jurisdiction: '530000',
      content: {
        forms: {},
        codeTables: { [smokingAmount.id]: smokingAmount },
        parameters: { id: `${SPEC}-parameters`, version: VERSION, parameters: [] },
        workflows: {},
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // When the configurator opens the form designer and starts a new form in that draft.
  const context = await browser.newContext();
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill('yn.province-configurator');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '表单设计' }).click();
  await expect(page.getByTestId('form-designer')).toBeVisible();
  await choose(page, page.getByTestId('open-draft'), `${SPEC}@${VERSION}`);
  await inputOf(page, 'new-key').fill(FORM);
  await inputOf(page, 'new-title-zh').fill('试点随访');
  await inputOf(page, 'new-title-en').fill('Pilot visit');
  await page.getByTestId('new-form-button').click();
  await expect(page.getByTestId('palette')).toBeVisible();
  // The 13 kinds of the palette, in Chinese.
  await expect(page.getByTestId('palette').locator('.palette-item')).toHaveCount(13);
  await expect(page.getByTestId('palette-yes-no')).toHaveText('是/否');

  // A text field (dragged from the palette into the form), labelled in both languages.
  await page.getByTestId('palette-text').dragTo(page.getByTestId('drop-end').first());
  await page.getByTestId('field-text').click();
  await setProp(page, 'prop-label-zh', '主诉');
  await setProp(page, 'prop-label-en', 'Complaint');
  await expect(page.getByTestId('field-text')).toContainText('主诉');

  // A weight in kg between 20 and 300.
  await add(page, 'number');
  await setProp(page, 'prop-label-zh', '体重');
  await setProp(page, 'prop-unit', 'kg');
  await setProp(page, 'prop-minimum', '20');
  await setProp(page, 'prop-maximum', '300');

  // 吸烟: yes or no.
  await add(page, 'yes-no');
  await setProp(page, 'prop-label-zh', '吸烟');
  await setProp(page, 'prop-label-en', 'Smokes');

  // The amount smoked, from the draft's code table.
  await add(page, 'single-choice');
  await setProp(page, 'prop-label-zh', '吸烟量');
  await choose(page, page.getByTestId('prop-code-table'), smokingAmount.id);

  // A note shown only to smokers: the rule builder's row (吸烟 等于 true).
  await add(page, 'text');
  await setProp(page, 'prop-label-zh', '戒烟建议');
  await page.getByTestId('rule-add-row').click();
  await choose(page, page.getByTestId('rule-field').last(), '吸烟 (yesNo)');
  await choose(page, page.getByTestId('rule-operator').last(), '等于');
  await setProp(page, 'rule-value', 'true');
  await expect(page.getByTestId('field-text2')).toContainText('有条件显示');
  await expect(page.getByTestId('rule-raw')).toHaveValue(/"var": "yesNo"/);

  // A calculated value: twice the weight, typed as JsonLogic by the expert; a bad one refused.
  await add(page, 'calculated');
  await setProp(page, 'prop-label-zh', '体重的两倍');
  const raw = page.getByTestId('rule-calculation').getByTestId('rule-raw');
  await raw.fill('{"eval": ["x"]}');
  await raw.press('Tab');
  await expect(page.getByTestId('rule-calculation').getByTestId('rule-problems')).toBeVisible();
  await raw.fill('{"*": [{"var": "number"}, 2]}');
  await raw.press('Tab');
  await expect(raw).toHaveValue(/"var": "number"/);
  await expect(page.getByTestId('engine-check')).toHaveText(
    '引擎检查通过（与发布和保存时的编译相同）',
  );
  await snapAs(page, '1-form-built');

  // Undo takes the calculation back, redo puts it again (buttons and Ctrl+Z / Ctrl+Shift+Z).
  await page.getByTestId('undo').click();
  await expect(raw).not.toHaveValue(/"number"/);
  await page.getByTestId('redo').click();
  await expect(raw).toHaveValue(/"var": "number"/);
  await page.getByTestId('field-calculated').click();
  await page.keyboard.press('Control+z');
  await expect(raw).not.toHaveValue(/"number"/);
  await page.keyboard.press('Control+Shift+z');
  await expect(raw).toHaveValue(/"var": "number"/);

  // Reorder with the keyboard's alternative: the complaint moves down below the weight.
  await page.getByTestId('field-text').getByTestId('move-down').click();
  await expect(page.locator('.outline-field').nth(0)).toHaveAttribute('data-test', 'field-number');

  // The JSON tab shows the document (its schema view: CodeMirror).
  await page.getByRole('tab', { name: 'JSON' }).click();
  expect(await jsonText(page, 'schema')).toContain('"x-calculated"');
  // Text that is not JSON is refused with the reason, and the document stays as it was.
  await applyJson(page, 'schema', '{ "key": ');
  await expect(page.getByTestId('json-problems')).toContainText('不是有效的 JSON');
  await page.getByRole('tab', { name: '设计' }).click();
  await expect(page.locator('.outline-field')).toHaveCount(6);
  await page.getByRole('tab', { name: 'JSON' }).click();
  await snapAs(page, '2-json');

  // The preview: the frontline renderer, compiled by the engine.
  await page.getByRole('tab', { name: '预览' }).click();
  const preview = page.getByTestId('preview');
  const weight = preview.getByRole('spinbutton', { name: '体重' });
  const advice = preview.getByRole('textbox', { name: '戒烟建议' });
  await expect(weight).toBeVisible();
  await expect(advice).toHaveCount(0);
  await weight.fill('70');
  await expect(preview.getByRole('status', { name: /体重的两倍/ })).toHaveText('140');
  await preview.getByRole('checkbox', { name: '吸烟' }).check({ force: true });
  await expect(advice).toBeVisible();
  // The record as it would be stored, calculated value included.
  await preview.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('preview-stored')).toContainText('"calculated": 140');
  await snapAs(page, '3-preview');
  await weight.fill('500');
  await preview.getByRole('button', { name: '提交' }).click();
  await expect(preview.getByText('体重：应当为 <= 300').first()).toBeVisible();
  await expect(page.getByTestId('preview-stored')).toHaveCount(0);
  await snapAs(page, '4-preview-refused');

  // Saved: the engine's checks pass, and the draft holds the form with its fields.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('designer-notice')).toContainText('草稿已保存');
  const read = await request.get(`/api/specs/${SPEC}/versions/${VERSION}`, { headers: api });
  const saved = (await read.json()) as {
    content: { forms: Record<string, { schema: { properties: Record<string, object> } }> };
  };
  const fields = saved.content.forms[FORM]!.schema.properties;
  expect(Object.keys(fields).sort()).toEqual(
    ['calculated', 'choice', 'number', 'text', 'text2', 'yesNo'].sort(),
  );
  expect(fields.number).toMatchObject({ 'x-unit': 'kg', minimum: 20, maximum: 300 });
  expect(fields.choice).toMatchObject({ 'x-code-table': smokingAmount.id });
  expect(fields.text2).toMatchObject({ 'x-visible': { '==': [{ var: 'yesNo' }, true] } });
  expect(fields.calculated).toMatchObject({ 'x-calculated': { '*': [{ var: 'number' }, 2] } });

  // Submitted for review: the version is in review, and the designer no longer edits it.
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('designer-notice')).toContainText('已提交审核');
  await expect(page.getByTestId('not-draft')).toBeVisible();
  const after = await request.get(`/api/specs/${SPEC}/versions/${VERSION}`, { headers: api });
  expect(((await after.json()) as { status: string }).status).toBe('in-review');

  // In English, the palette and the panel speak English.
  await page.getByRole('tab', { name: '设计' }).click();
  await snapAs(page, '5-submitted');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('palette-yes-no')).toHaveText('Yes/no');
  await page.getByTestId('field-number').click();
  await expect(page.getByTestId('property-panel')).toContainText('Unit');
  await expect(page.getByTestId('designer-notice')).toContainText('Submitted for review');
  await snapAs(page, '6-english');
  expect(failures).toEqual([]);
});
