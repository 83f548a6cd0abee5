/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { apiSession, DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';

/**
 * A village clinic's link drops: the follow-up is submitted offline, waits on the device as
 * 待上传 pending through a reload, and is stored exactly once when the link returns. A visit the
 * engine refuses on reconnect stays the doctor's draft, with the engine's reason shown.
 */

const field = (page: Page, pointer: string) => page.locator(`[data-fw-path="${pointer}"]`);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function openFollowUp(page: Page, residentId: string) {
  await page.goto(`/app/residents/${residentId}/forms/hypertension-followup`);
  const userName = page.getByLabel('用户名');
  await expect(userName.or(page.locator('.fw-form'))).toBeVisible();
  if (await userName.isVisible()) {
    await page.getByLabel('用户名').fill('fj.village-doctor');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }
  await page.locator('.fw-form').waitFor();
  // The app shell is in the service worker's cache before the link drops.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

async function fill(page: Page, sbp: string, dbp: string) {
  await page.locator('#root_visitDate').fill(today());
  await page.locator('#root_visitDate').press('Enter');
  await field(page, '/followupStatus').getByLabel('随访', { exact: true }).check();
  await field(page, '/visitMode').getByLabel('门诊', { exact: true }).check();
  await field(page, '/symptoms').getByText('无症状').click();
  await page.locator('#root_sbp').fill(sbp);
  await page.locator('#root_dbp').fill(dbp);
  await field(page, '/adherence').getByLabel('规律', { exact: true }).check();
  await field(page, '/classification').getByLabel('控制满意', { exact: true }).check();
  await page.locator('#root_doctorSignature').fill('林医生');
}

async function storedVisits(
  request: Parameters<typeof apiSession>[0],
  residentId: string,
): Promise<{ data: Record<string, unknown> }[]> {
  const doctor = await apiSession(request, 'fj.village-doctor');
  const answer = await request.get(`/api/subjects/${residentId}/submissions`, { headers: doctor });
  return ((await answer.json()) as { submissions: { data: Record<string, unknown> }[] })
    .submissions;
}

test('a visit submitted offline shows as pending, survives a reload, and is stored exactly once when the network returns', async ({
  page,
  context,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '吴秀兰');
  await openFollowUp(page, resident.id);
  await context.setOffline(true);
  await fill(page, '132', '84');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('这次随访已保存在本机，待上传')).toBeVisible();
  await expect(page).toHaveURL(/\/app\/drafts$/);
  const outbox = page.locator('[data-test=outbox]');
  await expect(outbox).toContainText('吴秀兰');
  await expect(outbox.locator('[data-test=pending]')).toHaveText('待上传');
  await snap(page, testInfo, '1-pending');

  // Still offline, the page is reloaded: the app opens from the worker, the visit still waits.
  await page.reload();
  await expect(outbox.locator('[data-test=pending]')).toHaveText('待上传');
  expect(await storedVisits(request, resident.id)).toEqual([]);
  await snap(page, testInfo, '2-pending-after-reload');

  await context.setOffline(false);
  await expect(outbox).toHaveCount(0);
  await expect.poll(async () => (await storedVisits(request, resident.id)).length).toBe(1);
  // Sent again and again changes nothing: the engine's idempotency holds it to one.
  await page.reload();
  await page.locator('h1', { hasText: '草稿' }).waitFor();
  expect((await storedVisits(request, resident.id)).map((v) => v.data)).toMatchObject([
    { sbp: 132, dbp: 84 },
  ]);
  await snap(page, testInfo, '3-sent');
});

test('a queued visit the engine refuses on reconnect (422) stays the doctor’s draft, and the page says why', async ({
  page,
  context,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '何桂芳');
  await openFollowUp(page, resident.id);
  await context.setOffline(true);
  await fill(page, '128', '82');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.locator('[data-test=outbox] [data-test=pending]')).toHaveText('待上传');

  // Stand-in for rules the device did not know (a newer release): the queued record is changed
  // on the device to one the engine's rules refuse (diastolic above systolic).
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('formwork-capture');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('outbox', 'readwrite').objectStore('outbox');
    const all = await new Promise<{ data: Record<string, unknown> }[]>((resolve) => {
      const request = store.getAll();
      request.onsuccess = () => resolve(request.result as { data: Record<string, unknown> }[]);
    });
    for (const entry of all) store.put({ ...entry, data: { ...entry.data, dbp: 140 } });
  });

  await context.setOffline(false);
  await page.getByRole('button', { name: '立即上传' }).click();
  const refused = page.locator('[data-test=visit-refused]');
  await expect(refused).toContainText('服务器拒收了这次提交');
  await expect(refused).toContainText('/dbp');
  await expect(page.locator('[data-test=outbox]')).toContainText('被拒收');
  expect(await storedVisits(request, resident.id)).toEqual([]);
  await snap(page, testInfo, '1-refused');

  // The draft is kept: the form opens with what was entered, and the reason above it.
  // The outbox list is redrawn as the upload settles: a click on a row being replaced is lost,
  // so the doctor's click is repeated until the form opens.
  await expect(async () => {
    await page.getByRole('link', { name: '打开表单' }).first().click();
    await expect(page).toHaveURL(/\/forms\/hypertension-followup/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.locator('.fw-form').waitFor();
  await expect(page.locator('#root_sbp')).toHaveValue('128');
  await expect(page.locator('[data-test=visit-refused]')).toContainText('/dbp');
  await snap(page, testInfo, '2-draft-kept');
});
