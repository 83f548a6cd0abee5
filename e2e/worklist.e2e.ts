import { expect, test } from '@playwright/test';
import { snap } from './snap.js';
import { DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';

/**
 * Home = the worklist: a village doctor's residents whose follow-ups the schedules say are
 * overdue or due soon, counted per status, programme and village; one click opens the visit form
 * for that resident. The residents are registered and enrolled through the API first, as the
 * doctor would have done months ago (an enrollment dated half a year back is overdue now).
 */

test('a village doctor finds an overdue hypertension patient on the home worklist and opens the follow-up form', async ({
  page,
  request,
}, testInfo) => {
  const name = '林秀英';
  await registerOverdueResident(request, name);

  await page.goto('/app/');
  await page.getByLabel('用户名').fill('fj.village-doctor');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/worklist$/);

  const overdueTab = page.locator('[data-test=status-overdue]');
  await expect(overdueTab).toContainText('已逾期');
  await expect(overdueTab).toContainText(/\d/);
  const table = page.locator('[data-test=worklist]');
  const row = table.locator('.el-table__row', { hasText: name });
  await expect(row).toContainText('高血压患者健康管理');
  await expect(row).toContainText(/逾期 \d+ 天/);
  await snap(page, testInfo, '1-worklist-overdue');

  // Counts per programme and village are offered as filters.
  await page.locator('[data-test=program]').click();
  await expect(page.getByRole('option', { name: /高血压患者健康管理 \(\d+\)/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.locator('[data-test=village]').click();
  await expect(page.getByRole('option', { name: /厚美村 \(\d+\)/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.locator('[data-test=status-due-soon]').click();
  await expect(table).toContainText('健康体检');
  await snap(page, testInfo, '2-worklist-due-soon');

  await page.locator('[data-test=status-overdue]').click();
  await row.getByRole('button', { name: '开始随访' }).click();
  await expect(page).toHaveURL(/\/app\/residents\/[0-9a-f-]+\/forms\/hypertension-followup\?/);
  await expect(page.locator('[data-test=visit-form]')).toContainText('高血压患者随访服务记录表');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await snap(page, testInfo, '3-visit-form');

  await page.goBack();
  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('[data-test=status-overdue]')).toContainText('Overdue');
  await expect(row).toContainText(/\d+ days overdue/);
  await snap(page, testInfo, '4-worklist-en');
});
