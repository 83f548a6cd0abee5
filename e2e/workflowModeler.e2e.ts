import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { apiSession, DEMO_PASSWORD, idNumber } from './demoResidents.js';
import { snap } from './snap.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * Issue 17, acceptance 2: Yunnan's workflow admin (the province configurator, who holds
 * workflows.edit) opens the national two-way referral in the designer's workflow modeler (the
 * palette and the replace menu offer nothing the engine cannot run), changes the hypertension
 * follow-up's 14-day timer to 10 days with the number + unit editor and the county's accept
 * condition with the condition builder (a county that admits the patient accepts too), sees the
 * engine's lint pass, and saves the workflow into a new draft of Yunnan's overlay; the API serves
 * that draft with the new timer and condition. They submit it in the designer, Yunnan's reviewer
 * approves it and Yunnan's publisher publishes it with the second factor (the designer's review
 * and publish screens), which makes its release Yunnan's current one; a referral started on it
 * then runs the change (the follow-up due in 10 days, `admit` taken as accepted). A referral
 * that was running before is counted on its element in the modeler and migrated to the new
 * release in the modeler's migration dialog. A BPMN file exported by another tool, holding a
 * script task and a Java-class service task, opens with both listed as what the engine cannot
 * run, and the diagram shows them. Yunnan, because no later journey runs a Yunnan referral
 * (overlayEditor.e2e.ts only opens a Yunnan follow-up form, which this release leaves as it is).
 */

test.use({ testIdAttribute: 'data-test' });

const ADMIN = 'yn.province-configurator';
const TIMER = 'Boundary_followup_hypertension_due';
const FLOW = 'Flow_accept';
const CONDITION = '{"in":[{"var":"decision"},["accept","admit"]]}';
/** The BPMN lint's own fixture: a script task, no diagram interchange. */
const WITHOUT_DIAGRAM = fileURLToPath(
  new URL('../definitions/src/bpmn/fixtures/bad/script-task.bpmn', import.meta.url),
);
const EXPORTED = fileURLToPath(
  new URL('./fixtures/exported-with-script-task.bpmn', import.meta.url),
);

interface Release {
  id: string;
  jurisdiction: string;
  current: boolean;
  base: { spec: string; version: string };
  overlay: { key: string; version: string } | null;
}

interface InstanceView {
  releaseId: string;
  tasks: {
    id: string;
    elementId: string;
    status: string;
    version: number;
    createdAt: string;
    dueAt: string | null;
  }[];
}

/** Yunnan's current release, as its workflow admin reads the releases. */
async function yunnanCurrent(request: APIRequestContext, headers: Record<string, string>) {
  const res = await request.get('/api/releases', { headers });
  expect(res.status()).toBe(200);
  const { releases } = (await res.json()) as { releases: Release[] };
  return releases.find((r) => r.jurisdiction === '530000' && r.current)!;
}

/**
 * A Yunnan resident of the village doctor's village, and a two-way referral started for them by
 * the township's public-health staff (through the API): it waits at the slip (UserTask_fill).
 */
async function startYunnanReferral(request: APIRequestContext, township: Record<string, string>) {
  const village = await request.post('/api/auth/login', {
    data: { username: 'yn.village-doctor', password: DEMO_PASSWORD },
  });
  const { token, user } = (await village.json()) as {
    token: string;
    user: { grants: { orgCode: string }[] };
  };
  let subjectId = '';
  for (let attempt = 0; attempt < 30 && !subjectId; attempt++) {
    const res = await request.post('/api/subjects', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        name: '岩香',
        idNumber: idNumber(Math.floor(Math.random() * 100), 5),
        orgCode: user.grants[0]!.orgCode,
      },
    });
    if (res.status() === 409) continue;
    expect(res.status(), await res.text()).toBe(201);
    subjectId = ((await res.json()) as { id: string }).id;
  }
  expect(subjectId).not.toBe('');
  const started = await request.post('/api/workflows/two-way-referral/instances', {
    headers: township,
    data: { subjectId, businessKey: `modeler-${subjectId}` },
  });
  expect(started.status(), await started.text()).toBe(201);
  return (await started.json()) as { id: string; releaseId: string };
}

