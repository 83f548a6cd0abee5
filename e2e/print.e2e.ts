import { writeFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { snap } from './snap.js';
import {
  apiSession,
  DEMO_PASSWORD,
  registerOverdueResident,
  submitUrgentFollowUp,
} from './demoResidents.js';

/**
 * Printing on A4 (issue 16): the county clinician prints the township's urgent referral slip
 * from the task that asks for their decision — the 双向转诊单 with its stub, every code in words,
 * personal values as the engine serves them to that clinician — and a consultation report from
 * the resident's record. Printed, the app's header and navigation are left out, and the PDF is
 * one or two A4 pages.
 */

type Headers = { authorization: string };
type Task = { id: string; instanceId: string; elementId: string; version: number };

/** Today in China, as the forms' date rules count it. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function signIn(page: Page, username: string, to: string) {
  await page.goto(to);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The user's open task of an instance, once the engine has created it. */
async function taskOf(request: APIRequestContext, headers: Headers, instanceId: string) {
  let found: Task | undefined;
  await expect
    .poll(async () => {
      const { tasks } = (await (await request.get('/api/tasks', { headers })).json()) as {
        tasks: Task[];
      };
      found = tasks.find((t) => t.instanceId === instanceId);
      return Boolean(found);
    })
    .toBe(true);
  return found!;
}

async function complete(
  request: APIRequestContext,
  headers: Headers,
  task: Task,
  body: { data?: Record<string, unknown>; variables?: Record<string, unknown> },
) {
  const res = await request.post(`/api/tasks/${task.id}/complete`, {
    headers: { ...headers, 'if-match': `"${task.version}"` },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** The stored submission of an instance's completed task (its element id in the BPMN). */
async function submissionOf(
  request: APIRequestContext,
  headers: Headers,
  instanceId: string,
  elementId: string,
): Promise<string> {
  const instance = (await (
    await request.get(`/api/workflows/instances/${instanceId}`, { headers })
  ).json()) as { tasks: { elementId: string; submissionId: string | null }[] };
  const id = instance.tasks.find((t) => t.elementId === elementId)?.submissionId;
  expect(id).toBeTruthy();
  return id!;
}

/**
 * Print media: the app's chrome is gone, the sheet is there; then the PDF Chromium prints on A4,
 * kept as the test's artifact, and its number of pages.
 */
async function printed(page: Page, testInfo: TestInfo, name: string): Promise<number> {
  // The screenshot as wide as A4 inside its 15 mm margins (180 mm at 96 dpi): the paper's layout.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 680, height: viewport.height });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-test=print-sheet]')).toBeVisible();
  await expect(page.locator('.shell-header')).toBeHidden();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeHidden();
  await expect(page.locator('[data-test=print-toolbar]')).toBeHidden();
  await snap(page, testInfo, `${name}-print-media`);
  const pdf = await page.pdf({ format: 'A4' });
  const file = testInfo.outputPath(`${name}.pdf`);
  await testInfo.attach(name, { body: pdf, contentType: 'application/pdf' });
  await writeFile(file, pdf);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize(viewport);
  // Each page object of the PDF (not the /Type /Pages tree above them).
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

test('the county clinician prints the urgent referral slip from the decision task: stub and slip on one A4 sheet, every code in words, the patient’s name masked as served, no app chrome on paper', async ({
  page,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '林秀英');
  await submitUrgentFollowUp(request, resident.id);
  const township = await apiSession(request, 'fj.township-phc');
  const county = await apiSession(request, 'fj.county-clinician');

  // The township confirms the urgent referral slip (its form is filled on screen in
  // referral.e2e.ts); the county's decision task then shows it.
  let instanceId = '';
  await expect
    .poll(async () => {
      const { tasks } = (await (await request.get('/api/tasks', { headers: township })).json()) as {
        tasks: (Task & { subjectId: string | null })[];
      };
      instanceId = tasks.find((t) => t.subjectId === resident.id)?.instanceId ?? '';
      return instanceId;
    })
    .not.toBe('');
  const confirm = await taskOf(request, township, instanceId);
  const variables = (
    (await (
      await request.get(`/api/workflows/instances/${instanceId}`, { headers: township })
    ).json()) as {
      variables: { urgency: string; program: string };
    }
  ).variables;
  expect(variables.urgency).toBe('2');
  await complete(request, township, confirm, {
    data: {
      patientName: '林秀英',
      sex: '2',
      age: 70,
      address: '福建省闽侯县上街镇溪源村 12 号',
      phone: '13800001234',
      referralDate: today(),
      fromInstitution: '上街镇卫生院',
      toInstitution: '闽侯县医院',
      toDepartment: '心血管内科',
      urgency: variables.urgency,
      program: variables.program,
      initialImpression: '高血压急症待排',
      historyAndReason: '随访血压 186/112 mmHg，伴头痛头晕，需上级医院处置',
      pastHistory: '高血压 10 年，规律服用苯磺酸氨氯地平片',
      treatmentSoFar: '舌下含服硝苯地平 10 mg，30 分钟后复测 178/108 mmHg',
      referringDoctor: '陈医生',
      referringDoctorPhone: '0591-22881234',
    },
  });
  const decide = await taskOf(request, county, instanceId);
  expect(decide.elementId).toBe('UserTask_decide');
  const slipId = await submissionOf(request, county, instanceId, 'UserTask_fill_urgent');
  // What the engine serves the county clinician: the patient's name and contacts masked.
  const served = (await (
    await request.get(`/api/submissions/${slipId}`, { headers: county })
  ).json()) as {
    data: { patientName: string; phone: string; address: string };
  };
  expect(served.data.patientName).not.toBe('林秀英');

  // From the task asking for the decision, the slip it shows is printed.
  await signIn(page, 'fj.county-clinician', `/app/tasks/${decide.id}`);
  await expect(page.locator('[data-test=task-title]')).toContainText('县医院接诊决定');
  await expect(page.locator('[data-test=task-print]')).toHaveText('打印');
  await snap(page, testInfo, '0-task-with-print');
  await page.locator('[data-test=task-print]').click();
  await expect(page).toHaveURL(new RegExp(`/app/submissions/${slipId}/print$`));
  const sheet = page.locator('[data-test=print-sheet]');
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('双向转诊单（转出单）');

  // The stub the township keeps: who, where to, who referred.
  const stub = page.locator('[data-test=print-stub]');
  await expect(stub).toContainText('存根');
  await expect(stub).toContainText(served.data.patientName);
  await expect(stub).toContainText('闽侯县医院');
  await expect(stub).toContainText('心血管内科');
  // The slip: addressed to the county hospital, the patient as served (masked), the sex in words.
  const slip = page.locator('[data-test=print-slip]');
  await expect(slip).toContainText('闽侯县医院：');
  await expect(page.locator('[data-test=print-letter]')).toHaveText(
    `现有患者 ${served.data.patientName}，性别 女，年龄 70 岁，因病情需要，需转入贵单位，请予以接诊。`,
  );
  const cell = (path: string) => slip.locator(`[data-print-path="${path}"]`);
  await expect(cell('/historyAndReason')).toHaveText(
    '随访血压 186/112 mmHg，伴头痛头晕，需上级医院处置',
  );
  await expect(cell('/urgency')).toHaveText('紧急');
  await expect(cell('/program')).toHaveText('高血压患者健康管理');
  await expect(cell('/phone')).toHaveText(served.data.phone);
  await expect(cell('/address')).toHaveText(served.data.address);
  await expect(slip).toContainText('转诊医生（签字）：陈医生');
  await expect(slip).toContainText('上街镇卫生院');
  await expect(sheet).not.toContainText('林秀英');
  await expect(page.locator('[data-test=print-footer]')).toContainText('县医院医生');
  await snap(page, testInfo, '1-slip-screen');

  const pages = await printed(page, testInfo, '2-slip');
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);

  // In English, the same slip in the form's English labels and codes.
  await page.getByText('English', { exact: true }).click();
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText(
    'Two-way referral: outbound slip',
  );
  await expect(cell('/urgency')).toHaveText('Urgent');
  await expect(stub).toContainText('Stub');
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
  await snap(page, testInfo, '3-slip-screen-en');
  await page.getByText('中文', { exact: true }).click();

  // The button prints the page: the browser's print starts (announced by beforeprint). Last,
  // as the headless browser then holds the page as being printed.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.addEventListener('beforeprint', () => {
      (window as unknown as { printed: number }).printed += 1;
    });
  });
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
    .toBe(1);
});

