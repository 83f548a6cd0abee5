/**
 * The gates every national base version of the seed passes, as vitest cases: meta-schemas,
 * forms that compile with the code tables, code tables that keep every code of the version
 * before, BPMN that lints (with JsonLogic conditions only), schedules and indicators whose rules
 * check, triggers whose form, workflow and rules hold, parameters within their bounds. Each version's spec.test.ts calls it, then tests what
 * its CHANGES.md says.
 */
import { expect, it } from 'vitest';
import {
  checkIndicator,
  checkRule,
  checkSchedule,
  checkTriggers,
  FormCompiler,
  lintBpmn,
  validateMetadata,
  type Indicator,
  type Schedule,
} from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from './readSpec.js';

export function specGates(spec: string, version: string, previousVersion: string) {
  const base = readBaseSpec(spec, version);
  const previous = readBaseSpec(spec, previousVersion);
  const schedules = readJsonFolder<Schedule>(spec, version, 'schedules');
  const indicators = readJsonFolder<Indicator>(spec, version, 'indicators');
  const compiler = new FormCompiler({ codeTables: base.codeTables });
  const formKeys = Object.keys(base.forms);

  it(`given the seed, when listed, then it has the forms, tables and workflows of ${previousVersion}`, () => {
    expect(formKeys).toEqual(Object.keys(previous.forms));
    // A new version may add code tables (its spec test lists each one), never drop one.
    expect(Object.keys(base.codeTables)).toEqual(
      expect.arrayContaining(Object.keys(previous.codeTables)),
    );
    // A new version may add workflows (its spec test lists each one), never drop one.
    expect(Object.keys(base.workflows)).toEqual(
      expect.arrayContaining(Object.keys(previous.workflows)),
    );
    const keys = (folder: string) => [...readJsonFolder(spec, previousVersion, folder).keys()];
    expect([...schedules.keys()]).toEqual(keys('schedules'));
    // A new version may add indicators (its spec test lists each one), never drop one.
    expect([...indicators.keys()]).toEqual(expect.arrayContaining(keys('indicators')));
  });

  it.each(formKeys)(
    `given form %s, when validated and compiled, then it is ${version} and compiles`,
    (key) => {
      const form = base.forms[key]!;
      expect(validateMetadata('form-definition', form)).toEqual([]);
      expect(form.key).toBe(key);
      expect(form.version).toBe(version);
      expect(compiler.compile(form).key).toBe(key);
    },
  );

  it.each(Object.keys(base.codeTables))(
    `given code table %s, when validated, then it is ${version}, unique and keeps every ${previousVersion} code`,
    (id) => {
      const table = base.codeTables[id]!;
      expect(validateMetadata('code-table', table)).toEqual([]);
      expect(table.version).toBe(version);
      const codes = table.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      // A new version may add codes, never recode: each old code keeps its place. A label may
      // only be corrected (a printed label in full), as the version's spec test lists it.
      const old = previous.codeTables[id]?.codes ?? [];
      expect(table.codes.slice(0, old.length).map((c) => c.code)).toEqual(old.map((c) => c.code));
    },
  );

  it.each(Object.keys(base.workflows))(
    `given workflow %s, when linted, then it is ok, its conditions check and its form keys are ${version} forms`,
    async (key) => {
      const xml = base.workflows[key]!;
      const result = await lintBpmn(xml);
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      for (const [, form] of xml.matchAll(/camunda:formKey="([^"]*)"/g))
        expect(formKeys).toContain(form);
      for (const [, rule] of xml.matchAll(
        /<bpmn:conditionExpression[^>]*language="jsonlogic">([^<]*)</g,
      ))
        expect(checkRule(JSON.parse(rule!))).toEqual([]);
    },
  );

  it.each([...schedules.keys()])(
    'given schedule %s, when validated and checked against the spec, then it has no error',
    (id) => {
      const schedule = schedules.get(id)!;
      expect(validateMetadata('schedule', schedule)).toEqual([]);
      // Forms, record sets, anchors, workflows, parameters and rules (checkRule) it names.
      expect(checkSchedule(schedule, base).filter((p) => p.severity === 'error')).toEqual([]);
    },
  );

  it.each([...indicators.keys()])(
    'given indicator %s, when validated and checked against the spec, then it conforms',
    (id) => {
      const indicator = indicators.get(id)!;
      expect(validateMetadata('indicator', indicator)).toEqual([]);
      expect(checkIndicator(indicator, base)).toEqual([]);
    },
  );

  it.each(Object.keys(base.triggers ?? {}))(
    'given trigger %s, when checked against the spec, then its form, workflow, message start and rules hold',
    async (id) => {
      expect(await checkTriggers({ ...base, triggers: { [id]: base.triggers![id]! } })).toEqual([]);
    },
  );

  it(`given parameters.json, when validated, then it is ${version} and each default is in bounds`, () => {
    const { parameters } = base;
    expect(validateMetadata('parameter-set', parameters)).toEqual([]);
    expect(parameters.version).toBe(version);
    for (const p of parameters.parameters) {
      if (p.minimum !== undefined)
        expect(p.value as number, p.key).toBeGreaterThanOrEqual(p.minimum);
      if (p.maximum !== undefined) expect(p.value as number, p.key).toBeLessThanOrEqual(p.maximum);
    }
  });
}