async function instance(request: APIRequestContext, headers: Record<string, string>, id: string) {
  const res = await request.get(`/api/workflows/instances/${id}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as InstanceView;
}

/** Completes the open task at `elementId` of the instance, from the holder's worklist. */
async function completeTask(
  request: APIRequestContext,
  headers: Record<string, string>,
  instanceId: string,
  elementId: string,
  body: object,
) {
  const list = await request.get('/api/tasks', { headers });
  const { tasks } = (await list.json()) as {
    tasks: { id: string; instanceId: string; elementId: string; version: number }[];
  };
  const task = tasks.find((t) => t.instanceId === instanceId && t.elementId === elementId);
  expect(task, `${elementId} on the worklist`).toBeDefined();
  const res = await request.post(`/api/tasks/${task!.id}/complete`, {
    headers: { ...headers, 'If-Match': `"${task!.version}"` },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** The township's referral slip (referral-out), valid for the seed's form. */
const REFERRAL_OUT = {
  patientName: '岩香',
  sex: '2',
  age: 70,
  referralDate: new Date().toISOString().slice(0, 10),
  fromInstitution: '临翔区某乡镇卫生院',
  toInstitution: '临翔区人民医院',
  urgency: '1',
  program: '1',
  initialImpression: '高血压控制不佳',
  historyAndReason: '连续两次随访血压未达标',
  referringDoctor: '杨医生',
};

/** A fresh browser session for one user: the designer's sign-in, the code when asked. */
async function signIn(browser: Browser, username: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  return { page, failures, context };
}

/** The 6-digit code of the 30-second step after `used` (a code is accepted once only). */
async function codeAfter(used: number): Promise<string> {
  for (;;) {
    if (Math.floor(Date.now() / 30_000) > used) return totpCode(DEMO_TOTP_SECRET);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Signs in with the authenticator code of now; a code an earlier journey used in this 30-second
 * step is refused (accepted once only), so then the next step's. Returns the step whose code
 * was accepted.
 */
async function enterCode(page: Page): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const now = new Date();
    const step = Math.floor(now.getTime() / 30_000);
    await page.getByLabel('动态验证码').fill(totpCode(DEMO_TOTP_SECRET, now));
    await page.getByRole('button', { name: '验证并登录' }).click();
    try {
      await expect(page).toHaveURL(/\/designer\/releases$/, { timeout: 5_000 });
      return step;
    } catch (error) {
      if (attempt > 0) throw error;
      await codeAfter(step);
    }
  }
}

/** Waits for the page's animations (a dialog's opening) before a screenshot. */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );

/** Picks `option` in the Element Plus select marked `testId`. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Selects a diagram element by clicking its shape. */
async function selectElement(page: Page, id: string) {
  const element = page.locator(`[data-test="canvas"] g.djs-element[data-element-id="${id}"]`);
  // A straight flow's box has no height, which Playwright counts as hidden: click its middle.
  const box = await element.locator('.djs-hit').first().boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(page.getByTestId('element-id')).toHaveText(id);
}

test('a workflow admin changes a timer and a condition of the referral, sees the lint pass, saves it into a draft that is reviewed and published; running instances are counted on the diagram and migrated; a file with a script task opens with it listed as unsupported', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(300_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));

  // Given a Yunnan referral running on Yunnan's current release, waiting at the slip.
  const adminApi = await apiSession(request, ADMIN);
  const township = await apiSession(request, 'yn.township-phc');
  const before = await yunnanCurrent(request, adminApi);
  const running = await startYunnanReferral(request, township);
  expect(running.releaseId).toBe(before.id);

  // And Yunnan's workflow admin signed in to the designer.
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill(ADMIN);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/designer\/versions$/);

  // When they open 流程 and the national spec's two-way referral.
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '流程' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '流程' })).toBeVisible();
  await expect(page.getByTestId('open-file')).toBeEnabled();
  await choose(page, 'source-version', 'national-phs@3.0.1');
  await choose(page, 'workflow-key', 'two-way-referral');
  await expect(page.locator(`g.djs-element[data-element-id="${TIMER}"]`)).toBeVisible();
  // Then the engine's lint passes on the seed as shipped.
  await expect(page.getByTestId('lint-pass')).toBeVisible();
  await snapAs(page, '01-referral-opened');

  // A user task shows the form it opens, its candidate role and the org level that implies.
  await selectElement(page, 'UserTask_decide');
  await expect(page.getByTestId('form-key')).toContainText('referral-out');
  await expect(page.getByTestId('candidate-role')).toContainText('县医院医生');
  await expect(page.getByTestId('org-level')).toHaveText('县');
  await snapAs(page, '02-user-task-panel');

  // When they change the hypertension follow-up's timer from 14 to 10 days.
  await selectElement(page, TIMER);
  await expect(page.getByTestId('timer-iso')).toContainText('P14D');
  await expect(page.getByTestId('timer-unit')).toContainText('天');
  const amount = page.getByTestId('timer-amount').locator('input');
  await amount.fill('10');
  await amount.press('Enter');
  await expect(page.getByTestId('timer-iso')).toContainText('P10D');
  await snapAs(page, '03-timer-changed');

  // And the county's accept condition: a typo in the JSON is refused (the diagram unchanged);
  // then the condition builder's row (decision 等于 accept) becomes decision 属于 [accept, admit].
  await selectElement(page, FLOW);
  await expect(page.getByTestId('condition')).toHaveValue('{"==":[{"var":"decision"},"accept"]}');
  await page.getByTestId('condition').fill('{"in":[{"var":"decision"}');
  await expect(page.getByTestId('condition-problem')).toContainText('不是合法 JSON');
  await page.getByTestId('condition').fill('{"==":[{"var":"decision"},"accept"]}');
  const row = page.getByTestId('condition-row');
  await expect(row).toHaveCount(1);
  // Element Plus puts the mark on the input itself or on its wrapper.
  const inputOf = (test: string) =>
    row.locator(`input[data-test="${test}"], [data-test="${test}"] input`).first();
  await expect(inputOf('condition-variable')).toHaveValue('decision');
  await row.getByTestId('condition-operator').click();
  await page.getByRole('option', { name: '属于', exact: true }).last().click();
  const value = inputOf('condition-value');
  await value.fill('["accept","admit"]');
  await value.press('Tab');
  await expect(page.getByTestId('condition')).toHaveValue(/"in"/);
  expect(JSON.parse(await page.getByTestId('condition').inputValue())).toEqual(
    JSON.parse(CONDITION),
  );
  await expect(page.getByTestId('condition-problem')).toHaveCount(0);
  // Then the lint passes on the edited diagram.
  await expect(page.getByTestId('lint-pass')).toBeVisible();
  await snapAs(page, '04-condition-changed');

  // When they save it into a new draft of Yunnan's overlay.
  await page.getByTestId('save').click();
  // A new draft (an earlier journey may have left a draft of Yunnan's to save into instead).
  await page.getByTestId('save-new').click();
  await expect(page.getByTestId('save-new-of')).toContainText('yunnan');
  const version = await page.getByTestId('save-version').inputValue();
  expect(version).toMatch(/^1\.\d+\.0$/);
  // The dialog's opening transition finished before the screenshot.
  await page
    .getByRole('dialog')
    .evaluate((el) =>
      Promise.allSettled(el.ownerDocument.getAnimations().map((animation) => animation.finished)),
    );
  await snapAs(page, '05-save-dialog');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('saved')).toContainText(`yunnan@${version}`);
  await snapAs(page, '06-saved');

  // Then the engine serves the draft with the new timer and condition in its BPMN.
  const headers = await apiSession(request, ADMIN);
  const res = await request.get(`/api/overlays/yunnan/versions/${version}`, { headers });
  expect(res.status()).toBe(200);
  const draft = (await res.json()) as {
    status: string;
    content: { operations: { op: string; workflow?: string; bpmn?: string }[] };
  };
  expect(draft.status).toBe('draft');
  const op = draft.content.operations.find((o) => o.workflow === 'two-way-referral');
  expect(op?.op).toBe('replace-workflow');
  const timer = new RegExp(
    `<bpmn:boundaryEvent id="${TIMER}"[\\s\\S]*?<bpmn:timeDuration[^>]*>([^<]*)</bpmn:timeDuration>`,
  ).exec(op!.bpmn!);
  expect(timer?.[1]).toBe('P10D');
  const condition = new RegExp(
    `<bpmn:sequenceFlow id="${FLOW}"[\\s\\S]*?<bpmn:conditionExpression[^>]*language="jsonlogic"[^>]*>([^<]*)</bpmn:conditionExpression>`,
  ).exec(op!.bpmn!);
  expect(condition?.[1]?.replaceAll('&quot;', '"')).toBe(CONDITION);
  // The other follow-ups keep their 14 days.
  expect(op!.bpmn).toContain('P14D');

  // When they submit the draft for review in the designer…
  await page
    .getByTestId('saved')
    .getByRole('link', { name: `yunnan@${version}` })
    .click();
  await expect(page.getByTestId('version-title')).toContainText(`yunnan@${version}`);
  await expect(page.getByTestId('diff')).toContainText('two-way-referral');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('done')).toHaveText('已提交审核');
  await snapAs(page, '06b-submitted');

  // …Yunnan's reviewer approves it…
  const reviewer = await signIn(browser, 'yn.province-reviewer');
  await expect(reviewer.page).toHaveURL(/\/designer\/review$/);
  await reviewer.page
    .getByRole('link', { name: `yunnan@${version}` })
    .first()
    .click();
  await expect(reviewer.page.getByTestId('diff')).toContainText('two-way-referral');
  await reviewer.page.getByTestId('approve').click();
  await reviewer.page.getByTestId('approve-dialog').getByTestId('confirm-verdict').click();
  await expect(reviewer.page.getByTestId('done')).toHaveText('已审核通过');
  await snapAs(reviewer.page, '06c-approved');
  expect(reviewer.failures).toEqual([]);
  await reviewer.context.close();

  // …and Yunnan's publisher, signed in with the authenticator code, publishes it with the code
  // asked again.
  const publisher = await signIn(browser, 'yn.province-publisher');
  const step = await enterCode(publisher.page);
  await publisher.page
    .getByTestId('pending-publication')
    .getByRole('link', { name: `yunnan@${version}` })
    .click();
  await publisher.page.getByTestId('publish').click();
  const publishDialog = publisher.page.getByTestId('publish-dialog');
  await publishDialog.getByLabel('密码').fill(DEMO_PASSWORD);
  await publishDialog.getByLabel('动态验证码').fill(await codeAfter(step));
  await publishDialog.getByTestId('confirm-publish').click();
  await expect(publisher.page.getByTestId('done')).toContainText(`+yunnan@${version}`);
  const releaseId = (await publisher.page.getByTestId('release-id').textContent())!.trim();
  expect(releaseId).toMatch(
    new RegExp(`^national-phs@[\\d.]+\\+yunnan@${version.replaceAll('.', '\\.')}$`),
  );
  await snapAs(publisher.page, '06d-published');
  expect(publisher.failures).toEqual([]);
  await publisher.context.close();

  // Then the published release is Yunnan's current one and runs the change: a referral started
  // now is pinned to it, the township's follow-up is due 10 days after the slip, and a county
  // that admits the patient takes the accept branch.
  expect((await yunnanCurrent(request, adminApi)).id).toBe(releaseId);
  const county = await apiSession(request, 'yn.county-clinician');
  const changed = await startYunnanReferral(request, township);
  expect(changed.releaseId).toBe(releaseId);
  await completeTask(request, township, changed.id, 'UserTask_fill', { data: REFERRAL_OUT });
  const followUp = (await instance(request, township, changed.id)).tasks.find(
    (t) => t.elementId === 'UserTask_followup_hypertension',
  )!;
  const days = (Date.parse(followUp.dueAt!) - Date.parse(followUp.createdAt)) / 86_400_000;
  expect(Math.round(days)).toBe(10);
  await completeTask(request, county, changed.id, 'UserTask_decide', {
    variables: { decision: 'admit' },
  });
  const counts = await request.get(
    `/api/workflows/two-way-referral/instance-counts?release=${encodeURIComponent(releaseId)}`,
    { headers: adminApi },
  );
  const { releases: counted } = (await counts.json()) as {
    releases: { releaseId: string; elements: Record<string, number> }[];
  };
  expect(counted[0]?.elements.ReceiveTask_arrival).toBe(1);

  // When the workflow admin opens the referral of the release the first referral runs on, the
  // diagram shows how many running instances wait at each element.
  const beforeLabel = before.overlay
    ? `${before.overlay.key}@${before.overlay.version}`
    : `${before.base.spec}@${before.base.version}`;
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '流程' })
    .click();
  await expect(page.getByTestId('open-file')).toBeEnabled();
  await choose(page, 'source-version', beforeLabel);
  // The version's workflows load before its workflow can be chosen.
  await expect(page.getByTestId('workflow-key')).toContainText('选择流程');
  await expect(page.getByTestId('workflow-key').locator('input')).toBeEnabled();
  await choose(page, 'workflow-key', 'two-way-referral');
  const onBefore = await request.get(
    `/api/workflows/two-way-referral/instance-counts?release=${encodeURIComponent(before.id)}`,
    { headers: adminApi },
  );
  const beforeCounts = (
    (await onBefore.json()) as {
      releases: { instances: number; elements: Record<string, number> }[];
    }
  ).releases[0];
  await expect(page.getByTestId('instance-count-UserTask_fill')).toHaveText(
    String(beforeCounts!.elements.UserTask_fill),
  );
  await expect(page.getByTestId('instances-shown')).toContainText(before.id);
  await snapAs(page, '06e-instance-counts');

  // And migrates them to the new release: each element mapped to the same id by default.
  await page.getByTestId('migrate').click();
  const migration = page.getByTestId('migration-dialog');
  await expect(migration.getByTestId('migration-from')).toContainText(before.id);
  await expect(migration.getByTestId('migration-to')).toContainText(releaseId);
  await expect(migration.getByTestId('migration-target-UserTask_fill')).toContainText(
    'UserTask_fill',
  );
  await expect(migration.getByTestId('migration-unmapped')).toHaveCount(0);
  await settled(page);
  await snapAs(page, '06f-migration-dialog');
  await migration.getByTestId('migration-confirm').click();
  await expect(migration.getByTestId('migration-result')).toContainText(
    `已将 ${beforeCounts!.instances} 个实例从 ${before.id} 迁移到 ${releaseId}`,
  );
  await snapAs(page, '06g-migrated');
  // Then the referral that was running is pinned to the new release, still at its slip.
  const moved = await instance(request, township, running.id);
  expect(moved.releaseId).toBe(releaseId);
  expect(moved.tasks.filter((t) => t.status === 'open').map((t) => t.elementId)).toEqual([
    'UserTask_fill',
  ]);
  await migration.getByTestId('migration-close').click();
  // And nothing is left running on the old release.
  await expect(page.getByTestId('instance-count-UserTask_fill')).toHaveCount(0);
  // The new release's instances: the migrated one at its slip, the one started on it waiting
  // for the patient's arrival (with the township's follow-up and its timer beside it).
  await page.getByTestId('instances-release').click();
  await page.getByRole('option', { name: `${releaseId}（2 个）`, exact: true }).click();
  await expect(page.getByTestId('instance-count-UserTask_fill')).toHaveText('1');
  await expect(page.getByTestId('instance-count-ReceiveTask_arrival')).toHaveText('1');
  await expect(page.getByTestId('instance-count-UserTask_followup_hypertension')).toHaveText('1');
  await expect(page.getByTestId('instances-shown')).toContainText(`图是 ${beforeLabel} 的流程`);
  await snapAs(page, '06g2-new-release-counts');

  // The palette offers only what the engine runs: no script task, no sub-process, no data
  // object; its task is a user task.
  const palette = page.locator('.djs-palette');
  await expect(palette.locator('[data-action="create.task"]')).toHaveClass(/bpmn-icon-user-task/);
  for (const absent of [
    '.bpmn-icon-script-task',
    '.bpmn-icon-script',
    '[data-action="create.subprocess-expanded"]',
    '[data-action="create.data-object"]',
    '[data-action="create.data-store"]',
  ])
    await expect(palette.locator(absent)).toHaveCount(0);
  // The replace menu of a task offers no script or business-rule task (nor a sub-process).
  await page.locator('g.djs-element[data-element-id="UserTask_decide"] .djs-hit').first().click();
  await page.locator('.djs-context-pad [data-action="replace"]').click();
  const menu = page.locator('.djs-popup');
  await expect(menu.locator('[data-id="replace-with-service-task"]')).toBeVisible();
  for (const absent of [
    'replace-with-script-task',
    'replace-with-rule-task',
    'replace-with-call-activity',
    'replace-with-collapsed-subprocess',
  ])
    await expect(menu.locator(`[data-id="${absent}"]`)).toHaveCount(0);
  await snapAs(page, '06h-replace-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // When they open a file another modelling tool exported, with a script task and a service
  // task implemented by a Java class.
  await page.getByTestId('file-input').setInputFiles(EXPORTED);
  await expect(page.getByTestId('origin-file')).toContainText('exported-with-script-task.bpmn');
  // Then the diagram shows, and what the engine cannot run is listed element by element.
  await expect(page.locator('g.djs-element[data-element-id="ScriptTask_bmi"]')).toBeVisible();
  await expect(page.getByTestId('lint-fail')).toBeVisible();
  const unsupported = page.getByTestId('unsupported-item');
  await expect(unsupported.filter({ hasText: 'ScriptTask_bmi' })).toContainText('脚本任务');
  await expect(unsupported.filter({ hasText: 'ServiceTask_archive' })).toContainText('Java');
  await expect(page.getByTestId('lint-badge-ScriptTask_bmi')).toBeVisible();
  await expect(page.getByTestId('save')).toBeDisabled();
  await snapAs(page, '07-exported-file');

  // A file without diagram interchange, pasted: bpmn-js cannot draw it, which is said, and what
  // the engine cannot run is still listed.
  await page.getByTestId('paste').click();
  await page.getByTestId('paste-text').fill(readFileSync(WITHOUT_DIAGRAM, 'utf8'));
  await page.getByTestId('paste-open').click();
  await expect(page.getByTestId('import-failed')).toContainText('no diagram to display');
  await expect(
    page.getByTestId('unsupported-item').filter({ hasText: 'ScriptTask_bmi' }),
  ).toContainText('脚本任务');
  // Only the pasted file's problems: nothing left of the file before.
  await expect(page.getByTestId('unsupported-item')).toHaveCount(1);
  await expect(page.getByTestId('save')).toBeDisabled();
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );
  await expect(page.getByTestId('paste-text')).toBeHidden();
  await snapAs(page, '08-pasted-without-diagram');

  // In English: the screen's words and the lint's English half.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(page.getByTestId('lint-fail')).toContainText(
    'Errors to fix before it can be saved: 1',
  );
  await expect(page.getByTestId('unsupported-item')).toContainText('is a script task');
  await expect(page.getByTestId('import-failed')).toContainText('This BPMN file cannot be read');
  await snapAs(page, '09-english');

  expect(failures).toEqual([]);
  await context.close();
});
