import { describe, expect, it } from 'vitest';
import { FormCompiler, validateMetadata } from '@formwork/definitions';
import { readCodeTables, readForms } from '../lib/readSpec.js';

/**
 * Maternal care, two-way referral and remote consultation forms of the national base spec
 * (3rd edition): meta-schema, compilation, golden records and calculated fields.
 */
const FORM_KEYS = [
  'prenatal-first',
  'prenatal-followup',
  'postpartum-visit',
  'postpartum-42day',
  'referral-out',
  'referral-return',
  'consult-request',
  'consult-report',
] as const;
type FormKey = (typeof FORM_KEYS)[number];

const clock = { today: () => '2026-11-23' };
const codeTables = readCodeTables('national-phs', '3.0.0');
const forms = readForms('national-phs', '3.0.0');
const compiler = new FormCompiler({ codeTables });
const compiled = (key: FormKey) => compiler.compile(forms.get(key)!);
const ownTables = Object.values(codeTables).filter((t) =>
  /^(maternal|referral|consult)-/.test(t.id),
);

const prenatalFirst = {
  visitDate: '2026-05-27',
  lmp: '2026-03-01',
  age: 28,
  husbandName: '李明',
  husbandAge: 30,
  husbandPhone: '13800000000',
  gravidity: 2,
  parityVaginal: 1,
  parityCaesarean: 0,
  pastHistory: ['1'],
  familyHistory: ['1'],
  personalHistory: ['1'],
  gynSurgery: '1',
  spontaneousAbortions: 0,
  inducedAbortions: 0,
  height: 160,
  weight: 55,
  sbp: 112,
  dbp: 72,
  heart: '1',
  lungs: '1',
  haemoglobin: 118,
  urineProtein: '-',
  aboBlood: '1',
  rhBlood: '2',
  hbsag: '1',
  syphilis: '1',
  hiv: '1',
  overallAssessment: '1',
  riskColour: '1',
  guidance: ['1', '3', '5'],
  referral: '1',
  nextVisitDate: '2026-06-24',
  doctorSignature: '王芳',
};
const prenatalFollowup = {
  visitNumber: 2,
  visitDate: '2026-07-10',
  gestationalAge: '18+5',
  weight: 58,
  fundalHeight: 18,
  abdominalCircumference: 82,
  fetalHeartRate: 145,
  sbp: 110,
  dbp: 70,
  haemoglobin: 115,
  urineProtein: '-',
  classification: '1',
  guidanceEarly: ['1', '2'],
  referral: '1',
  nextVisitDate: '2026-08-07',
  doctorSignature: '王芳',
};
const postpartumVisit = {
  visitDate: '2026-11-20',
  deliveryDate: '2026-11-12',
  dischargeDate: '2026-11-15',
  temperature: 36.8,
  generalHealth: '良好',
  mentalHealth: '情绪稳定',
  sbp: 118,
  dbp: 76,
  breasts: '1',
  lochia: '1',
  uterus: '1',
  wound: '1',
  classification: '1',
  guidance: ['1', '4', '5'],
  referral: '1',
  nextVisitDate: '2026-12-24',
  doctorSignature: '王芳',
};
const postpartum42 = {
  visitDate: '2026-11-20',
  deliveryDate: '2026-10-09',
  generalHealth: '良好',
  sbp: 116,
  dbp: 74,
  breasts: '1',
  lochia: '1',
  uterus: '1',
  wound: '1',
  classification: '1',
  guidance: ['2', '3'],
  handling: '1',
  doctorSignature: '王芳',
};
const referralOut = {
  patientName: '张丽',
  sex: '2',
  age: 31,
  recordNumber: '33010210100100012',
  phone: '13900000000',
  referralDate: '2026-11-22',
  fromInstitution: '城关镇卫生院',
  toInstitution: '县人民医院',
  toDepartment: '产科',
  urgency: '2',
  initialImpression: '妊娠期高血压疾病？',
  historyAndReason: '孕32周，血压150/98 mmHg，伴下肢水肿，需上级医院评估',
  pastHistory: '无特殊',
  treatmentSoFar: '休息、监测血压',
  referringDoctor: '王芳',
};
const referralReturn = {
  patientName: '张丽',
  sex: '2',
  age: 31,
  inpatientNumber: 'ZY2026-01234',
  returnDate: '2026-11-23',
  fromInstitution: '县人民医院',
  toInstitution: '城关镇卫生院',
  diagnosis: '妊娠期高血压',
  mainResults: '尿蛋白阴性，肝肾功能正常',
  treatment: '拉贝洛尔口服，血压控制良好',
  followUpPlan: '每周测量血压两次，孕36周返院评估',
  dischargeDocuments: ['2', '3'],
  returningDoctor: '陈刚',
};
const consultRequest = {
  patientName: '赵强',
  sex: '1',
  age: 67,
  patientSummary: '反复胸闷一周，心电图示ST段压低',
  currentDiagnosis: '冠心病？',
  question: '请协助判读心电图并给出处理建议',
  urgency: '1',
  requestedSpecialty: '心血管内科',
  requestedExpertTitle: '2',
  requestedTime: '2026-11-24T09:00:00+08:00',
  consentObtained: true,
  attachments: [{ name: '12导联心电图', kind: '2' }],
  requestingDoctor: '王芳',
  requestingInstitution: '城关镇卫生院',
  requestDate: '2026-11-23',
};
const consultReport = {
  findings: '窦性心律，V4–V6 导联ST段水平型压低0.1 mV',
  diagnosis: '心肌缺血',
  recommendations: '建议转县医院心内科进一步检查',
  expert: '刘洋',
  expertTitle: '1',
  expertInstitution: '县人民医院',
  signedAt: '2026-11-23T10:30:00+08:00',
};

