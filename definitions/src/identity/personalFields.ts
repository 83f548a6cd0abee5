import type { FieldInfo } from '../forms/CompiledForm.js';
import { maskIdNumber, maskPhone } from './residentIdNumber.js';

/**
 * The kinds of `x-sensitive` that identify a person: their values are encrypted at rest, masked
 * in answers unless the reader may see personal data, and kept out of workflow variables.
 * (`health` marks health data: the whole record is that, so it is neither encrypted nor masked
 * field by field.)
 */
export const PERSONAL_KINDS = ['id-number', 'phone', 'name', 'address'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

const isPersonalKind = (value: unknown): value is PersonalKind =>
  (PERSONAL_KINDS as readonly unknown[]).includes(value);

/** A form field holding personal data: where it is and what it holds. */
export interface PersonalField {
  /** JSON pointer of the field in the data; `-` stands for every item of an array. */
  path: string;
  segments: readonly string[];
  kind: PersonalKind;
}

const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The fields of a compiled form that hold personal data (from `x-sensitive`), outermost first; a
 * field inside another personal field is covered by it and not listed.
 */
export function personalFields(fields: readonly FieldInfo[]): PersonalField[] {
  const found: PersonalField[] = [];
  for (const field of fields) {
    if (!isPersonalKind(field.sensitive)) continue;
    if (found.some((outer) => field.path.startsWith(`${outer.path}/`))) continue;
    found.push({
      path: field.path,
      segments: field.path.split('/').slice(1).map(unescape),
      kind: field.sensitive,
    });
  }
  return found;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A copy of `data` in which every value present at a personal field is replaced by what `replace`
 * returns for it (`undefined` removes it). Arrays are walked item by item where a field's path
 * says `-`. The data itself is never changed; parts without personal fields are shared.
 */
export function mapPersonalValues(
  data: Record<string, unknown>,
  fields: readonly PersonalField[],
  replace: (value: unknown, field: PersonalField, pointer: string) => unknown,
): Record<string, unknown> {
  if (!fields.length) return data;
  const visit = (node: unknown, field: PersonalField, depth: number, pointer: string): unknown => {
    if (depth === field.segments.length) return replace(node, field, pointer);
    const segment = field.segments[depth]!;
    if (segment === '-' && Array.isArray(node)) {
      return node.map((item, i) => visit(item, field, depth + 1, `${pointer}/${i}`));
    }
    if (!isObject(node) || !Object.hasOwn(node, segment)) return node;
    const next = visit(node[segment], field, depth + 1, `${pointer}/${escape(segment)}`);
    if (next === node[segment]) return node;
    const copy = { ...node };
    if (next === undefined) delete copy[segment];
    else copy[segment] = next;
    return copy;
  };
  let result: unknown = data;
  for (const field of fields) result = visit(result, field, 0, '');
  return result as Record<string, unknown>;
}

/** The same data without any personal value (what workflow variables may carry). */
export function withoutPersonalValues(
  data: Record<string, unknown>,
  fields: readonly PersonalField[],
): Record<string, unknown> {
  return mapPersonalValues(data, fields, () => undefined);
}

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** A name shows its first character (the surname, mostly): `陈**`, `欧**`. */
export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return stars(chars.length);
  return chars[0] + stars(chars.length - 1);
}

/**
 * An address shows its first third (at most 6 characters: the province, city or county it
 * starts with), then four stars: `福建省闽侯县****`.
 */
export function maskAddress(value: string): string {
  const chars = Array.from(value.trim());
  const shown = Math.min(6, Math.floor(chars.length / 3));
  return `${chars.slice(0, shown).join('')}****`;
}

/** A personal value as a reader without the right to see it is shown it. */
export function maskPersonalValue(kind: PersonalKind, value: unknown): string {
  if (typeof value !== 'string') return '****';
  switch (kind) {
    case 'id-number':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'name':
      return maskName(value);
    case 'address':
      return maskAddress(value);
  }
}

/** Every personal value of the data masked (the data itself is not changed). */
export function maskPersonalValues(
  data: Record<string, unknown>,
  fields: readonly PersonalField[],
): Record<string, unknown> {
  return mapPersonalValues(data, fields, (value, field) =>
    value === null ? null : maskPersonalValue(field.kind, value),
  );
}

/**
 * Data sent back after it was shown masked: where a personal value equals the mask of the stored
 * one, the reader did not change it, and the stored value is kept. Any other value is what the
 * reader typed.
 */
export function restoreMaskedValues(
  incoming: Record<string, unknown>,
  stored: Record<string, unknown>,
  fields: readonly PersonalField[],
): Record<string, unknown> {
  const storedAt = new Map<string, unknown>();
  mapPersonalValues(stored, fields, (value, _field, pointer) => {
    storedAt.set(pointer, value);
    return value;
  });
  return mapPersonalValues(incoming, fields, (value, field, pointer) => {
    if (!storedAt.has(pointer) || typeof value !== 'string') return value;
    const original = storedAt.get(pointer);
    return original !== null && value === maskPersonalValue(field.kind, original)
      ? original
      : value;
  });
}
