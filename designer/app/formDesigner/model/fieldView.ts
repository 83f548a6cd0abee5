import type { LocalizedText } from '@formwork/definitions';
import { containerAt, fieldAt, labelOf, requireField, type Container } from './fields.js';
import type { FormDocument } from './FormDocument.js';
import { getIn, isObject, type JsonObject } from './immutable.js';
import { sectionsOf, shownOrder, looseFields, formContainer } from './layout.js';
import { lockOf, type FieldLock } from './locks.js';
import { kindOf, paletteItem, type FieldProperty, type PaletteKind } from './palette/index.js';
import { toPointer } from './pointer.js';
import type { Operator } from './ruleBuilder.js';

/** A field as the canvas draws it. */
export interface FieldNodeView {
  path: string;
  name: string;
  kind: PaletteKind | 'group' | 'other';
  label: LocalizedText;
  required: boolean;
  /** Locked by the base (not editable), or marked `x-locked` here for forms deriving from it. */
  lock?: FieldLock;
  lockedForDerived: boolean;
  conditional: boolean;
  calculated: boolean;
  /** A group's or repeating group's fields, in order. */
  children?: FieldNodeView[];
}

export interface OutlineView {
  sections: { index: number; title: LocalizedText; fields: FieldNodeView[] }[];
  /** Top-level fields in no section (the last card, 其他, when there are sections). */
  loose: FieldNodeView[];
}

function nodeView(document: FormDocument, container: Container, name: string): FieldNodeView {
  const path = toPointer([...container.segments, name]);
  const field = fieldAt(document.definition, path)!;
  const inner = containerAt(document.definition, path);
  const lock = lockOf(document, path);
  return {
    path,
    name,
    kind: kindOf(field.schema, name),
    label: labelOf(field.schema, name),
    required: field.required,
    ...(lock ? { lock } : {}),
    lockedForDerived: field.schema['x-locked'] === true,
    conditional: 'x-visible' in field.schema,
    calculated: 'x-calculated' in field.schema,
    ...(inner
      ? {
          children: shownOrder(document.definition, inner).map((n) => nodeView(document, inner, n)),
        }
      : {}),
  };
}

/** The whole form as the canvas shows it: sections, their fields, groups with theirs. */
export function outline(document: FormDocument): OutlineView {
  const view = (n: string) => nodeView(document, formContainer, n);
  return {
    sections: sectionsOf(document.definition).map((s, index) => ({
      index,
      title: s.title,
      fields: s.fields.map(view),
    })),
    loose: looseFields(document.definition).map(view),
  };
}

/** What the property panel shows of a field. */
export interface FieldPanelView {
  path: string;
  name: string;
  kind: PaletteKind | 'group' | 'other';
  /** The properties the panel offers for this kind. */
  properties: readonly FieldProperty[];
  label: LocalizedText;
  help: { zh?: string; en?: string };
  required: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  codeTable?: string;
  dataElement?: string;
  unit?: string;
  device?: { kind: string; reading: string };
  lockedForDerived: boolean;
  /** Set when the base locks the field: the panel shows it and offers only tightening. */
  lock?: FieldLock;
  visibility?: unknown;
  calculation?: unknown;
}

const GROUP_PROPERTIES: readonly FieldProperty[] = [
  'label',
  'help',
  'required',
  'dataElement',
  'locked',
  'visibility',
];

/** The property panel's view of a field. */
export function describeField(document: FormDocument, path: string): FieldPanelView {
  const field = requireField(document.definition, path);
  const s = field.schema;
  const kind = kindOf(s, field.name);
  const item = kind === 'group' || kind === 'other' ? undefined : paletteItem(kind);
  const bounds: [string, string] | undefined =
    s.type === 'number' || s.type === 'integer'
      ? ['minimum', 'maximum']
      : s.type === 'array'
        ? ['minItems', 'maxItems']
        : s.type === 'string' && s.format === undefined && !('x-code-table' in s)
          ? ['minLength', 'maxLength']
          : undefined;
  const items = isObject(s.items) ? s.items : {};
  const codeTable = s['x-code-table'] ?? items['x-code-table'];
  const lock = lockOf(document, path);
  const num = (k: string | undefined) =>
    k && typeof s[k] === 'number' ? (s[k] as number) : undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const view: FieldPanelView = {
    path,
    name: field.name,
    kind,
    properties: item && 'properties' in item ? item.properties : GROUP_PROPERTIES,
    label: labelOf(s, field.name),
    help: { zh: str(s.description), en: str(s['x-description-en']) },
    required: field.required,
    lockedForDerived: s['x-locked'] === true,
  };
  const optional: Partial<FieldPanelView> = {
    minimum: num(bounds?.[0]),
    maximum: num(bounds?.[1]),
    pattern: str(s.pattern),
    codeTable: str(codeTable),
    dataElement: str(s['x-de']),
    unit: str(s['x-unit']),
    device: isObject(s['x-device'])
      ? (s['x-device'] as { kind: string; reading: string })
      : undefined,
    lock,
    visibility: s['x-visible'],
    calculation: s['x-calculated'],
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (view as unknown as JsonObject)[k] = v;
  return view;
}

/** The builder's operators that make sense for a field (by its type and options). */
export function operatorsFor(document: FormDocument, path: string): readonly Operator[] {
  const field = fieldAt(document.definition, path);
  if (!field) return [];
  const s = field.schema;
  if (s.type === 'array') return ['contains', 'notContains', 'filled', 'empty'];
  if (s.type === 'boolean') return ['==', '!=', 'filled', 'empty'];
  if (typeof s['x-code-table'] === 'string' || Array.isArray(s.enum))
    return ['==', '!=', 'in', 'notIn', 'filled', 'empty'];
  if (s.type === 'number' || s.type === 'integer' || s.format === 'date')
    return ['==', '!=', '<', '<=', '>', '>=', 'filled', 'empty'];
  if (s.type === 'string') return ['==', '!=', 'filled', 'empty'];
  return ['filled', 'empty'];
}

/** The options a coded field offers in the builder's value picker (code, zh/en label). */
export function optionsFor(
  document: FormDocument,
  path: string,
): { code: string; label: LocalizedText }[] {
  const field = fieldAt(document.definition, path);
  if (!field) return [];
  const s = field.schema;
  const id = s['x-code-table'] ?? getIn(s, ['items', 'x-code-table']);
  const table = typeof id === 'string' ? document.codeTables[id] : undefined;
  return table
    ? table.codes.filter((c) => !c.deprecated).map((c) => ({ code: c.code, label: c.label }))
    : [];
}
