import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, pageWithBundle } from '../../../e2e/chromium.js';
import { failClosedCases } from './fixtures/failClosedForm.js';
import { runFailClosedCases, runSampleCases } from './fixtures/parityEntry.js';
import { sampleCases } from './fixtures/sampleForm.js';

interface CaseResult {
  name: string;
  result: { valid: boolean; errors: { path: string; keyword: string }[]; hidden: string[] };
}
interface Run {
  sample: CaseResult[];
  failClosed: CaseResult[];
}

describe('the compiled form gives the same verdict in Chromium and in Node', () => {
  let browser: Browser;
  let inBrowser: Run;
  let inNode: Run;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    const page = await pageWithBundle(
      browser,
      new URL('./fixtures/parityEntry.ts', import.meta.url).pathname,
    );
    inBrowser = await page.evaluate(() =>
      (globalThis as unknown as { formworkParity: () => Run }).formworkParity(),
    );
    inNode = JSON.parse(
      JSON.stringify({ sample: runSampleCases(), failClosed: runFailClosedCases() }),
    ) as Run;
  });
  afterAll(() => browser?.close());

  it('on every shared case: validity, error paths and zh/en messages', () => {
    expect(inBrowser.sample).toEqual(inNode.sample);
    // And the shared cases really exercise both verdicts.
    const verdicts = inNode.sample.map((c) => c.result.valid);
    expect(verdicts).toEqual(sampleCases.map((c) => c.valid));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it('given rules that cannot be evaluated and data the validator throws on, then Chromium fails the same records, at the same paths, with the same messages, and hides nothing', () => {
    expect(inBrowser.failClosed).toEqual(inNode.failClosed);
    expect(
      inBrowser.failClosed.map((c) => ({
        valid: c.result.valid,
        errors: c.result.errors.map(({ path, keyword }) => ({ path, keyword })),
      })),
    ).toEqual(failClosedCases.map(({ valid, errors }) => ({ valid, errors })));
    const failed = inBrowser.failClosed.filter((c) =>
      c.result.errors.some((e) => e.keyword === 'rule-failed' || e.keyword === 'validation-failed'),
    );
    expect(failed.length).toBeGreaterThanOrEqual(5);
    for (const c of inBrowser.failClosed) expect(c.result.hidden).toEqual([]);
  });
});
