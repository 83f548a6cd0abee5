import type { Page, TestInfo } from '@playwright/test';

/** A full-page screenshot kept as the test's artifact (.tmp/e2e-results/<test>/<name>.png). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
