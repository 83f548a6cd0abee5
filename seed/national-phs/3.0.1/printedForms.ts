/**
 * The corrections 18–29 of CHANGES.md (the forms as printed: resident, hypertension, diabetes,
 * maternal) as leaf differences from 3.0.0, for spec.test.ts. A field or rule a correction adds is
 * named by its pointer and title or id (what it does is tested by the golden records beside this
 * file); a list it rewrites (required, ui:order, a formula) is given whole, as 3.0.1 has it.
 */
import { expect } from 'vitest';
import { readBaseSpec } from '../../lib/readSpec.js';
import { jsonDifferences, type JsonDifference } from '../../lib/specDifferences.js';

const previous = readBaseSpec('national-phs', '3.0.0');

function valueAt(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}

/** A value of a 3.0.0 form that 3.0.1 replaces with `after`, as leaf differences. */
const rewritten = (form: string, pointer: string, after: unknown): JsonDifference[] =>
  jsonDifferences(valueAt(previous.forms[form], pointer), after, pointer);

/** A field 3.0.1 adds, by its pointer in the schema and its zh title. */
const added = (pointer: string, title: string): JsonDifference => ({
  path: pointer,
  after: expect.objectContaining({ title }),
});

/** Fields 3.0.1 adds at the top level of a form, by name and zh title. */
const addedFields = (fields: Record<string, string>): JsonDifference[] =>
  Object.entries(fields).map(([name, title]) => added(`/schema/properties/${name}`, title));

/** Rules 3.0.1 appends to a form, by id. */
const addedRules = (form: string, ids: string[]): JsonDifference[] => {
  const count = previous.forms[form]!.rules!.length;
  return ids.map((id, i) => ({
    path: `/rules/${count + i}`,
    after: expect.objectContaining({ id }),
  }));
};

/**
 * 19: the 3.0.0 fields a 失访 or death record keeps out (shown and stored only when the patient
 * was seen); the fields 3.0.1 adds carry the same condition in their own schema.
 */
const VISITED = { '!': [{ in: [{ var: 'followupStatus' }, ['2', '3']] }] };
const visitedOnly = (names: string[]): JsonDifference[] =>
  names.map((name) => ({ path: `/schema/properties/${name}/x-visible`, after: VISITED }));

/** 20: any danger sign ticked but 1 无. */
const ANY_DANGER_SIGN = { some: [{ var: 'urgentSigns' }, { '!=': [{ var: '' }, '1'] }] };
const atLeast = (name: string, value: number) => ({ '>=': [{ var: name }, value] });
const atMostKnown = (name: string, value: number) => ({
  and: [{ '!=': [{ var: name }, null] }, { '<=': [{ var: name }, value] }],
});

/** 20: the urgent-referral flag of each follow-up, as 3.0.1 computes it. */
export const URGENT_REFERRAL = {
  'hypertension-followup': {
    '!!': [{ or: [atLeast('sbp', 180), atLeast('dbp', 110), ANY_DANGER_SIGN] }],
  },
  'diabetes-followup': {
    '!!': [
      {
        or: [
          atLeast('fastingGlucose', 16.7),
          atMostKnown('fastingGlucose', 3.9),
          atLeast('randomGlucose', 16.7),
          atMostKnown('randomGlucose', 3.9),
          atLeast('sbp', 180),
          atLeast('dbp', 110),
          { '>': [{ var: 'heartRate' }, 100] },
          { '>': [{ var: 'temperature' }, 39] },
          ANY_DANGER_SIGN,
        ],
      },
    ],
  },
};

