import { makeResidentIdNumber, type FormError } from '@formwork/definitions';
import type { TestClock } from '@formwork/engine/testing';
import { HT_VISIT, HYPERTENSION_PARITY_CASES, IdentityFixture } from '@formwork/engine/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.js';
import { buildDevPage } from './dev/buildDevPage.js';
import { startDevServer, type DevServer } from './dev/devServer.js';

/**
 * The browser/server parity test through the rendered page: the engine serves the Fujian
 * hypertension follow-up and its standalone validator module; the renderer's dev page (under a
 * CSP without `unsafe-eval`) is given each shared case and submits it; the server is POSTed the
 * same case. Same verdict, same JSON pointers, same zh/en messages, and the page shows each
 * message by its field and in the summary.
 */
const ORG = '350121101201-V01';
/** The rules' today is the engine clock's date in China (UTC+8). */
const chinaToday = (clock: TestClock) =>
  new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

interface DevHooks {
  submitted: Record<string, unknown>[];
  errors: FormError[][];
  ready: Promise<boolean>;
  setData(data: unknown): void;
}
type Verdict = {
  valid: boolean;
  errors: { path: string; keyword: string; zh: string; en: string }[];
};

const verdictOf = (valid: boolean, errors: readonly FormError[]): Verdict => ({
  valid,
  errors: errors
    .map((e) => ({ path: e.path, keyword: e.keyword, zh: e.message.zh, en: e.message.en }))
    .sort((a, b) => `${a.path} ${a.keyword}`.localeCompare(`${b.path} ${b.keyword}`)),
});

let f: IdentityFixture;
let token: string;
let subjectId: string;
let browser: Browser;
let server: DevServer;

beforeAll(async () => {
  f = await IdentityFixture.start();
  token = await f.login(await f.user('township-phc', '350121101'));
  const created = await f.request('POST', '/api/subjects', token, {
    name: '对照对象',
    idNumber: makeResidentIdNumber('350121', '1955-07-08', 41),
    orgCode: ORG,
  });
  subjectId = created.body.id;
  server = await startDevServer({ distDir: await buildDevPage(), engineUrl: f.url });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await f?.stop();
});

async function openServedForm(extra: Record<string, string> = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') refused.push(m.text());
  });
  const query = new URLSearchParams({
    form: 'hypertension-followup',
    orgCode: ORG,
    today: chinaToday(f.clock as TestClock),
    ...extra,
  });
  await page.goto(`${server.url}/?${query}`);
  const ready = await page.evaluate(
    () => (window as unknown as { formworkDev: DevHooks }).formworkDev.ready,
  );
  expect(ready, refused.join('\n')).toBe(true);
  await page.locator('.fw-form').waitFor();
  return page;
}

/** Gives the page a case and presses 提交: its verdict, and what it shows where. */
async function submitOnPage(page: Page, data: unknown) {
  const before = await page.evaluate(() => {
    const dev = (window as unknown as { formworkDev: DevHooks }).formworkDev;
    return { submitted: dev.submitted.length, errors: dev.errors.length };
  });
  await page.evaluate(
    (d) => (window as unknown as { formworkDev: DevHooks }).formworkDev.setData(d),
    data,
  );
  // The record has reached the form once its text and number inputs show its values.
  await page.waitForFunction((d) => {
    const record = d as Record<string, unknown>;
    return [...document.querySelectorAll<HTMLInputElement>('.fw-form input[id^="root_"]')]
      .filter((input) => /^root_[A-Za-z]+$/.test(input.id) && input.type !== 'radio')
      .every((input) => {
        const value = record[input.id.slice('root_'.length)];
        return (
          input.value ===
          (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
        );
      });
  }, data);
  await page.getByRole('button', { name: '提交' }).click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const dev = (window as unknown as { formworkDev: DevHooks }).formworkDev;
        return dev.submitted.length + dev.errors.length;
      }),
    )
    .toBe(before.submitted + before.errors + 1);
  return page.evaluate((errorsBefore) => {
    const dev = (window as unknown as { formworkDev: DevHooks }).formworkDev;
    const summary = [...document.querySelectorAll<HTMLElement>('.fw-summary [data-path]')].map(
      (b) => ({ path: b.dataset.path!, text: b.textContent ?? '' }),
    );
    const beside = [...document.querySelectorAll<HTMLElement>('[data-fw-path]')]
      .map((el) => ({
        path: el.dataset.fwPath!,
        text:
          [
            ...el.querySelectorAll(
              ':scope > .el-form-item__content > .fw-error, :scope > .fw-error',
            ),
          ]
            .map((e) => e.textContent)
            .join('；') || '',
      }))
      .filter((e) => e.text);
    const refused = dev.errors.length > errorsBefore;
    return { errors: refused ? dev.errors[dev.errors.length - 1]! : null, summary, beside };
  }, before.errors);
}

