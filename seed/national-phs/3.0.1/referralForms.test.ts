/**
 * The referral and consultation slips of the printed base 3.0.1 (双向转诊单 转出单 / 回转单, the
 * remote consultation request and report): the programme of the referral on both slips (it picks
 * the township's follow-up form), referral urgency coded least urgent first as the consultation's
 * is (1 普通, 2 紧急, 3 急诊 beside 1 普通, 2 紧急).
 */
import { describe, expect, it } from 'vitest';
import { checkGolden, codeTables, form, processed } from './goldenRecords.js';

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
  program: '3',
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
  program: '3',
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
  urgency: '2',
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

checkGolden(
  'referral-out',
  [
    { name: 'an urgent referral in pregnancy (programme 3)', data: referralOut },
    {
      name: 'a routine hypertension referral (urgency 1, programme 1)',
      data: { ...referralOut, urgency: '1', program: '1', toDepartment: '心内科' },
    },
    {
      name: 'an emergency (urgency 3) after delivery',
      data: { ...referralOut, urgency: '3', program: '4' },
    },
  ],
  [
    { name: 'no programme', data: { ...referralOut, program: undefined }, paths: ['/program'] },
    {
      name: 'an unknown programme code',
      data: { ...referralOut, program: '9' },
      paths: ['/program'],
    },
    {
      name: 'an unknown urgency code',
      data: { ...referralOut, urgency: '4' },
      paths: ['/urgency'],
    },
    {
      name: 'the programme as a name instead of its code',
      data: { ...referralOut, program: 'diabetes' },
      paths: ['/program'],
    },
  ],
);

checkGolden(
  'referral-return',
  [
    { name: 'a return after an admission in pregnancy', data: referralReturn },
    {
      name: 'a downward referral of a diabetic never referred up (no inpatient number)',
      data: { ...referralReturn, program: '2', inpatientNumber: undefined, diagnosis: '2型糖尿病' },
    },
  ],
  [
    { name: 'no programme', data: { ...referralReturn, program: undefined }, paths: ['/program'] },
    {
      name: 'an unknown programme code',
      data: { ...referralReturn, program: '0' },
      paths: ['/program'],
    },
  ],
);

checkGolden(
  'consult-request',
  [
    { name: 'an urgent ECG consultation (urgency 2)', data: consultRequest },
    { name: 'a routine consultation (urgency 1)', data: { ...consultRequest, urgency: '1' } },
  ],
  [
    // Referral urgency has 3 急诊; a consultation does not.
    {
      name: 'the referral-only emergency code 3',
      data: { ...consultRequest, urgency: '3' },
      paths: ['/urgency'],
    },
  ],
);

checkGolden('consult-report', [{ name: 'a signed ECG report', data: consultReport }], []);

describe('national-phs 3.0.1: urgency and programme codes of the slips', () => {
  const labels = (id: string) =>
    codeTables[id]!.codes.map((c) => `${c.code} ${c.label.zh} ${c.label.en}`);

  it('given the referral and consultation urgency tables, then they run the same way, least urgent first: a code means the same in both', () => {
    expect(labels('referral-urgency')).toEqual([
      '1 普通 Routine',
      '2 紧急 Urgent',
      '3 急诊 Emergency',
    ]);
    expect(labels('consult-urgency')).toEqual(['1 普通 Normal', '2 紧急 Urgent']);
    for (const { code, label } of codeTables['consult-urgency']!.codes)
      expect(codeTables['referral-urgency']!.codes.find((c) => c.code === code)!.label.zh).toBe(
        label.zh,
      );
  });

  it('given the programme of a referral, then both slips take it from referral-program (1 hypertension, 2 type 2 diabetes, 3 pregnancy, 4 after delivery), and the form shows it beside the urgency', () => {
    expect(labels('referral-program')).toEqual([
      '1 高血压患者健康管理 Hypertension management',
      '2 2型糖尿病患者健康管理 Type 2 diabetes management',
      '3 孕产妇健康管理（孕期） Maternal care: pregnancy',
      '4 孕产妇健康管理（产后） Maternal care: after delivery',
    ]);
    for (const key of ['referral-out', 'referral-return'])
      expect(form(key).fields.find((f) => f.path === '/program')).toMatchObject({
        codeTable: 'referral-program',
        required: true,
      });
    const rendered = form('referral-out').render('en').schema as {
      properties: Record<string, { oneOf?: { const: string; title: string }[] }>;
    };
    expect(rendered.properties.program!.oneOf!.map((o) => o.title)).toEqual([
      'Hypertension management',
      'Type 2 diabetes management',
      'Maternal care: pregnancy',
      'Maternal care: after delivery',
    ]);
    const missing = processed('referral-out', { ...referralOut, program: undefined }).errors;
    expect(missing[0]!.message.zh).toContain('转诊所属服务项目');
    expect(missing[0]!.message.en).toContain('Programme of the referral');
  });
});
