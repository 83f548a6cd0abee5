import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './isoDuration.js';

describe('a timer’s duration as people say it', () => {
  it.each([
    ['PT48H', 48, 'hours'],
    ['P14D', 14, 'days'],
    ['PT30M', 30, 'minutes'],
    ['P2W', 2, 'weeks'],
  ] as const)(
    'given %s, when read, then it is %i %s and writes back the same',
    (iso, amount, unit) => {
      expect(parseDuration(iso)).toEqual({ amount, unit });
      expect(formatDuration({ amount, unit })).toBe(iso);
    },
  );

  it('given a duration of two units or a year, when read, then it is left as text', () => {
    expect(parseDuration('P1DT12H')).toBeUndefined();
    expect(parseDuration('P1Y')).toBeUndefined();
    expect(parseDuration('${later}')).toBeUndefined();
  });

  it('given no amount, a fraction or a negative number, when written, then nothing is written', () => {
    expect(formatDuration({ amount: 0, unit: 'days' })).toBeUndefined();
    expect(formatDuration({ amount: 1.5, unit: 'hours' })).toBeUndefined();
    expect(formatDuration({ amount: -2, unit: 'days' })).toBeUndefined();
  });
});
