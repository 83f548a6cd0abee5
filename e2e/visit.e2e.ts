/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { apiSession, DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';

/**
 * A village doctor's follow-up in the app: from the home worklist to the generated form, the
 * urgent-referral banner at 185/112, the submit, the visit on the resident's timeline (opened
 * read-only in its own version); errors beside their fields in both languages; the whole form
 * by keyboard alone, and no serious accessibility violation on the page.
 */

async function signIn(page: Page, username: string, to = '/app/') {
  await page.goto(to);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

const field = (page: Page, pointer: string) => page.locator(`[data-fw-path="${pointer}"]`);
/** Today in China, as the form's date rules count it. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The follow-up's required fields, as a doctor fills them with the mouse. */
async function fillFollowUp(page: Page, bp: { sbp: string; dbp: string }) {
  await page.locator('#root_visitDate').fill(today());
  await page.locator('#root_visitDate').press('Enter');
  await field(page, '/followupStatus').getByLabel('随访', { exact: true }).check();
  await field(page, '/visitMode').getByLabel('门诊', { exact: true }).check();
  await field(page, '/symptoms').getByText('无症状').click();
  await page.locator('#root_sbp').fill(bp.sbp);
  await page.locator('#root_dbp').fill(bp.dbp);
  await field(page, '/adherence').getByLabel('规律', { exact: true }).check();
  await field(page, '/classification').getByLabel('控制不满意', { exact: true }).check();
  await page.locator('#root_doctorSignature').fill('林医生');
}

test('a village doctor opens an overdue patient’s follow-up from the worklist, enters 185/112, sees the urgent-referral banner, submits, and finds the visit on the timeline in its own version', async ({
  page,
  request,
}, testInfo) => {
  const name = '陈美玲';
  const resident = await registerOverdueResident(request, name);
  await signIn(page, 'fj.village-doctor');
  await expect(page).toHaveURL(/\/app\/worklist$/);
  const row = page.locator('[data-test=worklist] .el-table__row', { hasText: name });
  await row.getByRole('button', { name: '开始随访' }).click();

  await expect(page.locator('[data-test=visit-form]')).toContainText('高血压患者随访服务记录表');
  await expect(page.locator('[data-test=visit-resident]')).toContainText(name);
  await page.locator('.fw-form').waitFor();
  await fillFollowUp(page, { sbp: '185', dbp: '112' });
  const banner = page.locator('.fw-banner[data-trigger="hypertension-urgent-referral"]');
  await expect(banner).toContainText('紧急转诊');
  // What was typed is a draft, saved on the server after a pause in typing.
  await expect(page.locator('[data-test=draft-status]')).toContainText('草稿已保存');
  await snap(page, testInfo, '1-follow-up-urgent-banner');

  await page.getByRole('button', { name: '提交' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/residents/${resident.id}$`));
  await expect(page.getByText('已提交，随访记录已保存。')).toBeVisible();
  const visit = page.locator('[data-test=visits] [data-test=visit-link]').first();
  await expect(visit).toContainText('高血压患者随访服务记录表');
  await snap(page, testInfo, '2-timeline');

  // Stored once, with the urgent referral flag the form computed; the draft is gone.
  const doctor = await apiSession(request, 'fj.village-doctor');
  const stored = (await (
    await request.get(`/api/subjects/${resident.id}/submissions`, { headers: doctor })
  ).json()) as { submissions: { id: string; data: Record<string, unknown> }[] };
  expect(stored.submissions).toHaveLength(1);
  expect(stored.submissions[0]!.data).toMatchObject({ sbp: 185, dbp: 112, urgentReferral: true });
  const drafts = (await (await request.get('/api/drafts', { headers: doctor })).json()) as {
    drafts: { subjectId: string }[];
  };
  expect(drafts.drafts.filter((d) => d.subjectId === resident.id)).toEqual([]);

  // The visit opens read-only in the version it was captured on.
  await visit.click();
  await expect(page.locator('[data-test=submission-title]')).toContainText(
    '高血压患者随访服务记录表',
  );
  await expect(field(page, '/sbp')).toContainText('185');
  await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
  await snap(page, testInfo, '3-visit-read-only');
});

test('errors show beside their fields in Chinese, the English switch changes them, and the summary takes the doctor to the first', async ({
  page,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '郑春花');
  await signIn(
    page,
    'fj.village-doctor',
    `/app/residents/${resident.id}/forms/hypertension-followup`,
  );
  await page.locator('.fw-form').waitFor();
  await page.locator('#root_sbp').fill('120');
  await page.locator('#root_dbp').fill('130');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.locator('.fw-summary')).toContainText('处需要修改');
  await expect(field(page, '/dbp').locator('.fw-error')).toHaveText('舒张压应低于收缩压');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_visitDate');
  await snap(page, testInfo, '1-errors-zh');

  await page.getByText('English', { exact: true }).click();
  await expect(field(page, '/dbp').locator('.fw-error')).toHaveText(
    'Diastolic pressure must be below systolic',
  );
  await expect(page.locator('.fw-summary')).toContainText('to fix');
  await snap(page, testInfo, '2-errors-en');
  // Nothing was stored.
  const doctor = await apiSession(request, 'fj.village-doctor');
  const stored = (await (
    await request.get(`/api/subjects/${resident.id}/submissions`, { headers: doctor })
  ).json()) as { submissions: unknown[] };
  expect(stored.submissions).toEqual([]);
});

test('by keyboard alone the follow-up is filled and submitted, and axe finds no serious violation on the form page', async ({
  browser,
  request,
}) => {
  const resident = await registerOverdueResident(request, '黄志强');
  // axe-core is injected into the page, which the app's CSP would refuse: this page only.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(
    page,
    'fj.village-doctor',
    `/app/residents/${resident.id}/forms/hypertension-followup`,
  );
  await page.locator('.fw-form').waitFor();

  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(root: Document): Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    // Where each is, so that a failure says which element to fix.
    return result.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      where: nodes.map((node) => node.target.join(' ')),
    }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  const tabTo = async (id: string) => {
    for (let i = 0; i < 250; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  };
  await tabTo('root_visitDate');
  await page.keyboard.type(today());
  await page.keyboard.press('Enter');
  await tabTo('root_followupStatus-0');
  await page.keyboard.press('Space');
  await tabTo('root_visitMode-0');
  await page.keyboard.press('Space');
  await tabTo('root_symptoms-0');
  await page.keyboard.press('Space');
  await tabTo('root_sbp');
  await page.keyboard.type('132');
  await tabTo('root_dbp');
  await page.keyboard.type('84');
  await tabTo('root_adherence-0');
  await page.keyboard.press('Space');
  await tabTo('root_classification-0');
  await page.keyboard.press('Space');
  await tabTo('root_doctorSignature');
  await page.keyboard.type('林医生');
  for (let i = 0; i < 30; i++) {
    const isSubmit = await page.evaluate(
      () => (document.activeElement as HTMLButtonElement | null)?.type === 'submit',
    );
    if (isSubmit) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/app/residents/${resident.id}$`));
  const doctor = await apiSession(request, 'fj.village-doctor');
  const stored = (await (
    await request.get(`/api/subjects/${resident.id}/submissions`, { headers: doctor })
  ).json()) as { submissions: { data: Record<string, unknown> }[] };
  expect(stored.submissions.map((s) => s.data)).toMatchObject([{ sbp: 132, dbp: 84 }]);
  await context.close();
});
