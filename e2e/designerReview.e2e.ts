import { createRequire } from 'node:module';
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { snap } from './snap.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * Issue 17, review and publishing in the designer (/designer/): Yunnan's configurator drafts the
 * next overlay version (through the API: this journey is about review, the editors have their
 * own) and submits it in the designer; the reviewer reads its semantic diff and returns it with
 * a comment, which the author sees; the author fixes it and submits it again; the reviewer
 * approves; the publisher, signed in with the authenticator, publishes it with the second
 * factor asked again and finds its release, with its signature state, among the releases.
 * Yunnan, because no other journey uses it: the release made here changes no form another
 * journey fills.
 */

// The apps mark what a journey reads with data-test attributes.
test.use({ testIdAttribute: 'data-test' });

const OVERLAY = 'yunnan';
const FIELD = {
  name: 'homeBpDiary',
  title: '家庭血压记录',
};

interface Overlay {
  key: string;
  version: string;
  title: { zh: string; en: string };
  operations: unknown[];
}

function addedField(description?: string) {
  return {
    op: 'add-field',
    form: 'hypertension-followup',
    path: '',
    field: {
      name: FIELD.name,
      after: 'dbp',
      schema: {
        title: FIELD.title,
        'x-title-en': 'Home blood pressure diary',
        ...(description ? { description } : {}),
        type: 'string',
        'x-code-table': 'yes-no',
      },
    },
  };
}

/** The province's newest overlay version, read through the API. */
async function newestVersion(request: APIRequestContext, headers: Record<string, string>) {
  const res = await request.get(`/api/overlays?key=${OVERLAY}`, { headers });
  expect(res.status()).toBe(200);
  const { versions } = (await res.json()) as { versions: { version: string }[] };
  return versions
    .map((v) => v.version)
    .sort((a, b) => {
      const [x, y] = [a, b].map((v) => v.split('.').map(Number));
      return x![0]! - y![0]! || x![1]! - y![1]! || x![2]! - y![2]!;
    })
    .at(-1)!;
}

/** A fresh browser session for one user: the designer's sign-in, the code when asked. */
async function signIn(browser: Browser, username: string, options: { axe?: boolean } = {}) {
  // axe-core is injected into the page, which the app's CSP would refuse: that session only.
  // axe reads colours as they are drawn: with reduced motion nothing is mid-transition (a radio
  // button just clicked was once measured half-way to its active colours).
  const context = await browser.newContext({
    bypassCSP: options.axe ?? false,
    ...(options.axe ? { reducedMotion: 'reduce' as const } : {}),
  });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto('/designer/');
  await expect(page).toHaveURL(/\/designer\/signin$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  return { page, failures };
}

/** The 6-digit code of the 30-second step after `used` (a code is accepted once only). */
async function codeAfter(used: number): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (step > used) return totpCode(DEMO_TOTP_SECRET);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function axeViolations(page: Page) {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
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
    return result.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      where: nodes.map((node) => node.target.join(' ')),
    }));
  });
}

async function openVersion(page: Page, version: string) {
  await page
    .getByRole('link', { name: `${OVERLAY}@${version}` })
    .first()
    .click();
  await expect(page.getByTestId('version-title')).toContainText(`${OVERLAY}@${version}`);
}

