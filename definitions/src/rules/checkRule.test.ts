import { describe, expect, it } from 'vitest';
import { checkRule } from './checkRule.js';

describe('checkRule', () => {
  it('accepts rules built from allowed operations, including ours', () => {
    expect(checkRule({ '>=': [{ var: 'sbp' }, 180] })).toEqual([]);
    expect(
      checkRule({ if: [{ '<': [{ ageAt: [{ var: 'birth' }, { today: [] }] }, 65] }, 140, 150] }),
    ).toEqual([]);
    expect(checkRule(true)).toEqual([]);
    expect(checkRule({ var: ['a.b', 0] })).toEqual([]);
  });

  it.each([
    [{ method: [{ var: 'name' }, 'toUpperCase'] }, '/method', 'operator "method" is not allowed'],
    [{ log: 'x' }, '/log', 'operator "log" is not allowed'],
    [{ and: [true, { eval: 'process.exit()' }] }, '/and/1/eval', 'operator "eval" is not allowed'],
    [{ var: 'a.__proto__.polluted' }, '/var', 'var path may not contain "__proto__"'],
    [{ var: 'constructor' }, '/var', 'var path may not contain "constructor"'],
    [{ '==': [1, 1], '!=': [1, 2] }, '', 'exactly one operator'],
    [{ var: { var: 'x' } }, '/var', 'var takes a string path'],
  ])('rejects %j at %s', (rule, path, message) => {
    const problems = checkRule(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(path);
    expect(problems[0]!.message.en).toContain(message);
    expect(problems[0]!.message.zh.length).toBeGreaterThan(0);
  });

  it('refuses rules nested too deeply or too large, without recursing', () => {
    let deep: unknown = true;
    for (let i = 0; i < 10_000; i++) deep = { '!': [deep] };
    expect(checkRule(deep)[0]!.message.en).toContain('nested too deeply');
    const wide = { and: Array.from({ length: 6000 }, () => true) };
    expect(checkRule(wide)[0]!.message.en).toContain('too large');
  });
});
