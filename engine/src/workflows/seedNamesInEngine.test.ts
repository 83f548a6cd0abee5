import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTriggers } from '@formwork/seed/lib/readSpec';

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

describe('the seed’s trigger names in the engine', () => {
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

  it('given the engine’s sources (tests, test helpers and the demo data generator aside), when searched for those names outside comments, then none is found', () => {
    const found: string[] = [];
    const names = triggerNames();
    for (const file of sources().filter((f) => !EXEMPT.test(f))) {
      const text = code(fs.readFileSync(path.join(SRC, file), 'utf8'));
      for (const name of names) {
        const word = new RegExp(`(?<![\\w-])${name.replace(/[-.]/g, '\\$&')}(?![\\w-])`);
        if (word.test(text)) found.push(`${file}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });
});
