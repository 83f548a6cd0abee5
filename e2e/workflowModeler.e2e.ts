import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { snap } from './snap.js';

/**
 * Issue 17, acceptance 2 (the modeler's part): Yunnan's workflow admin (the province
 * configurator, who holds workflows.edit) opens the national two-way referral in the designer's
 * workflow modeler, changes the hypertension follow-up's 14-day timer to 10 days with the number
 * + unit editor and the county's accept condition with the JsonLogic editor, sees the engine's
 * lint pass, and saves the workflow into a new draft of Yunnan's overlay; the API then serves
 * that draft with the new timer and condition. A BPMN file exported by another tool, holding a
 * script task and a Java-class service task, opens with both listed as what the engine cannot
 * run, and the diagram shows them. Publishing the draft is the review journey's (not repeated).
 */

test.use({ testIdAttribute: 'data-test' });

const ADMIN = 'yn.province-configurator';
const TIMER = 'Boundary_followup_hypertension_due';
const FLOW = 'Flow_accept';
const CONDITION = '{"in":[{"var":"decision"},["accept","admit"]]}';
/** The BPMN lint's own fixture: a script task, no diagram interchange. */
const WITHOUT_DIAGRAM = fileURLToPath(
  new URL('../definitions/src/bpmn/fixtures/bad/script-task.bpmn', import.meta.url),
);
const EXPORTED = fileURLToPath(
  new URL('./fixtures/exported-with-script-task.bpmn', import.meta.url),
);

/** Picks `option` in the Element Plus select marked `testId`. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Selects a diagram element by clicking its shape. */
async function selectElement(page: Page, id: string) {
  const element = page.locator(`[data-test="canvas"] g.djs-element[data-element-id="${id}"]`);
  // A straight flow's box has no height, which Playwright counts as hidden: click its middle.
  const box = await element.locator('.djs-hit').first().boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(page.getByTestId('element-id')).toHaveText(id);
}

