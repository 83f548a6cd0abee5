import type { CodeTable, FormDefinition } from '@formwork/definitions';

/**
 * A generated form of 200 fields with 40 visibility rules, for the renderer's latency and size
 * measurements (issue 16: "a generated 200-field form with 40 visibility rules"): numbers with
 * units and ranges, texts, dates, short and long code tables, multi-selects, 4 calculated fields,
 * 40 fields each shown only when a yes/no question before it is answered yes, and 5 cross-field
 * rules. Deterministic: the same form every time.
 */
export const GENERATED_KEY = 'generated-200';

/** Code-table rows from labels (a table has at least one code). */
const codesOf = (labels: readonly string[], en: string, code = (i: number) => String(i + 1)) =>
  labels.map((zh, i) => ({
    code: code(i),
    label: { zh, en: `${en} ${i + 1}` },
  })) as CodeTable['codes'];

const yesNo: CodeTable = {
  id: 'gen-yes-no',
  version: '1.0.0',
  title: { zh: '是否', en: 'Yes or no' },
  codes: [
    { code: '1', label: { zh: '否', en: 'No' } },
    { code: '2', label: { zh: '是', en: 'Yes' } },
  ],
};

const SHORT_LABELS = ['良好', '一般', '较差', '很差'];
const shortTable: CodeTable = {
  id: 'gen-rating',
  version: '1.0.0',
  title: { zh: '评价', en: 'Rating' },
  codes: codesOf(SHORT_LABELS, 'Rating'),
};

const LONG_LABELS = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
];
const longTable: CodeTable = {
  id: 'gen-province',
  version: '1.0.0',
  title: { zh: '省份', en: 'Province' },
  codes: codesOf(LONG_LABELS, 'Province', (i) => String(i + 1).padStart(2, '0')),
};

const MULTI_LABELS = ['无', '头痛', '头晕', '心悸', '胸闷', '乏力', '其他'];
const multiTable: CodeTable = {
  id: 'gen-symptom',
  version: '1.0.0',
  title: { zh: '症状', en: 'Symptom' },
  codes: codesOf(MULTI_LABELS, 'Symptom'),
};

export const generatedCodeTables: Record<string, CodeTable> = Object.fromEntries(
  [yesNo, shortTable, longTable, multiTable].map((t) => [t.id, t]),
);

type Schema = Record<string, unknown>;

