/**
 * Golden records of the printed base 3.0.1: each form of the seed compiled with the seed's code
 * tables, realistic valid records that must be accepted and crafted invalid ones that must be
 * rejected exactly at the expected JSON pointers, every error in zh-CN and English. The clock is
 * fixed at 2026-11-23.
 */
import { describe, expect, it } from 'vitest';
import { FormCompiler, type CompiledForm } from '@formwork/definitions';
import { readCodeTables, readForms } from '../../lib/readSpec.js';

export const clock = { today: () => '2026-11-23' };

export const codeTables = readCodeTables('national-phs', '3.0.1');
const forms = readForms('national-phs', '3.0.1');
const compiler = new FormCompiler({ codeTables });

/** The compiled 3.0.1 form of that key. */
export function form(key: string): CompiledForm {
  const definition = forms.get(key);
  if (!definition) throw new Error(`form ${key} is missing from national-phs 3.0.1`);
  return compiler.compile(definition);
}

/** Drops keys set to undefined, so a variant can leave a field out with `field: undefined`. */
export const clean = (data: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(data)) as Record<string, unknown>;

/** The data as the form stores it, or its errors. */
export const processed = (key: string, data: Record<string, unknown>) =>
  form(key).process(clean(data), clock);

export interface GoldenCase {
  name: string;
  data: Record<string, unknown>;
  /** Where an invalid record is rejected (each pointer once, in any order). */
  paths?: string[];
}

/** Valid records are accepted; each invalid one is rejected at exactly its paths, in zh and en. */
export function checkGolden(key: string, valid: GoldenCase[], invalid: GoldenCase[]): void {
  describe(`national-phs 3.0.1 ${key}: golden records`, () => {
    it.each(valid)('given $name, when processed, then it is accepted', ({ data }) => {
      const result = processed(key, data);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });
    it.each(invalid)('given $name, when processed, then it is rejected at $paths', (c) => {
      const result = processed(key, c.data);
      expect(result.valid).toBe(false);
      expect([...new Set(result.errors.map((e) => e.path))].sort()).toEqual(
        [...(c.paths ?? [])].sort(),
      );
      for (const error of result.errors) {
        expect(error.message.zh, error.path).toMatch(/\p{Script=Han}/u);
        expect(error.message.en, error.path).toMatch(/[A-Za-z]/);
      }
    });
  });
}
