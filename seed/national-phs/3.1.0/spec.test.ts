/**
 * The national base 3.1.0 passes the same gates as 3.0.0 (meta-schemas, forms compile with the
 * code tables, BPMN lint, rules pass checkRule), keeps every 3.0.0 code as it was, and differs
 * from 3.0.0 exactly as CHANGES.md says.
 */
import { describe, expect, it } from 'vitest';
import {
  checkRule,
  fieldPaths,
  FormCompiler,
  lintBpmn,
  validateMetadata,
  type Indicator,
  type Schedule,
} from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';

const SPEC = 'national-phs';
const VERSION = '3.1.0';
const base = readBaseSpec(SPEC, VERSION);
const previous = readBaseSpec(SPEC, '3.0.0');
const schedules = readJsonFolder<Schedule>(SPEC, VERSION, 'schedules');
const indicators = readJsonFolder<Indicator>(SPEC, VERSION, 'indicators');
const compiler = new FormCompiler({ codeTables: base.codeTables });
const formKeys = Object.keys(base.forms);
const clock = { today: () => '2026-11-23' };

describe('national-phs 3.1.0: every definition passes the gates', () => {
  it('given the seed, when listed, then it has the forms, tables and workflows of 3.0.0', () => {
    expect(formKeys).toEqual(Object.keys(previous.forms));
    expect(Object.keys(base.codeTables)).toEqual(Object.keys(previous.codeTables));
    expect(Object.keys(base.workflows)).toEqual(Object.keys(previous.workflows));
    expect([...schedules.keys()]).toEqual([...readJsonFolder(SPEC, '3.0.0', 'schedules').keys()]);
    expect([...indicators.keys()]).toEqual([...readJsonFolder(SPEC, '3.0.0', 'indicators').keys()]);
  });

  it.each(formKeys)(
    'given form %s, when validated and compiled, then it is 3.1.0 and compiles',
    (key) => {
      const form = base.forms[key]!;
      expect(validateMetadata('form-definition', form)).toEqual([]);
      expect(form.key).toBe(key);
      expect(form.version).toBe(VERSION);
      expect(compiler.compile(form).key).toBe(key);
    },
  );

  it.each(Object.keys(base.codeTables))(
    'given code table %s, when validated, then it is 3.1.0, unique and keeps every 3.0.0 code',
    (id) => {
      const table = base.codeTables[id]!;
      expect(validateMetadata('code-table', table)).toEqual([]);
      expect(table.version).toBe(VERSION);
      const codes = table.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      // A new version may add codes, never recode: each old code keeps its place and meaning.
      const old = previous.codeTables[id]!.codes;
      expect(table.codes.slice(0, old.length)).toEqual(old);
    },
  );

  it.each(Object.keys(base.workflows))(
    'given workflow %s, when linted, then it is ok and its form keys are 3.1.0 forms',
    async (key) => {
      const xml = base.workflows[key]!;
      const result = await lintBpmn(xml);
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      for (const [, form] of xml.matchAll(/camunda:formKey="([^"]*)"/g))
        expect(formKeys).toContain(form);
    },
  );

  it.each([...schedules.keys()])('given schedule %s, when validated, then it conforms', (id) => {
    const schedule = schedules.get(id)!;
    expect(validateMetadata('schedule', schedule)).toEqual([]);
    expect(formKeys).toContain(schedule.form);
    for (const occurrence of schedule.occurrences) {
      if (occurrence.when !== undefined) expect(checkRule(occurrence.when)).toEqual([]);
      if (occurrence.offset !== undefined) expect(checkRule(occurrence.offset)).toEqual([]);
    }
  });

  it.each([...indicators.keys()])('given indicator %s, when validated, then it conforms', (id) => {
    const indicator = indicators.get(id)!;
    expect(validateMetadata('indicator', indicator)).toEqual([]);
    for (const count of [indicator.numerator, indicator.denominator]) {
      expect(checkRule(count.filter)).toEqual([]);
      for (const form of count.forms ?? []) expect(formKeys).toContain(form);
    }
    const keys = base.parameters.parameters.map((p) => p.key);
    for (const key of indicator.parameters ?? []) expect(keys).toContain(key);
  });

  it('given parameters.json, when validated, then it is 3.1.0 and each default is in bounds', () => {
    const { parameters } = base;
    expect(validateMetadata('parameter-set', parameters)).toEqual([]);
    expect(parameters.version).toBe(VERSION);
    for (const p of parameters.parameters) {
      if (p.minimum !== undefined)
        expect(p.value as number, p.key).toBeGreaterThanOrEqual(p.minimum);
      if (p.maximum !== undefined) expect(p.value as number, p.key).toBeLessThanOrEqual(p.maximum);
    }
  });
});