type Golden = { name: string; data: Record<string, unknown> };
type Bad = Golden & { errors: { path: string; zh: string; en: string }[] };

const valid: Record<FormKey, Golden[]> = {
  'prenatal-first': [
    { name: 'a healthy second pregnancy registered at 12+3 weeks', data: prenatalFirst },
    {
      name: 'a yellow-risk woman with anaemia referred to the county hospital',
      data: {
        ...prenatalFirst,
        visitDate: '2026-11-02',
        lmp: '2026-08-10',
        gravidity: 1,
        parityVaginal: 0,
        pastHistory: ['6', '8'],
        pastHistoryOther: '甲状腺功能减退',
        haemoglobin: 95,
        overallAssessment: '2',
        overallAssessmentText: '中度贫血',
        riskColour: '2',
        guidance: ['3', '6'],
        guidanceOther: '补充铁剂',
        referral: '2',
        referralReason: '中度贫血',
        referralInstitution: '县妇幼保健院产科',
        nextVisitDate: '2026-11-30',
      },
    },
  ],
  'prenatal-followup': [
    { name: 'a normal second visit', data: prenatalFollowup },
    {
      name: 'a fifth visit preparing for delivery',
      data: {
        ...prenatalFollowup,
        visitNumber: 5,
        visitDate: '2026-11-20',
        gestationalAge: '38+1',
        fundalHeight: 33,
        guidanceEarly: undefined,
        guidanceLate: ['5', '6', '8'],
        guidanceOther: '临产征兆识别',
        nextVisitDate: undefined,
      },
    },
  ],
  'postpartum-visit': [
    { name: 'a home visit five days after discharge', data: postpartumVisit },
    {
      name: 'a late visit with an infected wound, referred',
      data: {
        ...postpartumVisit,
        visitDate: '2026-11-23',
        dischargeDate: '2026-11-13',
        wound: '2',
        woundText: '切口红肿',
        classification: '2',
        classificationText: '切口感染',
        referral: '2',
        referralReason: '切口感染',
        referralInstitution: '县人民医院产科',
      },
    },
  ],
  'postpartum-42day': [
    { name: 'a recovered mother, case closed', data: postpartum42 },
    {
      name: 'a mother not recovered, referred',
      data: {
        ...postpartum42,
        uterus: '2',
        uterusText: '子宫复旧不良',
        classification: '2',
        classificationText: '子宫复旧不良',
        guidance: ['5'],
        guidanceOther: '复查B超',
        handling: '2',
        referralReason: '子宫复旧不良',
        referralInstitution: '县妇幼保健院',
      },
    },
  ],
  'referral-out': [
    { name: 'an urgent upward referral of a pregnant woman', data: referralOut },
    {
      name: 'a routine referral with only the required parts',
      data: {
        patientName: '赵强',
        sex: '1',
        age: 67,
        referralDate: '2026-11-23',
        fromInstitution: '城关镇卫生院',
        toInstitution: '县人民医院',
        urgency: '3',
        initialImpression: '冠心病？',
        historyAndReason: '反复胸闷一周',
        referringDoctor: '王芳',
      },
    },
  ],
  'referral-return': [
    { name: 'a return referral with discharge documents', data: referralReturn },
    {
      name: 'a return referral without documents',
      data: { ...referralReturn, dischargeDocuments: undefined, inpatientNumber: undefined },
    },
  ],
  'consult-request': [
    { name: 'a routine ECG consultation', data: consultRequest },
    {
      name: 'an urgent request without attachments',
      data: { ...consultRequest, urgency: '2', attachments: [], requestedTime: undefined },
    },
  ],
  'consult-report': [
    { name: 'a signed report', data: consultReport },
    {
      name: 'a report with only the required parts',
      data: {
        findings: '未见明显异常',
        diagnosis: '正常心电图',
        recommendations: '定期随访',
        expert: '刘洋',
        signedAt: '2026-11-22T16:00:00Z',
      },
    },
  ],
};

