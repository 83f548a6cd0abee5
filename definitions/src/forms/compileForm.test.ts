import { describe, expect, it } from 'vitest';
import { createAjv } from '../validation/createAjv.js';
import { compileForm } from './compileForm.js';
import { FormCompiler } from './FormCompiler.js';
import { FormDefinitionError } from './FormDefinitionError.js';
import { sampleCases, sampleCodeTables, sampleForm, sampleToday } from './fixtures/sampleForm.js';

const clock = { today: () => sampleToday };
const compiled = compileForm(createAjv(), sampleForm, { codeTables: sampleCodeTables });
const base = { visitDate: '2026-11-20', method: '1', sbp: 138, dbp: 86, adverseReaction: '1' };

function definitionProblems(change: (def: typeof sampleForm) => void) {
  const def = structuredClone(sampleForm);
  change(def);
  try {
    compileForm(createAjv(), def, { codeTables: sampleCodeTables });
  } catch (err) {
    expect(err).toBeInstanceOf(FormDefinitionError);
    return (err as FormDefinitionError).problems;
  }
  throw new Error('expected the definition to be rejected');
}

describe('compileForm: processing data', () => {
  it.each(sampleCases)('$name → valid=$valid at $paths', ({ data, valid, paths }) => {
    const result = compiled.process(data, clock);
    expect(result.valid).toBe(valid);
    expect([...new Set(result.errors.map((e) => e.path))].sort()).toEqual([...paths].sort());
  });

  it('recomputes calculated fields and never trusts the client value', () => {
    const result = compiled.process({ ...base, weight: 70, height: 170, bmi: 99 }, clock);
    expect(result.valid).toBe(true);
    expect(result.data.bmi).toBe(24.2);
    expect(compiled.process({ ...base, bmi: 99 }, clock).data).not.toHaveProperty('bmi');
  });

  it('drops values of fields that are not visible', () => {
    const result = compiled.process({ ...base, adverseReactionText: '不应保存' }, clock);
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('adverseReactionText');
    expect(result.hidden).toEqual(['/adverseReactionText']);
  });

  it('requires a conditional field only while it is shown, naming it in both languages', () => {
    const result = compiled.process({ ...base, adverseReaction: '2' }, clock);
    expect(result.errors).toEqual([
      {
        path: '/adverseReactionText',
        keyword: 'required',
        message: {
          zh: '不良反应说明：应当有必需属性 adverseReactionText',
          en: 'Adverse reaction details: must have required property adverseReactionText',
        },
      },
    ]);
  });

  it('names the field and the rule in range errors', () => {
    const [error] = compiled.process({ ...base, sbp: 350 }, clock).errors;
    expect(error).toEqual({
      path: '/sbp',
      keyword: 'maximum',
      message: { zh: '收缩压：应当为 <= 300', en: 'Systolic BP: must be <= 300' },
    });
  });

  it('reports a cross-field rule with its own message and id', () => {
    const errors = compiled.process({ ...base, sbp: 120, dbp: 130 }, clock).errors;
    expect(errors).toEqual([
      {
        path: '/dbp',
        keyword: 'x-rule:dbp-below-sbp',
        message: { zh: '舒张压应低于收缩压', en: 'Diastolic pressure must be below systolic' },
      },
    ]);
  });

  it('leaves the input untouched and answers non-objects with an error', () => {
    const input = { ...base, bmi: 1 };
    compiled.process(input, clock);
    expect(input.bmi).toBe(1);
    expect(compiled.process(null, clock).errors[0]!.message.en).toBe('data must be an object');
    expect(compiled.process([1, 2], clock).valid).toBe(false);
  });
});

