import { expect, test } from '@playwright/test';
import { snap } from './snap.js';
import {
  apiSession,
  DEMO_PASSWORD,
  registerOverdueResident,
  submitUrgentFollowUp,
} from './demoResidents.js';

/**
 * The tasks inbox: a village doctor's follow-up at 186/112 starts an urgent referral; the
 * township's public-health staff claim its first task, read what happened so far, and are told
 * in words when someone else moved the task before them (409).
 */

test('township staff claim the urgent-referral task, see its history, and a conflict is explained in words', async ({
  page,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '张国华');
  await submitUrgentFollowUp(request, resident.id);
  const township = await apiSession(request, 'fj.township-phc');
  type Task = { id: string; instanceId: string; version: number; status: string };
  const taskFor = async () =>
    ((await (await request.get('/api/tasks', { headers: township })).json()) as { tasks: Task[] })
      .tasks;
  await expect.poll(async () => (await taskFor()).length).toBeGreaterThan(0);

  await page.goto('/app/tasks');
  await page.getByLabel('用户名').fill('fj.township-phc');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '任务' })).toBeVisible();
  const row = page.locator('[data-test=tasks] .el-table__row').first();
  await expect(row).toContainText('待认领');
  await snap(page, testInfo, '1-inbox');

  await row.locator('[data-test=claim]').click();
  await expect(row).toContainText('已认领');
  await expect(row).toContainText('由我处理');

  await row.locator('.el-table__expand-icon').click();
  await expect(page.getByText('流程经过')).toBeVisible();
  await expect(page.getByText('启动了流程')).toBeVisible();
  await snap(page, testInfo, '2-claimed-with-history');

  // Meanwhile the task is released elsewhere (another tab): what this page shows is stale.
  const [task] = await taskFor();
  const released = await request.post(`/api/tasks/${task!.id}/release`, {
    headers: { ...township, 'if-match': `"${task!.version}"` },
  });
  expect(released.status()).toBe(200);
  await row.locator('[data-test=release]').click();
  const problem = page.locator('[data-test=task-problem]');
  await expect(problem).toContainText('操作没有完成');
  await expect(problem).toContainText('他人');
  await expect(row).toContainText('待认领');
  await snap(page, testInfo, '3-conflict');
});