describe('the rendered page and the server reject the same records', () => {
  it('given each shared parity case, when the doctor submits it on the page and it is POSTed to the server, then both give the same verdict at the same JSON pointers with the same zh/en messages, each shown by its field and in the summary', async () => {
    const page = await openServedForm();
    expect(await page.locator('.dev-release').textContent()).toBe(
      'national-phs@3.0.1+fujian@1.2.0',
    );
    // The page under test forbids eval: the validator is the engine's standalone module.
    const csp = await page.evaluate(async () =>
      (await fetch(location.href)).headers.get('content-security-policy'),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');

    // A record that is not an object cannot come from a form: the page is given the others.
    const cases = HYPERTENSION_PARITY_CASES.filter(
      (c) => typeof c.data === 'object' && c.data !== null && !Array.isArray(c.data),
    );
    const onPage: Record<string, Verdict> = {};
    const onServer: Record<string, Verdict> = {};
    for (const c of cases) {
      const shown = await submitOnPage(page, JSON.parse(JSON.stringify(c.data)));
      onPage[c.name] = verdictOf(!shown.errors, shown.errors ?? []);
      for (const error of shown.errors ?? []) {
        const listed = shown.summary.filter((s) => s.path === error.path).map((s) => s.text);
        expect(listed.join('\n'), `${c.name}: summary at ${error.path}`).toContain(
          error.message.zh,
        );
      }
      for (const { path, text } of shown.beside) {
        const expected = (shown.errors ?? []).filter((e) => e.path === path);
        expect(text, `${c.name}: beside ${path}`).toBe(
          expected.map((e) => e.message.zh).join('；'),
        );
      }

      const res = await f.request('POST', '/api/submissions', token, {
        formKey: 'hypertension-followup',
        subjectId,
        data: c.data,
      });
      expect([201, 422], `${c.name}: ${JSON.stringify(res.body)}`).toContain(res.status);
      onServer[c.name] = verdictOf(
        res.status === 201,
        (res.body.error?.details?.errors ?? []) as FormError[],
      );
    }
    expect(onPage).toEqual(onServer);
    const valid = Object.values(onServer).filter((v) => v.valid).length;
    expect(valid).toBe(3);
    expect(cases.length - valid).toBeGreaterThanOrEqual(6);
    await page.close();
  });
});

describe('a stored visit in the form version it was captured on', () => {
  it('given a visit captured on national-phs@3.0.0+fujian@1.0.0, when it is opened read-only with its release after 3.0.1+fujian@1.2.0 is current, then the page draws the 3.0.0 form (no 随访状态, which 3.0.1 added) with the stored values', async () => {
    const old = 'national-phs@3.0.0+fujian@1.0.0';
    const page = await openServedForm({
      release: old,
      readonly: '1',
      data: JSON.stringify(HT_VISIT),
    });
    expect(await page.locator('.dev-release').textContent()).toBe(old);
    expect(await page.locator('.fw-readonly-notice').count()).toBe(1);
    await expect.poll(() => page.locator('[data-fw-path="/sbp"]').textContent()).toContain('132');
    expect(await page.locator('[data-fw-path="/followupStatus"]').count()).toBe(0);
    expect(await page.locator('.fw-form input').count()).toBe(0);
    await page.close();

    const current = await openServedForm({ readonly: '1', data: JSON.stringify(HT_VISIT) });
    expect(await current.locator('.dev-release').textContent()).toBe(
      'national-phs@3.0.1+fujian@1.2.0',
    );
    expect(await current.locator('[data-fw-path="/followupStatus"]').count()).toBe(1);
    await current.close();
  });
});
