import { describe, expect, it, vi } from 'vitest';
import { addFromPalette } from './commands/addField.js';
import { updateField } from './commands/updateField.js';
import { fieldAt } from './fields.js';
import { createDocument, emptyDocument, type FormDocument } from './FormDocument.js';
import {
  applyJson,
  applyJsonChecked,
  documentJson,
  MAX_JSON_BYTES,
  textRange,
  type FormCheck,
  type JsonEdit,
} from './jsonSync.js';
import { compileProblems } from './lint.js';
import { seedCodeTables, seedForm } from './testing/seedForms.js';

const codeTables = seedCodeTables();
const national = seedForm('hypertension-followup');

function clinic(): FormDocument {
  let d = emptyDocument('clinic-visit', { zh: '门诊记录', en: 'Clinic visit' }, { codeTables });
  d = addFromPalette(d, 'blood-pressure', { container: '', index: 0 }).document;
  d = addFromPalette(d, 'text', { container: '', index: 2 }, { name: 'notes' }).document;
  return d;
}

function refused(result: JsonEdit, document: FormDocument) {
  expect(result.ok).toBe(false);
  expect(result.document).toBe(document);
  if (result.ok) throw new Error('unreachable');
  for (const p of result.problems) {
    expect(p.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.message.en).toMatch(/[a-z]/);
    expect(typeof p.path).toBe('string');
  }
  return result.problems;
}

const withSchema = (d: FormDocument, change: (schema: Record<string, unknown>) => void) => {
  const schema = structuredClone(d.definition.schema) as Record<string, unknown>;
  change(schema);
  return JSON.stringify(schema, null, 2);
};

describe('JSON view: document → text → document', () => {
  it('given a document, when its JSON is shown, then each part is the definition’s own JSON', () => {
    const d = clinic();
    expect(JSON.parse(documentJson(d))).toEqual(d.definition);
    expect(JSON.parse(documentJson(d, 'schema'))).toEqual(d.definition.schema);
    expect(JSON.parse(documentJson(d, 'uiSchema'))).toEqual(d.definition.uiSchema);
    expect(JSON.parse(documentJson(d, 'rules'))).toEqual(d.definition.rules);
    expect(documentJson(d)).toBe(documentJson(d)); // cached per value
  });

  it('given the schema text edited (a maximum lowered), when applied, then the document follows and shares what did not change', () => {
    const d = clinic();
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).sbp!.maximum = 250),
    );
    const result = applyJson(d, text, 'schema');
    expect(result.ok).toBe(true);
    expect(fieldAt(result.document.definition, '/sbp')!.schema.maximum).toBe(250);
    const props = (x: FormDocument) => x.definition.schema.properties as Record<string, unknown>;
    expect(props(result.document).dbp).toBe(props(d).dbp);
    expect(result.document.definition.rules).toBe(d.definition.rules);
    expect(documentJson(result.document, 'schema')).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  it('given a panel edit, then the JSON view shows it (document → text)', () => {
    const d = updateField(clinic(), '/notes', { label: { zh: '备注', en: 'Remarks' } });
    expect(JSON.parse(documentJson(d, 'schema')).properties.notes).toMatchObject({
      title: '备注',
      'x-title-en': 'Remarks',
    });
  });

  it('given the rules text edited, when applied, then the rule changes', () => {
    const d = clinic();
    const rules = structuredClone(d.definition.rules!);
    rules[0]!.message = { zh: '舒张压须低于收缩压', en: 'DBP must be below SBP' };
    const result = applyJson(d, JSON.stringify(rules), 'rules');
    expect(result.ok).toBe(true);
    expect(result.document.definition.rules![0]!.message.en).toBe('DBP must be below SBP');
  });
});

