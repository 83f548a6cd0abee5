import { describe, expect, it } from 'vitest';
import { addFromPalette } from './commands/addField.js';
import { addRule, setCalculation, setVisibility, updateRule } from './commands/rules.js';
import { DesignError } from './DesignProblem.js';
import { operatorsFor } from './fieldView.js';
import { createDocument } from './FormDocument.js';
import { lintDocument } from './lint.js';
import {
  appendNode,
  checkTree,
  fromLogic,
  idFactory,
  replaceNode,
  toLogic,
  type ConditionRow,
  type RuleTree,
} from './ruleBuilder.js';
import { seedCodeTables, seedForm } from './testing/seedForms.js';

const codeTables = seedCodeTables();
const followup = seedForm('hypertension-followup');
const document = () => createDocument(followup, { codeTables });

function refusal(run: () => unknown): DesignError {
  try {
    run();
  } catch (error) {
    if (error instanceof DesignError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the rule builder: rows and groups ⇄ JsonLogic', () => {
  it('given "follow-up status is lost or dead", when built, then it writes the JsonLogic the seed uses, and reads it back', () => {
    const row: ConditionRow = {
      id: 'r1',
      type: 'condition',
      field: '/followupStatus',
      operator: 'notIn',
      value: { literal: ['2', '3'] },
    };
    const tree: RuleTree = { id: 'g', type: 'group', combinator: 'all', children: [row] };
    const logic = toLogic(tree);
    expect(logic).toEqual({ '!': [{ in: [{ var: 'followupStatus' }, ['2', '3']] }] });
    expect(logic).toEqual(
      (followup.schema.properties as Record<string, { 'x-visible': unknown }>).sbp!['x-visible'],
    );
    expect(fromLogic(logic, idFactory('r'))).toEqual({
      ...tree,
      id: 'r1',
      children: [{ ...row, id: 'r2' }],
    });
  });

  it.each([
    ['a comparison with a number', { '>=': [{ var: 'sbp' }, 140] }],
    ['a comparison with another field', { '<': [{ var: 'dbp' }, { var: 'sbp' }] }],
    ['filled', { '!=': [{ var: 'sbp' }, null] }],
    ['empty', { '==': [{ var: 'visitMode' }, null] }],
    ['a code among several', { in: [{ var: 'followupStatus' }, ['2', '3']] }],
    ['a multiple choice holding a code', { in: ['10', { var: 'symptoms' }] }],
    ['not holding it', { '!': [{ in: ['1', { var: 'symptoms' }] }] }],
    ['a nested field', { '==': [{ var: 'referral.outcome' }, '1'] }],
    ['all of', { and: [{ '>=': [{ var: 'sbp' }, 140] }, { '>=': [{ var: 'dbp' }, 90] }] }],
    [
      'any of, with a group inside',
      {
        or: [
          { '>=': [{ var: 'sbp' }, 180] },
          { and: [{ '!=': [{ var: 'dbp' }, null] }, { '>=': [{ var: 'dbp' }, 110] }] },
        ],
      },
    ],
    [
      'none of',
      { '!': [{ or: [{ '==': [{ var: 'a' }, true] }, { '==': [{ var: 'b' }, true] }] }] },
    ],
  ])('round-trips %s exactly, as rows', (_name, logic) => {
    const tree = fromLogic(logic);
    expect(JSON.stringify(tree)).not.toContain('"raw"');
    expect(toLogic(tree)).toEqual(logic);
    expect(fromLogic(toLogic(tree))).toEqual(tree);
  });

  it('given every rule of the seed forms, when read and written, then each comes back unchanged (rows where it can, raw where not)', () => {
    for (const key of [
      'hypertension-followup',
      'diabetes-followup',
      'prenatal-first',
      'resident-basic-info',
    ]) {
      const form = seedForm(key);
      const logics: unknown[] = (form.rules ?? []).flatMap((r) =>
        'when' in r ? [r.when, r.assert] : [r.assert],
      );
      const visit = (schema: Record<string, unknown>) => {
        for (const child of Object.values(
          (schema.properties ?? {}) as Record<string, Record<string, unknown>>,
        )) {
          for (const k of ['x-visible', 'x-calculated']) if (k in child) logics.push(child[k]);
          visit(child);
        }
      };
      visit(form.schema);
      for (const logic of logics) expect(toLogic(fromLogic(logic))).toEqual(logic);
    }
  });

  it('keeps what it cannot show as a raw node, unchanged and checked', () => {
    const bmi = { '>=': [{ bmi: [{ var: 'weight' }, { var: 'height' }] }, 24] };
    const tree = fromLogic({ and: [{ '>=': [{ var: 'sbp' }, 140] }, bmi] });
    expect(tree.children.map((c) => c.type)).toEqual(['condition', 'raw']);
    expect(checkTree(tree)).toEqual([]);
    const hostile = fromLogic({ and: [{ method: [{ var: 'name' }, 'toUpperCase'] }] });
    expect(checkTree(hostile)).toEqual([
      expect.objectContaining({
        node: hostile.children[0]!.id,
        message: expect.objectContaining({ en: 'operator "method" is not allowed' }),
      }),
    ]);
  });

  it('drops incomplete rows and empty groups on output (no rule at all when nothing is complete)', () => {
    const next = idFactory('x');
    let tree = fromLogic(undefined, next);
    expect(toLogic(tree)).toBeUndefined();
    tree = appendNode(tree, tree.id, {
      id: next(),
      type: 'condition',
      field: '/sbp',
      operator: '>=',
    });
    expect(toLogic(tree)).toBeUndefined();
    const rowId = tree.children[0]!.id;
    tree = replaceNode(tree, rowId, (row) => ({
      ...(row as ConditionRow),
      value: { literal: 160 },
    }));
    tree = appendNode(tree, tree.id, {
      id: next(),
      type: 'group',
      combinator: 'any',
      children: [],
    });
    expect(toLogic(tree)).toEqual({ '>=': [{ var: 'sbp' }, 160] });
  });

  it('offers operators by the field: codes, numbers, multiple choices', () => {
    const d = document();
    expect(operatorsFor(d, '/followupStatus')).toEqual([
      '==',
      '!=',
      'in',
      'notIn',
      'filled',
      'empty',
    ]);
    expect(operatorsFor(d, '/sbp')).toContain('<=');
    expect(operatorsFor(d, '/symptoms')).toEqual(['contains', 'notContains', 'filled', 'empty']);
  });
});

describe('rules written into the form', () => {
  it('given a visibility rule built in the builder, when set on a field, then the form hides it as staff will see', () => {
    let d = document();
    const logic = toLogic(fromLogic({ '>=': [{ var: 'sbp' }, 140] }));
    d = setVisibility(d, '/remarks', logic);
    const report = lintDocument(d);
    expect(report.ok).toBe(true);
    const data = { visitDate: '2026-12-01', sbp: 120, remarks: 'x' };
    expect(report.compiled!.process(data).hidden).toContain('/remarks');
  });

  it('given raw JsonLogic with an operation the checker does not allow, when set, then it is refused on the rule and the field, and the form is unchanged', () => {
    const d = document();
    const error = refusal(() =>
      setVisibility(d, '/remarks', { method: [{ var: 'remarks' }, 'trim'] }),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'rule-invalid',
        path: '/schema/properties/remarks/x-visible/method',
        field: '/remarks',
        rule: { kind: 'visible', field: '/remarks' },
        message: { zh: '不支持的运算符 "method"', en: 'operator "method" is not allowed' },
      }),
    ]);
    expect(refusal(() => setCalculation(d, '/bmi', { log: 1 })).problems[0]!.rule).toEqual({
      kind: 'calculated',
      field: '/bmi',
    });
  });

  it('given a cross-field rule, when added and changed, then it is checked as the compiler checks it', () => {
    let d = addFromPalette(
      document(),
      'number',
      { container: '', index: 0 },
      { name: 'homeSbp' },
    ).document;
    d = addRule(d, {
      id: 'home-sbp-plausible',
      when: toLogic(fromLogic({ '!=': [{ var: 'homeSbp' }, null] })),
      assert: { '<=': [{ var: 'homeSbp' }, 300] },
      path: '/homeSbp',
      message: { zh: '家庭自测血压不合理', en: 'Home BP is implausible' },
    });
    expect(lintDocument(d).ok).toBe(true);
    const unknownPath = refusal(() => updateRule(d, 'home-sbp-plausible', { path: '/nowhere' }));
    expect(unknownPath.problems[0]).toMatchObject({
      code: 'rule-path-unknown',
      rule: { kind: 'rule', id: 'home-sbp-plausible', part: 'path' },
    });
    const badOp = refusal(() => updateRule(d, 'home-sbp-plausible', { assert: { eval: ['1'] } }));
    expect(badOp.problems[0]).toMatchObject({
      path: `/rules/${d.definition.rules!.length - 1}/assert/eval`,
      field: '/homeSbp',
      rule: { kind: 'rule', id: 'home-sbp-plausible', part: 'assert' },
    });
  });
});
