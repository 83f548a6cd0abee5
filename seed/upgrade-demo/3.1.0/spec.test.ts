/**
 * The upgrade demonstration's 3.1.0 (a made-up version, not a national spec: see CHANGES.md)
 * passes the same gates as its 3.0.0 (meta-schemas, forms compile with the code tables, BPMN
 * lint, rules pass checkRule), keeps every 3.0.0 code as it was, and differs from 3.0.0 exactly
 * as CHANGES.md says.
 */
import { describe, expect, it } from 'vitest';
import { fieldPaths, FormCompiler, type Indicator, type Schedule } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';
import { specGates } from '../../lib/specGates.js';

const SPEC = 'upgrade-demo';
const VERSION = '3.1.0';
const base = readBaseSpec(SPEC, VERSION);
const previous = readBaseSpec(SPEC, '3.0.0');
const schedules = readJsonFolder<Schedule>(SPEC, VERSION, 'schedules');
const indicators = readJsonFolder<Indicator>(SPEC, VERSION, 'indicators');
const compiler = new FormCompiler({ codeTables: base.codeTables });
const formKeys = Object.keys(base.forms);
const clock = { today: () => '2026-11-23' };

describe('upgrade-demo 3.1.0: every definition passes the gates', () => {
  specGates(SPEC, VERSION, '3.0.0');
});

describe('upgrade-demo 3.1.0: the changes against 3.0.0 (CHANGES.md)', () => {
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