/** 19–23: what both follow-ups gain, in the order of each form. */
const followUp = (
  form: 'hypertension-followup' | 'diabetes-followup',
  required: string[],
  order: string[],
  visited: string[],
  own: JsonDifference[],
): JsonDifference[] => [
  // 19: 失访 and death; symptoms required
  ...addedFields({
    followupStatus: '随访状态',
    lostReason: '失访原因',
    deathDate: '死亡日期',
    deathCause: '死亡原因',
  }),
  ...visitedOnly(visited),
  {
    path: '/schema/properties/nextVisitDate/x-visible',
    after: { '!=': [{ var: 'followupStatus' }, '3'] },
  },
  ...rewritten(form, '/schema/required', required),
  // 20: danger signs and the urgent-referral flag
  added('/schema/properties/urgentSigns', '危急情况'),
  ...rewritten(form, '/schema/properties/urgentReferral/x-calculated', URGENT_REFERRAL[form]),
  {
    path: '/schema/properties/urgentReferral/description',
    before: valueAt(previous.forms[form], '/schema/properties/urgentReferral/description'),
    after: expect.stringContaining('危急情况'),
  },
  // 21: the classification against the readings
  added('/schema/properties/classificationOverrideReason', '分类依据说明'),
  // 22: one diastolic range
  { path: '/schema/properties/dbp/minimum', before: 50, after: 30 },
  { path: '/schema/properties/dbp/maximum', before: 300, after: 200 },
  // 23: the printed rows
  added('/schema/properties/medicationAdjustment', '用药调整意见'),
  added('/schema/properties/referral/properties/contactName', '转诊联系人'),
  added('/schema/properties/referral/properties/contactPhone', '转诊联系人电话'),
  added('/schema/properties/referral/properties/outcome', '转诊结果'),
  ...addedFields({
    nextManagementStep: '下一步管理措施',
    residentSignature: '居民签名',
    remarks: '备注',
  }),
  ...own,
  ...rewritten(form, '/uiSchema/ui:order', order),
  // 19, 20, 21
  ...addedRules(form, [
    'death-not-after-record',
    'urgent-signs-none-alone',
    'controlled-at-target',
  ]),
];

const LIFESTYLE = [
  'smokingPerDay',
  'smokingTarget',
  'drinkingPerDay',
  'drinkingTarget',
  'exerciseTimesPerWeek',
  'exerciseMinutes',
  'exerciseTimesTarget',
  'exerciseMinutesTarget',
];
const BODY = ['weight', 'targetWeight', 'height', 'bmi', 'targetBmi', 'bmiBand'];

