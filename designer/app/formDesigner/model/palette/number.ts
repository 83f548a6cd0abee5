import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** A measured or counted number with its unit (`x-unit`). */
export const number: FieldPaletteItem = {
  kind: 'number',
  label: { zh: '数值（带单位）', en: 'Number with unit' },
  hint: { zh: '数值，可设单位和范围', en: 'A number with its unit and range' },
  properties: ['label', 'help', 'required', 'range', 'unit', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: true,
  create(context) {
    const { options } = context;
    const name = context.freeName(options.name ?? 'number');
    const label = labelFrom(context, { zh: '数值', en: 'Number' });
    return {
      fields: [
        {
          name,
          schema: {
            type: options.integer ? 'integer' : 'number',
            ...titled(label),
            minimum: 0,
            maximum: 1000,
            ...(options.unit ? { 'x-unit': options.unit } : {}),
          },
        },
      ],
    };
  },
  matches: (schema) => schema.type === 'number' || schema.type === 'integer',
};
