import { describe, expect, it } from 'vitest';
import { completePlan } from './completePlan.js';
import { draft } from './fixtures/glucoseVisit.js';

describe('completePlan', () => {
  it('given wrong answers, when completing, then they are refused and the decisions stay open', () => {
    const result = completePlan(draft, {
      'default-value:/nothing': { value: 1 },
      'default-value:/smoker': { map: {} },
    });
    expect(result.problems.map((p) => p.code)).toEqual(['decision-unknown', 'answer-invalid']);
    expect(result.plan.decisions).toHaveLength(3);
    expect(draft.decisions).toHaveLength(3);
  });

  it('given a removed field said to be renamed, when completing, then the drop becomes a rename', () => {
    const plan = completePlan(draft, { 'rename-or-drop:/oldNote': { rename: '/smoker' } }).plan;
    expect(plan.steps[0]).toEqual({ op: 'rename', from: '/oldNote', to: '/smoker' });
    expect(
      plan.steps.some((s) => s.op === 'drop' || (s.op === 'set-default' && s.path === '/smoker')),
    ).toBe(false);
    expect(plan.decisions.map((d) => d.id)).toEqual(['transform:/glucose']);
  });
});
