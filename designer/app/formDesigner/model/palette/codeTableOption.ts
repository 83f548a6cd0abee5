import type { CodeTable } from '@formwork/definitions';
import { fail, problem } from '../DesignProblem.js';
import type { CreateContext } from './PaletteItem.js';

/**
 * The code table a choice field takes its options from: the one chosen (it must exist), else a
 * starter table of two options created with the field, named after the form and the field, for
 * the configurator to fill in (a table of the spec is picked in the panel instead).
 */
export function choiceTable(
  context: CreateContext,
  fieldName: string,
): { id: string; created?: CodeTable; size: number } {
  const chosen = context.options.codeTable;
  if (chosen !== undefined) {
    const table = context.codeTables[chosen];
    if (!table)
      fail(
        'not_found',
        problem(
          'code-table-unknown',
          '',
          `代码表 "${chosen}" 不存在`,
          `code table "${chosen}" is not known`,
        ),
      );
    return { id: chosen, size: table!.codes.filter((c) => !c.deprecated).length };
  }
  const stem =
    `${context.formKey}-${fieldName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`
      .replace(/[^a-z0-9.-]/g, '-')
      .slice(0, 56);
  const id = context.freeCodeTableId(stem);
  const created: CodeTable = {
    id,
    version: '1.0.0',
    title: { zh: '选项', en: 'Options' },
    codes: [
      { code: '1', label: { zh: '选项一', en: 'Option 1' } },
      { code: '2', label: { zh: '选项二', en: 'Option 2' } },
    ],
  };
  return { id, created, size: 2 };
}
