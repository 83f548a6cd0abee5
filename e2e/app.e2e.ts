import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * The frontline app at /app/ as its users meet it, on the demo world the server loads (README:
 * demo users, password Formwork#2026demo). Each step's screen is kept as a screenshot among the
 * test's artifacts (.tmp/e2e-results/<test>/).
 */
const PASSWORD = 'Formwork#2026demo';

async function signIn(page: Page, username: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

test.describe('the frontline app', () => {
  test('a village doctor signs in, finds the shell in Chinese, switches to English and signs out', async ({
    page,
  }, testInfo) => {
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto('/');
    await page.getByRole('link', { name: '基层工作台' }).click();
    await expect(page).toHaveURL(/\/app\/signin$/);
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await snap(page, testInfo, '1-sign-in');

    await signIn(page, 'fj.village-doctor');
    await expect(page).toHaveURL(/\/app\/worklist$/);
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const item of ['工作台', '居民', '任务', '草稿']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.getByText('厚美村卫生室')).toBeVisible();
    await expect(page.getByText('村医（厚美村）')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await snap(page, testInfo, '2-shell-zh');

    await page.getByText('English', { exact: true }).click();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    for (const item of ['Worklist', 'Residents', 'Tasks', 'Drafts']) {
      await expect(navEn.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await navEn.getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await snap(page, testInfo, '3-shell-en');

    // The choice is remembered on this device: a reload stays in English.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/app\/signin\?reason=signed-out$/);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await snap(page, testInfo, '4-signed-out');

    // Signed out means signed out: a screen's address leads back to sign-in.
    await page.goto('/app/tasks');
    await expect(page).toHaveURL(/\/app\/signin\?redirect=\/tasks$/);
    expect(failures).toEqual([]);
  });

  test('a county administrator, whose role needs a second factor, signs in with the authenticator code', async ({
    page,
  }, testInfo) => {
    await page.goto('/app/');
    await signIn(page, 'fj.county-admin');
    const code = page.getByLabel('动态验证码');
    await expect(code).toBeFocused();
    await snap(page, testInfo, '1-totp-step');

    await code.fill('000000');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await expect(page.getByRole('alert')).toContainText('验证码');
    await expect(code).toHaveValue('');

    await code.fill(totpCode(DEMO_TOTP_SECRET));
    await page.getByRole('button', { name: '验证并登录' }).click();
    // Administrators hold no record permissions: the app says so instead of empty screens.
    await expect(page).toHaveURL(/\/app\/no-access$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('没有你可用的功能');
    await snap(page, testInfo, '2-no-access');
  });

  test('when the session ends on the server, the next request brings the user to sign-in and back to the same screen', async ({
    page,
    request,
  }, testInfo) => {
    await page.goto('/app/tasks');
    await expect(page).toHaveURL(/\/app\/signin\?redirect=\/tasks$/);
    await signIn(page, 'fj.county-clinician');
    await expect(page).toHaveURL(/\/app\/tasks$/);
    await expect(page.getByRole('heading', { level: 1, name: '任务' })).toBeVisible();

    // The session ends elsewhere (another tab signed out, an administrator, the idle timeout).
    const token = (await page.evaluate(
      'JSON.parse(sessionStorage.getItem("formwork.session")).token',
    )) as string;
    const ended = await request.post('/api/auth/logout', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ended.ok()).toBe(true);

    await page.getByRole('button', { name: '刷新' }).click();
    await expect(page).toHaveURL(/\/app\/signin\?reason=expired&redirect=\/tasks$/);
    await expect(page.getByText('会话已过期')).toBeVisible();
    await snap(page, testInfo, '1-expired');

    await signIn(page, 'fj.county-clinician');
    await expect(page).toHaveURL(/\/app\/tasks$/);
    await expect(page.getByRole('heading', { level: 1, name: '任务' })).toBeVisible();
  });
});