test('a province’s overlay version goes from draft through a returned review, approval and publishing with the second factor to a release', async ({
  browser,
  request,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const snapAs = (page: Page, name: string) => snap(page, testInfo, name);

  // Given Yunnan's configurator drafts the next overlay version through the API: the current
  // one plus a 家庭血压记录 field in the hypertension follow-up.
  const configuratorApi = await apiSession(request, 'yn.province-configurator');
  const current = await newestVersion(request, configuratorApi);
  const read = await request.get(`/api/overlays/${OVERLAY}/versions/${current}`, {
    headers: configuratorApi,
  });
  expect(read.status()).toBe(200);
  const { content } = (await read.json()) as { content: Overlay };
  const [major, minor] = current.split('.').map(Number);
  const version = `${major}.${minor! + 1}.0`;
  const draft: Overlay = {
    ...content,
    version,
    title: { zh: `${content.title.zh}（家庭血压记录）`, en: `${content.title.en} (BP diary)` },
    operations: [...content.operations, addedField()],
  };
  const created = await request.post(`/api/overlays/${OVERLAY}/versions`, {
    headers: configuratorApi,
    data: draft,
  });
  expect(created.status(), await created.text()).toBe(201);

  // The configurator signs in to the designer: the navigation of a province configurator, the
  // draft among the versions; they submit it for review.
  const configurator = await signIn(browser, 'yn.province-configurator');
  let page = configurator.page;
  await expect(page).toHaveURL(/\/designer\/versions$/);
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const item of ['表单设计', '代码表', '流程', '省级配置', '版本']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: '审核' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '发布' })).toHaveCount(0);
  await snapAs(page, '01-configurator-versions');
  // The form designer is built (e2e/formDesigner.e2e.ts): it opens on the choice of a draft.
  await nav.getByRole('link', { name: '表单设计' }).click();
  await expect(page.getByTestId('designer-open')).toBeVisible();
  await snapAs(page, '02-form-designer');
  // The code tables are built (e2e/codeTables.e2e.ts): the screen opens on the choice of a draft.
  await nav.getByRole('link', { name: '代码表' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '代码表' })).toBeVisible();
  await expect(page.getByTestId('code-tables-draft')).toBeVisible();
  await snapAs(page, '03-code-tables');
  // The overlay editor is built (e2e/overlayEditor.e2e.ts): it opens on the province's versions.
  await nav.getByRole('link', { name: '省级配置' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '省级配置' })).toBeVisible();
  await expect(page.getByTestId('overlay-version')).toBeVisible();
  await snapAs(page, '05-overlay-editor');
  await nav.getByRole('link', { name: '版本' }).click();
  await openVersion(page, version);
  await expect(page.locator('[data-state="draft"]')).toBeVisible();
  // Its diff against the province's previous version names the added field.
  await expect(page.getByTestId('diff')).toContainText('/homeBpDiary');
  await snapAs(page, '06-configurator-draft');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('done')).toHaveText('已提交审核');
  await expect(page.locator('[data-state="in-review"]').first()).toBeVisible();
  await expect(page.getByTestId('approve')).toHaveCount(0);
  await snapAs(page, '07-configurator-submitted');

  // The reviewer finds it in the review queue, reads the diff, and returns it with a comment.
  const reviewer = await signIn(browser, 'yn.province-reviewer', { axe: true });
  page = reviewer.page;
  await expect(page).toHaveURL(/\/designer\/review$/);
  await expect(page.getByTestId('review-queue')).toContainText(`${OVERLAY}@${version}`);
  await snapAs(page, '08-review-queue');
  await openVersion(page, version);
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('/homeBpDiary');
  await expect(page.getByTestId('history')).toContainText('提交审核');
  await expect(page.getByTestId('history')).toContainText('yn.province-configurator');
  await snapAs(page, '09-review-version-diff');
  // Against the national base instead: every Yunnan operation, the new field among them.
  await page.getByText('与国家基础版本比较').click();
  await expect(diff).toContainText('/homeBpDiary');
  await expect(page.locator('.diff-ids')).toContainText(`national-phs@`);
  await snapAs(page, '10-review-against-base');
  await page.getByText('与上一版本比较').click();

  // axe on the review screen: no serious or critical violation.
  const violations = await axeViolations(page);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await page.getByTestId('return').click();
  const returnDialog = page.getByTestId('return-dialog');
  await returnDialog.getByTestId('confirm-verdict').click();
  await expect(returnDialog.getByText('请填写退回意见')).toBeVisible();
  await snapAs(page, '11-return-comment-required');
  const comment = '请在说明中写明家庭血压的记录频次（如每周至少 3 次）。';
  await returnDialog.getByLabel('审核意见（作者将看到）').fill(comment);
  await returnDialog.getByTestId('confirm-verdict').click();
  await expect(page.getByTestId('done')).toHaveText('已退回给作者');
  await expect(page.locator('[data-state="returned"]').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText(comment);
  await snapAs(page, '12-returned');

  // The author sees the comment in the list and on the version.
  page = configurator.page;
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '版本' })
    .click();
  await page.getByRole('button', { name: '刷新' }).click();
  const row = page
    .getByTestId('versions')
    .getByRole('row')
    .filter({ hasText: `${OVERLAY}@${version}` });
  await expect(row.getByTestId('returned-comment')).toHaveText(comment);
  await snapAs(page, '13-author-sees-return');
  await openVersion(page, version);
  await expect(page.getByTestId('review-comment')).toContainText(comment);
  await expect(page.getByTestId('review-comment')).toContainText('审核退回意见');
  await snapAs(page, '14-author-version-returned');

  // The author fixes the draft (through the API: the overlay editor has its own journey) and
  // submits it again in the designer.
  const before = await request.get(`/api/overlays/${OVERLAY}/versions/${version}`, {
    headers: configuratorApi,
  });
  const saved = await request.put(`/api/overlays/${OVERLAY}/versions/${version}`, {
    headers: { ...configuratorApi, 'If-Match': before.headers()['etag']! },
    data: {
      ...draft,
      operations: [...content.operations, addedField('每周至少记录 3 次家庭自测血压')],
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  await page.reload();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('done')).toHaveText('已提交审核');
  await expect(page.getByTestId('review-comment')).toContainText('上次退回时的审核意见');
  await snapAs(page, '15-resubmitted');

  // The reviewer approves it.
  page = reviewer.page;
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '审核' })
    .click();
  await expect(page.getByTestId('review-queue')).toContainText(`${OVERLAY}@${version}`);
  await openVersion(page, version);
  await page.getByTestId('approve').click();
  const approveDialog = page.getByTestId('approve-dialog');
  await approveDialog.getByLabel('审核意见（可选）').fill('同意，记录频次已写明。');
  await snapAs(page, '16-approve-dialog');
  await approveDialog.getByTestId('confirm-verdict').click();
  await expect(page.getByTestId('done')).toHaveText('已审核通过');
  await expect(page.locator('[data-state="approved"]').first()).toBeVisible();
  await expect(page.getByTestId('approve')).toHaveCount(0);
  await snapAs(page, '17-approved');

  // The publisher signs in with the authenticator code (asked because the role needs it).
  const publisher = await signIn(browser, 'yn.province-publisher');
  page = publisher.page;
  const code = page.getByLabel('动态验证码');
  await expect(code).toBeFocused();
  await snapAs(page, '18-publisher-totp-step');
  const signInStep = Math.floor(Date.now() / 30_000);
  await code.fill(totpCode(DEMO_TOTP_SECRET));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/designer\/releases$/);
  await expect(page.getByTestId('two-factor')).toBeVisible();
  await expect(page.getByTestId('pending-publication')).toContainText(`${OVERLAY}@${version}`);
  await snapAs(page, '19-releases-pending');
  await openVersion(page, version);
  await page.getByTestId('publish').click();
  const publishDialog = page.getByTestId('publish-dialog');
  await expect(publishDialog.getByLabel('密码')).toBeFocused();
  // A wrong code is refused in the engine's words; the version stays approved.
  await publishDialog.getByLabel('密码').fill(DEMO_PASSWORD);
  await publishDialog.getByLabel('动态验证码').fill('000000');
  await publishDialog.getByTestId('confirm-publish').click();
  await expect(publishDialog.getByTestId('engine-error')).toContainText('动态验证码');
  await snapAs(page, '20-publish-wrong-code');
  await publishDialog.getByLabel('动态验证码').fill(await codeAfter(signInStep));
  await publishDialog.getByTestId('confirm-publish').click();
  const releaseId = `national-phs@${(content as unknown as { base: { version: string } }).base.version}+${OVERLAY}@${version}`;
  await expect(page.getByTestId('done')).toContainText(releaseId);
  await expect(page.locator('[data-state="published"]').first()).toBeVisible();
  await expect(page.getByTestId('release-id')).toHaveText(releaseId);
  await expect(page.getByTestId('history')).toContainText('yn.province-publisher');
  await snapAs(page, '21-published');

  // The releases list shows it, current for Yunnan, with its signature state.
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '发布' })
    .click();
  const releaseRow = page.getByTestId('releases').getByRole('row').filter({ hasText: releaseId });
  await expect(releaseRow).toContainText('当前发行版');
  // Signed on publication by the platform's SM2 certificate (the development CA the engine made
  // on its first start) and verified by the engine.
  await expect(releaseRow.getByTestId('signature')).toContainText('已验证');
  await expect(releaseRow.getByTestId('signature')).toContainText('SM2-SM3');
  await snapAs(page, '22-releases-list');

  // In English too.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible();
  await snapAs(page, '23-releases-en');

  // The session still works after the identity was confirmed: the old one was ended, the new
  // one is the page's. Sign-out ends it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/designer\/signin\?reason=signed-out$/);

  for (const who of [configurator, reviewer, publisher]) expect(who.failures).toEqual([]);
});