describe('JSON view: hostile or broken input is refused and the last good document kept', () => {
  it('refuses text that is not JSON, saying where', () => {
    const d = clinic();
    const [p] = refused(applyJson(d, '{"type": "object", ', 'schema'), d);
    expect(p!.code).toBe('json-invalid');
  });

  it('refuses a 5 MB paste before reading it', () => {
    const d = clinic();
    const paste = JSON.stringify({ type: 'object', description: 'x'.repeat(5 * 1024 * 1024) });
    const started = performance.now();
    const [p] = refused(applyJson(d, paste, 'schema'), d);
    expect(p!.code).toBe('json-too-large');
    expect(p!.message.en).toContain(`${MAX_JSON_BYTES / 1024} KiB`);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    ['a backreference (catastrophic under backtracking)', '^(\\d+)*\\1$', 'pattern-unsupported'],
    [
      'nested counted repeats (an exponential automaton)',
      '((a{1,20}){1,20}){1,20}',
      'pattern-unsupported',
    ],
  ])('refuses a pattern with %s', (_what, pattern, code) => {
    const d = clinic();
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).notes!.pattern = pattern),
    );
    const problems = refused(applyJson(d, text, 'schema'), d);
    expect(problems[0]).toMatchObject({
      code,
      path: '/schema/properties/notes/pattern',
      textPath: '/properties/notes/pattern',
      field: '/notes',
    });
  });

  it('refuses a $ref cycle', () => {
    const d = clinic();
    const text = withSchema(d, (s) => {
      s.$defs = { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } };
      (s.properties as Record<string, unknown>).loop = { $ref: '#/$defs/a' };
    });
    const problems = refused(applyJson(d, text, 'schema'), d);
    expect(problems.map((p) => p.code)).toContain('ref-cycle');
  });

  it('refuses a rule with an unknown operation, on the rule', () => {
    const d = clinic();
    const rules = [
      ...structuredClone(d.definition.rules!),
      {
        id: 'sneaky',
        assert: { method: [{ var: 'notes' }, 'constructor'] },
        path: '/notes',
        message: { zh: '不行', en: 'No' },
      },
    ];
    const problems = refused(applyJson(d, JSON.stringify(rules), 'rules'), d);
    expect(problems[0]).toMatchObject({
      code: 'rule-invalid',
      path: '/rules/1/assert/method',
      textPath: '/1/assert/method',
      rule: { kind: 'rule', id: 'sneaky', part: 'assert' },
      field: '/notes',
    });
    const visible = withSchema(
      d,
      (s) =>
        ((s.properties as Record<string, Record<string, unknown>>).notes!['x-visible'] = {
          eval: ['1'],
        }),
    );
    expect(refused(applyJson(d, visible, 'schema'), d)[0]).toMatchObject({
      rule: { kind: 'visible', field: '/notes' },
    });
  });

  it('refuses what the meta-schema or Ajv strict mode refuses (an unknown keyword, rules not an array)', () => {
    const d = clinic();
    const unknownKeyword = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).notes!['x-colour'] = 'red'),
    );
    expect(refused(applyJson(d, unknownKeyword, 'schema'), d)[0]!.field).toBe('/notes');
    expect(refused(applyJson(d, '{"a": 1}', 'rules'), d)[0]!.code).toBe('json-shape');
    const noTitle = JSON.stringify({ ...d.definition, title: undefined });
    expect(refused(applyJson(d, noTitle), d)[0]!.code).toBe('meta:required');
  });

  it('refuses a JSON edit that relabels a field the base locks', () => {
    const d = createDocument(national, {
      codeTables,
      base: { name: 'national-phs@3.0.1', definition: national },
    });
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).sbp!.title = '高压'),
    );
    expect(refused(applyJson(d, text, 'schema'), d)[0]).toMatchObject({
      code: 'locked',
      field: '/sbp',
    });
  });

  it('given a refusal, when the configurator fixes the text, then the next edit is taken (the designer keeps working)', () => {
    const d = clinic();
    refused(applyJson(d, '{"broken"', 'schema'), d);
    const fixed = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).notes!.maxLength = 500),
    );
    const result = applyJson(d, fixed, 'schema');
    expect(result.ok).toBe(true);
    expect(fieldAt(result.document.definition, '/notes')!.schema.maxLength).toBe(500);
  });
});

