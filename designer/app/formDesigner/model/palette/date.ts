import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** A calendar date (`format: date`, YYYY-MM-DD, as date rules read it). */
export const date: FieldPaletteItem = {
  kind: 'date',
  label: { zh: '日期', en: 'Date' },
  hint: { zh: '年-月-日', en: 'Year-month-day' },
  properties: ['label', 'help', 'required', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'date');
    const label = labelFrom(context, { zh: '日期', en: 'Date' });
    return { fields: [{ name, schema: { type: 'string', format: 'date', ...titled(label) } }] };
  },
  matches: (schema) => schema.type === 'string' && schema.format === 'date',
};
