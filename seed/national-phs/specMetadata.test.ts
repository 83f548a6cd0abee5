/**
 * The national spec's non-form metadata (workflows, schedules, indicators, parameters) is
 * metadata the engine trusts: every piece must pass the same gates a provincial upload would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkRule,
  lintBpmn,
  validateMetadata,
  type FilterIndicator,
  type ParameterSet,
  type ScheduleV1,
} from '@formwork/definitions';
import { readForms, readJsonFolder, readWorkflows, SEED_ROOT, specDir } from '../lib/readSpec.js';

const SPEC = 'national-phs';
const VERSION = '3.0.0';

/** Form keys of the seed, from the forms on disk: a workflow, schedule or indicator naming a form that does not exist fails. */
const SEED_FORM_KEYS = [...readForms('national-phs', '3.0.0').keys()];

/** Role keys read from the engine's role grid as text (seed never imports engine code). */
function roleKeys(): Set<string> {
  const text = fs.readFileSync(
    path.join(SEED_ROOT, '..', 'engine', 'src', 'access', 'roles.ts'),
    'utf8',
  );
  return new Set([...text.matchAll(/\brole\(\s*'([a-z][a-z0-9-]*)'/g)].map((m) => m[1] ?? ''));
}

function attributeValues(xml: string, attribute: string): string[] {
  return [...xml.matchAll(new RegExp(`${attribute}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

/** Every `var` path a JsonLogic rule reads. */
function varPaths(rule: unknown): string[] {
  if (Array.isArray(rule)) return rule.flatMap(varPaths);
  if (rule === null || typeof rule !== 'object') return [];
  return Object.entries(rule).flatMap(([op, arg]) => {
    if (op !== 'var') return varPaths(arg);
    const first: unknown = Array.isArray(arg) ? arg[0] : arg;
    return typeof first === 'string' ? [first] : [];
  });
}

const workflows = readWorkflows(SPEC, VERSION);
// 3.0.0's schedules are of the first model (as published).
const schedules = readJsonFolder<ScheduleV1>(SPEC, VERSION, 'schedules');
const indicators = readJsonFolder<FilterIndicator>(SPEC, VERSION, 'indicators');
const parameterSet = JSON.parse(
  fs.readFileSync(path.join(specDir(SPEC, VERSION), 'parameters.json'), 'utf8'),
) as ParameterSet;
const parameterByKey = new Map(parameterSet.parameters.map((p) => [p.key, p]));

describe('the national base spec 3.0.0', () => {
  it('ships the eleven national forms', () => {
    expect([...SEED_FORM_KEYS].sort()).toEqual(
      [
        'consult-report',
        'consult-request',
        'diabetes-followup',
        'hypertension-followup',
        'postpartum-42day',
        'postpartum-visit',
        'prenatal-first',
        'prenatal-followup',
        'referral-out',
        'referral-return',
        'resident-basic-info',
      ].sort(),
    );
  });
});

describe('national-phs 3.0.0 workflows', () => {
  it('given the seed, when its workflows are listed, then referral, consultation and reminders are there', () => {
    expect([...workflows.keys()]).toEqual([
      'follow-up-reminders',
      'remote-consultation',
      'two-way-referral',
    ]);
  });

  for (const [name, xml] of workflows) {
    it(`given ${name}.bpmn, when it is linted, then it is ok, supported and has no warnings`, async () => {
      const result = await lintBpmn(xml);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.supported).toBe(true);
      expect(result.processIds).toHaveLength(1);
      expect(xml).toContain('isExecutable="true"');
      expect(xml).toContain('<bpmndi:BPMNDiagram');
    });

    it(`given ${name}.bpmn, when its form keys are read, then each names a seed form`, () => {
      for (const key of attributeValues(xml, 'camunda:formKey')) {
        expect(SEED_FORM_KEYS, `${name}: formKey ${key}`).toContain(key);
      }
    });

    it(`given ${name}.bpmn, when its candidate groups are read, then each names an engine role`, () => {
      const roles = roleKeys();
      expect(roles.size).toBeGreaterThan(5);
      for (const value of attributeValues(xml, 'camunda:candidateGroups')) {
        for (const group of value.split(',').map((g) => g.trim())) {
          expect(roles.has(group), `${name}: candidateGroups ${group}`).toBe(true);
        }
      }
    });

    it(`given ${name}.bpmn, when its conditions are read, then each is JsonLogic that checkRule admits`, () => {
      const bodies = [
        ...xml.matchAll(/<bpmn:conditionExpression[^>]*language="jsonlogic">([^<]*)</g),
      ].map((m) => m[1] ?? '');
      for (const body of bodies) expect(checkRule(JSON.parse(body) as unknown)).toEqual([]);
    });
  }

  it('given two-way-referral, when read, then it starts by message urgentReferral and follows up within 14 days', () => {
    const xml = workflows.get('two-way-referral') ?? '';
    expect(xml).toMatch(/<bpmn:message id="Message_urgentReferral" name="urgentReferral" \/>/);
    expect(xml).toMatch(/messageEventDefinition[^>]*messageRef="Message_urgentReferral"/);
    expect(xml).toContain('{"==":[{"var":"decision"},"accept"]}');
    expect(xml).toContain('{"==":[{"var":"decision"},"decline"]}');
    expect(xml).toContain('camunda:formKey="referral-return"');
    expect(xml).toContain('>P14D<');
  });

  it('given remote-consultation, when read, then triage is timed 48 h (12 h urgent), the report is signed, and return and cancel end', () => {
    const xml = workflows.get('remote-consultation') ?? '';
    expect(xml).toContain('>PT48H<');
    expect(xml).toContain('>PT12H<');
    expect(xml).toContain('camunda:topic="sign-report"');
    expect(xml).toContain('camunda:formKey="consult-report"');
    expect(xml).toContain('name="consultCancelled"');
    expect(xml).toContain('id="EndEvent_returned"');
    expect(xml).toContain('id="EndEvent_cancelled"');
  });

  it('given follow-up-reminders, when read, then its escalation timer is the escalation parameter default and it ends on followUpRecorded', () => {
    const xml = workflows.get('follow-up-reminders') ?? '';
    const escalationDays = parameterByKey.get('reminderEscalationDays')?.value;
    expect(xml).toContain(`>P${String(escalationDays)}D<`);
    expect(xml).toContain('name="followUpRecorded"');
    expect(xml).toContain('camunda:topic="notify"');
    expect(xml).toContain('camunda:topic="escalate"');
  });
});

describe('national-phs 3.0.0 schedules', () => {
  it('given the seed, when its schedules are listed, then chronic, prenatal and postpartum schedules are there', () => {
    expect([...schedules.keys()]).toEqual([
      'diabetes-followup',
      'hypertension-followup',
      'postpartum-42day',
      'postpartum-visit',
      'prenatal-first',
      'prenatal-followup',
    ]);
  });

  for (const [name, schedule] of schedules) {
    it(`given schedule ${name}, when validated, then it conforms, its rules pass checkRule and its form is a seed form`, () => {
      expect(validateMetadata('schedule', schedule)).toEqual([]);
      expect(schedule.id).toBe(name);
      expect(SEED_FORM_KEYS).toContain(schedule.form);
      for (const occurrence of schedule.occurrences) {
        if (occurrence.when !== undefined) expect(checkRule(occurrence.when)).toEqual([]);
        if (occurrence.offset !== undefined) expect(checkRule(occurrence.offset)).toEqual([]);
      }
    });
  }

  it('given the chronic schedules, when read, then they ask for the annual minimum and a 2-week recheck after an uncontrolled visit', () => {
    const minimum = parameterByKey.get('chronicMinVisitsPerYear')?.value;
    for (const name of ['hypertension-followup', 'diabetes-followup']) {
      const schedule = schedules.get(name);
      expect(schedule?.minPerYear).toBe(minimum);
      const recheck = schedule?.occurrences.find((o) => o.id === 'two-week-recheck');
      expect(recheck?.offsetDays).toBe(14);
      expect(recheck?.when).toEqual({ in: [{ var: 'classification' }, ['2', '3']] });
    }
  });

  it('given the prenatal schedules, when read, then each window falls in its gestational weeks', () => {
    const windows = [
      ...(schedules.get('prenatal-first')?.occurrences ?? []),
      ...(schedules.get('prenatal-followup')?.occurrences ?? []),
    ].map((o) => [
      o.id,
      (o.offsetDays ?? 0) - (o.windowBeforeDays ?? 0),
      (o.offsetDays ?? 0) + (o.windowAfterDays ?? 0),
    ]);
    expect(windows).toEqual([
      ['before-13-weeks', 0, 90],
      ['weeks-16-20', 112, 146],
      ['weeks-21-24', 147, 174],
      ['weeks-28-36', 196, 258],
      ['weeks-37-40', 259, 286],
    ]);
  });
});

describe('national-phs 3.0.0 parameters', () => {
  it('given parameters.json, when validated, then it conforms and each default is within its bounds and type', () => {
    expect(validateMetadata('parameter-set', parameterSet)).toEqual([]);
    expect(parameterSet.id).toBe('national-phs-parameters');
    expect(parameterSet.version).toBe(VERSION);
    expect(parameterByKey.size).toBe(parameterSet.parameters.length);
    for (const p of parameterSet.parameters) {
      expect(typeof p.value, p.key).toBe(p.type === 'integer' ? 'number' : p.type);
      if (p.type === 'integer') expect(Number.isInteger(p.value), p.key).toBe(true);
      if (p.minimum !== undefined)
        expect(p.value as number, p.key).toBeGreaterThanOrEqual(p.minimum);
      if (p.maximum !== undefined) expect(p.value as number, p.key).toBeLessThanOrEqual(p.maximum);
    }
  });

  it('given the national targets, when read, then BP is 140/90, glucose 7.0 and the postpartum window 7 days', () => {
    const value = (key: string) => parameterByKey.get(key)?.value;
    expect(value('bpTargetSystolic')).toBe(140);
    expect(value('bpTargetDiastolic')).toBe(90);
    expect(value('bpTargetSystolicElderly')).toBe(140);
    expect(parameterByKey.get('bpTargetSystolicElderly')?.overridable).toBe(true);
    expect(value('fastingGlucoseTarget')).toBe(7);
    expect(value('postpartumVisitWindowDays')).toBe(7);
  });
});

describe('national-phs 3.0.0 indicators', () => {
  it('given the seed, when its indicators are listed, then the six section-8 indicators are there', () => {
    expect([...indicators.keys()]).toEqual([
      'diabetes-control-rate',
      'diabetes-standard-management-rate',
      'early-pregnancy-registration-rate',
      'hypertension-control-rate',
      'hypertension-standard-management-rate',
      'postpartum-visit-rate',
    ]);
  });

  for (const [name, indicator] of indicators) {
    it(`given indicator ${name}, when validated, then it conforms and its filters pass checkRule`, () => {
      expect(validateMetadata('indicator', indicator)).toEqual([]);
      expect(indicator.id).toBe(name);
      for (const count of [indicator.numerator, indicator.denominator]) {
        expect(checkRule(count.filter)).toEqual([]);
        for (const form of count.forms ?? []) expect(SEED_FORM_KEYS).toContain(form);
      }
    });

    it(`given indicator ${name}, when its filters read parameters, then it declares exactly those and each exists`, () => {
      const read = new Set(
        [indicator.numerator.filter, indicator.denominator.filter]
          .flatMap(varPaths)
          .filter((p) => p.startsWith('parameters.'))
          .map((p) => p.slice('parameters.'.length)),
      );
      expect([...read].sort()).toEqual([...(indicator.parameters ?? [])].sort());
      for (const key of read) expect(parameterByKey.has(key), key).toBe(true);
    });
  }
});