export const PRINTED_FORMS: Record<string, JsonDifference[]> = {
  // 18: 个人基本信息表 as printed
  'resident-basic-info': [
    ...addedFields({
      workUnit: '工作单位',
      contactName: '联系人姓名',
      contactPhone: '联系人电话',
      education: '文化程度',
      occupation: '职业',
      maritalStatus: '婚姻状况',
      paymentMethods: '医疗费用支付方式',
      paymentMethodOther: '其他支付方式',
      drugAllergies: '药物过敏史',
      drugAllergyOther: '其他过敏药物',
      exposures: '暴露史',
      pastDiseases: '既往史：疾病',
      surgery: '手术',
      surgeries: '手术名称及时间',
      trauma: '外伤',
      traumas: '外伤名称及时间',
      transfusion: '输血',
      transfusions: '输血原因及时间',
      familyHistory: '家族史',
      hereditaryDisease: '遗传病史',
      hereditaryDiseaseName: '遗传病名称',
      disabilities: '残疾情况',
      disabilityOther: '其他残疾',
      kitchenExhaust: '生活环境：厨房排风设施',
      fuelType: '生活环境：燃料类型',
      drinkingWater: '生活环境：饮水',
      toilet: '生活环境：厕所',
      livestockPen: '生活环境：禽畜栏',
    }),
    ...rewritten('resident-basic-info', '/schema/required', [
      'name',
      'sex',
      'birthDate',
      'idType',
      'idNumber',
      'education',
      'occupation',
      'maritalStatus',
      'paymentMethods',
      'paymentMethodOther',
      'drugAllergies',
      'drugAllergyOther',
      'exposures',
      'pastDiseases',
      'surgery',
      'surgeries',
      'trauma',
      'traumas',
      'transfusion',
      'transfusions',
      'familyHistory',
      'hereditaryDisease',
      'hereditaryDiseaseName',
      'disabilities',
      'disabilityOther',
      'kitchenExhaust',
      'fuelType',
      'drinkingWater',
      'toilet',
      'livestockPen',
    ]),
    ...rewritten('resident-basic-info', '/uiSchema/ui:order', [
      'recordNumber',
      'name',
      'sex',
      'birthDate',
      'idType',
      'idNumber',
      'workUnit',
      'phone',
      'contactName',
      'contactPhone',
      'residenceType',
      'ethnicity',
      'aboBlood',
      'rhBlood',
      'education',
      'occupation',
      'maritalStatus',
      'paymentMethods',
      'paymentMethodOther',
      'drugAllergies',
      'drugAllergyOther',
      'exposures',
      'pastDiseases',
      'surgery',
      'surgeries',
      'trauma',
      'traumas',
      'transfusion',
      'transfusions',
      'familyHistory',
      'hereditaryDisease',
      'hereditaryDiseaseName',
      'disabilities',
      'disabilityOther',
      'kitchenExhaust',
      'fuelType',
      'drinkingWater',
      'toilet',
      'livestockPen',
      '*',
    ]),
    ...addedRules('resident-basic-info', [
      'drug-allergy-none-alone',
      'exposure-none-alone',
      'past-disease-none-alone',
      'past-disease-not-in-future',
      'surgery-not-in-future',
      'trauma-not-in-future',
      'transfusion-not-in-future',
      'family-history-father-none-alone',
      'family-history-mother-none-alone',
      'family-history-siblings-none-alone',
      'family-history-children-none-alone',
      'disability-none-alone',
    ]),
  ],

  // 19–23
  'hypertension-followup': followUp(
    'hypertension-followup',
    [
      'visitDate',
      'symptoms',
      'lostReason',
      'deathDate',
      'deathCause',
      'visitMode',
      'symptomsOther',
      'sbp',
      'dbp',
      'adherence',
      'adverseReactionText',
      'classification',
      'doctorSignature',
    ],
    [
      'visitDate',
      'followupStatus',
      'lostReason',
      'deathDate',
      'deathCause',
      'visitMode',
      'symptoms',
      'symptomsOther',
      'urgentSigns',
      'sbp',
      'dbp',
      ...BODY,
      'heartRate',
      ...LIFESTYLE,
      'saltIntake',
      'saltIntakeTarget',
      'psychological',
      'compliance',
      'auxiliaryExams',
      'adherence',
      'adverseReaction',
      'adverseReactionText',
      'classification',
      'classificationOverrideReason',
      'medications',
      'medicationAdjustment',
      'referral',
      'urgentReferral',
      'nextManagementStep',
      'nextVisitDate',
      'suggestedNextVisitDate',
      'doctorSignature',
      'residentSignature',
      'remarks',
      '*',
    ],
    [
      'visitMode',
      'symptoms',
      'sbp',
      'dbp',
      ...BODY,
      'heartRate',
      ...LIFESTYLE,
      'saltIntake',
      'saltIntakeTarget',
      'psychological',
      'compliance',
      'auxiliaryExams',
      'adherence',
      'adverseReaction',
      'classification',
      'medications',
      'referral',
      'urgentReferral',
      'suggestedNextVisitDate',
    ],
    [],
  ),

  'diabetes-followup': followUp(
    'diabetes-followup',
    [
      'visitDate',
      'symptoms',
      'lostReason',
      'deathDate',
      'deathCause',
      'visitMode',
      'symptomsOther',
      'sbp',
      'dbp',
      'fastingGlucose',
      'dorsalisPedisSide',
      'adherence',
      'adverseReactionText',
      'classification',
      'doctorSignature',
    ],
    [
      'visitDate',
      'followupStatus',
      'lostReason',
      'deathDate',
      'deathCause',
      'visitMode',
      'symptoms',
      'symptomsOther',
      'urgentSigns',
      'sbp',
      'dbp',
      ...BODY,
      'dorsalisPedis',
      'dorsalisPedisSide',
      'heartRate',
      'temperature',
      ...LIFESTYLE,
      'stapleFood',
      'stapleFoodTarget',
      'psychological',
      'compliance',
      'fastingGlucose',
      'randomGlucose',
      'hba1c',
      'hba1cDate',
      'auxiliaryExams',
      'adherence',
      'adverseReaction',
      'adverseReactionText',
      'hypoglycemia',
      'classification',
      'classificationOverrideReason',
      'medications',
      'insulin',
      'medicationAdjustment',
      'insulinAdjustment',
      'referral',
      'urgentReferral',
      'nextManagementStep',
      'nextVisitDate',
      'suggestedNextVisitDate',
      'doctorSignature',
      'residentSignature',
      'remarks',
      '*',
    ],
    [
      'visitMode',
      'symptoms',
      'sbp',
      'dbp',
      ...BODY,
      'dorsalisPedis',
      ...LIFESTYLE,
      'stapleFood',
      'stapleFoodTarget',
      'psychological',
      'compliance',
      'fastingGlucose',
      'hba1c',
      'hba1cDate',
      'auxiliaryExams',
      'adherence',
      'adverseReaction',
      'hypoglycemia',
      'classification',
      'medications',
      'insulin',
      'referral',
      'urgentReferral',
      'suggestedNextVisitDate',
    ],
    [
      // 20: the vital signs and glucose the urgent criteria need (shown only when seen, 19)
      ...addedFields({ heartRate: '心率', temperature: '体温', randomGlucose: '随机血糖' }),
      // 23: the insulin row of the adjustment
      added('/schema/properties/insulinAdjustment', '用药调整意见：胰岛素'),
    ],
  ),

  'prenatal-first': [
    // 24: vaginal discharge coded as printed
    ...rewritten('prenatal-first', '/schema/properties/vaginalDischarge', {
      title: '阴道分泌物',
      'x-title-en': 'Vaginal discharge',
      type: 'array',
      minItems: 1,
      maxItems: 4,
      uniqueItems: true,
      items: { type: 'string', 'x-code-table': 'maternal-vaginal-discharge' },
    }),
    added('/schema/properties/vaginalDischargeOther', '阴道分泌物其他异常'),
    // 25: early registration before 13 weeks, dated from the LMP or the ultrasound due date
    added('/schema/properties/eddUltrasound', 'B超推算预产期'),
    added('/schema/properties/gestationalWeeks', '孕周（整周）'),
    ...rewritten('prenatal-first', '/schema/properties/gestationalAge/x-calculated', {
      gestationalAge: [
        {
          if: [
            { var: 'lmpUnknown' },
            { addDays: [{ var: 'eddUltrasound' }, -280] },
            { var: 'lmp' },
          ],
        },
        { var: 'visitDate' },
      ],
    }),
    ...rewritten('prenatal-first', '/schema/properties/edd/x-calculated', {
      if: [{ var: 'lmpUnknown' }, { var: 'eddUltrasound' }, { edd: [{ var: 'lmp' }] }],
    }),
    ...rewritten('prenatal-first', '/schema/properties/earlyRegistration/x-calculated', {
      if: [
        { '==': [{ var: 'gestationalWeeks' }, null] },
        null,
        { '<': [{ var: 'gestationalWeeks' }, 13] },
      ],
    }),
    {
      path: '/schema/properties/earlyRegistration/title',
      before: '孕13周内建册',
      after: '孕13周前建册',
    },
    {
      path: '/schema/properties/earlyRegistration/x-title-en',
      before: 'Registered before 14 weeks (early registration)',
      after: 'Registered before 13 weeks (early registration)',
    },
    {
      path: '/schema/properties/earlyRegistration/description',
      after: expect.stringContaining('不足13周'),
    },
    // 24, 26: the risk colour no longer required, the other discharge finding required while shown
    ...rewritten('prenatal-first', '/schema/required', [
      ...(previous.forms['prenatal-first']!.schema.required as string[]).filter(
        (name) => name !== 'riskColour',
      ),
      'vaginalDischargeOther',
    ]),
    ...rewritten('prenatal-first', '/uiSchema/ui:order', [
      'visitDate',
      'lmpUnknown',
      'lmp',
      'eddUltrasound',
      'gestationalAge',
      'gestationalWeeks',
      'edd',
      'earlyRegistration',
      'age',
      'husbandName',
      'husbandAge',
      'husbandPhone',
      'gravidity',
      'parityVaginal',
      'parityCaesarean',
      '*',
    ]),
    ...addedRules('prenatal-first', ['edd-ultrasound-after-visit', 'vaginal-discharge-none-alone']),
  ],

  // 28: a home birth has no discharge date
  'postpartum-visit': [
    added('/schema/properties/homeBirth', '在家分娩'),
    { path: '/schema/properties/dischargeDate/x-visible', after: { '!': [{ var: 'homeBirth' }] } },
    ...rewritten('postpartum-visit', '/schema/properties/daysAfterDischarge/x-calculated', {
      daysBetween: [
        { if: [{ var: 'homeBirth' }, { var: 'deliveryDate' }, { var: 'dischargeDate' }] },
        { var: 'visitDate' },
      ],
    }),
    {
      path: '/schema/properties/daysAfterDischarge/title',
      before: '出院后天数',
      after: '出院后天数（在家分娩自分娩日起）',
    },
    {
      path: '/schema/properties/daysAfterDischarge/x-title-en',
      before: 'Days after discharge',
      after: 'Days after discharge (after delivery for a home birth)',
    },
    {
      path: '/schema/properties/withinWindow/title',
      before: '出院后7天内访视',
      after: '出院（在家分娩为分娩）后7天内访视',
    },
    {
      path: '/schema/properties/withinWindow/x-title-en',
      before: 'Visited within 7 days of discharge',
      after: 'Visited within 7 days of discharge (of delivery for a home birth)',
    },
    ...rewritten('postpartum-visit', '/uiSchema/ui:order', [
      'visitDate',
      'deliveryDate',
      'homeBirth',
      'dischargeDate',
      'daysAfterDischarge',
      'withinWindow',
      '*',
    ]),
    {
      path: '/rules/2/message/zh',
      before: '访视日期不能早于出院日期',
      after: '访视日期不能早于出院日期（在家分娩为分娩日期）',
    },
    {
      path: '/rules/2/message/en',
      before: 'The visit date cannot be before the discharge date',
      after:
        'The visit date cannot be before the discharge date (the delivery date for a home birth)',
    },
  ],

  // 29: no invented 28-day minimum on the 42-day check
  'postpartum-42day': rewritten('postpartum-42day', '/rules/1', {
    id: 'check-not-before-delivery',
    when: { '!=': [{ var: 'daysAfterDelivery' }, null] },
    assert: { '>=': [{ var: 'daysAfterDelivery' }, 0] },
    path: '/visitDate',
    message: {
      zh: '健康检查日期不能早于分娩日期',
      en: 'The check cannot be dated before the delivery',
    },
  }),
};

