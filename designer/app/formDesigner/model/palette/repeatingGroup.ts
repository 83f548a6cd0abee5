import { fail, problem } from '../DesignProblem.js';
import type { Container } from '../fields.js';
import { isObject } from '../immutable.js';
import { schemaKeys, toPointer, uiKeys } from '../pointer.js';
import { labelFrom, titled, type Creation, type FieldPaletteItem } from './PaletteItem.js';

/**
 * A repeating group (用药情况: one row per drug): an array of objects whose item fields are
 * made by the palette too. Visibility and calculations are not supported inside its items.
 */
export const repeatingGroup: FieldPaletteItem = {
  kind: 'repeating-group',
  label: { zh: '重复组', en: 'Repeating group' },
  hint: { zh: '可添加多行，每行若干字段', en: 'Rows of fields, added as needed' },
  properties: ['label', 'help', 'required', 'range', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: false,
  create(context) {
    const name = context.freeName(context.options.name ?? 'group');
    const label = labelFrom(context, { zh: '重复组', en: 'Repeating group' });
    const segments = [...context.container.segments, name, '-'];
    const items: Container = {
      path: toPointer([...context.container.segments, name]),
      kind: 'repeating-group',
      objectKeys: [...schemaKeys(segments.slice(0, -1)), 'items'],
      uiKeys: uiKeys(segments),
      segments,
      inArray: true,
    };
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    const codeTables: NonNullable<Creation['codeTables']> = [];
    const wanted = context.options.items ?? [{ kind: 'text' as const }];
    if (!wanted.length)
      fail(
        'invalid',
        problem(
          'group-empty',
          '',
          '重复组至少需要一个字段',
          'a repeating group needs at least one field',
        ),
      );
    const taken = new Set<string>();
    for (const { kind, options = {} } of wanted) {
      const nested = context.createNested(kind, items, {
        ...options,
        name: freeIn(
          taken,
          options.name ??
            (kind === 'text' ? 'item' : kind.replace(/-(.)/g, (_, c: string) => c.toUpperCase())),
        ),
      });
      for (const field of nested.fields) {
        taken.add(field.name);
        properties[field.name] = field.schema;
        if (field.required) required.push(field.name);
      }
      codeTables.push(...(nested.codeTables ?? []));
    }
    return {
      fields: [
        {
          name,
          schema: {
            type: 'array',
            ...titled(label),
            maxItems: 20,
            items: {
              type: 'object',
              additionalProperties: false,
              ...(required.length ? { required } : {}),
              properties,
            },
          },
        },
      ],
      codeTables,
    };
  },
  matches: (schema) =>
    schema.type === 'array' && isObject(schema.items) && schema.items.type === 'object',
};

function freeIn(taken: Set<string>, stem: string): string {
  if (!taken.has(stem)) return stem;
  let n = 2;
  while (taken.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}
