/**
 * The upgrade demonstration's 3.1.1 (a made-up patch release, not a national spec: see
 * CHANGES.md) passes the same gates as its 3.1.0 (meta-schemas, forms compile with the code
 * tables, BPMN lint, rules pass checkRule), keeps every 3.1.0 code as it was, and differs from
 * 3.1.0 exactly as CHANGES.md says: the remote consultation's urgent branch compares `urgency`
 * with the consult-urgency code the request form stores.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRule, type Indicator, type Schedule } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';
import { specGates } from '../../lib/specGates.js';

const SPEC = 'upgrade-demo';
const VERSION = '3.1.1';
const PREVIOUS = '3.1.0';
const base = readBaseSpec(SPEC, VERSION);
const previous = readBaseSpec(SPEC, PREVIOUS);
const schedules = readJsonFolder<Schedule>(SPEC, VERSION, 'schedules');
const indicators = readJsonFolder<Indicator>(SPEC, VERSION, 'indicators');
const formKeys = Object.keys(base.forms);

/** The JsonLogic condition of a sequence flow of a BPMN document. */
function flowCondition(xml: string, flowId: string): unknown {
  const match = new RegExp(
    `<bpmn:sequenceFlow id="${flowId}"[^>]*>\\s*<bpmn:conditionExpression[^>]*language="jsonlogic">([^<]*)<`,
  ).exec(xml);
  if (!match) throw new Error(`no condition on ${flowId}`);
  return JSON.parse(match[1]!) as unknown;
}

const NAMESPACE = `targetNamespace="https://formwork.example/bpmn/${SPEC}/`;

describe('upgrade-demo 3.1.1: every definition passes the gates', () => {
  specGates(SPEC, VERSION, PREVIOUS);

  it.each(Object.keys(base.workflows))('given workflow %s, then it names 3.1.1', (key) => {
    expect(base.workflows[key]).toContain(`${NAMESPACE}${VERSION}"`);
  });

  it('given parameters.json, then it is the 3.1.0 set but for the version', () => {
    expect({ ...base.parameters, version: PREVIOUS }).toEqual(previous.parameters);
  });
});

describe('upgrade-demo 3.1.1: the change against 3.1.0 (CHANGES.md)', () => {
  const xml = base.workflows['remote-consultation']!;
  const urgency = base.codeTables['consult-urgency']!.codes;
  const urgent = (variables: Record<string, unknown>) =>
    evaluateRule(flowCondition(xml, 'Flow_urgent'), variables);

  it('given the urgent branch, then it compares urgency with the consult-urgency code for urgent', () => {
    expect(flowCondition(xml, 'Flow_urgent')).toEqual({ '==': [{ var: 'urgency' }, '2'] });
    expect(urgency.find((c) => c.code === '2')!.label).toEqual({ zh: '紧急', en: 'Urgent' });
    // 3.1.0 compared with a value the form never stores.
    expect(flowCondition(previous.workflows['remote-consultation']!, 'Flow_urgent')).toEqual({
      '==': [{ var: 'urgency' }, 'urgent'],
    });
  });

  it('given the request form, when its urgency field is read, then every code it can store takes the branch of its meaning', () => {
    const field = (
      base.forms['consult-request']!.schema.properties as Record<string, Record<string, unknown>>
    ).urgency!;
    expect(field['x-code-table']).toBe('consult-urgency');
    expect(urgency.map((c) => c.code)).toEqual(['1', '2']);
    expect(urgent({ urgency: '2' })).toBe(true);
    expect(urgent({ urgency: '1' })).toBe(false);
    expect(urgent({ urgency: 'urgent' })).toBe(false);
  });

  it('given the other workflows, forms, code tables, schedules and indicators, then they equal 3.1.0 but for the version', () => {
    const renamespace = (text: string) =>
      text.replace(`${NAMESPACE}${VERSION}"`, `${NAMESPACE}3.0.0"`);
    for (const [key, text] of Object.entries(base.workflows))
      if (key !== 'remote-consultation')
        expect(renamespace(text), key).toBe(previous.workflows[key]);
    const before = previous.workflows['remote-consultation']!.split('\n');
    const after = renamespace(xml).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [line.trim()]));
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^<bpmn:documentation>.*consult-urgency.*<\/bpmn:documentation>$/);
    expect(changed[0]).not.toContain('routine | urgent');
    expect(changed[1]).toContain('{"==":[{"var":"urgency"},"2"]}');
    for (const key of formKeys)
      expect({ ...base.forms[key], version: PREVIOUS }, key).toEqual(previous.forms[key]);
    for (const [id, table] of Object.entries(base.codeTables))
      expect({ ...table, version: PREVIOUS }, id).toEqual(previous.codeTables[id]);
    expect(Object.fromEntries(schedules)).toEqual(
      Object.fromEntries(readJsonFolder(SPEC, PREVIOUS, 'schedules')),
    );
    expect(Object.fromEntries(indicators)).toEqual(
      Object.fromEntries(readJsonFolder(SPEC, PREVIOUS, 'indicators')),
    );
  });
});
