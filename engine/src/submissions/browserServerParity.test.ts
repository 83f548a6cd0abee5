import { chromium, type Browser } from 'playwright-core';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageWithBundle } from '../../../e2e/chromium.js';
import { ruleClock } from '../clock.js';
import { IdentityFixture } from '../testing/index.js';
import { HYPERTENSION_PARITY_CASES } from './fixtures/parityCases.js';

/** Shared cases: each is run in Chromium on the form the API serves and POSTed to the server. */
const CASES = HYPERTENSION_PARITY_CASES;

let f: IdentityFixture;
let browser: Browser;
let token: string;
let subjectId: string;

beforeAll(async () => {
  f = await IdentityFixture.start();
  token = await f.login(await f.user('township-phc', '350121101'));
  const created = await f.request('POST', '/api/subjects', token, {
    name: '对照对象',
    idNumber: makeResidentIdNumber('350121', '1955-07-08', 41),
    orgCode: '350121101201-V01',
  });
  subjectId = created.body.id;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await f?.stop();
});

describe('the browser and the server give the same verdict', () => {
  it('given the form the API serves compiled in Chromium, when each shared case is checked there and submitted, then validity and error paths agree', async () => {
    const form = await f.request(
      'GET',
      '/api/forms/hypertension-followup?orgCode=350121101201-V01',
      token,
    );
    expect(form.status).toBe(200);
    expect(form.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');

    const page = await pageWithBundle(
      browser,
      new URL('./fixtures/browserCompiler.ts', import.meta.url).pathname,
    );
    const today = ruleClock(f.clock).today();
    const inBrowser = (await page.evaluate(
      ([served, cases, day]) =>
        (
          globalThis as unknown as {
            formworkCheck: (a: unknown, b: unknown, c: unknown) => unknown;
          }
        ).formworkCheck(served, cases, day),
      [form.body, JSON.parse(JSON.stringify(CASES)), today] as const,
    )) as { name: string; valid: boolean; paths: string[] }[];

    const onServer = [];
    for (const c of CASES) {
      const res = await f.request('POST', '/api/submissions', token, {
        formKey: 'hypertension-followup',
        subjectId,
        data: c.data,
      });
      expect([201, 422], `${c.name}: ${JSON.stringify(res.body)}`).toContain(res.status);
      const errors = (res.body.error?.details?.errors ?? []) as { path: string }[];
      onServer.push({
        name: c.name,
        valid: res.status === 201,
        paths: [...new Set(errors.map((e) => e.path))].sort(),
      });
    }
    expect(inBrowser).toEqual(onServer);
    // The shared cases exercise both verdicts.
    expect(onServer.filter((c) => c.valid).length).toBe(3);
    expect(onServer.filter((c) => !c.valid).length).toBe(CASES.length - 3);
  });
});
