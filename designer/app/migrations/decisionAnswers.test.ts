import type { MigrationDecision } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import { answerFor, describeStep } from './decisionAnswers.js';

const decision = (code: MigrationDecision['code'], choices?: string[]): MigrationDecision => ({
  id: `${code}:/visitMode`,
  code,
  path: '/visitMode',
  required: true,
  message: { zh: '请决定', en: 'Decide' },
  ...(choices ? { choices } : {}),
});

describe('a data migration decision answered on the screen', () => {
  it('given a default typed as JSON, then the engine gets the value; text without quotes is refused naming the field', () => {
    expect(answerFor(decision('default-value'), { value: '"1"' })).toEqual({
      answer: { value: '1' },
    });
    expect(answerFor(decision('default-value'), { value: '0' })).toEqual({ answer: { value: 0 } });
    const refused = answerFor(decision('default-value'), { value: '门诊' });
    expect(refused).toMatchObject({ problem: { zh: expect.stringContaining('/visitMode') } });
    expect(answerFor(decision('default-value'), { value: ' ' })).toEqual({ unanswered: true });
  });

  it('given old=new lines for a recoded table, then a map; a line without = is refused', () => {
    expect(answerFor(decision('recode-table'), { map: '1=01\n 2 = 02 \n\n' })).toEqual({
      answer: { map: { '1': '01', '2': '02' } },
    });
    expect(answerFor(decision('recode-table'), { map: '1>01' })).toMatchObject({
      problem: { en: expect.stringContaining('"1>01"') },
    });
  });

  it('given a unit factor, a rename or a drop, a rule or a skip, then the answer the engine takes', () => {
    expect(answerFor(decision('unit-conversion'), { factor: 0.1333, offset: 0 })).toEqual({
      answer: { factor: 0.1333, offset: 0 },
    });
    expect(answerFor(decision('unit-conversion'), {})).toEqual({ unanswered: true });
    expect(answerFor(decision('rename-or-drop', ['/mode']), { rename: '/mode' })).toEqual({
      answer: { rename: '/mode' },
    });
    expect(answerFor(decision('rename-or-drop'), { drop: true })).toEqual({
      answer: { drop: true },
    });
    expect(answerFor(decision('transform'), { rule: '{"var": "a"}' })).toEqual({
      answer: { rule: { var: 'a' } },
    });
    expect(answerFor(decision('transform'), { skip: true })).toEqual({ answer: { skip: true } });
    expect(answerFor(decision('transform'), { rule: '{' })).toMatchObject({ problem: {} });
  });

  it('given the plan’s steps, then each is said in words', () => {
    expect(describeStep({ op: 'set-default', path: '/waist', value: 80 }, 'zh')).toBe(
      '/waist 缺失时填入 80',
    );
    expect(describeStep({ op: 'rename', path: '/a', to: '/b' }, 'en')).toBe('/a renamed to /b');
  });
});