test('the author cannot approve their own version: the engine’s four-eyes refusal is shown in words; a village doctor finds nothing for them', async ({
  browser,
  request,
}, testInfo) => {
  // Given a Yunnan user holding both the configurator's and the reviewer's roles, made by the
  // province's administrator (who signs in with the authenticator code).
  const login = await request.post('/api/auth/login', {
    data: {
      username: 'yn.province-admin',
      password: DEMO_PASSWORD,
      totp: totpCode(DEMO_TOTP_SECRET),
    },
  });
  expect(login.status(), await login.text()).toBe(200);
  const admin = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const username = `yn.both-${Date.now().toString(36)}`;
  const user = await request.post('/api/users', {
    headers: admin,
    data: { username, displayName: '云南配置兼审核', orgCode: '530000', password: DEMO_PASSWORD },
  });
  expect(user.status(), await user.text()).toBe(201);
  const { id } = (await user.json()) as { id: string };
  for (const role of ['province-configurator', 'province-reviewer']) {
    const grant = await request.post(`/api/users/${id}/grants`, {
      headers: admin,
      data: { role, orgCode: '530000' },
    });
    expect(grant.status(), await grant.text()).toBe(201);
  }

  // They draft and submit the next overlay version (through the API)…
  const author = await apiSession(request, username);
  const current = await newestVersion(request, author);
  const read = await request.get(`/api/overlays/${OVERLAY}/versions/${current}`, {
    headers: author,
  });
  const { content } = (await read.json()) as { content: Overlay };
  const [major, minor] = current.split('.').map(Number);
  const version = `${major}.${minor! + 1}.0`;
  const created = await request.post(`/api/overlays/${OVERLAY}/versions`, {
    headers: author,
    data: { ...content, version },
  });
  expect(created.status(), await created.text()).toBe(201);
  const submitted = await request.post(`/api/overlays/${OVERLAY}/versions/${version}/submit`, {
    headers: author,
    data: {},
  });
  expect(submitted.status(), await submitted.text()).toBe(200);

  // …and try to approve it in the designer: the engine refuses, and says why.
  const { page, failures } = await signIn(browser, username);
  await expect(page).toHaveURL(/\/designer\/review$/);
  await openVersion(page, version);
  await page.getByTestId('approve').click();
  const dialog = page.getByTestId('approve-dialog');
  await dialog.getByTestId('confirm-verdict').click();
  await expect(dialog.getByTestId('engine-error')).toHaveText(/审核与发布须由作者以外的人完成/);
  await expect(dialog).toBeVisible();
  await snap(page, testInfo, '1-four-eyes');
  // In English, the engine's English half.
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByText('English', { exact: true }).click();
  await page.getByTestId('approve').click();
  await page.getByTestId('approve-dialog').getByTestId('confirm-verdict').click();
  await expect(page.getByTestId('approve-dialog').getByTestId('engine-error')).toHaveText(
    /The author of a version cannot approve or publish it/,
  );
  await snap(page, testInfo, '2-four-eyes-en');
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-state="in-review"]').first()).toBeVisible();
  expect(failures).toEqual([]);

  // A village doctor signing in to the designer is told there is nothing for their roles.
  const doctor = await signIn(browser, 'yn.village-doctor');
  await expect(doctor.page).toHaveURL(/\/designer\/no-access$/);
  await expect(
    doctor.page.getByRole('heading', { name: '配置工具中没有你可以使用的功能' }),
  ).toBeVisible();
  await snap(doctor.page, testInfo, '3-no-access');
});

