import { fail, problem } from '../DesignProblem.js';

/** A property name the designer gives or accepts: safe in JSON pointers and JsonLogic paths. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function assertFieldName(name: string, where: string): void {
  if (!FIELD_NAME.test(name))
    fail(
      'invalid',
      problem(
        'name-invalid',
        where,
        `字段名 "${name.slice(0, 80)}" 无效：须以字母开头，只含字母、数字和下划线，最多 64 个字符`,
        `field name "${name.slice(0, 80)}" is invalid: a letter, then letters, digits or underscores, at most 64`,
      ),
    );
}

/** The stem if free, else the stem with the first free number (`text`, `text2`, …). */
export function freeFrom(stem: string, taken: (name: string) => boolean): string {
  if (!taken(stem)) return stem;
  let n = 2;
  while (taken(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}
