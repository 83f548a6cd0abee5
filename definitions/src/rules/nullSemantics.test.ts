import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageWithBundle } from '../../../e2e/chromium.js';
import { nullCases, runNullCases } from './fixtures/nullCases.js';

/**
 * Missing data never counts as met: every comparison operator against null, an absent field and
 * an empty string, in Node and in Chromium (the browser, the server and workflow conditions run
 * the same evaluateRule).
 */
const expected = Object.fromEntries(nullCases.map((c) => [c.name, c.expected]));

describe('comparisons with missing values', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(() => browser?.close());

  it('in Node: a comparison with a missing value is false, its negation true, equality with null unchanged', () => {
    expect(runNullCases()).toEqual(expected);
    expect(nullCases.length).toBeGreaterThan(40);
  });

  it('in Chromium: the same answer for every case', async () => {
    const page = await pageWithBundle(
      browser,
      new URL('./fixtures/nullCasesEntry.ts', import.meta.url).pathname,
    );
    const inBrowser = await page.evaluate(() =>
      (
        globalThis as unknown as { formworkNullCases: () => Record<string, unknown> }
      ).formworkNullCases(),
    );
    expect(inBrowser).toEqual(expected);
  });
});
