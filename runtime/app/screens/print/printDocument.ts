import type { Locale } from '@formwork/definitions';
// The model's own module, not the renderer's entry: this file stays free of Vue and React.
import { sectionsOf } from '../../../renderer/model/sections.js';

/**
 * A stored record laid out for paper: the form's sections (its `ui:sections`, else its groups,
 * as the renderer's cards), each field as label and value in words: code labels for codes (the
 * form version's own code tables, in the chosen language), units after numbers, lists joined,
 * repeating groups as tables. Pure data, no Vue: the print screen only draws it.
 */

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The words a printed value needs that the form itself does not give, in the chosen language. */
export interface PrintWords {
  yes: string;
  no: string;
  /** Between the items of a list (、 in Chinese). */
  separator: string;
  /**
   * Labels of GB/T 2261.1 sex codes, for a field bound to its data element (DE02.01.040.00)
   * that the form gives no code table (the referral and consultation slips list the codes only).
   */
  sexCodes: Readonly<Record<string, string>>;
  /** A date-time (ISO) as people read it here. */
  dateTime: (iso: string) => string;
}

export interface PrintTable {
  columns: string[];
  rows: string[][];
}

export interface PrintField {
  /** JSON pointer of the field in the record, e.g. /referral/reason. */
  path: string;
  /** '' where the section's title names the field (a section of that field alone). */
  label: string;
  /** The value in words ('' when the record has none). */
  text: string;
  /** A long text or a table: a row of its own on paper. */
  wide: boolean;
  /** A repeating group (用药情况): its items as rows. */
  table?: PrintTable;
}

export interface PrintSection {
  key: string;
  title: string;
  fields: PrintField[];
}

/** A text field longer than this many characters is printed on a row of its own. */
const WIDE_TEXT = 100;

/** The element GB/T 2261.1's sex codes are bound to. */
const SEX_ELEMENT = 'DE02.01.040.00';

const titleOf = (schema: Schema, name: string) =>
  typeof schema.title === 'string' ? schema.title : name;

const unitOf = (schema: Schema) =>
  typeof schema['x-unit'] === 'string' ? (schema['x-unit'] as string) : undefined;

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** The label of a code: the option the compiler rendered from the code table, else the code. */
function codeLabel(schema: Schema, value: unknown, words: PrintWords): string {
  if (Array.isArray(schema.oneOf)) {
    const option = (schema.oneOf as Schema[]).find((o) => o.const === value);
    if (option && typeof option.title === 'string') return option.title;
  }
  if (schema['x-de'] === SEX_ELEMENT && typeof value === 'string' && words.sexCodes[value]) {
    return words.sexCodes[value]!;
  }
  return String(value);
}

/** One value of a field in words, as it is printed ('' for none). */
export function valueText(schema: Schema, value: unknown, words: PrintWords): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) {
    const items = isObject(schema.items) ? schema.items : {};
    return value.map((item) => valueText(items, item, words)).join(words.separator);
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    return Object.entries(value)
      .map(([name, v]) => {
        const child = isObject(properties[name]) ? properties[name] : {};
        return `${titleOf(child, name)} ${valueText(child, v, words)}`;
      })
      .join(words.separator);
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.enum)) {
    return codeLabel(schema, value, words);
  }
  if (schema.format === 'date-time' && typeof value === 'string') return words.dateTime(value);
  const unit = unitOf(schema);
  return unit && typeof value === 'number' ? `${value} ${unit}` : String(value);
}

const isTableOf = (schema: Schema) =>
  schema.type === 'array' && isObject(schema.items) && isObject(schema.items.properties);

/** A repeating group as a table: a column per item field (its unit in the heading). */
function tableOf(schema: Schema, value: unknown, words: PrintWords): PrintTable {
  const items = schema.items as Schema;
  const properties = Object.entries(items.properties as Schema).filter(([, s]) => isObject(s)) as [
    string,
    Schema,
  ][];
  const columns = properties.map(([name, s]) => {
    const unit = unitOf(s);
    return unit ? `${titleOf(s, name)}（${unit}）` : titleOf(s, name);
  });
  const rows = (Array.isArray(value) ? value : []).map((item) =>
    properties.map(([name, s]) =>
      isObject(item) ? valueText({ ...s, 'x-unit': undefined }, item[name], words) : '',
    ),
  );
  return { columns, rows };
}

