import type { CodeTable, FormRule, LocalizedText } from '@formwork/definitions';
import type { CodeTables } from '../FormDocument.js';
import type { Container } from '../fields.js';
import type { JsonObject } from '../immutable.js';

export type PaletteKind =
  | 'text'
  | 'number'
  | 'date'
  | 'single-choice'
  | 'multiple-choice'
  | 'yes-no'
  | 'blood-pressure'
  | 'repeating-group'
  | 'section'
  | 'calculated'
  | 'signature'
  | 'device-reading'
  | 'attachment';

/** What the property panel offers for a kind of field (each edited by `updateField` or a rule). */
export type FieldProperty =
  | 'label'
  | 'help'
  | 'required'
  | 'range'
  | 'pattern'
  | 'codeTable'
  | 'dataElement'
  | 'unit'
  | 'locked'
  | 'visibility'
  | 'calculation'
  | 'device';

/** The device kinds `x-device` knows (definitions' keyword). */
export type DeviceKind =
  'blood-pressure' | 'glucose' | 'ecg' | 'lab' | 'weight' | 'height' | 'temperature';

/** What the user chose when dropping an item (all optional: each kind has defaults). */
export interface PaletteOptions {
  /** The property name (a free one is chosen from the kind when absent). */
  name?: string;
  label?: LocalizedText;
  unit?: string;
  /** Whole numbers only (number, device reading, calculated). */
  integer?: boolean;
  /** An existing code table (choices); without one a starter table is created. */
  codeTable?: string;
  device?: { kind: DeviceKind; reading: string };
  /** The JsonLogic of a calculated value (checked by checkRule). */
  expression?: unknown;
  /** The type of a calculated value. */
  valueType?: 'number' | 'integer' | 'string' | 'boolean' | 'date';
  /** The fields of each item of a repeating group (default: one text field). */
  items?: readonly { kind: PaletteKind; options?: PaletteOptions }[];
}

/** What a palette item adds to a container. */
export interface Creation {
  fields: { name: string; schema: JsonObject; required?: boolean }[];
  rules?: FormRule[];
  codeTables?: CodeTable[];
}

export interface CreateContext {
  /** A property name free in the container (and in this creation), from a stem. */
  freeName(stem: string): string;
  /** A rule id free in the form, from a stem. */
  freeRuleId(stem: string): string;
  /** A code table id free in the document, from a stem. */
  freeCodeTableId(stem: string): string;
  formKey: string;
  codeTables: CodeTables;
  container: Container;
  options: PaletteOptions;
  /** Creates the fields of a nested kind (a repeating group's item fields). */
  createNested(kind: PaletteKind, container: Container, options: PaletteOptions): Creation;
}

/**
 * One entry of the palette (STYLE #20): its menu entry, the node it creates and the properties
 * its panel shows. The palette is an allow-list (STYLE #18): only what is listed can be added.
 */
export interface FieldPaletteItem {
  kind: Exclude<PaletteKind, 'section'>;
  label: LocalizedText;
  hint: LocalizedText;
  properties: readonly FieldProperty[];
  /** May be placed among a repeating group's item fields. */
  inRepeatingGroup: boolean;
  create(context: CreateContext): Creation;
  /** Whether an existing field looks like one of this kind (for its icon and panel). */
  matches(schema: JsonObject, name: string): boolean;
}

/** A section is no field: it groups top-level fields into a card of the form. */
export interface SectionPaletteItem {
  kind: 'section';
  label: LocalizedText;
  hint: LocalizedText;
}

export type PaletteItem = FieldPaletteItem | SectionPaletteItem;

/** The label given, or the kind's default. */
export const labelFrom = (context: CreateContext, fallback: LocalizedText): LocalizedText =>
  context.options.label ?? fallback;

/** `title` and `x-title-en` of a label. */
export const titled = (label: LocalizedText): JsonObject => ({
  title: label.zh,
  'x-title-en': label.en,
});