/** A code table 3.0.1 adds, with its codes and zh labels as printed. */
const newTable = (id: string, codes: [string, string][]): JsonDifference[] => [
  {
    path: '',
    after: expect.objectContaining({
      id,
      codes: codes.map(([code, zh]) =>
        expect.objectContaining({ code, label: expect.objectContaining({ zh }) }),
      ),
    }),
  },
];
const numbered = (labels: string[], from = 1): [string, string][] =>
  labels.map((label, i) => [String(from + i), label]);

export const PRINTED_CODE_TABLES: Record<string, JsonDifference[]> = {
  // 18
  education: newTable('education', [
    ['10', '研究生'],
    ['20', '大学本科'],
    ['30', '大学专科和专科学校'],
    ['40', '中等专业学校'],
    ['50', '技工学校'],
    ['60', '高中'],
    ['70', '初中'],
    ['80', '小学'],
    ['90', '文盲或半文盲'],
    ['99', '不详'],
  ]),
  occupation: newTable(
    'occupation',
    numbered(
      [
        '国家机关、党群组织、企业、事业单位负责人',
        '专业技术人员',
        '办事人员和有关人员',
        '商业、服务业人员',
        '农、林、牧、渔、水利业生产人员',
        '生产、运输设备操作人员及有关人员',
        '军人',
        '不便分类的其他从业人员',
        '无职业',
      ],
      0,
    ),
  ),
  'marital-status': newTable('marital-status', [
    ['10', '未婚'],
    ['20', '已婚'],
    ['30', '丧偶'],
    ['40', '离婚'],
    ['90', '未说明的婚姻状况'],
  ]),
  'payment-method': newTable(
    'payment-method',
    numbered([
      '城镇职工基本医疗保险',
      '城镇居民基本医疗保险',
      '新型农村合作医疗',
      '贫困救助',
      '商业医疗保险',
      '全公费',
      '全自费',
      '其他',
    ]),
  ),
  'drug-allergy': newTable('drug-allergy', numbered(['无', '青霉素', '磺胺', '链霉素', '其他'])),
  exposure: newTable('exposure', numbered(['无', '化学品', '毒物', '射线'])),
  'past-disease': newTable(
    'past-disease',
    numbered([
      '无',
      '高血压',
      '糖尿病',
      '冠心病',
      '慢性阻塞性肺疾病',
      '恶性肿瘤',
      '脑卒中',
      '严重精神障碍',
      '结核病',
      '肝炎',
      '其他法定传染病',
      '职业病',
      '其他',
    ]),
  ),
  'family-disease': newTable(
    'family-disease',
    numbered([
      '无',
      '高血压',
      '糖尿病',
      '冠心病',
      '慢性阻塞性肺疾病',
      '恶性肿瘤',
      '脑卒中',
      '严重精神障碍',
      '结核病',
      '肝炎',
      '先天畸形',
      '其他',
    ]),
  ),
  disability: newTable(
    'disability',
    numbered([
      '无残疾',
      '视力残疾',
      '听力残疾',
      '言语残疾',
      '肢体残疾',
      '智力残疾',
      '精神残疾',
      '其他残疾',
    ]),
  ),
  'kitchen-exhaust': newTable('kitchen-exhaust', numbered(['无', '油烟机', '换气扇', '烟囱'])),
  'fuel-type': newTable('fuel-type', numbered(['液化气', '煤', '天然气', '沼气', '柴火', '其他'])),
  'drinking-water': newTable(
    'drinking-water',
    numbered(['自来水', '经净化过滤的水', '井水', '河湖水', '塘水', '其他']),
  ),
  'toilet-type': newTable(
    'toilet-type',
    numbered(['卫生厕所', '一格或二格粪池式', '马桶', '露天粪坑', '简易棚厕']),
  ),
  'livestock-pen': newTable('livestock-pen', numbered(['无', '单设', '室内', '室外'])),
  'none-present': newTable('none-present', numbered(['无', '有'])),
  // 19
  'followup-status': newTable('followup-status', numbered(['随访', '失访', '死亡'])),
  // 20
  'hypertension-urgent-sign': newTable(
    'hypertension-urgent-sign',
    numbered([
      '无',
      '意识改变',
      '剧烈头痛或头晕',
      '恶心呕吐',
      '视力模糊',
      '眼痛',
      '心悸',
      '胸闷',
      '喘憋不能平卧',
      '处于妊娠期或哺乳期同时血压高于正常',
      '存在不能处理的其他疾病',
    ]),
  ),
  'diabetes-urgent-sign': newTable(
    'diabetes-urgent-sign',
    numbered([
      '无',
      '意识或行为改变',
      '呼气有烂苹果样丙酮味',
      '心悸',
      '出汗',
      '食欲减退',
      '恶心',
      '呕吐',
      '多饮',
      '多尿',
      '腹痛',
      '有深大呼吸',
      '皮肤潮红',
      '视力突然骤降',
      '妊娠期及哺乳期血糖高于正常',
      '其他突发异常情况',
      '存在不能处理的其他疾病',
    ]),
  ),
  // 23
  'next-management-step': newTable(
    'next-management-step',
    numbered(['常规随访', '第1次控制不满意2周随访', '两次控制不满意转诊随访', '紧急转诊']),
  ),
  'referral-outcome': newTable('referral-outcome', numbered(['到位', '不到位'])),
  // 24
  'maternal-vaginal-discharge': newTable(
    'maternal-vaginal-discharge',
    numbered(['未见异常', '滴虫', '假丝酵母菌', '其他']),
  ),
  // 27: guidance 4 in full as printed
  'maternal-guidance-1': [
    {
      path: '/codes/3/label/zh',
      before: '避免致畸因素',
      after: '避免致畸因素和疾病对胚胎的不良影响',
    },
    {
      path: '/codes/3/label/en',
      before: 'Avoiding teratogens',
      after: 'Avoiding teratogens and the effects of disease on the embryo',
    },
  ],
};