test('a publisher compares an old version with any other and deprecates it with a reason, kept in its history', async ({
  browser,
}, testInfo) => {
  // Yunnan's first overlay version, long replaced: compared with the newest published one.
  const publisher = await signIn(browser, 'yn.province-publisher');
  const page = publisher.page;
  // The first journey's publish used this step's code moments ago: a code is accepted once.
  await page.getByLabel('动态验证码').fill(await codeAfter(Math.floor(Date.now() / 30_000)));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/designer\/releases$/);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '版本' })
    .click();
  await page
    .getByRole('link', { name: `${OVERLAY}@1.0.0`, exact: true })
    .first()
    .click();
  await expect(page.getByTestId('version-title')).toContainText(`${OVERLAY}@1.0.0`);
  await expect(page.locator('[data-state="published"]').first()).toBeVisible();
  await page.getByTestId('diff-other').click();
  await page.getByTestId('diff-other-version').click();
  await page.getByRole('option', { name: 'national-phs@3.0.1+yunnan@1.2.0', exact: true }).click();
  await expect(page.locator('.diff-ids')).toHaveText(
    'national-phs@3.0.1+yunnan@1.2.0 → national-phs@3.0.0+yunnan@1.0.0',
  );
  await expect(page.getByTestId('diff')).toBeVisible();
  await snap(page, testInfo, '1-compare-any-two');

  // Deprecated: the reason is required, then kept in the history.
  await page.getByTestId('deprecate').click();
  const dialog = page.getByTestId('deprecate-dialog');
  await dialog.getByTestId('confirm-verdict').click();
  await expect(dialog.getByText('请填写弃用原因')).toBeVisible();
  const reason = '已被 1.2.0 取代（基于国家规范 3.0.1）';
  await dialog.getByLabel('弃用原因（记入版本历史）').fill(reason);
  await dialog.getByTestId('confirm-verdict').click();
  await expect(page.getByTestId('done')).toHaveText('已弃用');
  await expect(page.locator('[data-state="deprecated"]').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText(reason);
  await expect(page.getByTestId('deprecate')).toHaveCount(0);
  await snap(page, testInfo, '2-deprecated');
  expect(publisher.failures).toEqual([]);
});
