import { expect, test } from '@playwright/test';
import { apiSession, registerOverdueResident } from './demoResidents.js';
import {
  approveAndPublish,
  currentOverlay,
  publisherApiSession,
  registerResident,
  signInAt,
} from './provinceReleases.js';
import { snap } from './snap.js';

/**
 * Issue 17, acceptance 3: Fujian's provincial configurator opens the overlay editor
 * (/designer/overlays), starts the next draft from the province's current version, adds a field
 * (腰围, cm) and tightens the heart rate's range with the editor's dialogs, is refused in words
 * when trying to widen a range, reads the diff and its impact, previews the province's form and
 * submits it. The reviewer approves and the publisher publishes it (through the API here: the
 * designer's review and publishing screens have their own journey, designerReview.e2e.ts). Then
 * a Fujian village doctor's follow-up form has the field, a Yunnan village doctor's does not.
 */

test.use({ testIdAttribute: 'data-test' });

const WAIST = { name: 'waistCircumference', zh: '腰围', en: 'Waist circumference' };

test('Fujian adds a field and tightens a range by overlay, sees the diff and its impact, publishes; a Fujian village doctor sees the new field and a Yunnan one does not', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const current = await currentOverlay(request, 'fj');
  const { page, failures } = await signInAt(
    browser,
    'fj.province-configurator',
    '/designer/overlays',
  );
  await expect(page.getByRole('heading', { level: 1, name: '省级配置' })).toBeVisible();

  // Given the province's current version, when the configurator starts the next draft from it
  await page.getByTestId('overlay-version').click();
  await page.getByRole('option', { name: `${current.key}@${current.version} · 已发布` }).click();
  await expect(page.getByTestId('effective-form')).toContainText('收缩压');
  await expect(page.getByTestId('national-form')).toContainText('收缩压');
  await page.getByTestId('new-draft').click();
  const draft = current.next;
  await expect(page.getByTestId('overlay-version')).toContainText(`${current.key}@${draft} · 草稿`);
  await expect(page.getByTestId('not-draft')).toHaveCount(0);

  // When a field is added after the diastolic pressure through the dialog
  await page.getByTestId('add-field').click();
  const dialog = page.getByTestId('operation-dialog');
  await dialog.getByLabel('字段名（英文）').fill(WAIST.name);
  await dialog.getByLabel('中文名称').fill(WAIST.zh);
  await dialog.getByLabel('英文名称').fill(WAIST.en);
  await dialog.getByTestId('new-field-kind').click();
  await page.getByRole('option', { name: '数值', exact: true }).click();
  await dialog.getByTestId('new-field-after').click();
  await page.getByRole('option', { name: '舒张压 (dbp)' }).click();
  await dialog.getByLabel('最小值').fill('40');
  await dialog.getByLabel('最大值').fill('200');
  await dialog.getByLabel('单位').fill('cm');
  await dialog.getByTestId('operation-save').click();
  await expect(dialog).toBeHidden();
  const effective = page.getByTestId('effective-form');
  const waistRow = effective.locator('.el-table__row', { hasText: WAIST.name });
  await expect(waistRow).toContainText('本省新增');
  await expect(waistRow).toContainText('范围 40–200 cm');
  // …in its place: right after the diastolic pressure
  const names = await effective.locator('.el-table__row code.name').allTextContents();
  expect(names[names.indexOf('dbp') + 1]).toBe(WAIST.name);
  await expect(page.getByTestId('national-form')).not.toContainText(WAIST.name);

  // And the heart rate's range is tightened; widening it is refused in the engine's words
  const heartRate = effective.locator('.el-table__row', { hasText: 'heartRate' });
  await heartRate.getByRole('button', { name: '收紧范围' }).click();
  await expect(dialog).toContainText('当前范围：20–250');
  await dialog.getByTestId('range-max').locator('input').fill('260');
  await dialog.getByTestId('operation-save').click();
  await expect(dialog).toContainText('放宽范围');
  await snap(page, testInfo, '1-widening-refused');
  await dialog.getByTestId('range-min').locator('input').fill('30');
  await dialog.getByTestId('range-max').locator('input').fill('200');
  await dialog.getByTestId('operation-save').click();
  await expect(dialog).toBeHidden();
  await expect(heartRate).toContainText('本省调整');
  await expect(heartRate).toContainText('范围 30–200');
  await expect(page.getByTestId('operations')).toContainText(
    '在 hypertension-followup 中新增字段「腰围」(waistCircumference)，位于 dbp 之后',
  );
  await expect(page.getByTestId('operations')).toContainText(
    '收紧 hypertension-followup /heartRate 的范围为 30–200',
  );
  await snap(page, testInfo, '2-field-added-range-tightened');

  // Then the diff against the previous version names both changes with their impact
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('waistCircumference');
  await expect(diff).toContainText('heartRate');
  await expect(diff).toContainText('有不兼容的变化');
  await snap(page, testInfo, '3-diff-and-impact');

  // And the preview is the province's form as staff will get it
  await page.getByRole('tab', { name: '预览' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('[data-fw-path="/waistCircumference"]')).toContainText('腰围');
  await snap(page, testInfo, '4-preview');

  // When it is submitted, approved and published
  await page.getByTestId('overlay-submit').click();
  await expect(page.getByTestId('not-draft')).toContainText('待审核');
  expect(failures).toEqual([]);
  await approveAndPublish(request, 'fj', current.key, draft);

  // Then a Fujian village doctor's follow-up form has the field…
  const fujian = await registerOverdueResident(request, '郑丽华');
  const doctor = await signInAt(
    browser,
    'fj.village-doctor',
    `/app/residents/${fujian.id}/forms/hypertension-followup`,
  );
  await doctor.page.locator('.fw-form').waitFor();
  await expect(doctor.page.locator('[data-fw-path="/waistCircumference"]')).toContainText('腰围');
  await snap(doctor.page, testInfo, '5-fujian-follow-up');

  // …and a Yunnan village doctor's does not
  const yunnan = await registerResident(request, 'yn', '岩温');
  const other = await signInAt(
    browser,
    'yn.village-doctor',
    `/app/residents/${yunnan}/forms/hypertension-followup`,
  );
  await other.page.locator('.fw-form').waitFor();
  await expect(other.page.locator('[data-fw-path="/sbp"]')).toBeVisible();
  await expect(other.page.locator('[data-fw-path="/waistCircumference"]')).toHaveCount(0);
  await snap(other.page, testInfo, '6-yunnan-follow-up');
});

