import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.js';
import { buildDevPage } from './dev/buildDevPage.js';
import { startDevServer, type DevServer } from './dev/devServer.js';

/**
 * The renderer in Chromium: the dev page built by Vite (the FormRenderer component as the app
 * mounts it) renders the national 3.0.1 seed forms from a seed API, under a CSP without
 * `unsafe-eval`, with each form's standalone validator module. Screenshots are kept in
 * .tmp/renderer-screenshots.
 */
const SHOTS = path.resolve(import.meta.dirname, '..', '..', '.tmp', 'renderer-screenshots');
const TODAY = '2026-12-07';

let browser: Browser;
let server: DevServer;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startDevServer({ distDir: await buildDevPage() });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface DevHooks {
  data: Record<string, unknown>;
  submitted: Record<string, unknown>[];
  errors: { path: string }[][];
  ready: Promise<boolean>;
  setData(data: unknown): void;
  setLocale(locale: string): void;
}

async function openForm(
  query: Record<string, string> = {},
  options: { bypassCSP?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const params = new URLSearchParams({ form: 'hypertension-followup', today: TODAY, ...query });
  await page.goto(`${server.url}/?${params}`);
  const ready = await page.evaluate(
    () => (window as unknown as { formworkDev: DevHooks }).formworkDev.ready,
  );
  expect(ready, problems.join('\n')).toBe(true);
  await page.locator('.fw-form').waitFor();
  expect(problems).toEqual([]);
  return page;
}

const field = (page: Page, pointer: string) => page.locator(`[data-fw-path="${pointer}"]`);
const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('the seed hypertension follow-up as a village doctor fills it', () => {
  it('given weight and height typed, then the BMI and its band are calculated at once, read-only', async () => {
    const page = await openForm();
    await page.locator('#root_weight').fill('70');
    await page.locator('#root_height').fill('170');
    await expect.poll(() => field(page, '/bmi').locator('output').textContent()).toContain('24.2');
    await expect.poll(() => field(page, '/bmiBand').textContent()).toContain('超重');
    expect(await field(page, '/bmi').locator('input').count()).toBe(0);
    await page.close();
  });

  it('given the visit date and a classification, then the suggested next visit date follows', async () => {
    const page = await openForm();
    await page.locator('#root_visitDate').fill('2026-12-01');
    await field(page, '/classification').getByLabel('控制满意').check();
    await expect
      .poll(() => field(page, '/suggestedNextVisitDate').textContent())
      .toContain('2027-03-01');
    await field(page, '/classification').getByLabel('控制不满意').check();
    await expect
      .poll(() => field(page, '/suggestedNextVisitDate').textContent())
      .toContain('2026-12-15');
    await page.close();
  });

  it('given 失访 chosen, then the visit fields disappear and the reason for loss appears', async () => {
    const page = await openForm();
    await expect(field(page, '/lostReason').count()).resolves.toBe(0);
    await expect(field(page, '/sbp').count()).resolves.toBe(1);
    await field(page, '/followupStatus').getByLabel('失访').check();
    await field(page, '/lostReason').waitFor();
    await expect.poll(() => field(page, '/sbp').count()).toBe(0);
    await expect.poll(() => field(page, '/medications').count()).toBe(0);
    await shoot(page, 'hypertension-lost');
    await page.close();
  });

  it('given 185/112 typed, then the urgent-referral banner shows at once, and goes at 150/95', async () => {
    const page = await openForm();
    const banner = page.locator('.fw-banner[data-trigger="hypertension-urgent-referral"]');
    await page.locator('#root_sbp').fill('185');
    await page.locator('#root_dbp').fill('112');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('紧急转诊');
    expect(await field(page, '/urgentReferral').textContent()).toContain('是');
    await shoot(page, 'hypertension-urgent-banner');
    await page.locator('#root_sbp').fill('150');
    await page.locator('#root_dbp').fill('95');
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });

  it('given systolic and diastolic, then they share one line with mmHg, national fields are marked and the read-from-device slot is hidden', async () => {
    const page = await openForm();
    const pair = page.getByRole('group', { name: '收缩压 / 舒张压' });
    expect(await pair.locator('input').count()).toBe(2);
    expect(await pair.textContent()).toContain('mmHg');
    const sbp = await page.locator('#root_sbp').boundingBox();
    const dbp = await page.locator('#root_dbp').boundingBox();
    expect(Math.abs(sbp!.y - dbp!.y)).toBeLessThan(2);
    expect(await field(page, '/classification').textContent()).toContain('国家规定字段');
    expect(await field(page, '/remarks').textContent()).not.toContain('国家规定字段');
    // The device slot is there for the devices plugin, hidden while no reader is given.
    const slot = field(page, '/sbp').locator('.fw-device[data-device-kind="blood-pressure"]');
    expect(await slot.count()).toBe(1);
    expect(await slot.isHidden()).toBe(true);
    await page.close();
  });

  it('given medication rows added and one removed, then the record holds the rows left', async () => {
    const page = await openForm();
    const add = field(page, '/medications').getByRole('button', { name: '添加一行' });
    await add.click();
    await add.click();
    await page.locator('#root_medications_0_drugName').fill('苯磺酸氨氯地平片');
    await page.locator('#root_medications_1_drugName').fill('缬沙坦胶囊');
    await field(page, '/medications').getByRole('button', { name: '删除第 1 行' }).click();
    const data = await page.evaluate(
      () => (window as unknown as { formworkDev: DevHooks }).formworkDev.data,
    );
    expect(data.medications).toEqual([{ drugName: '缬沙坦胶囊' }]);
    await page.close();
  });

  it('given symptoms ticked, then several are kept, and 无症状 clears the others', async () => {
    const page = await openForm();
    const symptoms = field(page, '/symptoms');
    const chosen = () =>
      page.evaluate(
        () =>
          (window as unknown as { formworkDev: DevHooks }).formworkDev.data.symptoms as string[],
      );
    // Clicked on their labels, as a doctor does (Element Plus draws the box over the input).
    await symptoms.getByText('恶心呕吐').click();
    await symptoms.getByText('眼花耳鸣').click();
    await expect.poll(async () => (await chosen())?.length).toBe(2);
    await symptoms.getByText('无症状').click();
    await expect.poll(async () => (await chosen())?.length).toBe(1);
    expect(await symptoms.getByLabel('恶心呕吐').isChecked()).toBe(false);
    await page.close();
  });

  it('given a long code table, then it is a select that pinyin initials filter', async () => {
    const page = await openForm({ form: 'resident-basic-info' });
    const combo = page.getByRole('combobox', { name: '民族' });
    await combo.click();
    await combo.fill('wwe');
    const options = page.getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['维吾尔族']);
    await combo.press('Enter');
    const data = await page.evaluate(
      () => (window as unknown as { formworkDev: DevHooks }).formworkDev.data,
    );
    expect(data.ethnicity).toBe('05');
    await page.close();
  });
});