describe('national-phs 3.1.0: the changes against 3.0.0 (CHANGES.md)', () => {
  const props = (spec: typeof base, form: string) =>
    spec.forms[form]!.schema.properties as Record<string, Record<string, unknown>>;

  it('given each form, when its fields are compared, then only the two new fields were added', () => {
    const added: Record<string, string[]> = {};
    for (const key of formKeys) {
      const before = fieldPaths(previous.forms[key]!.schema);
      const after = fieldPaths(base.forms[key]!.schema);
      expect(
        before.filter((p) => !after.includes(p)),
        key,
      ).toEqual([]);
      const fresh = after.filter((p) => !before.includes(p));
      if (fresh.length) added[key] = fresh;
    }
    expect(added).toEqual({
      'diabetes-followup': ['/footExam'],
      'hypertension-followup': ['/homeBpMonitoring'],
    });
    expect(props(base, 'diabetes-followup').footExam!['x-code-table']).toBe('normal-abnormal');
    expect(props(base, 'hypertension-followup').homeBpMonitoring!['x-code-table']).toBe('yes-no');
  });

  it('given the hypertension follow-up, when read, then auxiliaryExams is relabelled and heartRate is 30–200', () => {
    const ht = props(base, 'hypertension-followup');
    expect(ht.auxiliaryExams).toMatchObject({
      title: '辅助检查结果',
      'x-title-en': 'Auxiliary examination results',
    });
    expect(ht.heartRate).toMatchObject({ minimum: 30, maximum: 200 });
    const form = compiler.compile(base.forms['hypertension-followup']!);
    const record = {
      visitDate: '2026-11-20',
      visitMode: '4',
      sbp: 132,
      dbp: 84,
      homeBpMonitoring: '1',
      heartRate: 72,
      adherence: '1',
      classification: '1',
      doctorSignature: '王医生',
    };
    expect(form.process(record, clock).errors).toEqual([]);
    const slow = form.process({ ...record, heartRate: 25 }, clock);
    expect(slow.errors.map((e) => e.path)).toEqual(['/heartRate']);
  });

  it('given visit-mode and the parameters, when read, then code 4 and the foot-exam interval are new', () => {
    expect(base.codeTables['visit-mode']!.codes.at(-1)).toEqual({
      code: '4',
      label: { zh: '互联网视频', en: 'Internet video' },
    });
    const keys = (spec: typeof base) => spec.parameters.parameters.map((p) => p.key);
    expect(keys(base)).toEqual([...keys(previous), 'diabeticFootExamIntervalMonths']);
    expect(base.parameters.parameters.at(-1)).toMatchObject({ value: 12, overridable: true });
    for (const p of previous.parameters.parameters)
      expect(
        base.parameters.parameters.find((q) => q.key === p.key),
        p.key,
      ).toEqual(p);
  });

  it('given the other code tables, schedules, indicators and workflows, then they equal 3.0.0 but for the version', () => {
    for (const [id, table] of Object.entries(base.codeTables))
      if (id !== 'visit-mode')
        expect({ ...table, version: '3.0.0' }, id).toEqual(previous.codeTables[id]);
    expect(base.workflows).toEqual(previous.workflows);
    expect(Object.fromEntries(schedules)).toEqual(
      Object.fromEntries(readJsonFolder(SPEC, '3.0.0', 'schedules')),
    );
    expect(Object.fromEntries(indicators)).toEqual(
      Object.fromEntries(readJsonFolder(SPEC, '3.0.0', 'indicators')),
    );
    for (const key of formKeys)
      if (!['diabetes-followup', 'hypertension-followup'].includes(key))
        expect({ ...base.forms[key], version: '3.0.0' }, key).toEqual(previous.forms[key]);
  });
});
