import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { apiSession, DEMO_PASSWORD } from './demoResidents.js';
import { currentOverlay, registerResident, signInAt } from './provinceReleases.js';
import { snap } from './snap.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * Issue 17, acceptance 1, from the configurator's first click to the village doctor's form:
 * Yunnan's configurator starts the next overlay version, adds a programme of the province's own
 * (肺结核患者健康管理), then builds its visit form up to ten fields in the form designer — by
 * drag and drop and the property panel, with a visibility rule and a calculated field —,
 * previews it with test data, saves it and submits it. The reviewer returns it with a comment;
 * the configurator fixes the form and submits it again; the reviewer approves; the publisher,
 * with the authenticator code, publishes it. A Yunnan village doctor then enrols a resident and
 * the app offers the new form with its ten fields.
 */
test.use({ testIdAttribute: 'data-test', actionTimeout: 15_000 });

const PROGRAMME = { id: 'yn-tb-care', zh: '肺结核患者健康管理（云南）', en: 'TB care (Yunnan)' };
const FORM = 'yn-tb-care-visit';
const FORM_TITLE = '肺结核患者健康管理（云南）随访记录表';

async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).last().click();
}
const inputOf = (page: Page, test: string) =>
  page.locator(`input[data-test="${test}"], [data-test="${test}"] input`).last();
async function setProp(page: Page, test: string, value: string) {
  const input = inputOf(page, test);
  await input.fill(value);
  await input.press('Tab');
}

/** A version's page in the designer, from the versions list. */
async function openVersion(page: Page, id: string) {
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '版本' })
    .click();
  await page.getByRole('button', { name: '刷新' }).click();
  await page.getByRole('link', { name: id }).first().click();
  await expect(page.getByTestId('version-title')).toContainText(id);
}

/** The publisher's designer session, signed in with the authenticator's code. */
async function publisherSession(browser: Browser) {
  const session = await signInAt(browser, 'yn.province-publisher', '/designer/');
  await session.page.getByLabel('动态验证码').fill(totpCode(DEMO_TOTP_SECRET));
  await session.page.getByRole('button', { name: '验证并登录' }).click();
  await expect(session.page).toHaveURL(/\/designer\/releases$/);
  return { ...session, step: Math.floor(Date.now() / 30_000) };
}

