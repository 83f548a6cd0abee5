import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageWithBundle } from '../../../e2e/chromium.js';
import { runSampleCases } from './fixtures/parityEntry.js';
import { sampleCases } from './fixtures/sampleForm.js';

describe('the compiled form gives the same verdict in Chromium and in Node', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(() => browser?.close());

  it('on every shared case: validity, error paths and zh/en messages', async () => {
    const page = await pageWithBundle(
      browser,
      new URL('./fixtures/parityEntry.ts', import.meta.url).pathname,
    );
    const inBrowser = await page.evaluate(() =>
      (globalThis as unknown as { formworkParity: () => unknown }).formworkParity(),
    );
    const inNode = JSON.parse(JSON.stringify(runSampleCases()));
    expect(inBrowser).toEqual(inNode);
    // And the shared cases really exercise both verdicts.
    const verdicts = (inNode as { result: { valid: boolean } }[]).map((c) => c.result.valid);
    expect(verdicts).toEqual(sampleCases.map((c) => c.valid));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
