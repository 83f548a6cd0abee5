import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** 是 / 否: a boolean (a checkbox in the renderer). */
export const yesNo: FieldPaletteItem = {
  kind: 'yes-no',
  label: { zh: '是/否', en: 'Yes/no' },
  hint: { zh: '勾选表示“是”', en: 'Ticked means yes' },
  properties: ['label', 'help', 'required', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'yesNo');
    const label = labelFrom(context, { zh: '是否', en: 'Yes/no' });
    return { fields: [{ name, schema: { type: 'boolean', ...titled(label) } }] };
  },
  matches: (schema) => schema.type === 'boolean' && !('x-calculated' in schema),
};
