/**
 * The national base 3.0.1 (the printed spec, served by default) passes the same gates as 3.0.0
 * (meta-schemas, forms compile with the code tables, BPMN lint, rules pass checkRule), keeps
 * every 3.0.0 code as it was, and differs from 3.0.0 exactly as CHANGES.md lists: one check per
 * form, code table, schedule, indicator and workflow, and one for the parameters.
 *
 * Adding a correction: append its row to CHANGES.md and its differences to the entry of the
 * definition it changes below (FORMS, CODE_TABLES, PARAMETERS, SCHEDULES, INDICATORS,
 * WORKFLOWS); a definition without an entry must equal 3.0.0 but for the version. Tests of
 * what the correction does for a user go in their own describe at the end.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRule, type Indicator, type Schedule } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';
import {
  jsonDifferences,
  lineDifferences,
  type JsonDifference,
} from '../../lib/specDifferences.js';
import { specGates } from '../../lib/specGates.js';

const SPEC = 'national-phs';
const VERSION = '3.0.1';
const PREVIOUS = '3.0.0';
const base = readBaseSpec(SPEC, VERSION);
const previous = readBaseSpec(SPEC, PREVIOUS);
const schedules = readJsonFolder<Schedule>(SPEC, VERSION, 'schedules');
const previousSchedules = readJsonFolder<Schedule>(SPEC, PREVIOUS, 'schedules');
const indicators = readJsonFolder<Indicator>(SPEC, VERSION, 'indicators');
const previousIndicators = readJsonFolder<Indicator>(SPEC, PREVIOUS, 'indicators');
const NAMESPACE = `targetNamespace="https://formwork.example/bpmn/${SPEC}/`;

/** The corrections of CHANGES.md to each form, as leaf differences from 3.0.0 (row number in the comment). */
const FORMS: Record<string, JsonDifference[]> = {};

/** The corrections to each code table. */
const CODE_TABLES: Record<string, JsonDifference[]> = {};

/** The corrections to the parameters, by parameter key (`/<key>/<property>`). */
const PARAMETERS: JsonDifference[] = [
  // 1: the 65+ systolic target is national
  { path: '/bpTargetSystolicElderly/value', before: 140, after: 150 },
  { path: '/bpTargetSystolicElderly/maximum', before: 160, after: 150 },
  // 2: a province may only tighten the national targets
  { path: '/bpTargetSystolic/maximum', before: 160, after: 140 },
  { path: '/bpTargetDiastolic/maximum', before: 100, after: 90 },
  { path: '/elderlyAgeYears/minimum', before: 60, after: 65 },
  // 3: the postpartum visit rate counts visits within 28 days of discharge, nationally
  {
    path: '/postpartumVisitWindowDays/title/zh',
    before: '产后访视率：出院后访视时限',
    after: '产后访视率：出院后计入指标的天数（访视本身按随访计划在出院后7天内进行）',
  },
  {
    path: '/postpartumVisitWindowDays/title/en',
    before: 'Postpartum visit rate: days after discharge',
    after:
      'Postpartum visit rate: days after discharge within which a visit counts (the visit itself is due within 7 days, see the schedule)',
  },
  { path: '/postpartumVisitWindowDays/value', before: 7, after: 28 },
  { path: '/postpartumVisitWindowDays/minimum', before: 1, after: 28 },
  { path: '/postpartumVisitWindowDays/overridable', before: true, after: false },
];

/** The corrections to each schedule. */
const SCHEDULES: Record<string, JsonDifference[]> = {};

/** The corrections to each indicator. */
const INDICATORS: Record<string, JsonDifference[]> = {};

