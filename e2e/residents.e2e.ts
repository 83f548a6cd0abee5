import { expect, test } from '@playwright/test';
import { snap } from './snap.js';
import { DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';

/**
 * Residents: a village doctor finds a resident by name and by the exact ID number, and opens the
 * resident page — personal data masked, the programme, the visits and who opened the record.
 */

test('a village doctor finds a resident by name and by ID number and sees the record masked, with who opened it', async ({
  page,
  request,
}, testInfo) => {
  const name = '王桂兰';
  const resident = await registerOverdueResident(request, name);

  await page.goto('/app/residents');
  await page.getByLabel('用户名').fill('fj.village-doctor');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '居民' })).toBeVisible();

  await page.getByLabel('姓名', { exact: true }).fill('王');
  await page.getByRole('button', { name: '查询' }).click();
  const found = page.locator('.el-table__row', { hasText: name });
  await expect(found).toContainText('350121********');
  await snap(page, testInfo, '1-search-by-name');

  await page.locator('.residents-by').click();
  await page.getByRole('option', { name: '身份证号' }).click();
  await page.getByLabel('身份证号', { exact: true }).fill(resident.idNumber);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.el-table__row')).toHaveCount(1);
  await found.getByRole('link', { name }).click();

  await expect(page).toHaveURL(new RegExp(`/app/residents/${resident.id}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('个人信息已脱敏显示')).toBeVisible();
  await expect(page.getByText(resident.idNumber)).toHaveCount(0);
  await expect(page.getByText('高血压患者健康管理')).toBeVisible();
  const log = page.locator('[data-test=access-log]');
  await expect(log).toContainText('fj.village-doctor');
  await expect(log).toContainText('查看档案');
  await expect(log).toContainText('纳入管理');
  await snap(page, testInfo, '2-resident');

  await page.getByText('English', { exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Who opened this record' }),
  ).toBeVisible();
  await expect(log).toContainText('Opened the record');
  await snap(page, testInfo, '3-resident-en');
});