function build(): FormDefinition {
  const properties: Record<string, Schema> = {};
  const order: string[] = [];
  const required: string[] = [];
  const add = (name: string, schema: Schema, isRequired = false) => {
    properties[name] = schema;
    order.push(name);
    if (isRequired) required.push(name);
  };
  add(
    'visitDate',
    { type: 'string', format: 'date', title: '随访日期', 'x-title-en': 'Visit date' },
    true,
  );
  // 40 blocks of: a yes/no question, the field it reveals, and three more fields.
  for (let b = 1; b <= 40; b++) {
    const gate = `q${b}`;
    add(gate, {
      type: 'string',
      title: `问题 ${b}`,
      'x-title-en': `Question ${b}`,
      'x-code-table': 'gen-yes-no',
    });
    add(
      `q${b}Detail`,
      {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        title: `问题 ${b} 说明`,
        'x-title-en': `Question ${b} details`,
        'x-visible': { '==': [{ var: gate }, '2'] },
      },
      true,
    );
    const kind = b % 4;
    if (b === 40) {
      // The last block: a measure and the calculated total (200 fields with the visit date).
      add(`n${b}a`, {
        type: 'number',
        minimum: 0,
        maximum: 300,
        'x-unit': 'kg',
        title: `测量 ${b}A`,
        'x-title-en': `Measure ${b}A`,
      });
      add('total', {
        type: 'number',
        title: '合计',
        'x-title-en': 'Total',
        'x-calculated': { '+': [{ var: 'n4a' }, { var: 'n8a' }, { var: 'n12a' }] },
      });
    } else if (kind === 0) {
      add(`n${b}a`, {
        type: 'number',
        minimum: 0,
        maximum: 300,
        'x-unit': 'kg',
        title: `测量 ${b}A`,
        'x-title-en': `Measure ${b}A`,
      });
      add(`n${b}b`, {
        type: 'integer',
        minimum: 0,
        maximum: 250,
        'x-unit': '次/分',
        title: `测量 ${b}B`,
        'x-title-en': `Measure ${b}B`,
      });
      add(`t${b}`, {
        type: 'string',
        maxLength: 50,
        title: `记录 ${b}`,
        'x-title-en': `Note ${b}`,
      });
    } else if (kind === 1) {
      add(`r${b}`, {
        type: 'string',
        title: `评价 ${b}`,
        'x-title-en': `Rating ${b}`,
        'x-code-table': 'gen-rating',
      });
      add(`p${b}`, {
        type: 'string',
        title: `省份 ${b}`,
        'x-title-en': `Province ${b}`,
        'x-code-table': 'gen-province',
      });
      add(`n${b}`, {
        type: 'number',
        minimum: 0,
        maximum: 50,
        'x-unit': 'mmol/L',
        title: `指标 ${b}`,
        'x-title-en': `Value ${b}`,
      });
    } else if (kind === 2) {
      add(`d${b}`, {
        type: 'string',
        format: 'date',
        title: `日期 ${b}`,
        'x-title-en': `Date ${b}`,
      });
      add(`m${b}`, {
        type: 'array',
        uniqueItems: true,
        maxItems: 7,
        items: { type: 'string', 'x-code-table': 'gen-symptom' },
        title: `症状 ${b}`,
        'x-title-en': `Symptoms ${b}`,
      });
      add(`t${b}`, {
        type: 'string',
        maxLength: 50,
        title: `记录 ${b}`,
        'x-title-en': `Note ${b}`,
      });
    } else {
      add(`t${b}a`, {
        type: 'string',
        maxLength: 50,
        title: `记录 ${b}A`,
        'x-title-en': `Note ${b}A`,
      });
      add(`t${b}b`, {
        type: 'string',
        maxLength: 50,
        title: `记录 ${b}B`,
        'x-title-en': `Note ${b}B`,
      });
      add(`n${b}`, {
        type: 'integer',
        minimum: 0,
        maximum: 100,
        title: `计数 ${b}`,
        'x-title-en': `Count ${b}`,
      });
    }
  }
  // Three notes become calculated fields (with the total, four).
  properties.t3a = {
    type: 'number',
    title: '计算 3',
    'x-title-en': 'Calculated 3',
    'x-calculated': { '*': [{ var: 'n1' }, 2] },
  };
  properties.t7a = {
    type: 'number',
    title: '计算 7',
    'x-title-en': 'Calculated 7',
    'x-calculated': { '-': [{ var: 'n4b' }, { var: 'n8b' }] },
  };
  properties.t11a = {
    type: 'string',
    format: 'date',
    title: '计算 11',
    'x-title-en': 'Calculated 11',
    'x-calculated': {
      if: [{ '==': [{ var: 'visitDate' }, null] }, null, { addDays: [{ var: 'visitDate' }, 14] }],
    },
  };
  return {
    key: GENERATED_KEY,
    version: '1.0.0',
    title: { zh: '生成的 200 项表单', en: 'Generated 200-field form' },
    schema: { type: 'object', additionalProperties: false, required, properties },
    uiSchema: { 'ui:order': [...order, '*'] },
    rules: [1, 5, 9, 13, 17].map((b) => ({
      id: `rule-${b}`,
      when: { '!=': [{ var: `n${b}` }, null] },
      assert: { '<=': [{ var: `n${b}` }, 40] },
      path: `/n${b}`,
      message: { zh: `指标 ${b} 不应超过 40`, en: `Value ${b} must not exceed 40` },
    })),
  };
}

export const generatedForm: FormDefinition = build();
