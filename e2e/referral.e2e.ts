import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import {
  apiSession,
  DEMO_PASSWORD,
  registerOverdueResident,
  submitUrgentFollowUp,
} from './demoResidents.js';

/**
 * The end of acceptance 1: a village doctor's follow-up at 186/112 has started an urgent
 * referral; the township's public-health staff confirm the referral slip in its form, and the
 * county hospital's clinician finds the referral in the inbox, reads the slip and accepts it.
 */

async function signIn(page: Page, username: string, to: string) {
  await page.goto(to);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

const field = (page: Page, pointer: string) => page.locator(`[data-fw-path="${pointer}"]`);
/** Today in China, as the form's date rules count it. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

type Task = {
  id: string;
  instanceId: string;
  elementId: string;
  subjectId: string | null;
  version: number;
};

test('township staff confirm the urgent referral slip in its form; the county clinician finds the referral in the inbox, reads the slip and accepts it', async ({
  page,
  request,
}, testInfo) => {
  const name = '林秀英';
  const resident = await registerOverdueResident(request, name);
  await submitUrgentFollowUp(request, resident.id);
  const township = await apiSession(request, 'fj.township-phc');
  const tasksOf = async (headers: { authorization: string }) =>
    ((await (await request.get('/api/tasks', { headers })).json()) as { tasks: Task[] }).tasks;
  await expect
    .poll(async () => (await tasksOf(township)).some((t) => t.subjectId === resident.id))
    .toBe(true);
  const confirm = (await tasksOf(township)).find((t) => t.subjectId === resident.id)!;

  // The township's public-health staff open the task from the inbox: the newest row.
  await signIn(page, 'fj.township-phc', '/app/tasks');
  await expect(page.getByRole('heading', { level: 1, name: '任务' })).toBeVisible();
  const newest = page.locator('[data-test=tasks] .el-table__row').last();
  await expect(newest).toContainText('确认紧急转出单');
  // The row names the resident, a link to their page.
  await expect(newest.locator('[data-test=task-resident]')).toHaveText(name);
  await newest.getByRole('button', { name: '办理' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/tasks/${confirm.id}$`));
  await expect(page.locator('[data-test=task-title]')).toContainText('确认紧急转出单');
  await expect(page.locator('[data-test=task-resident]')).toContainText(name);
  await page.locator('.fw-form').waitFor();
  // Started from what the referral and the resident's record already say.
  await expect(page.locator('#root_patientName')).toHaveValue(name);
  await expect(field(page, '/urgency').getByLabel('紧急', { exact: true })).toBeChecked();
  await expect(page.getByText('启动了流程')).toBeVisible();

  // Submitted with a required field left empty: the form says so and nothing moves.
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.locator('.fw-summary')).toContainText('处需要修改');
  await snap(page, testInfo, '1-township-slip-errors');

  await page.locator('#root_age').fill('70');
  await page.locator('#root_referralDate').fill(today());
  await page.locator('#root_referralDate').press('Enter');
  await page.locator('#root_fromInstitution').fill('上街镇卫生院');
  await page.locator('#root_toInstitution').fill('闽侯县医院');
  await page.locator('#root_initialImpression').fill('高血压急症待排');
  await page.locator('#root_historyAndReason').fill('随访血压 186/112 mmHg，需上级医院处置');
  await page.locator('#root_referringDoctor').fill('陈医生');
  await snap(page, testInfo, '2-township-slip-filled');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(/\/app\/tasks$/);
  await expect(page.getByText('已办结：确认紧急转出单')).toBeVisible();
  await snap(page, testInfo, '3-township-done');
  await signOut(page);

  // The county hospital's clinician: the referral waits for their decision.
  const county = await apiSession(request, 'fj.county-clinician');
  const decide = (await tasksOf(county)).find((t) => t.instanceId === confirm.instanceId);
  expect(decide?.elementId).toBe('UserTask_decide');
  await signIn(page, 'fj.county-clinician', '/app/tasks');
  const row = page.locator('[data-test=tasks] .el-table__row').last();
  await expect(row).toContainText('县医院接诊决定');
  await expect(row.locator('[data-test=task-resident]')).toHaveText(name);
  await snap(page, testInfo, '4-county-inbox');
  // The resident's page, opened from the row: the open referral, waiting for this decision.
  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/app/residents/${resident.id}$`));
  const open = page.locator('[data-test=workflows]');
  await expect(open.locator('.el-table__row')).toHaveCount(1);
  await expect(open).toContainText('双向转诊');
  const decision = open.locator('[data-test=workflow-task]', { hasText: '县医院接诊决定' });
  await expect(decision).toContainText('待认领');
  await snap(page, testInfo, '4b-county-resident-open-referral');
  await decision.getByRole('link', { name: '办理' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/tasks/${decide!.id}$`));
  await expect(page.locator('[data-test=task-resident]')).toContainText(name);
  // The slip as the township submitted it, read-only.
  await expect(page.getByText('转出机构提交的单据（只读）')).toBeVisible();
  await expect(field(page, '/historyAndReason')).toContainText('随访血压 186/112 mmHg');
  await expect(field(page, '/toInstitution')).toContainText('闽侯县医院');
  await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
  await expect(page.getByText('办结了任务')).toBeVisible();

  // Declining needs a reason: asked, refused empty, then the clinician accepts instead.
  await page.getByRole('button', { name: '拒绝' }).click();
  await page.getByRole('button', { name: '确认拒绝' }).click();
  await expect(page.locator('[data-test=task-reason-missing]')).toHaveText('请填写拒绝原因');
  await snap(page, testInfo, '5-county-decline-needs-reason');
  await page.getByRole('button', { name: '取消' }).click();
  await snap(page, testInfo, '6-county-slip');
  // Meanwhile the task is claimed in another tab: what this page shows is stale (409).
  const claimed = await request.post(`/api/tasks/${decide!.id}/claim`, {
    headers: { ...county, 'if-match': `"${decide!.version}"` },
  });
  expect(claimed.status()).toBe(200);
  await page.getByRole('button', { name: '接收' }).click();
  const problem = page.locator('[data-test=task-problem]');
  await expect(problem).toContainText('没有办结');
  await expect(problem).toContainText('任务已被他人更新');
  await snap(page, testInfo, '7-county-conflict');
  await page.getByRole('button', { name: '重新加载' }).click();
  await expect(problem).toHaveCount(0);
  await expect(page.locator('[data-test=task-title]')).toContainText('县医院接诊决定');

  await page.getByRole('button', { name: '接收' }).click();
  await expect(page).toHaveURL(/\/app\/tasks$/);
  await expect(page.getByText('已办结：县医院接诊决定')).toBeVisible();
  await snap(page, testInfo, '8-county-accepted');

  // The instance has moved past the decision: accepted, waiting for the patient to arrive.
  const instance = (await (
    await request.get(`/api/workflows/instances/${confirm.instanceId}`, { headers: county })
  ).json()) as {
    variables: Record<string, unknown>;
    tasks: { elementId: string; status: string; completedBy: string | null }[];
    history: { event: string; elementId: string | null }[];
  };
  expect(instance.variables.decision).toBe('accept');
  expect(instance.tasks.find((t) => t.elementId === 'UserTask_decide')?.status).toBe('completed');
  expect(instance.history).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ event: 'element.completed', elementId: 'Gateway_decision' }),
      // Waiting for the patient to arrive, with the arrival deadline set.
      expect.objectContaining({ event: 'timer.scheduled', elementId: 'Boundary_arrival_timeout' }),
    ]),
  );
  expect((await tasksOf(county)).some((t) => t.instanceId === confirm.instanceId)).toBe(false);
});
