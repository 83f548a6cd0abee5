/**
 * 个人基本信息表 as printed in the 3rd edition (national-phs 3.0.1): besides the identifying
 * fields, the items a county audit of 档案完整率 checks — work unit, contact person and phone,
 * education, occupation, marital status, payment method, drug allergy, exposure, past history
 * (diseases with the month diagnosed, surgery, trauma, transfusion), family history, hereditary
 * disease, disability and the five living-environment items — with the printed codes.
 */
import { describe, expect, it } from 'vitest';
import { checkGolden, codeTables, form, processed } from './goldenRecords.js';

const KEY = 'resident-basic-info';

const resident = {
  name: '张三',
  recordNumber: '35010210100100001',
  sex: '1',
  birthDate: '1958-03-14',
  idType: '01',
  idNumber: '350102195803140017',
  workUnit: '闽侯县上街镇农机站',
  phone: '13800000000',
  contactName: '张小明',
  contactPhone: '13900000001',
  residenceType: '1',
  ethnicity: '01',
  aboBlood: '3',
  rhBlood: '2',
  education: '70',
  occupation: '4',
  maritalStatus: '20',
  paymentMethods: ['3'],
  drugAllergies: ['2'],
  exposures: ['1'],
  pastDiseases: [
    { disease: '2', diagnosedOn: '2015-06' },
    { disease: '6', diagnosedOn: '2020-03', detail: '胃癌' },
  ],
  surgery: '2',
  surgeries: [{ name: '胃大部切除术', date: '2020-04' }],
  trauma: '1',
  transfusion: '2',
  transfusions: [{ reason: '术中失血', date: '2020-04' }],
  familyHistory: { father: ['2', '7'], mother: ['1'], siblings: ['3'], children: ['1'] },
  hereditaryDisease: '1',
  disabilities: ['1'],
  kitchenExhaust: '2',
  fuelType: '3',
  drinkingWater: '1',
  toilet: '1',
  livestockPen: '1',
};

/** A resident with nothing to report in any history item. */
const healthy = {
  name: '雷秀英',
  sex: '2',
  birthDate: '1970-07-01',
  idType: '01',
  idNumber: '350981197007010025',
  ethnicity: '22',
  education: '80',
  occupation: '8',
  maritalStatus: '30',
  paymentMethods: ['2'],
  drugAllergies: ['1'],
  exposures: ['1'],
  pastDiseases: [{ disease: '1' }],
  surgery: '1',
  trauma: '1',
  transfusion: '1',
  familyHistory: { father: ['1'], mother: ['1'], siblings: ['1'], children: ['1'] },
  hereditaryDisease: '1',
  disabilities: ['1'],
  kitchenExhaust: '1',
  fuelType: '5',
  drinkingWater: '3',
  toilet: '4',
  livestockPen: '2',
};

/** The printed items a record made before 3.0.1 lacks: each one is asked for. */
const PRINTED_ITEMS = [
  'education',
  'occupation',
  'maritalStatus',
  'paymentMethods',
  'drugAllergies',
  'exposures',
  'pastDiseases',
  'surgery',
  'trauma',
  'transfusion',
  'familyHistory',
  'hereditaryDisease',
  'disabilities',
  'kitchenExhaust',
  'fuelType',
  'drinkingWater',
  'toilet',
  'livestockPen',
];