describe('JSON view with the compile asked of a check (the engine’s, in the browser)', () => {
  /** What the engine answers: the same compiler, its problems at their pointers. */
  const engineLike: FormCheck = async (definition, tables) =>
    compileProblems(definition, tables).problems;

  it('given an edit the check accepts, when applied, then the document follows as with applyJson', async () => {
    const d = clinic();
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).sbp!.maximum = 250),
    );
    const check = vi.fn(engineLike);
    const result = await applyJsonChecked(d, text, 'schema', check);
    expect(result.ok).toBe(true);
    expect(check).toHaveBeenCalledOnce();
    expect(check.mock.calls[0]![0].schema).toEqual(JSON.parse(text));
    expect(fieldAt(result.document.definition, '/sbp')!.schema.maximum).toBe(250);
  });

  it('given the check’s problems, then the edit is refused with each placed in the text, on its field', async () => {
    const d = clinic();
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).notes!.pattern = '(a)\\1'),
    );
    const problems = refused(await applyJsonChecked(d, text, 'schema', engineLike), d);
    expect(problems[0]).toMatchObject({
      code: 'pattern-unsupported',
      textPath: '/properties/notes/pattern',
      field: '/notes',
    });
  });

  it('given text that is too large, not JSON or of the wrong shape, then it is refused without asking the check', async () => {
    const d = clinic();
    const check = vi.fn(engineLike);
    const big = JSON.stringify({ description: 'x'.repeat(5 * 1024 * 1024) });
    expect(refused(await applyJsonChecked(d, big, 'schema', check), d)[0]!.code).toBe(
      'json-too-large',
    );
    expect(refused(await applyJsonChecked(d, '{', 'schema', check), d)[0]!.code).toBe(
      'json-invalid',
    );
    expect(refused(await applyJsonChecked(d, '{}', 'rules', check), d)[0]!.code).toBe('json-shape');
    expect(check).not.toHaveBeenCalled();
  });

  it('given a check that cannot answer (the engine unreachable), then the edit is refused and the document kept', async () => {
    const d = clinic();
    const text = withSchema(d, (s) => (s.title = 'x'));
    const down: FormCheck = () => Promise.reject(new Error('The server cannot be reached'));
    const [p] = refused(await applyJsonChecked(d, text, 'schema', down), d);
    expect(p).toMatchObject({ code: 'check-failed' });
    expect(p!.message.en).toContain('The server cannot be reached');
  });

  it('given a check that accepts, then the base’s locks still refuse a relabelled locked field', async () => {
    const d = createDocument(national, {
      codeTables,
      base: { name: 'national-phs@3.0.1', definition: national },
    });
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).sbp!.title = '高压'),
    );
    const problems = refused(await applyJsonChecked(d, text, 'schema', async () => []), d);
    expect(problems[0]).toMatchObject({ code: 'locked', field: '/sbp' });
  });
});

describe('JSON view: a problem’s place in the text', () => {
  const at = (text: string, pointer: string) => {
    const range = textRange(text, pointer);
    return range && text.slice(range.from, range.to);
  };

  it('given a pointer, then its value’s text (objects, arrays, escaped keys, strings with brackets)', () => {
    const text = JSON.stringify(
      {
        properties: { 'a/b': { pattern: '^[{]"x"$' }, notes: { maxLength: 5 } },
        rules: [{ id: 'r', assert: { '<': [1, 2] } }],
      },
      null,
      2,
    );
    expect(at(text, '/properties/a~1b/pattern')).toBe('"^[{]\\"x\\"$"');
    expect(at(text, '/properties/notes/maxLength')).toBe('5');
    expect(JSON.parse(at(text, '/rules/0/assert')!)).toEqual({ '<': [1, 2] });
    expect(at(text, '/rules/0/assert/</1')).toBe('2');
    expect(at(text, '')).toBe(text);
  });

  it('given a pointer to nothing, then its nearest ancestor; given no JSON, then nothing', () => {
    const text = '{"schema": {"properties": {"notes": {"type": "string"}}}}';
    expect(at(text, '/schema/properties/notes/title')).toBe('{"type": "string"}');
    expect(at(text, '/schema/required/0')).toBe('{"properties": {"notes": {"type": "string"}}}');
    expect(textRange('', '/a')).toBeUndefined();
  });

  it('given each problem of a refused schema edit, then its textPath is found in the text', () => {
    const d = clinic();
    const text = withSchema(
      d,
      (s) => ((s.properties as Record<string, Record<string, unknown>>).notes!.pattern = '(a)\\1'),
    );
    const problems = refused(applyJson(d, text, 'schema'), d);
    expect(at(text, problems[0]!.textPath!)).toBe('"(a)\\\\1"');
  });
});