test('after publishing, the province migrates the follow-ups stored on its previous release: the plan and its dry run in the designer, the publisher’s run followed to the end on its progress bar', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  const from = 'national-phs@3.0.1+fujian@1.2.0';
  const fujian = await currentOverlay(request, 'fj');
  const to = `national-phs@3.0.1+${fujian.key}@${fujian.version}`;
  expect(to).not.toBe(from);

  // The configurator drafts the plan and dry-runs it over the live records
  const { page, failures } = await signInAt(
    browser,
    'fj.province-configurator',
    '/designer/migrations',
  );
  await expect(page.getByRole('heading', { level: 1, name: '数据迁移' })).toBeVisible();
  await page.getByTestId('migration-from').click();
  await page.getByRole('option', { name: from, exact: true }).last().click();
  await page.getByTestId('migration-to').click();
  await page.getByRole('option', { name: to, exact: true }).last().click();
  await page.getByTestId('migration-form').click();
  await page
    .getByRole('option', { name: '高血压患者随访服务记录表 (hypertension-followup)' })
    .last()
    .click();
  await page.getByTestId('migration-create').click();
  const plan = page.getByTestId('migration-plan');
  await expect(plan).toContainText(`hypertension-followup：${from} → ${to}`);
  await page.getByTestId('migration-dry-run').click();
  const dry = page.getByTestId('migration-dry-result');
  await expect(dry).toContainText(/试运行：共 \d+ 条，\d+ 条可顺利迁移，\d+ 条失败/);
  const total = Number(/共 (\d+) 条/.exec((await dry.textContent())!)![1]);
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId('migration-run')).toHaveCount(0);
  await snap(page, testInfo, '1-migration-dry-run');

  // A publisher starts the run (through the API: reading plans needs the configurator's
  // forms.design, which the demo publisher lacks); the configurator's screen follows it to the end
  const configurator = await apiSession(request, 'fj.province-configurator');
  const listed = await request.get('/api/data-migrations', { headers: configurator });
  const { plans } = (await listed.json()) as {
    plans: { id: string; formKey: string; to: { releaseId: string } }[];
  };
  const planId = plans.find(
    (p) => p.formKey === 'hypertension-followup' && p.to.releaseId === to,
  )!.id;
  const publisher = await publisherApiSession(request, 'fj');
  const started = await request.post(`/api/data-migrations/${planId}/runs`, {
    headers: publisher,
    data: {},
  });
  expect(started.status(), await started.text()).toBe(202);
  await page.getByTestId('migration-plans').getByText('hypertension-followup').first().click();
  const progress = page.getByTestId('migration-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText('已完成', { timeout: 60_000 });
  await expect(progress).toContainText(`/ ${total} 条`);
  await snap(page, testInfo, '2-migration-done');
  expect(failures).toEqual([]);
});

test('a province’s version built on the earlier national base is rebased onto the printed one: the carried changes form a new draft, each conflict is said in words', async ({
  browser,
}, testInfo) => {
  const { page, failures } = await signInAt(
    browser,
    'fj.province-configurator',
    '/designer/overlays',
  );
  await page.getByTestId('overlay-version').click();
  await page.getByRole('option', { name: 'fujian@1.0.0 · 已发布', exact: true }).click();
  const available = page.getByTestId('rebase-available');
  await expect(available).toContainText(
    '本版本基于 national-phs@3.0.0；国家已发布 national-phs@3.0.1',
  );
  await page.getByTestId('rebase').click();
  const result = page.getByTestId('rebase-result');
  await expect(result).toContainText('已变基为草稿');
  await expect(result).toContainText('项冲突需要处理');
  // The national 28-day postpartum window the province restated is now the nation's own.
  await expect(page.getByTestId('rebase-conflicts').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('overlay-version')).toContainText('· 草稿');
  await expect(page.getByTestId('national-form')).toContainText('national-phs@3.0.1');
  await snap(page, testInfo, '1-rebased');
  expect(failures).toEqual([]);
});