describe('errors as the doctor sees them', () => {
  it('given a submit with missing and wrong values, then each error is beside its field in Chinese, the summary lists them and the first field has the focus', async () => {
    const page = await openForm();
    await page.locator('#root_sbp').fill('120');
    await page.locator('#root_dbp').fill('130');
    await page.getByRole('button', { name: '提交' }).click();
    const summary = page.locator('.fw-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('处需要修改');
    expect(await field(page, '/dbp').locator('.fw-error').textContent()).toBe('舒张压应低于收缩压');
    // The compiled form's own message, the server's word for word (see formParity.test.ts).
    expect(await field(page, '/visitDate').locator('.fw-error').textContent()).toContain(
      '随访日期',
    );
    // The first error in the order of the page is the visit date: it has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_visitDate');
    const submitted = await page.evaluate(
      () => (window as unknown as { formworkDev: DevHooks }).formworkDev.submitted,
    );
    expect(submitted).toEqual([]);
    await shoot(page, 'hypertension-errors-zh');

    await page.evaluate(() =>
      (window as unknown as { formworkDev: DevHooks }).formworkDev.setLocale('en'),
    );
    await expect
      .poll(() => field(page, '/dbp').locator('.fw-error').textContent())
      .toBe('Diastolic pressure must be below systolic');
    expect(await summary.textContent()).toContain('to fix');
    await shoot(page, 'hypertension-errors-en');
    await page.close();
  });

  it('given a field left with a wrong value, then its error shows before any submit', async () => {
    const page = await openForm();
    await page.locator('#root_heartRate').fill('400');
    await page.locator('#root_height').focus();
    await expect
      .poll(() => field(page, '/heartRate').locator('.fw-error').textContent())
      .toMatch(/250/);
    expect(await page.locator('.fw-summary').count()).toBe(0);
    await page.close();
  });
});

describe('read-only and keyboard', () => {
  it('given a stored visit in read-only mode, then its values show as text, with no input and no submit', async () => {
    const data = {
      visitDate: '2026-11-20',
      followupStatus: '1',
      visitMode: '1',
      symptoms: ['1'],
      sbp: 150,
      dbp: 96,
      adherence: '1',
      classification: '2',
      medications: [{ drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5 }],
      doctorSignature: '王医生',
    };
    const page = await openForm({ readonly: '1', data: JSON.stringify(data) });
    await expect.poll(() => field(page, '/sbp').textContent()).toContain('150');
    const pair = page.getByRole('group', { name: '收缩压 / 舒张压' });
    expect((await pair.textContent())?.match(/mmHg/g)).toHaveLength(1);
    expect(await page.locator('.fw-form input:not([type=hidden])').count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交' }).count()).toBe(0);
    expect(await field(page, '/classification').textContent()).toContain('控制不满意');
    expect(await page.locator('.fw-form').textContent()).toContain('苯磺酸氨氯地平片');
    await shoot(page, 'hypertension-read-only');
    await page.close();
  });

  it('given only the keyboard, when the doctor fills the required fields and presses the submit button, then the record is submitted', async () => {
    const page = await openForm();
    const tabTo = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await tabTo('root_visitDate');
    await page.keyboard.type('2026-12-01');
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
    await page.keyboard.type('王医生');
    for (let i = 0; i < 20; i++) {
      const isSubmit = await page.evaluate(
        () => (document.activeElement as HTMLButtonElement | null)?.type === 'submit',
      );
      if (isSubmit) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as { formworkDev: DevHooks }).formworkDev.submitted.length,
        ),
      )
      .toBe(1);
    const [record] = await page.evaluate(
      () => (window as unknown as { formworkDev: DevHooks }).formworkDev.submitted,
    );
    expect(record).toMatchObject({
      visitDate: '2026-12-01',
      sbp: 132,
      dbp: 84,
      urgentReferral: false,
    });
    await page.close();
  });

  it('given the form page, then axe-core finds no serious or critical violation', async () => {
    const page = await openForm({}, { bypassCSP: true });
    const require = createRequire(import.meta.url);
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(root: Element): Promise<{ violations: { id: string; impact: string }[] }> };
        }
      ).axe;
      const result = await axe.run(document.querySelector('.fw-renderer')!);
      return result.violations.map(({ id, impact }) => ({ id, impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });
});
