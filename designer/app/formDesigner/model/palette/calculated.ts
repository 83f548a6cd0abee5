import { fail, problem } from '../DesignProblem.js';
import { checkRule } from '@formwork/definitions';
import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

const TYPES = {
  number: { type: 'number' },
  integer: { type: 'integer' },
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
} as const;

/**
 * A value computed from other fields by a JsonLogic expression (`x-calculated`, always
 * recomputed; the renderer shows it read-only). The expression must pass checkRule.
 */
export const calculated: FieldPaletteItem = {
  kind: 'calculated',
  label: { zh: '计算值', en: 'Calculated value' },
  hint: { zh: '由其他字段按公式自动计算', en: 'Computed from other fields by a formula' },
  properties: ['label', 'help', 'unit', 'dataElement', 'locked', 'visibility', 'calculation'],
  inRepeatingGroup: false,
  create(context) {
    const { options } = context;
    const name = context.freeName(options.name ?? 'calculated');
    const label = labelFrom(context, { zh: '计算值', en: 'Calculated value' });
    const expression = options.expression ?? null;
    const problems = checkRule(expression);
    if (problems.length)
      fail(
        'invalid',
        ...problems.map((p) =>
          problem('rule-invalid', `/x-calculated${p.path}`, p.message.zh, p.message.en),
        ),
      );
    return {
      fields: [
        {
          name,
          schema: {
            ...TYPES[options.valueType ?? 'number'],
            ...titled(label),
            ...(options.unit ? { 'x-unit': options.unit } : {}),
            'x-calculated': expression,
          },
        },
      ],
    };
  },
  matches: (schema) => 'x-calculated' in schema,
};
