import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder, readTriggers } from '@formwork/seed/lib/readSpec';

/*
 * Behaviour in metadata, not in code (STYLE.md 10): which submission starts which workflow is
 * declared by the spec's triggers, so no form key, workflow key, message or field name the
 * seed's triggers use may appear in the engine's own sources (issue 21 widens this to every seed
 * name). Tests, their fixtures and helpers (`testing/`) may name the seed; so may the demo data
 * generator (`seeding/`), which fabricates records of the seed's forms — the one known exception,
 * left for issue 21. Comments are not code and are left out.
 */

const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const EXEMPT = /(^|\/)(testing|fixtures|seeding)\//;

/** Every non-test TypeScript source of engine/src, relative to it. */
function sources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [path.relative(SRC, full)]
      : [];
  });
}

/** The source without its comments (block comments and `//` to the end of a line). */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');

/** The first segment of every `var` a JsonLogic rule reads. */
function fieldsRead(rule: unknown, into: Set<string>): void {
  if (Array.isArray(rule)) for (const item of rule) fieldsRead(item, into);
  else if (rule && typeof rule === 'object')
    for (const [op, operand] of Object.entries(rule)) {
      const target = op === 'var' ? (Array.isArray(operand) ? operand[0] : operand) : undefined;
      if (typeof target === 'string' && target) into.add(target.split('.')[0]!);
      fieldsRead(operand, into);
    }
}

/**
 * What the schedules' rules read besides a record's own fields: `enrollment`, `anchor`,
 * `parameters`, `recent`, and the enrollment as a record (`{ enrolledOn, endedOn, endReason,
 * details }`) — the schedule model's words, not the seed's. `program` is a field of the seed's
 * referral slip but also the engine's own word for an enrollment's programme (enrollments.program).
 */
const SCHEDULE_MODEL_WORDS = new Set([
  'enrollment',
  'anchor',
  'parameters',
  'recent',
  'enrolledOn',
  'endedOn',
  'endReason',
  'details',
  'program',
]);

/**
 * The names the seed's schedules use (issue 15: the due items and worklists run them): schedule,
 * occurrence and form keys, facts, the parameters they name (the holiday table too) and the
 * workflows they suggest — `keys`; and the fields their rules read — `fields`. Programmes are the
 * engine's own enrollment programmes, so not listed.
 */
function scheduleNames(): { keys: string[]; fields: string[] } {
  const names = new Set<string>();
  const fields = new Set<string>();
  for (const schedule of readJsonFolder<Schedule>('national-phs', '3.0.1', 'schedules').values()) {
    if (!('model' in schedule)) continue;
    names.add(schedule.id).add(schedule.form);
    const rules: unknown[] = [];
    for (const sources of Object.values(schedule.records))
      for (const source of sources ?? []) {
        if (source.key) names.add(source.key);
        rules.push(source.date, source.where);
      }
    for (const anchor of Object.values(schedule.anchors)) rules.push(anchor?.where);
    for (const o of schedule.occurrences) {
      names.add(o.id);
      if (o.form) names.add(o.form);
      rules.push(o.when, o.satisfiedBy.where);
    }
    for (const end of schedule.ends ?? []) rules.push(end.when, end.date);
    for (const s of schedule.suggestions ?? []) {
      names.add(s.workflow);
      rules.push(s.when);
    }
    const read = new Set<string>();
    for (const rule of rules) fieldsRead(rule, read);
    for (const field of read) if (!SCHEDULE_MODEL_WORDS.has(field)) fields.add(field);
    JSON.stringify(schedule).replace(/"parameter":"([^"]+)"/g, (_, key: string) => {
      names.add(key);
      return '';
    });
  }
  for (const p of readBaseSpec('national-phs', '3.0.1').parameters.parameters)
    if (p.type === 'string') names.add(p.key);
  return { keys: [...names].sort(), fields: [...fields].sort() };
}

/** The names the seed's triggers use: forms, workflows, messages and the fields they read. */
function triggerNames(): string[] {
  const names = new Set<string>();
  for (const trigger of Object.values(readTriggers('national-phs', '3.0.1'))) {
    names.add(trigger.form).add(trigger.workflow).add(trigger.message);
    for (const rule of [trigger.condition, ...Object.values(trigger.variables ?? {})])
      fieldsRead(rule, names);
  }
  return [...names].sort();
}

describe('the seed’s trigger and schedule names in the engine', () => {
  it('given the seed’s triggers, then they name forms, a workflow, a message and fields the engine could have hard-coded', () => {
    expect(triggerNames()).toEqual(
      expect.arrayContaining([
        'hypertension-followup',
        'diabetes-followup',
        'two-way-referral',
        'urgentReferral',
        'sbp',
        'fastingGlucose',
      ]),
    );
  });

  it('given the seed’s schedules, then they name forms, facts, occurrences, fields and parameters the due items and worklists could have hard-coded', () => {
    const { keys, fields } = scheduleNames();
    expect(keys).toEqual(
      expect.arrayContaining([
        'hypertension-followup',
        'referral-out',
        'delivery',
        'health-check',
        'quarterly',
        'reminderDueSoonDays',
        'holidayCalendar',
      ]),
    );
    expect(fields).toEqual(
      expect.arrayContaining(['visitMode', 'followupStatus', 'lmp', 'deliveryDate', 'referral']),
    );
  });

  it('given the engine’s sources (tests, test helpers and the demo data generator aside), when searched for those names outside comments, then none is found', () => {
    const found: string[] = [];
    const { keys, fields } = scheduleNames();
    const names = [...new Set([...triggerNames(), ...keys])];
    const escaped = (name: string) => name.replace(/[-.]/g, '\\$&');
    // A schedule's field may be an English word ("referral"): found where code reads it — quoted,
    // as a property (`.lmp`, `lmp:`) — not in prose.
    const asField = (name: string) =>
      new RegExp(
        `(['"\`])${escaped(name)}\\1|\\.${escaped(name)}(?![\\w-])|(?<![\\w-])${escaped(name)}\\s*:(?!:)`,
      );
    for (const file of sources().filter((f) => !EXEMPT.test(f))) {
      const text = code(fs.readFileSync(path.join(SRC, file), 'utf8'));
      for (const name of names) {
        const word = new RegExp(`(?<![\\w-])${escaped(name)}(?![\\w-])`);
        if (word.test(text)) found.push(`${file}: ${name}`);
      }
      for (const name of fields.filter((f) => !names.includes(f)))
        if (asField(name).test(text)) found.push(`${file}: field ${name}`);
    }
    expect(found).toEqual([]);
  });
});