checkGolden(
  KEY,
  [
    {
      name: 'a complete record of a farmer with hypertension and a past gastrectomy',
      data: resident,
    },
    { name: 'a resident with nothing to report in any history item', data: healthy },
    {
      name: 'the 其他 answers with their text',
      data: {
        ...healthy,
        paymentMethods: ['1', '8'],
        paymentMethodOther: '城乡居民大病保险',
        drugAllergies: ['3', '5'],
        drugAllergyOther: '头孢类',
        exposures: ['2', '4'],
        pastDiseases: [
          { disease: '12', diagnosedOn: '2011-09', detail: '尘肺' },
          { disease: '13', diagnosedOn: '2019-01', detail: '痛风' },
        ],
        trauma: '2',
        traumas: [{ name: '左胫骨骨折', date: '1999-08' }],
        familyHistory: {
          father: ['12'],
          mother: ['6', '11'],
          siblings: ['1'],
          children: ['1'],
          other: '帕金森病',
        },
        hereditaryDisease: '2',
        hereditaryDiseaseName: '血友病',
        disabilities: ['2', '8'],
        disabilityOther: '脊柱侧弯',
      },
    },
    {
      name: 'a passport holder of foreign origin, never married, of unknown education',
      data: {
        ...healthy,
        name: 'Anna Li',
        idType: '03',
        idNumber: 'E12345678',
        ethnicity: '98',
        residenceType: '2',
        education: '99',
        maritalStatus: '10',
        occupation: '1',
      },
    },
  ],
  [
    {
      name: 'a record with only the identifying fields, as 3.0.0 took it',
      data: {
        name: '张三',
        sex: '1',
        birthDate: '1958-03-14',
        idType: '01',
        idNumber: '350102195803140017',
      },
      paths: PRINTED_ITEMS.map((f) => `/${f}`),
    },
    { name: 'education code 11', data: { ...resident, education: '11' }, paths: ['/education'] },
    { name: 'occupation code 9', data: { ...resident, occupation: '9' }, paths: ['/occupation'] },
    {
      name: 'marital status code 2 (GB/T 2261.2 codes have two digits)',
      data: { ...resident, maritalStatus: '2' },
      paths: ['/maritalStatus'],
    },
    {
      name: 'payment 8 其他 without saying which',
      data: { ...resident, paymentMethods: ['8'] },
      paths: ['/paymentMethodOther'],
    },
    {
      name: 'drug allergy 无 together with 青霉素',
      data: { ...resident, drugAllergies: ['1', '2'] },
      paths: ['/drugAllergies'],
    },
    {
      name: 'drug allergy 其他 without naming the drug',
      data: { ...resident, drugAllergies: ['5'] },
      paths: ['/drugAllergyOther'],
    },
    {
      name: 'exposure 无 together with 射线',
      data: { ...resident, exposures: ['4', '1'] },
      paths: ['/exposures'],
    },
    {
      name: 'past disease 无 together with 高血压',
      data: {
        ...resident,
        pastDiseases: [{ disease: '1' }, { disease: '2', diagnosedOn: '2015-06' }],
      },
      paths: ['/pastDiseases'],
    },
    {
      name: 'a past disease without the month it was diagnosed',
      data: { ...resident, pastDiseases: [{ disease: '3' }] },
      paths: ['/pastDiseases/0/diagnosedOn'],
    },
    {
      name: 'a malignant tumour without its name',
      data: { ...resident, pastDiseases: [{ disease: '6', diagnosedOn: '2020-03' }] },
      paths: ['/pastDiseases/0/detail'],
    },
    {
      name: 'a diagnosis in month 13',
      data: { ...resident, pastDiseases: [{ disease: '2', diagnosedOn: '2015-13' }] },
      paths: ['/pastDiseases/0/diagnosedOn'],
    },
    {
      name: 'a diagnosis next month',
      data: { ...resident, pastDiseases: [{ disease: '2', diagnosedOn: '2026-12' }] },
      paths: ['/pastDiseases'],
    },
    {
      name: 'past disease code 14',
      data: { ...resident, pastDiseases: [{ disease: '14', diagnosedOn: '2015-06' }] },
      paths: ['/pastDiseases/0/disease'],
    },
    {
      name: 'surgery 有 without the operation',
      data: { ...resident, surgeries: undefined },
      paths: ['/surgeries'],
    },
    {
      name: 'an operation without its date',
      data: { ...resident, surgeries: [{ name: '阑尾切除术' }] },
      paths: ['/surgeries/0/date'],
    },
    {
      name: 'a transfusion dated in the future',
      data: { ...resident, transfusions: [{ reason: '贫血', date: '2027-02' }] },
      paths: ['/transfusions'],
    },
    {
      name: 'trauma 有 without the injury',
      data: { ...resident, trauma: '2' },
      paths: ['/traumas'],
    },
    {
      name: 'father with 无 and 高血压',
      data: { ...resident, familyHistory: { ...resident.familyHistory, father: ['1', '2'] } },
      paths: ['/familyHistory/father'],
    },
    {
      name: 'family history 其他 without the disease',
      data: { ...resident, familyHistory: { ...resident.familyHistory, mother: ['12'] } },
      paths: ['/familyHistory/other'],
    },
    {
      name: 'family history without the siblings',
      data: { ...resident, familyHistory: { ...resident.familyHistory, siblings: undefined } },
      paths: ['/familyHistory/siblings'],
    },
    {
      name: 'a hereditary disease without its name',
      data: { ...resident, hereditaryDisease: '2' },
      paths: ['/hereditaryDiseaseName'],
    },
    {
      name: 'disability 无残疾 together with 肢体残疾',
      data: { ...resident, disabilities: ['1', '5'] },
      paths: ['/disabilities'],
    },
    {
      name: 'kitchen exhaust code 5',
      data: { ...resident, kitchenExhaust: '5' },
      paths: ['/kitchenExhaust'],
    },
    { name: 'fuel type code 7', data: { ...resident, fuelType: '7' }, paths: ['/fuelType'] },
    {
      name: 'drinking water code 0',
      data: { ...resident, drinkingWater: '0' },
      paths: ['/drinkingWater'],
    },
    { name: 'toilet code 6', data: { ...resident, toilet: '6' }, paths: ['/toilet'] },
    {
      name: 'livestock pen code 5',
      data: { ...resident, livestockPen: '5' },
      paths: ['/livestockPen'],
    },
    {
      name: 'a contact phone in letters',
      data: { ...resident, contactPhone: 'abc' },
      paths: ['/contactPhone'],
    },
    {
      name: 'a 15-digit resident ID',
      data: { ...resident, idNumber: '350102580314001' },
      paths: ['/idNumber'],
    },
    {
      name: 'a birth date in the future',
      data: { ...resident, birthDate: '2027-01-01' },
      paths: ['/birthDate'],
    },
  ],
);

