import { describe, expect, it } from 'vitest';
import { dryRun } from './dryRun.js';
import { clock, complete, draft, stored, target } from './fixtures/glucoseVisit.js';

describe('dryRun', () => {
  it('given stored records, when dry-run, then clean and failed records are counted with their reasons', () => {
    const payloads = [
      stored,
      { ...stored, glucose: 90, method: '1' },
      { ...stored, glucose: 'high' },
      { ...stored, glucose: 'n/a' },
      { ...stored, method: '7' },
      'not a record',
    ];
    const frozen = structuredClone(payloads);
    const report = dryRun(complete(), payloads, target, clock);
    expect(report).toMatchObject({ total: 6, clean: 2, failed: 4 });
    expect(report.reasons.map((r) => [r.code, r.path, r.count])).toEqual([
      ['not-a-number', '/glucose', 2],
      ['invalid:enum', '/method', 1],
      ['not-an-object', '', 1],
    ]);
    expect(report.reasons[0]!.example.message.en).toContain('not a number');
    expect(payloads).toEqual(frozen);
  });

  it('given a draft plan, when dry-run, then only the records needing the open decision fail', () => {
    const report = dryRun(
      draft,
      [stored, { ...stored, smoker: false }, { ...stored, smoker: true }],
      target,
      clock,
    );
    expect(report).toMatchObject({ total: 3, clean: 2, failed: 1 });
    expect(report.reasons).toMatchObject([{ code: 'decision-open', path: '/smoker', count: 1 }]);
  });
});