function isWide(schema: Schema): boolean {
  if (schema.type !== 'string' || schema.format || schema.oneOf || schema.enum) return false;
  return typeof schema.maxLength !== 'number' || schema.maxLength > WIDE_TEXT;
}

/**
 * The printed fields of one field of the form: itself, or each of its own fields when it is a
 * group (转诊 → 转诊原因, 机构 …, titled "转诊 · 原因" only where the group's title is not the
 * section's). Fields the form hides for this record (its visibility rules) are left out.
 */
function fieldsOf(
  name: string,
  schema: Schema,
  data: Schema,
  path: string,
  hidden: ReadonlySet<string>,
  words: PrintWords,
  prefix: string,
): PrintField[] {
  if (hidden.has(path)) return [];
  const label = prefix ? `${prefix} · ${titleOf(schema, name)}` : titleOf(schema, name);
  const value = data[name];
  if (schema.type === 'object' && isObject(schema.properties)) {
    const inner = isObject(value) ? value : {};
    // A group's own fields are titled by it, unless it is its section (then `prefix` is '').
    const nested = path.lastIndexOf('/') > 0;
    return Object.entries(schema.properties)
      .filter(([, s]) => isObject(s))
      .flatMap(([child, s]) =>
        fieldsOf(
          child,
          s as Schema,
          inner,
          `${path}/${child}`,
          hidden,
          words,
          nested ? label : prefix,
        ),
      );
  }
  if (isTableOf(schema)) {
    const table = tableOf(schema, value, words);
    return [{ path, label, text: '', wide: true, table }];
  }
  return [{ path, label, text: valueText(schema, value, words), wide: isWide(schema) }];
}

/**
 * The record's sections for paper, in the form version's order and language: `rendered` is the
 * compiled form's `render(locale)` (labels and code tables in that language), `hidden` the
 * fields its rules hide for this record (`process(data).hidden`).
 */
export function printSections(
  rendered: { schema: Schema; uiSchema: Schema },
  data: Schema,
  hidden: readonly string[],
  locale: Locale,
  words: PrintWords,
): PrintSection[] {
  const properties = isObject(rendered.schema.properties) ? rendered.schema.properties : {};
  const hiddenSet = new Set(hidden);
  return sectionsOf(rendered.schema, rendered.uiSchema, locale)
    .map((section) => {
      const fields = section.fields.flatMap((name) => {
        const schema = properties[name];
        if (!isObject(schema)) return [];
        // A group that is a section of its own is titled by the section: no prefix again.
        const prefix =
          schema.type === 'object' && section.fields.length > 1 ? titleOf(schema, name) : '';
        return fieldsOf(name, schema, data, `/${name}`, hiddenSet, words, prefix);
      });
      // A section of one field (用药情况) is titled by it: its label is not printed again.
      const only = fields.length === 1 ? fields[0]! : undefined;
      return {
        key: section.key,
        title: section.title,
        fields: only?.label === section.title ? [{ ...only, label: '' }] : fields,
      };
    })
    .filter((section) => section.fields.length > 0);
}

/**
 * Fields set out in rows of a printed table: two short fields side by side, a wide one (a long
 * text, a table) alone, and a short one before a wide one alone too.
 */
export function rowsOf(fields: readonly PrintField[]): PrintField[][] {
  const rows: PrintField[][] = [];
  let pending: PrintField | undefined;
  for (const field of fields) {
    if (field.wide) {
      if (pending) rows.push([pending]);
      pending = undefined;
      rows.push([field]);
    } else if (pending) {
      rows.push([pending, field]);
      pending = undefined;
    } else pending = field;
  }
  if (pending) rows.push([pending]);
  return rows;
}

/** Every printed field of the record by its top-level name (a group's fields under its own). */
export function fieldsByName(sections: readonly PrintSection[]): Map<string, PrintField> {
  const byName = new Map<string, PrintField>();
  for (const field of sections.flatMap((s) => s.fields)) byName.set(field.path.slice(1), field);
  return byName;
}