/** The code of the 30-second step after `used` (a code is accepted once only). */
async function codeAfter(used: number): Promise<string> {
  for (;;) {
    if (Math.floor(Date.now() / 30_000) > used) return totpCode(DEMO_TOTP_SECRET);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test('a configurator builds a ten-field form of a new programme, a reviewer returns it, it is fixed, approved and published with the second factor, and a village doctor is offered it', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const current = await currentOverlay(request, 'yn');
  const draftId = `${current.key}@${current.next}`;

  // Given the next Yunnan draft with a programme of its own (its starter visit form: 4 fields)
  const configurator = await signInAt(browser, 'yn.province-configurator', '/designer/overlays');
  const page = configurator.page;
  await page.getByTestId('overlay-version').click();
  await page.getByRole('option', { name: `${current.key}@${current.version} · 已发布` }).click();
  await expect(page.getByTestId('effective-form')).toContainText('收缩压');
  await page.getByTestId('new-draft').click();
  await expect(page.getByTestId('overlay-version')).toContainText(`${draftId} · 草稿`);
  await page.getByTestId('new-programme').click();
  const dialog = page.getByTestId('programme-dialog');
  await dialog.getByLabel('项目标识（英文）').fill(PROGRAMME.id);
  await dialog.getByLabel('项目名称（中文）').fill(PROGRAMME.zh);
  await dialog.getByLabel('项目名称（英文）').fill(PROGRAMME.en);
  await dialog.getByLabel('每次随访记录的分级项目（中文）').fill('服药情况');
  await dialog.getByLabel('分级项目（英文）').fill('Medication taken');
  await dialog.getByLabel('第 1 个代码的中文名称').fill('规律服药');
  await dialog.getByLabel('第 1 个代码的英文名称').fill('Regular');
  await dialog.getByLabel('第 2 个代码的中文名称').fill('未规律服药');
  await dialog.getByLabel('第 2 个代码的英文名称').fill('Irregular');
  await dialog.getByTestId('programme-save').click();
  await expect(dialog).toBeHidden();

  // When the configurator opens its form in the form designer
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '表单设计' })
    .click();
  await choose(page, page.getByTestId('open-draft'), draftId);
  await choose(page, page.getByTestId('open-form'), `${FORM_TITLE} (${FORM})`);
  await page.getByTestId('open-form-button').click();
  await expect(page.locator('.outline-field')).toHaveCount(4);

  // …and adds six fields: a weight dragged from the palette, with its unit and range
  await page.getByTestId('palette-number').dragTo(page.getByTestId('drop-end').first());
  await page.getByTestId('field-number').click();
  await setProp(page, 'prop-label-zh', '体重');
  await setProp(page, 'prop-label-en', 'Weight');
  await setProp(page, 'prop-unit', 'kg');
  await setProp(page, 'prop-minimum', '20');
  await setProp(page, 'prop-maximum', '200');
  // 咳嗽 (yes/no), and 咳嗽天数 shown only when 咳嗽 is ticked (the rule builder)
  await page.getByTestId('palette-yes-no').click();
  await setProp(page, 'prop-label-zh', '咳嗽');
  await setProp(page, 'prop-label-en', 'Cough');
  await page.getByTestId('palette-number').click();
  await setProp(page, 'prop-label-zh', '咳嗽天数');
  await setProp(page, 'prop-label-en', 'Days of cough');
  await page.getByTestId('rule-add-row').click();
  await choose(page, page.getByTestId('rule-field').last(), '咳嗽 (yesNo)');
  await choose(page, page.getByTestId('rule-operator').last(), '等于');
  await setProp(page, 'rule-value', 'true');
  await expect(page.getByTestId('field-number2')).toContainText('有条件显示');
  // Doses due and doses missed, and the doses taken calculated from them
  await page.getByTestId('palette-number').click();
  await setProp(page, 'prop-label-zh', '应服药次数');
  await setProp(page, 'prop-label-en', 'Doses due');
  await page.getByTestId('palette-number').click();
  await setProp(page, 'prop-label-zh', '漏服次数');
  await setProp(page, 'prop-label-en', 'Doses missed');
  await page.getByTestId('palette-calculated').click();
  await setProp(page, 'prop-label-zh', '实际服药次数');
  await setProp(page, 'prop-label-en', 'Doses taken');
  const raw = page.getByTestId('rule-calculation').getByTestId('rule-raw');
  await raw.fill('{"-": [{"var": "number3"}, {"var": "number4"}]}');
  await raw.press('Tab');
  await expect(page.locator('.outline-field')).toHaveCount(10);
  await expect(page.getByTestId('engine-check')).toHaveText(
    '引擎检查通过（与发布和保存时的编译相同）',
  );
  await snap(page, testInfo, '1-ten-fields');

  // Then the preview shows the rule and the calculation with test data
  await page.getByRole('tab', { name: '预览' }).click();
  const preview = page.getByTestId('preview');
  const coughDays = preview.getByRole('spinbutton', { name: '咳嗽天数' });
  await expect(coughDays).toHaveCount(0);
  await preview.getByRole('checkbox', { name: '咳嗽' }).check({ force: true });
  await expect(coughDays).toBeVisible();
  await preview.getByRole('spinbutton', { name: '应服药次数' }).fill('30');
  await preview.getByRole('spinbutton', { name: '漏服次数' }).fill('2');
  await expect(preview.getByRole('status', { name: /实际服药次数/ })).toHaveText('28');
  await snap(page, testInfo, '2-preview');

  // Saved and submitted for review
  await page.getByRole('tab', { name: '设计' }).click();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('designer-notice')).toContainText('草稿已保存');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('designer-notice')).toContainText('已提交审核');

  // The reviewer returns it with a comment
  const reviewer = await signInAt(browser, 'yn.province-reviewer', '/designer/');
  await expect(reviewer.page).toHaveURL(/\/designer\/review$/);
  await reviewer.page.getByRole('link', { name: draftId }).first().click();
  await expect(reviewer.page.getByTestId('diff')).toContainText(FORM);
  await reviewer.page.getByTestId('return').click();
  const comment = '漏服次数请限定为 0–100 次。';
  const returnDialog = reviewer.page.getByTestId('return-dialog');
  await returnDialog.getByLabel('审核意见（作者将看到）').fill(comment);
  await returnDialog.getByTestId('confirm-verdict').click();
  await expect(reviewer.page.getByTestId('done')).toHaveText('已退回给作者');

  // The configurator reads the comment, fixes the form and submits it again
  await openVersion(page, draftId);
  await expect(page.getByTestId('review-comment')).toContainText(comment);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '表单设计' })
    .click();
  await choose(page, page.getByTestId('open-draft'), draftId);
  await choose(page, page.getByTestId('open-form'), `${FORM_TITLE} (${FORM})`);
  await page.getByTestId('open-form-button').click();
  await page.getByTestId('field-number4').click();
  await setProp(page, 'prop-minimum', '0');
  await setProp(page, 'prop-maximum', '100');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('designer-notice')).toContainText('草稿已保存');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('designer-notice')).toContainText('已提交审核');
  await snap(page, testInfo, '3-fixed-and-resubmitted');

  // The reviewer approves it
  await reviewer.page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '审核' })
    .click();
  await reviewer.page.getByRole('link', { name: draftId }).first().click();
  await reviewer.page.getByTestId('approve').click();
  await reviewer.page.getByTestId('approve-dialog').getByTestId('confirm-verdict').click();
  await expect(reviewer.page.getByTestId('done')).toHaveText('已审核通过');

  // The publisher publishes it, the authenticator's code asked again
  const publisher = await publisherSession(browser);
  await publisher.page
    .getByTestId('pending-publication')
    .getByRole('link', { name: draftId })
    .click();
  await publisher.page.getByTestId('publish').click();
  const publishDialog = publisher.page.getByTestId('publish-dialog');
  await publishDialog.getByLabel('密码').fill(DEMO_PASSWORD);
  await publishDialog.getByLabel('动态验证码').fill(await codeAfter(publisher.step));
  await publishDialog.getByTestId('confirm-publish').click();
  await expect(publisher.page.getByTestId('release-id')).toContainText(`+${draftId}`);
  await snap(publisher.page, testInfo, '4-published');

  // Then a Yunnan village doctor enrols a resident, and the app offers the form with its fields
  const resident = await registerResident(request, 'yn', '岩香', 'female');
  const doctor = await signInAt(browser, 'yn.village-doctor', `/app/residents/${resident}`);
  const enrollments = doctor.page.getByTestId('enrollments');
  await enrollments.getByTestId('enrol').click();
  await doctor.page.getByTestId('enrol-program').click();
  await doctor.page.getByRole('option', { name: PROGRAMME.zh }).click();
  await doctor.page.getByTestId('enrol-confirm').click();
  await expect(doctor.page.getByTestId('enrol-dialog')).toBeHidden();
  await expect(enrollments).toContainText(PROGRAMME.zh);
  await enrollments.getByTestId('programme-form').click();
  await expect(doctor.page.locator('[data-test=visit-form]')).toContainText(FORM_TITLE);
  await doctor.page.locator('.fw-form').waitFor();
  for (const label of ['服药情况', '体重', '咳嗽', '应服药次数', '漏服次数', '实际服药次数'])
    await expect(doctor.page.locator('.fw-form')).toContainText(label);
  await snap(doctor.page, testInfo, '5-offered-to-the-village-doctor');
  const served = await request.get(`/api/forms/${FORM}`, {
    headers: await apiSession(request, 'yn.village-doctor'),
  });
  const { definition } = (await served.json()) as {
    definition: { schema: { properties: Record<string, { maximum?: number }> } };
  };
  expect(Object.keys(definition.schema.properties)).toHaveLength(10);
  expect(definition.schema.properties.number4).toMatchObject({ minimum: 0, maximum: 100 });
  for (const who of [configurator, reviewer, publisher, doctor]) expect(who.failures).toEqual([]);
});
