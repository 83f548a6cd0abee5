import { expect, test } from '@playwright/test';
import { apiSession } from './demoResidents.js';
import {
  approveAndPublish,
  currentOverlay,
  registerResident,
  signInAt,
} from './provinceReleases.js';
import { snap } from './snap.js';

/**
 * Issue 17, acceptance 4: Fujian's provincial configurator creates a small programme of the
 * province's own in the overlay editor (新建服务项目: a code table, a visit form, a schedule, a
 * review workflow with its trigger and an indicator, by configuration only), previews its form
 * and submits the draft; the reviewer approves and the publisher publishes it (through the API:
 * the review screens have their own journey). A Fujian village doctor then enrols a resident in
 * the new programme from the resident's page, finds the first visit due on the worklist, opens
 * the programme's form from there and records the visit.
 */

test.use({ testIdAttribute: 'data-test' });

const PROGRAMME = {
  id: 'fj-elderly-care',
  zh: '老年人健康管理（福建）',
  en: 'Elderly care (Fujian)',
  form: '老年人健康管理（福建）随访记录表',
};

/** A day in China, `offset` days from today. */
const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

test('Fujian creates a programme of its own by overlay, publishes it, a village doctor enrols a resident and finds the form and the due visit', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  const current = await currentOverlay(request, 'fj');
  const { page, failures } = await signInAt(
    browser,
    'fj.province-configurator',
    '/designer/overlays',
  );
  await page.getByTestId('overlay-version').click();
  await page.getByRole('option', { name: `${current.key}@${current.version} · 已发布` }).click();
  await expect(page.getByTestId('effective-form')).toContainText('收缩压');
  await page.getByTestId('new-draft').click();
  const draft = current.next;
  await expect(page.getByTestId('overlay-version')).toContainText(`${current.key}@${draft} · 草稿`);

  // When the configurator describes the programme in 新建服务项目
  await page.getByTestId('new-programme').click();
  const dialog = page.getByTestId('programme-dialog');
  await dialog.getByLabel('项目标识（英文）').fill(PROGRAMME.id);
  await dialog.getByLabel('项目名称（中文）').fill(PROGRAMME.zh);
  await dialog.getByLabel('项目名称（英文）').fill(PROGRAMME.en);
  await dialog.getByLabel('每次随访记录的分级项目（中文）').fill('生活自理能力');
  await dialog.getByLabel('分级项目（英文）').fill('Self-care ability');
  await dialog.getByLabel('第 1 个代码的中文名称').fill('可自理');
  await dialog.getByLabel('第 1 个代码的英文名称').fill('Independent');
  await dialog.getByLabel('第 2 个代码的中文名称').fill('不能自理');
  await dialog.getByLabel('第 2 个代码的英文名称').fill('Dependent');
  await dialog.getByTestId('code-1').getByText('需复核').click();
  await expect(dialog.getByTestId('programme-ids')).toContainText('表单 fj-elderly-care-visit');
  await snap(page, testInfo, '1-new-programme-dialog');
  await dialog.getByTestId('programme-save').click();
  await expect(dialog).toBeHidden();

  // Then the draft holds the programme's parts, and its form is shown and previewed
  const operations = page.getByTestId('operations');
  for (const part of [
    '新增代码表 fj-elderly-care-levels',
    '新增表单 fj-elderly-care-visit',
    `新增服务项目 fj-elderly-care「${PROGRAMME.zh}」`,
    '新增随访计划 fj-elderly-care',
    '新增流程 fj-elderly-care-review',
    '新增触发 fj-elderly-care-review',
    '新增指标 fj-elderly-care-visit-rate',
  ])
    await expect(operations).toContainText(part);
  await expect(page.getByTestId('overlay-form')).toContainText(PROGRAMME.form);
  await expect(page.getByTestId('effective-form')).toContainText('生活自理能力');
  await page.getByRole('tab', { name: '预览' }).click();
  await expect(page.getByTestId('preview').getByText('不能自理')).toBeVisible();
  await snap(page, testInfo, '2-programme-in-the-draft');
  await page.getByTestId('overlay-submit').click();
  await expect(page.getByTestId('not-draft')).toContainText('待审核');
  expect(failures).toEqual([]);
  await approveAndPublish(request, 'fj', current.key, draft);

  // When a Fujian village doctor enrols a resident in it from the resident's page
  const resident = await registerResident(request, 'fj', '陈阿婆', 'female');
  const doctor = await signInAt(browser, 'fj.village-doctor', `/app/residents/${resident}`);
  const enrollments = doctor.page.getByTestId('enrollments');
  await enrollments.getByTestId('enrol').click();
  const enrol = doctor.page.getByTestId('enrol-dialog');
  await enrol.getByTestId('enrol-program').click();
  await doctor.page.getByRole('option', { name: PROGRAMME.zh }).click();
  // Enrolled six weeks ago (a resident taken over from paper records): the first visit is overdue.
  const enrolled = enrol.locator('.el-date-editor input');
  await enrolled.fill(chinaDay(-42));
  await enrolled.press('Enter');
  await enrol.getByTestId('enrol-confirm').click();
  await expect(enrol).toBeHidden();
  await expect(enrollments).toContainText(PROGRAMME.zh);
  await expect(enrollments.getByTestId('programme-form')).toContainText(PROGRAMME.form);
  await snap(doctor.page, testInfo, '3-enrolled');

  // Then the first visit is on the worklist under the programme's name, and opens its form
  const headers = await apiSession(request, 'fj.village-doctor');
  await expect
    .poll(async () => {
      const list = await request.get('/api/worklist?status=overdue', { headers });
      const { items } = (await list.json()) as { items: { resident: { id: string } }[] };
      return items.some((item) => item.resident.id === resident);
    })
    .toBe(true);
  await doctor.page.goto('/app/worklist');
  const row = doctor.page.locator('[data-test=worklist] .el-table__row', { hasText: '陈阿婆' });
  await expect(row).toContainText(PROGRAMME.zh);
  await expect(row).toContainText('入组后首次随访');
  await snap(doctor.page, testInfo, '4-due-on-the-worklist');
  await row.getByRole('button', { name: '开始随访' }).click();
  await expect(doctor.page.locator('[data-test=visit-form]')).toContainText(PROGRAMME.form);
  await doctor.page.locator('.fw-form').waitFor();
  await expect(doctor.page.locator('[data-fw-path="/item"]')).toContainText('生活自理能力');
  await snap(doctor.page, testInfo, '5-programme-form');
  expect(doctor.failures).toEqual([]);
});