/** The corrections to each workflow: lines (trimmed) removed and added, the namespace aside. */
const WORKFLOWS: Record<string, { removed: string[]; added: string[] }> = {
  // 4: the urgent branch compares urgency with the consult-urgency code the request form stores
  'remote-consultation': {
    removed: [
      '<bpmn:documentation>含病历摘要、邀请专家或专科、会诊目的、附件与知情同意；urgency = routine | urgent。</bpmn:documentation>',
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"urgency"},"urgent"]}</bpmn:conditionExpression>',
    ],
    added: [
      '<bpmn:documentation>含病历摘要、邀请专家或专科、会诊目的、附件与知情同意；urgency 取代码表 consult-urgency 的代码：1 普通，2 紧急（紧急走 12 小时分诊）。urgency holds a consult-urgency code: 1 normal, 2 urgent (urgent goes to the 12 h triage).</bpmn:documentation>',
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"urgency"},"2"]}</bpmn:conditionExpression>',
    ],
  },
};

/** Differences in path order, so the lists above can follow the rows of CHANGES.md. */
const inPathOrder = (list: JsonDifference[]) =>
  [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const atVersion = <T extends { version?: string }>(definition: T): T => ({
  ...definition,
  version: PREVIOUS,
});
const byKey = (spec: typeof base) =>
  Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p]));

describe('national-phs 3.0.1: every definition passes the gates', () => {
  specGates(SPEC, VERSION, PREVIOUS);

  it.each(Object.keys(base.workflows))('given workflow %s, then it names 3.0.1', (key) => {
    expect(base.workflows[key]).toContain(`${NAMESPACE}${VERSION}"`);
  });

  it('given the corrections listed, then each names a definition of the spec', () => {
    for (const key of Object.keys(FORMS)) expect(base.forms, key).toHaveProperty([key]);
    for (const id of Object.keys(CODE_TABLES)) expect(base.codeTables, id).toHaveProperty([id]);
    for (const id of Object.keys(SCHEDULES)) expect(schedules.has(id), id).toBe(true);
    for (const id of Object.keys(INDICATORS)) expect(indicators.has(id), id).toBe(true);
    for (const key of Object.keys(WORKFLOWS)) expect(base.workflows, key).toHaveProperty([key]);
  });
});

describe('national-phs 3.0.1: the differences from 3.0.0 are the corrections of CHANGES.md', () => {
  it.each(Object.keys(base.forms))(
    'given form %s, when compared with 3.0.0, then only the listed corrections differ',
    (key) => {
      expect(
        inPathOrder(jsonDifferences(previous.forms[key], atVersion(base.forms[key]!))),
      ).toEqual(inPathOrder(FORMS[key] ?? []));
    },
  );

  it.each(Object.keys(base.codeTables))(
    'given code table %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(
        inPathOrder(jsonDifferences(previous.codeTables[id], atVersion(base.codeTables[id]!))),
      ).toEqual(inPathOrder(CODE_TABLES[id] ?? []));
    },
  );

  it('given the parameters, when compared with 3.0.0, then only the listed corrections differ', () => {
    expect(base.parameters.id).toBe(previous.parameters.id);
    expect(Object.keys(byKey(base))).toEqual(Object.keys(byKey(previous)));
    expect(inPathOrder(jsonDifferences(byKey(previous), byKey(base)))).toEqual(
      inPathOrder(PARAMETERS),
    );
  });

  it.each([...schedules.keys()])(
    'given schedule %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(inPathOrder(jsonDifferences(previousSchedules.get(id), schedules.get(id)))).toEqual(
        inPathOrder(SCHEDULES[id] ?? []),
      );
    },
  );

  it.each([...indicators.keys()])(
    'given indicator %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(inPathOrder(jsonDifferences(previousIndicators.get(id), indicators.get(id)))).toEqual(
        inPathOrder(INDICATORS[id] ?? []),
      );
    },
  );

  it.each(Object.keys(base.workflows))(
    'given workflow %s, when compared with 3.0.0, then only the listed lines changed',
    (key) => {
      const renamespaced = base.workflows[key]!.replace(
        `${NAMESPACE}${VERSION}"`,
        `${NAMESPACE}${PREVIOUS}"`,
      );
      expect(lineDifferences(previous.workflows[key]!, renamespaced)).toEqual(
        WORKFLOWS[key] ?? { removed: [], added: [] },
      );
    },
  );
});

