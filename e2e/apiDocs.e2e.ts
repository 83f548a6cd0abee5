import { expect, test } from '@playwright/test';

test.describe('API reference', () => {
  test('an integrator opens /api/docs and finds the health operation', async ({ page }) => {
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto('/api/docs');
    await expect(page.getByText('Formwork API', { exact: false }).first()).toBeVisible();
    const health = page.locator('.opblock-summary-path', { hasText: '/api/health' });
    await expect(health).toBeVisible();
    await health.click();
    await expect(page.getByText('Liveness and database reachability').first()).toBeVisible();
    expect(failures).toEqual([]);
  });

  test('the start page links the API reference', async ({ page }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { name: 'Formwork 基本公共卫生服务平台' }),
    ).toBeVisible();
    await page.getByRole('link', { name: '接口文档' }).click();
    await expect(page).toHaveURL(/\/api\/docs$/);
  });
});
