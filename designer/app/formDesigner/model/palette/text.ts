import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** One line of free text (a longer maximum makes it a text area in the renderer). */
export const text: FieldPaletteItem = {
  kind: 'text',
  label: { zh: '文本', en: 'Text' },
  hint: { zh: '一行文字，可限制长度和格式', en: 'A line of text; length and pattern may be set' },
  properties: [
    'label',
    'help',
    'required',
    'range',
    'pattern',
    'dataElement',
    'locked',
    'visibility',
  ],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'text');
    const label = labelFrom(context, { zh: '文本', en: 'Text' });
    return {
      fields: [
        { name, schema: { type: 'string', ...titled(label), minLength: 1, maxLength: 200 } },
      ],
    };
  },
  matches: (schema) => schema.type === 'string' && schema.format === undefined,
};
