import { isObject } from '../immutable.js';
import { choiceTable } from './codeTableOption.js';
import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** Several options of a code table: an array of unique codes (checkboxes in the renderer). */
export const multipleChoice: FieldPaletteItem = {
  kind: 'multiple-choice',
  label: { zh: '多选（代码表）', en: 'Multiple choice' },
  hint: { zh: '从代码表中选多项', en: 'Several options from a code table' },
  properties: [
    'label',
    'help',
    'required',
    'range',
    'codeTable',
    'dataElement',
    'locked',
    'visibility',
  ],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'choices');
    const label = labelFrom(context, { zh: '多选', en: 'Choices' });
    const table = choiceTable(context, name);
    return {
      fields: [
        {
          name,
          schema: {
            type: 'array',
            ...titled(label),
            uniqueItems: true,
            maxItems: table.size,
            items: { type: 'string', 'x-code-table': table.id },
          },
        },
      ],
      codeTables: table.created ? [table.created] : [],
    };
  },
  matches: (schema) =>
    schema.type === 'array' &&
    isObject(schema.items) &&
    schema.items.type === 'string' &&
    typeof schema.items['x-code-table'] === 'string',
};