test('the county clinician prints the remote consultation report from the resident’s record: institution, resident, the expert’s title in words, on A4', async ({
  page,
  request,
}, testInfo) => {
  const resident = await registerOverdueResident(request, '刘淑珍');
  const township = await apiSession(request, 'fj.township-phc');
  const county = await apiSession(request, 'fj.county-clinician');

  // A consultation requested by the township, triaged, confirmed and reported by the county.
  const started = await request.post('/api/workflows/remote-consultation/instances', {
    headers: township,
    data: { subjectId: resident.id },
  });
  expect(started.status(), await started.text()).toBe(201);
  const instanceId = ((await started.json()) as { id: string }).id;
  const consultRequest = {
    patientName: '刘淑珍',
    sex: '2',
    age: 70,
    patientSummary: '高血压 10 年，近两次随访血压 168/102 mmHg、172/104 mmHg',
    question: '现用苯磺酸氨氯地平片 5 mg 每日一次，血压仍未达标，请指导调整降压方案',
    urgency: '1',
    requestedSpecialty: '心血管内科',
    consentObtained: true,
    requestingDoctor: '陈医生',
    requestingInstitution: '上街镇卫生院',
    requestDate: today(),
  };
  await complete(request, township, await taskOf(request, township, instanceId), {
    data: consultRequest,
  });
  await complete(request, county, await taskOf(request, county, instanceId), {
    data: consultRequest,
    variables: { triage: 'accept' },
  });
  await complete(request, county, await taskOf(request, county, instanceId), {
    data: consultRequest,
  });
  await complete(request, county, await taskOf(request, county, instanceId), {
    data: {
      findings: '血压控制不佳，无靶器官损害表现',
      diagnosis: '原发性高血压 2 级',
      recommendations: '加用氢氯噻嗪片 12.5 mg 每日一次，两周后复测血压；低盐饮食',
      expert: '王主任',
      expertTitle: '1',
      expertInstitution: '闽侯县医院',
      signedAt: new Date().toISOString(),
    },
  });
  const reportId = await submissionOf(request, county, instanceId, 'UserTask_consult');

  // The report, read-only from the resident's record, then its print.
  await signIn(page, 'fj.county-clinician', `/app/submissions/${reportId}`);
  await expect(page.locator('[data-test=submission-title]')).toHaveText('远程会诊报告');
  await page.locator('[data-test=submission-print]').click();
  await expect(page).toHaveURL(new RegExp(`/app/submissions/${reportId}/print$`));
  const sheet = page.locator('[data-test=print-sheet]');
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('远程会诊报告');
  await expect(page.locator('[data-test=print-institution]')).toContainText('管理机构');
  await expect(page.locator('[data-test=print-institution]')).not.toContainText(/\d{6}/);
  await expect(page.locator('[data-test=print-resident]')).toContainText('刘淑珍');
  await expect(page.locator('[data-test=print-resident]')).toContainText('女');
  const cell = (path: string) => sheet.locator(`[data-print-path="${path}"]`);
  await expect(cell('/diagnosis')).toHaveText('原发性高血压 2 级');
  await expect(cell('/expertTitle')).toHaveText('主任医师');
  await expect(cell('/signedAt')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(page.locator('[data-test=print-masked]')).toBeVisible();
  await snap(page, testInfo, '1-report-screen');

  const pages = await printed(page, testInfo, '2-report');
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
});