const invalid: Record<FormKey, Bad[]> = {
  'prenatal-first': [
    {
      name: 'a referral without its reason',
      data: { ...prenatalFirst, referral: '2', referralInstitution: '县医院' },
      errors: [
        {
          path: '/referralReason',
          zh: '转诊原因：应当有必需属性 referralReason',
          en: 'Referral reason: must have required property referralReason',
        },
      ],
    },
    {
      name: 'parity not below gravidity',
      data: { ...prenatalFirst, gravidity: 1, parityVaginal: 1 },
      errors: [
        {
          path: '/parityCaesarean',
          zh: '产次（阴道分娩与剖宫产之和）应小于孕次（本次妊娠计入孕次）',
          en: 'Parity (vaginal plus caesarean) must be less than gravidity, which counts this pregnancy',
        },
      ],
    },
    {
      name: '"none" combined with a disease in the past history',
      data: { ...prenatalFirst, pastHistory: ['1', '5'] },
      errors: [
        {
          path: '/pastHistory',
          zh: '选择“无”时不能同时选择其他选项',
          en: '"None" cannot be combined with other options',
        },
      ],
    },
    {
      name: 'systolic pressure out of range',
      data: { ...prenatalFirst, sbp: 320 },
      errors: [{ path: '/sbp', zh: '收缩压：应当为 <= 300', en: 'Systolic BP: must be <= 300' }],
    },
  ],
  'prenatal-followup': [
    {
      name: 'a sixth visit',
      data: { ...prenatalFollowup, visitNumber: 6 },
      errors: [
        { path: '/visitNumber', zh: '随访次数：应当为 <= 5', en: 'Visit number: must be <= 5' },
      ],
    },
    {
      name: 'a second visit without guidance',
      data: { ...prenatalFollowup, guidanceEarly: undefined },
      errors: [
        {
          path: '/guidanceEarly',
          zh: '保健指导（第2次）：应当有必需属性 guidanceEarly',
          en: 'Health guidance (2nd visit): must have required property guidanceEarly',
        },
      ],
    },
    {
      name: 'a third visit with an option of the 4th–5th list (分娩准备 is code 6 there, 母乳喂养 here)',
      data: { ...prenatalFollowup, visitNumber: 3, guidanceEarly: undefined, guidanceMid: ['8'] },
      errors: [
        {
          path: '/guidanceMid/0',
          // Errors inside array items are not labelled with the field title (compiler limitation).
          zh: '应当是预设定的枚举值之一',
          en: 'must be equal to one of the allowed values',
        },
      ],
    },
    {
      name: 'a next visit before this one',
      data: { ...prenatalFollowup, nextVisitDate: '2026-07-01' },
      errors: [
        {
          path: '/nextVisitDate',
          zh: '下次随访日期应晚于本次随访日期',
          en: 'The next visit date must be after this visit',
        },
      ],
    },
  ],
  'postpartum-visit': [
    {
      name: 'a visit before discharge',
      data: { ...postpartumVisit, visitDate: '2026-11-14' },
      errors: [
        {
          path: '/visitDate',
          zh: '访视日期不能早于出院日期',
          en: 'The visit date cannot be before the discharge date',
        },
      ],
    },
    {
      name: 'a discharge before delivery',
      data: { ...postpartumVisit, dischargeDate: '2026-11-10' },
      errors: [
        {
          path: '/dischargeDate',
          zh: '出院日期不能早于分娩日期',
          en: 'The discharge date cannot be before the delivery date',
        },
      ],
    },
    {
      name: 'a visit in the future',
      data: { ...postpartumVisit, visitDate: '2026-11-24', nextVisitDate: undefined },
      errors: [
        {
          path: '/visitDate',
          zh: '随访日期不能晚于今天',
          en: 'The visit date cannot be in the future',
        },
      ],
    },
  ],
  'postpartum-42day': [
    {
      name: 'a check two weeks after delivery',
      data: { ...postpartum42, deliveryDate: '2026-11-06' },
      errors: [
        {
          path: '/visitDate',
          zh: '产后42天健康检查应在产后28天以后进行',
          en: 'The 42-day check must take place at least 28 days after delivery',
        },
      ],
    },
    {
      name: 'a referral without the institution',
      data: { ...postpartum42, handling: '2', referralReason: '贫血' },
      errors: [
        {
          path: '/referralInstitution',
          zh: '转诊机构及科室：应当有必需属性 referralInstitution',
          en: 'Referral institution and department: must have required property referralInstitution',
        },
      ],
    },
    {
      name: 'an unknown classification code',
      data: { ...postpartum42, classification: '3' },
      errors: [
        {
          path: '/classification',
          zh: '分类：应当是预设定的枚举值之一',
          en: 'Classification: must be equal to one of the allowed values',
        },
      ],
    },
  ],
  'referral-out': [
    {
      name: 'a referral to the referring institution itself',
      data: { ...referralOut, toInstitution: '城关镇卫生院' },
      errors: [
        {
          path: '/toInstitution',
          zh: '转入机构不能与转出机构相同',
          en: 'The receiving institution must differ from the referring one',
        },
      ],
    },
    {
      name: 'no initial impression',
      data: { ...referralOut, initialImpression: undefined },
      errors: [
        {
          path: '/initialImpression',
          zh: '初步印象：应当有必需属性 initialImpression',
          en: 'Initial impression: must have required property initialImpression',
        },
      ],
    },
    {
      name: 'an unknown urgency code',
      data: { ...referralOut, urgency: '4' },
      errors: [
        {
          path: '/urgency',
          zh: '轻重缓急：应当是预设定的枚举值之一',
          en: 'Urgency: must be equal to one of the allowed values',
        },
      ],
    },
  ],
  'referral-return': [
    {
      name: 'a return dated in the future',
      data: { ...referralReturn, returnDate: '2026-12-01' },
      errors: [
        {
          path: '/returnDate',
          zh: '回转日期不能晚于今天',
          en: 'The return date cannot be in the future',
        },
      ],
    },
    {
      name: 'no follow-up plan',
      data: { ...referralReturn, followUpPlan: undefined },
      errors: [
        {
          path: '/followUpPlan',
          zh: '下一步治疗方案及康复建议：应当有必需属性 followUpPlan',
          en: 'Next treatment steps and rehabilitation advice: must have required property followUpPlan',
        },
      ],
    },
    {
      name: 'the same discharge document twice',
      data: { ...referralReturn, dischargeDocuments: ['2', '2'] },
      errors: [
        {
          path: '/dischargeDocuments',
          zh: '随附出院资料：不应当含有重复项 (第 1 项与第 0 项是重复的)',
          en: 'Discharge documents sent: must NOT have duplicate items (items ## 1 and 0 are identical)',
        },
      ],
    },
  ],
  'consult-request': [
    {
      name: 'no informed consent',
      data: { ...consultRequest, consentObtained: false },
      errors: [
        {
          path: '/consentObtained',
          zh: '申请远程会诊前须签署知情同意书',
          en: 'Informed consent must be signed before requesting a consultation',
        },
      ],
    },
    {
      name: 'an attachment of unknown kind',
      data: { ...consultRequest, attachments: [{ name: '照片', kind: '7' }] },
      errors: [
        {
          path: '/attachments/0/kind',
          zh: '应当是预设定的枚举值之一',
          en: 'must be equal to one of the allowed values',
        },
      ],
    },
    {
      name: 'no question for the expert',
      data: { ...consultRequest, question: undefined },
      errors: [
        {
          path: '/question',
          zh: '会诊理由及目的：应当有必需属性 question',
          en: 'Reason and question for the consultation: must have required property question',
        },
      ],
    },
  ],
  'consult-report': [
    {
      name: 'a report signed tomorrow',
      data: { ...consultReport, signedAt: '2026-11-24T08:00:00+08:00' },
      errors: [
        {
          path: '/signedAt',
          zh: '签名时间不能晚于今天',
          en: 'The signing time cannot be in the future',
        },
      ],
    },
    {
      name: 'a report without recommendations',
      data: { ...consultReport, recommendations: undefined },
      errors: [
        {
          path: '/recommendations',
          zh: '会诊意见及建议：应当有必需属性 recommendations',
          en: 'Recommendations: must have required property recommendations',
        },
      ],
    },
    {
      name: 'a signing time that is not a date-time',
      data: { ...consultReport, signedAt: '2026-11-23' },
      errors: [
        {
          path: '/signedAt',
          zh: '签名时间：应当匹配格式 "date-time"',
          en: 'Signed at: must match format "date-time"',
        },
      ],
    },
  ],
};

