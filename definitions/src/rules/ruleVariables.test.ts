import { describe, expect, it } from 'vitest';
import { ruleVariables } from './ruleVariables.js';

describe('ruleVariables', () => {
  it('lists the data paths a rule reads', () => {
    const rule = {
      if: [
        { '>=': [{ var: 'vitals.sbp' }, 180] },
        { var: ['fallback', 0] },
        { bmi: [{ var: 'w' }, { var: 'h' }] },
      ],
    };
    expect([...ruleVariables(rule)].sort()).toEqual(['/fallback', '/h', '/vitals/sbp', '/w']);
  });

  it('marks a computed path as unknown', () => {
    expect([...ruleVariables({ var: { cat: ['a', 'b'] } })]).toEqual(['*']);
    expect([...ruleVariables(true)]).toEqual([]);
  });
});