test('a workflow admin changes a timer and a condition of the referral, sees the lint pass and saves it into a draft; a file with a script task opens with it listed as unsupported', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(120_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));

  // Given Yunnan's workflow admin signed in to the designer.
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill(ADMIN);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/designer\/versions$/);

  // When they open 流程 and the national spec's two-way referral.
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '流程' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '流程' })).toBeVisible();
  await expect(page.getByTestId('open-file')).toBeEnabled();
  await choose(page, 'source-version', 'national-phs@3.0.1');
  await choose(page, 'workflow-key', 'two-way-referral');
  await expect(page.locator(`g.djs-element[data-element-id="${TIMER}"]`)).toBeVisible();
  // Then the engine's lint passes on the seed as shipped.
  await expect(page.getByTestId('lint-pass')).toBeVisible();
  await snapAs(page, '01-referral-opened');

  // A user task shows the form it opens, its candidate role and the org level that implies.
  await selectElement(page, 'UserTask_decide');
  await expect(page.getByTestId('form-key')).toContainText('referral-out');
  await expect(page.getByTestId('candidate-role')).toContainText('县医院医生');
  await expect(page.getByTestId('org-level')).toHaveText('县');
  await snapAs(page, '02-user-task-panel');

  // When they change the hypertension follow-up's timer from 14 to 10 days.
  await selectElement(page, TIMER);
  await expect(page.getByTestId('timer-iso')).toContainText('P14D');
  await expect(page.getByTestId('timer-unit')).toContainText('天');
  const amount = page.getByTestId('timer-amount').locator('input');
  await amount.fill('10');
  await amount.press('Enter');
  await expect(page.getByTestId('timer-iso')).toContainText('P10D');
  await snapAs(page, '03-timer-changed');

  // And the county's accept condition: first a typo (refused as JSON, the diagram unchanged),
  // then a JsonLogic rule.
  await selectElement(page, FLOW);
  await expect(page.getByTestId('condition')).toHaveValue('{"==":[{"var":"decision"},"accept"]}');
  await page.getByTestId('condition').fill('{"in":[{"var":"decision"}');
  await expect(page.getByTestId('condition-problem')).toContainText('不是合法 JSON');
  await page.getByTestId('condition').fill(CONDITION);
  await expect(page.getByTestId('condition-problem')).toHaveCount(0);
  // Then the lint passes on the edited diagram.
  await expect(page.getByTestId('lint-pass')).toBeVisible();
  await snapAs(page, '04-condition-changed');

  // When they save it into a new draft of Yunnan's overlay.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-new-of')).toContainText('yunnan');
  const version = await page.getByTestId('save-version').inputValue();
  expect(version).toMatch(/^1\.\d+\.0$/);
  // The dialog's opening transition finished before the screenshot.
  await page
    .getByRole('dialog')
    .evaluate((el) =>
      Promise.allSettled(el.ownerDocument.getAnimations().map((animation) => animation.finished)),
    );
  await snapAs(page, '05-save-dialog');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('saved')).toContainText(`yunnan@${version}`);
  await snapAs(page, '06-saved');

  // Then the engine serves the draft with the new timer and condition in its BPMN.
  const headers = await apiSession(request, ADMIN);
  const res = await request.get(`/api/overlays/yunnan/versions/${version}`, { headers });
  expect(res.status()).toBe(200);
  const draft = (await res.json()) as {
    status: string;
    content: { operations: { op: string; workflow?: string; bpmn?: string }[] };
  };
  expect(draft.status).toBe('draft');
  const op = draft.content.operations.find((o) => o.workflow === 'two-way-referral');
  expect(op?.op).toBe('replace-workflow');
  const timer = new RegExp(
    `<bpmn:boundaryEvent id="${TIMER}"[\\s\\S]*?<bpmn:timeDuration[^>]*>([^<]*)</bpmn:timeDuration>`,
  ).exec(op!.bpmn!);
  expect(timer?.[1]).toBe('P10D');
  const condition = new RegExp(
    `<bpmn:sequenceFlow id="${FLOW}"[\\s\\S]*?<bpmn:conditionExpression[^>]*language="jsonlogic"[^>]*>([^<]*)</bpmn:conditionExpression>`,
  ).exec(op!.bpmn!);
  expect(condition?.[1]?.replaceAll('&quot;', '"')).toBe(CONDITION);
  // The other follow-ups keep their 14 days.
  expect(op!.bpmn).toContain('P14D');

  // When they open a file another modelling tool exported, with a script task and a service
  // task implemented by a Java class.
  await page.getByTestId('file-input').setInputFiles(EXPORTED);
  await expect(page.getByTestId('origin-file')).toContainText('exported-with-script-task.bpmn');
  // Then the diagram shows, and what the engine cannot run is listed element by element.
  await expect(page.locator('g.djs-element[data-element-id="ScriptTask_bmi"]')).toBeVisible();
  await expect(page.getByTestId('lint-fail')).toBeVisible();
  const unsupported = page.getByTestId('unsupported-item');
  await expect(unsupported.filter({ hasText: 'ScriptTask_bmi' })).toContainText('脚本任务');
  await expect(unsupported.filter({ hasText: 'ServiceTask_archive' })).toContainText('Java');
  await expect(page.getByTestId('lint-badge-ScriptTask_bmi')).toBeVisible();
  await expect(page.getByTestId('save')).toBeDisabled();
  await snapAs(page, '07-exported-file');

  // A file without diagram interchange, pasted: bpmn-js cannot draw it, which is said, and what
  // the engine cannot run is still listed.
  await page.getByTestId('paste').click();
  await page.getByTestId('paste-text').fill(readFileSync(WITHOUT_DIAGRAM, 'utf8'));
  await page.getByTestId('paste-open').click();
  await expect(page.getByTestId('import-failed')).toContainText('no diagram to display');
  await expect(
    page.getByTestId('unsupported-item').filter({ hasText: 'ScriptTask_bmi' }),
  ).toContainText('脚本任务');
  // Only the pasted file's problems: nothing left of the file before.
  await expect(page.getByTestId('unsupported-item')).toHaveCount(1);
  await expect(page.getByTestId('save')).toBeDisabled();
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );
  await expect(page.getByTestId('paste-text')).toBeHidden();
  await snapAs(page, '08-pasted-without-diagram');

  // In English: the screen's words and the lint's English half.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(page.getByTestId('lint-fail')).toContainText(
    'Errors to fix before it can be saved: 1',
  );
  await expect(page.getByTestId('unsupported-item')).toContainText('is a script task');
  await expect(page.getByTestId('import-failed')).toContainText('This BPMN file cannot be read');
  await snapAs(page, '09-english');

  expect(failures).toEqual([]);
  await context.close();
});