/** Drops keys set to undefined, so golden variants can remove a field with `field: undefined`. */
const clean = (data: Record<string, unknown>) => JSON.parse(JSON.stringify(data)) as object;

describe('maternal, referral and consultation forms: definitions', () => {
  it.each(FORM_KEYS)(
    'given the seed, when %s is read, then it is a valid form definition',
    (key) => {
      const def = forms.get(key);
      expect(def).toBeDefined();
      expect(validateMetadata('form-definition', def)).toEqual([]);
      expect(def!.version).toBe('3.0.0');
    },
  );

  it.each(FORM_KEYS)('given the code tables, when %s is compiled, then it compiles', (key) => {
    expect(compiled(key).key).toBe(key);
  });

  it.each(FORM_KEYS)(
    'given %s, when its fields are listed, then every field has zh and en titles',
    (key) => {
      for (const field of compiled(key).fields) {
        expect(field.title?.zh, field.path).toMatch(/\p{Script=Han}/u);
        expect(field.title?.en, field.path).toMatch(/[A-Za-z]/);
        expect(field.title?.en, field.path).not.toBe(field.title?.zh);
      }
    },
  );

  it('given the maternal, referral and consultation code tables, when validated, then each is valid', () => {
    expect(ownTables.length).toBeGreaterThanOrEqual(20);
    for (const table of ownTables) {
      expect(validateMetadata('code-table', table), table.id).toEqual([]);
      expect(table.version).toBe('3.0.0');
    }
  });
});

