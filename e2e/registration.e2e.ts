import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { DEMO_PASSWORD, idNumber } from './demoResidents.js';

/**
 * Registering a resident and seeing their record in full: the village doctor registers a new
 * resident (a mistyped ID number is refused beside the field first; registering the same number
 * again is explained, with the record to open), lands on the resident page masked; the county
 * public-health manager, who may see personal data, shows it in full after giving a reason, and
 * the record's access log lists that view.
 */

async function signIn(page: Page, path: string, username: string) {
  await page.goto(path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

test('a village doctor registers a resident, and the county manager shows the record in full with a reason', async ({
  browser,
  page,
}, testInfo) => {
  const name = '林建华';
  const number = idNumber(Math.floor(Math.random() * 100), 7);
  const wrongCheckDigit = number.slice(0, 17) + (number[17] === '0' ? '1' : '0');
  const masked = `${number.slice(0, 6)}********${number.slice(14)}`;
  const phone = '13800005678';

  await signIn(page, '/app/residents', 'fj.village-doctor');
  await expect(page.getByRole('heading', { level: 1, name: '居民' })).toBeVisible();
  await page.getByRole('button', { name: '登记居民' }).click();
  await expect(page).toHaveURL(/\/app\/residents\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: '登记居民' })).toBeVisible();

  // A mistyped ID number: refused beside the field, nothing registered.
  await page.getByLabel('姓名').fill(name);
  const idField = page.getByLabel('身份证号');
  await idField.fill(wrongCheckDigit);
  await page.getByLabel('联系电话（可不填）').fill(phone);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const idItem = page.locator('.el-form-item', { has: idField });
  await expect(idItem).toContainText('身份证号码校验码不正确，请核对号码');
  await expect(page).toHaveURL(/\/app\/residents\/new$/);
  await snap(page, testInfo, '1-wrong-check-digit');

  await idField.fill(number);
  await expect(idItem).not.toContainText('校验码');
  await expect(page.locator('[data-test=derived]')).toContainText('男');
  await expect(page.locator('[data-test=derived]')).toContainText('1956-03-12');
  await snap(page, testInfo, '2-registration-filled');
  await page.getByRole('button', { name: '登记', exact: true }).click();

  // The new resident's page: masked, with the basic-information form to fill next.
  await expect(page).toHaveURL(/\/app\/residents\/[0-9a-f-]{36}\?registered=1$/);
  const residentPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('[data-test=registered]')).toContainText('已登记');
  await expect(page.getByRole('link', { name: '个人基本信息表' })).toBeVisible();
  const basics = page.locator('[data-test=basics]');
  await expect(page.getByText('个人信息已脱敏显示')).toBeVisible();
  await expect(basics).toContainText(masked);
  await expect(basics).toContainText('138****5678');
  await expect(basics).not.toContainText(number);
  // A village doctor may not see personal data in full: nothing offered.
  await expect(page.getByRole('button', { name: '查看完整信息' })).toHaveCount(0);
  await expect(page.locator('[data-test=access-log]')).toContainText('建立档案');
  await snap(page, testInfo, '3-registered-masked');
  // Next: the basic-information form opens in the form renderer for this resident.
  await page.getByRole('link', { name: '个人基本信息表' }).click();
  await expect(page).toHaveURL(new RegExp(`${residentPath}/forms/resident-basic-info`));
  await expect(page.getByRole('heading', { level: 1, name: '个人基本信息表' })).toBeVisible();
  await expect(page.getByText(name).first()).toBeVisible();
  await snap(page, testInfo, '3b-basic-info-form');

  // The same ID number again: said in words, with the record to open.
  await page.goto('/app/residents/new');
  await page.getByLabel('姓名').fill('林建华');
  await page.getByLabel('身份证号').fill(number.toLowerCase());
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const duplicate = page.locator('[data-test=duplicate]');
  await expect(duplicate).toContainText('该身份证号码已建档，不能重复登记。');
  await snap(page, testInfo, '4-already-registered');
  await duplicate.getByRole('link', { name: `打开 ${name} 的档案` }).click();
  await expect(page).toHaveURL(new RegExp(`${residentPath}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // The county public-health manager shows the record in full, giving the reason first.
  const managerContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const manager = await managerContext.newPage();
  await signIn(manager, residentPath, 'fj.county-phc-manager');
  await expect(manager.getByRole('heading', { level: 1, name })).toBeVisible();
  const managerBasics = manager.locator('[data-test=basics]');
  await expect(managerBasics).toContainText(masked);
  await manager.getByRole('button', { name: '查看完整信息' }).click();
  const dialog = manager.getByRole('dialog', { name: '查看完整信息' });
  await expect(dialog.getByPlaceholder('例如：随访核对身份')).toBeVisible();
  await dialog.getByRole('button', { name: '查看', exact: true }).click();
  await expect(dialog).toContainText('请填写查看原因');
  await expect(managerBasics).not.toContainText(number);
  await dialog.getByLabel('查看原因').fill('随访核对身份');
  await snap(manager, testInfo, '5-reveal-reason');
  await dialog.getByRole('button', { name: '查看', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(managerBasics).toContainText(number);
  await expect(managerBasics).toContainText(phone);
  await expect(manager.getByText('正在显示完整信息（已记录）')).toBeVisible();
  const log = manager.locator('[data-test=access-log]');
  await expect(log.locator('.el-table__row').first()).toContainText('fj.county-phc-manager');
  await expect(log.locator('.el-table__row').first()).toContainText('查看未脱敏的个人信息');
  // The reason given is beside the view, in its own column.
  await expect(
    log.locator('.el-table__row').first().locator('[data-test=access-reason]'),
  ).toHaveText('随访核对身份');
  await expect(log.locator('thead')).toContainText('原因');
  await snap(manager, testInfo, '6-shown-in-full');
  await managerContext.close();
});
