import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { Overlay } from '@formwork/definitions';
import { apiSession } from './demoResidents.js';
import { currentOverlay, signInAt } from './provinceReleases.js';
import { snap } from './snap.js';

/**
 * Issue 17, code tables: Yunnan's configurator opens a spec draft in /designer/code-tables,
 * creates a table of three codes, edits a label, is refused a code listed twice in the page, and
 * once a form field picks the table sees where it is used; then, on a draft of Yunnan's overlay,
 * the national tables are listed beside the province's, a table serving a locked field may not
 * be extended (the engine's refusal in words, the dialog kept), and another one takes a new
 * option as an add-options operation. Nothing is published.
 */
test.use({ testIdAttribute: 'data-test', actionTimeout: 15_000 });

const SPEC = 'yn-code-pilot';
const VERSION = '1.0.0';
const TABLE = 'yn-smoking-amount';

/** Picks an option of an Element Plus select. */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).last().click();
}

/** The list's row of a table. */
const rowOf = (page: Page, id: string) =>
  page.locator('.el-table__row', { has: page.getByTestId(`table-${id}`) });

test('a configurator creates a code table, edits it, sees where it is used, and extends a national table on an overlay draft as far as the engine allows', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);

  // Given a spec draft of Yunnan's without forms or code tables, made through the API.
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

  // When the configurator opens 代码表 and picks that draft: it has no table yet.
  const { page, failures } = await signInAt(
    browser,
    'yn.province-configurator',
    '/designer/code-tables',
  );
  await expect(page.getByRole('heading', { level: 1, name: '代码表' })).toBeVisible();
  await choose(page, page.getByTestId('code-tables-draft'), `${SPEC}@${VERSION}`);
  await expect(page.getByTestId('no-tables')).toBeVisible();

  // …and creates a table of three codes.
  await page.getByTestId('new-table').click();
  const dialog = page.getByTestId('code-table-dialog');
  await expect(dialog).toBeVisible();
  // A bad id and an empty label are refused in the page first.
  await dialog.getByLabel('标识（英文小写字母开头，可含数字和 -）').fill('Smoking');
  await dialog.getByTestId('table-save').click();
  await expect(dialog.getByTestId('table-problems')).toContainText('标识须以小写英文字母开头');
  await expect(dialog.getByTestId('table-problems')).toContainText('请填写中文和英文名称');
  await expect(dialog.getByTestId('table-problems')).toContainText('第 1 个代码为空');
  await dialog.getByLabel('标识（英文小写字母开头，可含数字和 -）').fill(TABLE);
  await dialog.getByLabel('名称（中文）').fill('吸烟量');
  await dialog.getByLabel('名称（英文）').fill('Amount smoked');
  const codes = [
    ['1', '少于10支/天', 'Under 10 a day'],
    ['2', '10–20支/天', '10 to 20 a day'],
    ['3', '20支/天以上', 'Over 20 a day'],
  ];
  for (const [i, [code, zh, en]] of codes.entries()) {
    if (i > 0) await dialog.getByTestId('add-code').click();
    await dialog.getByLabel(`第 ${i + 1} 个代码`, { exact: true }).fill(code!);
    await dialog.getByLabel(`第 ${i + 1} 个代码的中文名称`).fill(zh!);
    await dialog.getByLabel(`第 ${i + 1} 个代码的英文名称`).fill(en!);
  }
  await snapAs(page, '01-new-table');
  await dialog.getByTestId('table-save').click();

  // Then it is listed with its three codes, used by no field yet.
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('code-tables-notice')).toContainText(`${SPEC}@${VERSION}`);
  const row = rowOf(page, TABLE);
  await expect(row.getByTestId('code-count')).toHaveText('3');
  await expect(row.getByTestId('table-origin')).toHaveText('本规范');
  await expect(row.getByTestId('table-unused')).toHaveText('未被任何字段使用');
  await snapAs(page, '02-listed');

  // When they edit the label of code 2.
  await page.getByTestId(`change-${TABLE}`).click();
  await expect(dialog.getByLabel('第 2 个代码的中文名称')).toHaveValue('10–20支/天');
  await dialog.getByLabel('第 2 个代码的中文名称').fill('10至20支/天');
  await dialog.getByTestId('table-save').click();
  await expect(dialog).toBeHidden();
  await row.locator('.el-table__expand-icon').click();
  await expect(page.getByTestId(`codes-${TABLE}`)).toContainText('10至20支/天');

  // …and then add a code listed already: the page refuses it, the dialog keeps what was typed.
  await page.getByTestId(`change-${TABLE}`).click();
  await dialog.getByTestId('add-code').click();
  await dialog.getByLabel('第 4 个代码', { exact: true }).fill('1');
  await dialog.getByLabel('第 4 个代码的中文名称').fill('重复');
  await dialog.getByLabel('第 4 个代码的英文名称').fill('Twice');
  await dialog.getByTestId('table-save').click();
  await expect(dialog.getByTestId('table-problems')).toHaveText('代码 1 重复');
  await expect(dialog.getByLabel('第 4 个代码的中文名称')).toHaveValue('重复');
  await snapAs(page, '03-duplicate-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('code-count')).toHaveText('3');

  // The API serves the table as saved.
  const path = `/api/specs/${SPEC}/versions/${VERSION}`;
  let read = await request.get(path, { headers: api });
  const saved = (await read.json()) as {
    rowVersion: number;
    content: { forms: Record<string, unknown>; codeTables: Record<string, unknown> };
  };
  expect(saved.content.codeTables[TABLE]).toMatchObject({
    id: TABLE,
    version: VERSION,
    title: { zh: '吸烟量', en: 'Amount smoked' },
    codes: [
      { code: '1', label: { zh: '少于10支/天', en: 'Under 10 a day' } },
      { code: '2', label: { zh: '10至20支/天', en: '10 to 20 a day' } },
      { code: '3', label: { zh: '20支/天以上', en: 'Over 20 a day' } },
    ],
  });

  // When a form field picks the table (through the API)…
  const form = {
    key: 'pilot-visit',
    version: VERSION,
    title: { zh: '试点随访', en: 'Pilot visit' },
    schema: {
      type: 'object',
      properties: {
        smokingAmount: {
          type: 'string',
          title: '吸烟量',
          'x-title-en': 'Amount smoked',
          'x-code-table': TABLE,
        },
      },
    },
  };
  const put = await request.put(path, {
    headers: { ...api, 'If-Match': `"${saved.rowVersion}"` },
    data: { content: { ...saved.content, forms: { [form.key]: form } } },
  });
  expect(put.status(), await put.text()).toBe(200);
  // …then, the draft opened again, the table says where it is used.
  await page.reload();
  await choose(page, page.getByTestId('code-tables-draft'), `${SPEC}@${VERSION}`);
  await expect(rowOf(page, TABLE).getByTestId('table-usages')).toHaveText('试点随访 · 吸烟量');
  await snapAs(page, '04-where-used');
  // Removing a code of a table in use is said in the dialog; the engine takes it into the draft
  // (the review's semantic diff names it as incompatible, with the stored records it touches).
  await page.getByTestId(`change-${TABLE}`).click();
  await expect(dialog.getByTestId('removed-used')).toHaveCount(0);
  await dialog.getByRole('button', { name: '删除第 3 个代码' }).click();
  await expect(dialog.getByTestId('removed-used')).toContainText('删除的代码 3');
  await dialog.getByTestId('table-save').click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, TABLE).getByTestId('code-count')).toHaveText('2');

  // Given a draft of Yunnan's overlay: its current release's overlay under the next patch
  // version (a minor version would take the number the journeys that publish start from).
  const current = await currentOverlay(request, 'yn');
  read = await request.get(`/api/overlays/${current.key}/versions/${current.version}`, {
    headers: api,
  });
  expect(read.status()).toBe(200);
  const { content } = (await read.json()) as { content: Overlay };
  const [major, minor, patch] = current.version.split('.').map(Number);
  const draft = `${major}.${minor}.${patch! + 1}`;
  const overlayCreated = await request.post(`/api/overlays/${current.key}/versions`, {
    headers: api,
    data: { ...content, version: draft },
  });
  expect(overlayCreated.status(), await overlayCreated.text()).toBe(201);

  // When the configurator opens it: the nation's tables are listed, each with where it is used.
  await page.reload();
  await choose(page, page.getByTestId('code-tables-draft'), `${current.key}@${draft}`);
  const locked = rowOf(page, 'visit-classification');
  await expect(locked.getByTestId('table-origin')).toHaveText('国家');
  await expect(locked.getByTestId('table-usages')).toContainText('高血压患者随访服务记录表');
  await expect(page.getByTestId('new-table')).toBeVisible();
  // A table many fields use lists four of them and counts the rest; its expanded row lists all.
  const exam = rowOf(page, 'maternal-exam-result');
  await expect(exam.getByTestId('table-usages').locator('li')).toHaveCount(4);
  await expect(exam.getByTestId('more-usages')).toContainText('展开查看全部');
  await exam.locator('.el-table__expand-icon').click();
  const all = page.getByTestId('usages-maternal-exam-result').locator('li');
  expect(await all.count()).toBeGreaterThan(4);
  await expect(all.first()).toContainText('/');
  await exam.locator('.el-table__expand-icon').click();

  // A table serving a locked field: the engine refuses new options, in words; nothing is lost.
  await page.getByTestId('change-visit-classification').click();
  await expect(dialog.getByTestId('extend-hint')).toBeVisible();
  await expect(dialog.getByLabel('第 1 个代码的中文名称')).toBeDisabled();
  const count = await dialog.locator('[data-test^="code-row-"]').count();
  await dialog.getByLabel(`第 ${count} 个代码`, { exact: true }).fill('9');
  await dialog.getByLabel(`第 ${count} 个代码的中文名称`).fill('其他');
  await dialog.getByLabel(`第 ${count} 个代码的英文名称`).fill('Other');
  await dialog.getByTestId('table-save').click();
  await expect(dialog.getByTestId('engine-error')).toContainText(
    '代码表 "visit-classification" 供锁定字段（x-locked）使用，不能增加选项',
  );
  await expect(dialog.getByLabel(`第 ${count} 个代码的中文名称`)).toHaveValue('其他');
  await snapAs(page, '05-locked-refused');
  await dialog.getByRole('button', { name: '取消' }).click();

  // Another national table takes a new option: an add-options operation in the draft.
  const salt = rowOf(page, 'salt-intake');
  await expect(salt.getByTestId('code-count')).toHaveText('3');
  await page.getByTestId('change-salt-intake').click();
  await dialog.getByLabel('第 4 个代码', { exact: true }).fill('4');
  await dialog.getByLabel('第 4 个代码的中文名称').fill('极重');
  await dialog.getByLabel('第 4 个代码的英文名称').fill('Very heavy');
  await dialog.getByTestId('table-save').click();
  await expect(dialog).toBeHidden();
  await expect(salt.getByTestId('code-count')).toHaveText('4');
  await expect(salt.getByTestId('added-options')).toHaveText('本省增加 1 个选项');
  await snapAs(page, '06-option-added');

  // A table of the province's own: an add-code-table operation, listed first; edited in place.
  await page.getByTestId('new-table').click();
  await expect(dialog.getByText('add-code-table')).toBeVisible();
  await dialog.getByLabel('标识（英文小写字母开头，可含数字和 -）').fill('yn-tea-habit');
  await dialog.getByLabel('名称（中文）').fill('饮茶习惯');
  await dialog.getByLabel('名称（英文）').fill('Tea drinking');
  await dialog.getByLabel('第 1 个代码', { exact: true }).fill('1');
  await dialog.getByLabel('第 1 个代码的中文名称').fill('每天');
  await dialog.getByLabel('第 1 个代码的英文名称').fill('Daily');
  await dialog.getByTestId('table-save').click();
  await expect(dialog).toBeHidden();
  const tea = rowOf(page, 'yn-tea-habit');
  await expect(tea.getByTestId('table-origin')).toHaveText('本省新增');
  await expect(page.locator('.el-table__row').first().getByTestId('table-origin')).toHaveText(
    '本省新增',
  );
  await page.getByTestId('change-yn-tea-habit').click();
  await dialog.getByTestId('add-code').click();
  await dialog.getByLabel('第 2 个代码', { exact: true }).fill('2');
  await dialog.getByLabel('第 2 个代码的中文名称').fill('偶尔');
  await dialog.getByLabel('第 2 个代码的英文名称').fill('Now and then');
  await dialog.getByTestId('table-save').click();
  await expect(dialog).toBeHidden();
  await expect(tea.getByTestId('code-count')).toHaveText('2');

  // The draft holds the new option as one add-options operation, the table as one add-code-table
  // operation of two codes.
  read = await request.get(`/api/overlays/${current.key}/versions/${draft}`, { headers: api });
  const overlay = (await read.json()) as { status: string; content: Overlay };
  expect(overlay.status).toBe('draft');
  expect(
    overlay.content.operations.filter(
      (op) => op.op === 'add-options' && op.codeTable === 'salt-intake',
    ),
  ).toEqual([
    {
      op: 'add-options',
      codeTable: 'salt-intake',
      codes: [{ code: '4', label: { zh: '极重', en: 'Very heavy' } }],
    },
  ]);
  const added = overlay.content.operations.filter(
    (op) => op.op === 'add-code-table' && op.codeTable.id === 'yn-tea-habit',
  );
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({
    codeTable: { id: 'yn-tea-habit', version: draft, codes: [{ code: '1' }, { code: '2' }] },
  });
  await snapAs(page, '07-province-table');

  // In English, the same list.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Code tables' })).toBeVisible();
  await expect(salt.getByTestId('added-options')).toHaveText('Options added by the province: 1');
  expect(failures).toEqual([]);
});