describe.each(FORM_KEYS)('golden records of %s', (key) => {
  it.each(valid[key])('given $name, when processed, then it is accepted', ({ data }) => {
    const result = compiled(key).process(clean(data), clock);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(invalid[key])(
    'given $name, when processed, then it is rejected at the expected field',
    ({ data, errors }) => {
      const result = compiled(key).process(clean(data), clock);
      expect(result.valid).toBe(false);
      expect(
        result.errors.map((e) => ({ path: e.path, zh: e.message.zh, en: e.message.en })),
      ).toEqual(errors);
    },
  );
});

describe('prenatal-first: calculated fields', () => {
  const form = () => compiled('prenatal-first');

  it('given LMP 2026-03-01 seen on 2026-05-27, when processed, then EDD is 2026-12-06, gestational age 12+3 and registration early', () => {
    const { data } = form().process(
      { ...prenatalFirst, edd: '2027-01-01', gestationalAge: '1+1' },
      clock,
    );
    expect(data.edd).toBe('2026-12-06');
    expect(data.gestationalAge).toBe('12+3');
    expect(data.earlyRegistration).toBe(true);
  });

  it('given a first check at 13+6 and one at 14+0, when processed, then only the first counts as early', () => {
    expect(form().process({ ...prenatalFirst, visitDate: '2026-06-06' }, clock).data).toMatchObject(
      {
        gestationalAge: '13+6',
        earlyRegistration: true,
      },
    );
    expect(form().process({ ...prenatalFirst, visitDate: '2026-06-07' }, clock).data).toMatchObject(
      {
        gestationalAge: '14+0',
        earlyRegistration: false,
      },
    );
  });

  it('given an unknown LMP, when processed, then the LMP is dropped and nothing is calculated from it', () => {
    const result = form().process(
      { ...prenatalFirst, lmpUnknown: true, earlyRegistration: true },
      clock,
    );
    expect(result.valid).toBe(true);
    expect(result.hidden).toContain('/lmp');
    expect(result.data).not.toHaveProperty('lmp');
    expect(result.data).not.toHaveProperty('edd');
    expect(result.data).not.toHaveProperty('earlyRegistration');
  });

  it('given height 160 cm and weight 55 kg, when processed, then BMI is 21.5', () => {
    expect(form().process(prenatalFirst, clock).data.bmi).toBe(21.5);
  });

  it('given the early-registration field, when listed, then it is locked for the indicator', () => {
    const field = form().fields.find((f) => f.path === '/earlyRegistration');
    expect(field).toMatchObject({ locked: true, calculated: true });
  });
});

describe('prenatal-followup: guidance grows with the visit number', () => {
  const cases = [
    { visitNumber: 2, shown: 'guidanceEarly', guidance: ['4'] },
    { visitNumber: 3, shown: 'guidanceMid', guidance: ['5', '6'] },
    { visitNumber: 4, shown: 'guidanceLate', guidance: ['6'] },
    { visitNumber: 5, shown: 'guidanceLate', guidance: ['6', '7'] },
  ];
  const fields = ['guidanceEarly', 'guidanceMid', 'guidanceLate'];

  it.each(cases)(
    'given visit $visitNumber with all guidance lists filled, when processed, then only $shown is kept',
    ({ visitNumber, shown, guidance }) => {
      const data = {
        ...prenatalFollowup,
        visitNumber,
        ...Object.fromEntries(fields.map((f) => [f, guidance])),
      };
      // Only the list of the visit matters: fill the others with codes valid in every list.
      for (const f of fields) if (f !== shown) data[f as 'guidanceEarly'] = ['1'];
      const result = compiled('prenatal-followup').process(data, clock);
      expect(result.errors).toEqual([]);
      expect(result.data[shown]).toEqual(guidance);
      const hidden = fields.filter((f) => f !== shown);
      for (const f of hidden) expect(result.data).not.toHaveProperty(f);
      expect(result.hidden).toEqual(expect.arrayContaining(hidden.map((f) => `/${f}`)));
    },
  );

  it('given the rendered form, when shown in English, then the 4th–5th list offers delivery preparation', () => {
    const { schema } = compiled('prenatal-followup').render('en');
    const late = (
      schema.properties as Record<string, { items: { oneOf: { const: string; title: string }[] } }>
    ).guidanceLate!;
    expect(late.items.oneOf).toContainEqual({ const: '6', title: 'Preparing for delivery' });
  });
});

describe('postpartum-visit: days after discharge and the 7-day window', () => {
  it.each([
    { dischargeDate: '2026-11-15', days: 5, within: true },
    { dischargeDate: '2026-11-13', days: 7, within: true },
    { dischargeDate: '2026-11-12', days: 8, within: false },
  ])(
    'given discharge on $dischargeDate and a visit on 2026-11-20, when processed, then it is $days days after and within=$within',
    ({ dischargeDate, days, within }) => {
      const { data, valid } = compiled('postpartum-visit').process(
        { ...postpartumVisit, deliveryDate: '2026-11-10', dischargeDate, withinWindow: !within },
        clock,
      );
      expect(valid).toBe(true);
      expect(data.daysAfterDischarge).toBe(days);
      expect(data.withinWindow).toBe(within);
    },
  );
});