describe('national-phs 3.0.1 resident-basic-info: the printed items', () => {
  const field = (path: string) => form(KEY).fields.find((f) => f.path === path);

  it('given the form, when its fields are listed, then every printed item is there, tied to its WS 365 data element', () => {
    expect(field('/workUnit')).toMatchObject({ dataElement: 'DE08.10.007.00' });
    expect(field('/contactName')).toMatchObject({
      sensitive: 'name',
      dataElement: 'DE02.01.039.00',
    });
    expect(field('/contactPhone')).toMatchObject({
      sensitive: 'phone',
      dataElement: 'DE02.01.010.00',
    });
    expect(field('/education')).toMatchObject({
      dataElement: 'DE02.01.041.00',
      codeTable: 'education',
    });
    expect(field('/occupation')).toMatchObject({
      dataElement: 'DE02.01.052.00',
      codeTable: 'occupation',
    });
    expect(field('/maritalStatus')).toMatchObject({
      dataElement: 'DE02.01.018.00',
      codeTable: 'marital-status',
    });
    expect(field('/paymentMethods')).toMatchObject({ dataElement: 'DE07.00.007.00' });
    expect(field('/disabilities')).toMatchObject({ dataElement: 'DE05.10.006.00' });
    for (const [path, de] of [
      ['/kitchenExhaust', 'DE03.00.006.00'],
      ['/fuelType', 'DE03.00.050.00'],
      ['/drinkingWater', 'DE03.00.082.00'],
      ['/toilet', 'DE03.00.005.00'],
      ['/livestockPen', 'DE03.00.049.00'],
    ])
      expect(field(path!), path).toMatchObject({ dataElement: de, required: true });
    for (const item of PRINTED_ITEMS)
      expect(field(`/${item}`), item).toMatchObject({ required: true });
  });

  it.each([
    ['education', ['10', '20', '30', '40', '50', '60', '70', '80', '90', '99']],
    ['occupation', ['0', '1', '2', '3', '4', '5', '6', '7', '8']],
    ['marital-status', ['10', '20', '30', '40', '90']],
    ['payment-method', ['1', '2', '3', '4', '5', '6', '7', '8']],
    ['drug-allergy', ['1', '2', '3', '4', '5']],
    ['exposure', ['1', '2', '3', '4']],
    ['past-disease', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']],
    ['family-disease', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']],
    ['disability', ['1', '2', '3', '4', '5', '6', '7', '8']],
    ['kitchen-exhaust', ['1', '2', '3', '4']],
    ['fuel-type', ['1', '2', '3', '4', '5', '6']],
    ['drinking-water', ['1', '2', '3', '4', '5', '6']],
    ['toilet-type', ['1', '2', '3', '4', '5']],
    ['livestock-pen', ['1', '2', '3', '4']],
  ])('given code table %s, when read, then its codes are the printed ones', (id, codes) => {
    expect(codeTables[id]!.codes.map((c) => c.code)).toEqual(codes);
  });

  it('given the printed labels, when read, then they are as on the form', () => {
    const labels = (id: string) => codeTables[id]!.codes.map((c) => c.label.zh);
    expect(labels('education')).toEqual([
      '研究生',
      '大学本科',
      '大学专科和专科学校',
      '中等专业学校',
      '技工学校',
      '高中',
      '初中',
      '小学',
      '文盲或半文盲',
      '不详',
    ]);
    expect(labels('payment-method')).toEqual([
      '城镇职工基本医疗保险',
      '城镇居民基本医疗保险',
      '新型农村合作医疗',
      '贫困救助',
      '商业医疗保险',
      '全公费',
      '全自费',
      '其他',
    ]);
    expect(labels('toilet-type')).toEqual([
      '卫生厕所',
      '一格或二格粪池式',
      '马桶',
      '露天粪坑',
      '简易棚厕',
    ]);
    expect(labels('livestock-pen')).toEqual(['无', '单设', '室内', '室外']);
  });

  it('given a resident with no operation, when surgery details are sent anyway, then they are not kept', () => {
    const result = processed(KEY, {
      ...resident,
      surgery: '1',
      surgeries: [{ name: '不应保存', date: '2020-01' }],
    });
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('surgeries');
  });

  it('given the rendered form in English, then no title is left in Chinese', () => {
    expect(JSON.stringify(form(KEY).render('en'))).not.toMatch(/"title":"[^"]*[\u4e00-\u9fff]/);
  });
});
