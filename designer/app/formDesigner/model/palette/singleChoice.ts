import { choiceTable } from './codeTableOption.js';
import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** One option of a code table (`x-code-table`: the compiler fills in its codes). */
export const singleChoice: FieldPaletteItem = {
  kind: 'single-choice',
  label: { zh: '单选（代码表）', en: 'Single choice' },
  hint: { zh: '从代码表中选一项', en: 'One option from a code table' },
  properties: ['label', 'help', 'required', 'codeTable', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'choice');
    const label = labelFrom(context, { zh: '单选', en: 'Choice' });
    const table = choiceTable(context, name);
    return {
      fields: [{ name, schema: { type: 'string', ...titled(label), 'x-code-table': table.id } }],
      codeTables: table.created ? [table.created] : [],
    };
  },
  matches: (schema) => schema.type === 'string' && typeof schema['x-code-table'] === 'string',
};