/** The JsonLogic condition of a sequence flow of a BPMN document. */
function flowCondition(xml: string, flowId: string): unknown {
  const match = new RegExp(
    `<bpmn:sequenceFlow id="${flowId}"[^>]*>\\s*<bpmn:conditionExpression[^>]*language="jsonlogic">([^<]*)<`,
  ).exec(xml);
  if (!match) throw new Error(`no condition on ${flowId}`);
  return JSON.parse(match[1]!) as unknown;
}

describe('national-phs 3.0.1: what the corrections change for the people who use it', () => {
  const numerator = (spec: typeof base, indicator: Indicator) => (data: Record<string, unknown>) =>
    evaluateRule(indicator.numerator.filter, {
      ...data,
      parameters: Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p.value])),
    });

  it('given a 70-year-old whose latest visit reads 145/85, when the control rate counts, then 3.0.1 counts her controlled (3.0.0 did not) and a 60-year-old with 145/85 is not', () => {
    const controlled = (spec: typeof base, folder: Map<string, Indicator>) =>
      numerator(spec, folder.get('hypertension-control-rate')!);
    const elderly = { age: 70, latest: { sbp: 145, dbp: 85 } };
    expect(controlled(base, indicators)(elderly)).toBe(true);
    expect(controlled(previous, previousIndicators)(elderly)).toBe(false);
    expect(controlled(base, indicators)({ ...elderly, age: 60 })).toBe(false);
    expect(controlled(base, indicators)({ ...elderly, latest: { sbp: 150, dbp: 85 } })).toBe(false);
  });

  it('given a mother visited 20 days after discharge, when the postpartum visit rate counts, then 3.0.1 counts her (3.0.0 did not), while the visit itself stays due within 7 days', () => {
    const visited = (spec: typeof base, folder: Map<string, Indicator>) =>
      numerator(spec, folder.get('postpartum-visit-rate')!);
    const mother = (visitDate: string) => ({
      liveBirths: 1,
      first: { dischargeDate: '2026-10-01', visitDate },
    });
    expect(visited(base, indicators)(mother('2026-10-21'))).toBe(true);
    expect(visited(previous, previousIndicators)(mother('2026-10-21'))).toBe(false);
    expect(visited(base, indicators)(mother('2026-10-29'))).toBe(true);
    expect(visited(base, indicators)(mother('2026-10-30'))).toBe(false);
    expect(schedules.get('postpartum-visit')!.occurrences).toEqual([
      expect.objectContaining({ offsetDays: 0, windowAfterDays: 7 }),
    ]);
  });

  it('given the national targets, when a province sets them, then it may tighten but never loosen them', () => {
    const p = byKey(base);
    expect(p.bpTargetSystolic).toMatchObject({ value: 140, maximum: 140, overridable: true });
    expect(p.bpTargetDiastolic).toMatchObject({ value: 90, maximum: 90, overridable: true });
    expect(p.bpTargetSystolicElderly).toMatchObject({ value: 150, maximum: 150 });
    expect(p.elderlyAgeYears).toMatchObject({ value: 65, minimum: 65 });
    expect(p.postpartumVisitWindowDays).toMatchObject({ value: 28, overridable: false });
  });

  it('given a consultation request filled through the form, when its urgency code is 2, then it takes the urgent branch (12 h triage) and code 1 the routine one', () => {
    const xml = base.workflows['remote-consultation']!;
    const urgent = (variables: Record<string, unknown>) =>
      evaluateRule(flowCondition(xml, 'Flow_urgent'), variables);
    const field = (
      base.forms['consult-request']!.schema.properties as Record<string, Record<string, unknown>>
    ).urgency!;
    expect(field['x-code-table']).toBe('consult-urgency');
    expect(base.codeTables['consult-urgency']!.codes.map((c) => c.code)).toEqual(['1', '2']);
    expect(urgent({ urgency: '2' })).toBe(true);
    expect(urgent({ urgency: '1' })).toBe(false);
    // 3.0.0 compared with a value the form never stores.
    expect(
      evaluateRule(flowCondition(previous.workflows['remote-consultation']!, 'Flow_urgent'), {
        urgency: '2',
      }),
    ).toBe(false);
  });
});