describe('compileForm: the definition', () => {
  it('fills code-table options and renders their labels in the locale', () => {
    const zh = compiled.render('zh').schema as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(zh.properties.method!.oneOf).toEqual([
      { const: '1', title: '门诊' },
      { const: '2', title: '家庭' },
      { const: '3', title: '电话' },
    ]);
    const en = compiled.render('en').schema as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(en.properties.sbp!.title).toBe('Systolic BP');
    expect((en.properties.method!.oneOf as { title: string }[])[2]!.title).toBe('Phone');
  });

  it('shows help in the locale: description in zh, x-description-en in en', () => {
    const form = structuredClone(sampleForm);
    const properties = form.schema.properties as Record<string, Record<string, unknown>>;
    Object.assign(properties.sbp!, {
      description: '坐位，静息 5 分钟后测量',
      'x-description-en': "Seated, after 5 minutes' rest",
    });
    const withHelp = compileForm(createAjv(), form, { codeTables: sampleCodeTables });
    type Rendered = { properties: Record<string, { description?: string }> };
    const zh = withHelp.render('zh').schema as Rendered;
    const en = withHelp.render('en').schema as Rendered;
    expect(zh.properties.sbp!.description).toBe('坐位，静息 5 分钟后测量');
    expect(en.properties.sbp!.description).toBe("Seated, after 5 minutes' rest");
  });

  it('describes every field with its metadata', () => {
    expect(compiled.fields.find((f) => f.path === '/sbp')).toEqual({
      path: '/sbp',
      title: { zh: '收缩压', en: 'Systolic BP' },
      type: 'integer',
      required: true,
      dataElement: 'DE04.10.174.00',
      unit: 'mmHg',
      locked: false,
      calculated: false,
      conditional: false,
    });
    expect(compiled.fields.find((f) => f.path === '/idNumber')).toMatchObject({
      sensitive: 'id-number',
      locked: true,
    });
  });

  it.each([
    [
      'an unknown code table',
      (d: typeof sampleForm) =>
        ((d.schema.properties as Record<string, Record<string, unknown>>).method!['x-code-table'] =
          'nope'),
      '/schema/properties/method/x-code-table',
      'code-table-unknown',
    ],
    [
      'an option outside its code table',
      (d: typeof sampleForm) =>
        ((d.schema.properties as Record<string, Record<string, unknown>>).method!.enum = [
          '1',
          '7',
        ]),
      '/schema/properties/method/enum',
      'code-not-in-table',
    ],
    [
      'a rule that calls a JavaScript method',
      (d: typeof sampleForm) => (d.rules![0]!.assert = { method: [{ var: 'sbp' }, 'toString'] }),
      '/rules/0/assert/method',
      'rule-invalid',
    ],
    [
      'a visibility rule with an unknown operator',
      (d: typeof sampleForm) =>
        ((d.schema.properties as Record<string, Record<string, unknown>>).adverseReactionText![
          'x-visible'
        ] = { exec: 'rm -rf /' }),
      '/schema/properties/adverseReactionText/x-visible/exec',
      'rule-invalid',
    ],
    [
      'a rule pointing at no field',
      (d: typeof sampleForm) => (d.rules![0]!.path = '/nothing'),
      '/rules/0/path',
      'rule-path-unknown',
    ],
    [
      'a root that is not an object',
      (d: typeof sampleForm) => (d.schema.type = 'array'),
      '/schema/type',
      'root-not-object',
    ],
    [
      'a missing English title',
      (d: typeof sampleForm) => delete (d.title as Partial<typeof d.title>).en,
      '/title/en',
      'meta:required',
    ],
    ['a bad version', (d: typeof sampleForm) => (d.version = 'v1'), '/version', 'meta:pattern'],
  ])('rejects %s with the path and a clear message', (_name, change, path, code) => {
    const problems = definitionProblems(change);
    expect(problems).toContainEqual(expect.objectContaining({ path, code }));
    for (const p of problems) expect(p.message.zh && p.message.en).toBeTruthy();
  });

  it('rejects an unknown keyword in the data schema (strict mode), naming it', () => {
    const problems = definitionProblems(
      (d) =>
        ((d.schema.properties as Record<string, Record<string, unknown>>).sbp!['x-colour'] = 'red'),
    );
    expect(JSON.stringify(problems)).toContain('x-colour');
  });

  it('computes chained calculated fields in dependency order and rejects cycles', () => {
    const def = structuredClone(sampleForm);
    const props = def.schema.properties as Record<string, Record<string, unknown>>;
    // Declared before the field it reads.
    props.obese = { type: 'boolean', 'x-calculated': { '>=': [{ var: 'bmi' }, 28] } };
    const chained = { obese: props.obese, ...props };
    def.schema.properties = chained;
    const form = compileForm(createAjv(), def, { codeTables: sampleCodeTables });
    const result = form.process({ ...base, weight: 90, height: 170 }, clock);
    expect(result.data).toMatchObject({ bmi: 31.1, obese: true });

    const problems = definitionProblems((d) => {
      const p = d.schema.properties as Record<string, Record<string, unknown>>;
      p.a = { type: 'number', 'x-calculated': { '+': [{ var: 'b' }, 1] } };
      p.b = { type: 'number', 'x-calculated': { '+': [{ var: 'a' }, 1] } };
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'calculation-cycle' }));
  });

  it('rejects visibility rules inside array items', () => {
    const problems = definitionProblems((d) => {
      (d.schema.properties as Record<string, unknown>).drugs = {
        type: 'array',
        items: { type: 'object', properties: { dose: { type: 'string', 'x-visible': true } } },
      };
    });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'rule-in-array' }));
  });
});

describe('FormCompiler', () => {
  it('compiles a version once and recompiles an edited draft', () => {
    const compiler = new FormCompiler({ codeTables: sampleCodeTables });
    const first = compiler.compile(sampleForm);
    expect(compiler.compile(structuredClone(sampleForm))).toBe(first);
    const edited = structuredClone(sampleForm);
    edited.title.zh = '高血压随访（草稿）';
    expect(compiler.compile(edited)).not.toBe(first);
    expect(compiler.stats).toEqual({ hits: 1, misses: 2, size: 2 });
  });
});
