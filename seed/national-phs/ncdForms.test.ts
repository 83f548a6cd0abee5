import { describe, expect, it } from 'vitest';
import { FormCompiler, validateMetadata, type CompiledForm } from '@formwork/definitions';
import { readCodeTables, readForms } from '../lib/readSpec.js';

const SPEC = 'national-phs';
const VERSION = '3.0.0';
const OWN_FORMS = ['resident-basic-info', 'hypertension-followup', 'diabetes-followup'];
const OWN_TABLES = [
  'abo-blood',
  'adverse-reaction',
  'compliance',
  'diabetes-symptom',
  'dorsalis-pedis',
  'dorsalis-pedis-side',
  'ethnicity',
  'hypertension-symptom',
  'hypoglycemia',
  'id-type',
  'medication-adherence',
  'normal-abnormal',
  'psychological-adjustment',
  'residence-type',
  'rh-blood',
  'salt-intake',
  'sex',
  'visit-classification',
  'visit-mode',
  'yes-no',
];
const clock = { today: () => '2026-11-23' };

const codeTables = readCodeTables(SPEC, VERSION);
const forms = readForms(SPEC, VERSION);
const compiler = new FormCompiler({ codeTables });

function form(key: string): CompiledForm {
  const definition = forms.get(key);
  if (!definition) throw new Error(`form ${key} is missing from the seed`);
  return compiler.compile(definition);
}

function errorPaths(compiled: CompiledForm, data: unknown): string[] {
  return [...new Set(compiled.process(data, clock).errors.map((e) => e.path))].sort();
}

interface Case {
  name: string;
  data: Record<string, unknown>;
  paths?: string[];
}

/** Each invalid case must be rejected exactly at the listed paths, each error in zh and en. */
function checkGolden(key: string, valid: Case[], invalid: Case[]) {
  describe(`${key}: golden records`, () => {
    it.each(valid)('given $name, when processed, then it is accepted', ({ data }) => {
      const result = form(key).process(data, clock);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });
    it.each(invalid)('given $name, when processed, then it is rejected at $paths', (c) => {
      const result = form(key).process(c.data, clock);
      expect(result.valid).toBe(false);
      expect(errorPaths(form(key), c.data)).toEqual([...(c.paths ?? [])].sort());
      for (const error of result.errors) {
        expect(error.message.zh).toMatch(/\S/);
        expect(error.message.en).toMatch(/\S/);
      }
    });
  });
}

describe('national-phs 3.0.0: code tables', () => {
  // Other helpers ship further tables in the same folder; these are the NCD ones this file owns.
  const tables = OWN_TABLES.map((id) => [id, codeTables[id]!] as const);

  it('given the seed, when read, then it ships every NCD code table', () => {
    expect(Object.keys(codeTables)).toEqual(expect.arrayContaining(OWN_TABLES));
  });

  it.each(tables)(
    'given code table %s, when validated, then it meets the meta-schema',
    (id, table) => {
      expect(validateMetadata('code-table', table)).toEqual([]);
      expect(table.id).toBe(id);
      expect(table.version).toBe(VERSION);
      expect(table.source).toBeTruthy();
      const codes = table.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
    },
  );

  it('given GB 3304, when the ethnicity table is read, then it lists 56 nationalities plus 97 and 98', () => {
    const codes = codeTables.ethnicity!.codes;
    expect(codes).toHaveLength(58);
    expect(codes[0]).toEqual({ code: '01', label: { zh: '汉族', en: 'Han' } });
    expect(codes.find((c) => c.code === '56')?.label.zh).toBe('基诺族');
    expect(codes.slice(-2).map((c) => c.code)).toEqual(['97', '98']);
    expect(new Set(codes.map((c) => c.label.zh)).size).toBe(58);
  });

  it('given the symptom lists, when read, then 无症状 is exclusive and 其他 requires text', () => {
    for (const id of ['hypertension-symptom', 'diabetes-symptom']) {
      const codes = codeTables[id]!.codes;
      expect(codes.find((c) => c.code === '1')).toMatchObject({
        label: { zh: '无症状' },
        exclusive: true,
      });
      expect(codes.find((c) => c.code === '10')).toMatchObject({
        label: { zh: '其他' },
        requiresText: true,
      });
    }
    expect(codeTables['adverse-reaction']!.codes[1]).toMatchObject({
      code: '2',
      requiresText: true,
    });
  });

  it('given GB/T 2261.1 and CV05.10.012, when read, then the codes are as printed', () => {
    expect(codeTables.sex!.codes.map((c) => c.code)).toEqual(['0', '1', '2', '9']);
    expect(codeTables['visit-classification']!.codes.map((c) => c.label.zh)).toEqual([
      '控制满意',
      '控制不满意',
      '不良反应',
      '并发症',
    ]);
    expect(codeTables['id-type']!.codes.map((c) => c.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '99',
    ]);
  });
});

describe('national-phs 3.0.0: NCD forms', () => {
  it.each(OWN_FORMS)('given form %s, when validated and compiled, then it is accepted', (key) => {
    const definition = forms.get(key);
    expect(definition).toBeDefined();
    expect(validateMetadata('form-definition', definition)).toEqual([]);
    expect(definition!.key).toBe(key);
    expect(definition!.version).toBe(VERSION);
    expect(() => form(key)).not.toThrow();
  });

  it('given the follow-up forms, when compiled, then indicator fields are locked and tied to data elements', () => {
    const fieldOf = (key: string, path: string) => form(key).fields.find((f) => f.path === path);
    for (const key of ['hypertension-followup', 'diabetes-followup']) {
      for (const path of ['/visitDate', '/sbp', '/dbp', '/classification', '/adherence']) {
        expect(fieldOf(key, path)?.locked, `${key} ${path}`).toBe(true);
      }
      expect(fieldOf(key, '/sbp')).toMatchObject({ dataElement: 'DE04.10.174.00', unit: 'mmHg' });
      expect(fieldOf(key, '/dbp')).toMatchObject({ dataElement: 'DE04.10.176.00', unit: 'mmHg' });
      expect(fieldOf(key, '/classification')?.codeTable).toBe('visit-classification');
    }
    expect(fieldOf('diabetes-followup', '/fastingGlucose')).toMatchObject({
      dataElement: 'DE04.50.102.00',
      unit: 'mmol/L',
      locked: true,
      required: true,
    });
    expect(fieldOf('resident-basic-info', '/idNumber')).toMatchObject({
      sensitive: 'id-number',
      dataElement: 'DE02.01.030.00',
    });
    expect(fieldOf('resident-basic-info', '/phone')?.sensitive).toBe('phone');
  });

  it('given the rendered hypertension form, when in zh-CN, then coded options carry their labels', () => {
    const rendered = JSON.stringify(form('hypertension-followup').render('zh'));
    expect(rendered).toContain('控制不满意');
    expect(rendered).toContain('无症状');
  });

  it.each(OWN_FORMS)(
    'given form %s, when rendered in English, then it has titles in English',
    (key) => {
      const rendered = JSON.stringify(form(key).render('en'));
      expect(rendered).not.toMatch(/"title":"[^"]*[\u4e00-\u9fff]/);
    },
  );
});

// ---------- resident basic information ----------
const resident = {
  name: '张三',
  recordNumber: '35010210100100001',
  sex: '1',
  birthDate: '1958-03-14',
  idType: '01',
  idNumber: '350102195803140017',
  phone: '13800000000',
  residenceType: '1',
  ethnicity: '01',
  aboBlood: '3',
  rhBlood: '2',
};
checkGolden(
  'resident-basic-info',
  [
    { name: 'a complete resident record', data: resident },
    {
      name: 'a woman of the She nationality with only required fields',
      data: {
        name: '雷秀英',
        sex: '2',
        birthDate: '1970-07-01',
        idType: '01',
        idNumber: '350981197007010025',
        ethnicity: '22',
      },
    },
    {
      name: 'a foreign-origin citizen identified by passport',
      data: {
        name: 'Anna Li',
        sex: '2',
        birthDate: '1985-01-02',
        idType: '03',
        idNumber: 'E12345678',
        ethnicity: '98',
        residenceType: '2',
      },
    },
  ],
  [
    {
      name: 'a 15-digit resident ID',
      data: { ...resident, idNumber: '350102580314001' },
      paths: ['/idNumber'],
    },
    { name: 'sex code 3', data: { ...resident, sex: '3' }, paths: ['/sex'] },
    { name: 'ethnicity code 57', data: { ...resident, ethnicity: '57' }, paths: ['/ethnicity'] },
    {
      name: 'a birth date in the future',
      data: { ...resident, birthDate: '2027-01-01' },
      paths: ['/birthDate'],
    },
    {
      name: 'a 16-digit record number',
      data: { ...resident, recordNumber: '3501021010010000' },
      paths: ['/recordNumber'],
    },
    { name: 'no name', data: { ...resident, name: undefined }, paths: ['/name'] },
  ],
);

// ---------- hypertension ----------
const htVisit = {
  visitDate: '2026-11-20',
  visitMode: '1',
  symptoms: ['1'],
  sbp: 132,
  dbp: 84,
  weight: 70,
  targetWeight: 68,
  height: 170,
  heartRate: 76,
  smokingPerDay: 0,
  smokingTarget: 0,
  drinkingPerDay: 1,
  drinkingTarget: 0.5,
  exerciseTimesPerWeek: 5,
  exerciseMinutes: 30,
  exerciseTimesTarget: 7,
  exerciseMinutesTarget: 30,
  saltIntake: '2',
  saltIntakeTarget: '1',
  psychological: '1',
  compliance: '1',
  adherence: '1',
  adverseReaction: '1',
  classification: '1',
  medications: [{ drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' }],
  nextVisitDate: '2027-02-20',
  doctorSignature: '李医生',
};
checkGolden(
  'hypertension-followup',
  [
    { name: 'a controlled clinic visit', data: htVisit },
    {
      name: 'an uncontrolled home visit with an adverse reaction and other symptoms',
      data: {
        ...htVisit,
        visitMode: '2',
        symptoms: ['2', '10'],
        symptomsOther: '乏力',
        sbp: 158,
        dbp: 96,
        adherence: '2',
        adverseReaction: '2',
        adverseReactionText: '踝部水肿',
        classification: '3',
        nextVisitDate: '2026-12-04',
      },
    },
    {
      name: 'an urgent phone follow-up with a referral and minimal fields',
      data: {
        visitDate: '2026-11-23',
        visitMode: '3',
        sbp: 182,
        dbp: 112,
        adherence: '3',
        classification: '2',
        referral: { reason: '血压≥180/110mmHg', institution: '县医院', department: '心内科' },
        doctorSignature: '王医生',
      },
    },
  ],
  [
    { name: 'SBP 350', data: { ...htVisit, sbp: 350 }, paths: ['/sbp'] },
    {
      name: 'adverse reaction 2 without details',
      data: { ...htVisit, adverseReaction: '2' },
      paths: ['/adverseReactionText'],
    },
    {
      name: '无症状 with another symptom',
      data: { ...htVisit, symptoms: ['1', '2'] },
      paths: ['/symptoms'],
    },
    {
      name: 'other symptom without its text',
      data: { ...htVisit, symptoms: ['10'] },
      paths: ['/symptomsOther'],
    },
    {
      name: 'a visit date in the future',
      data: { ...htVisit, visitDate: '2026-11-24' },
      paths: ['/visitDate'],
    },
    { name: 'DBP above SBP', data: { ...htVisit, sbp: 120, dbp: 125 }, paths: ['/dbp'] },
    { name: 'visit mode 4', data: { ...htVisit, visitMode: '4' }, paths: ['/visitMode'] },
    {
      name: 'classification 5',
      data: { ...htVisit, classification: '5' },
      paths: ['/classification'],
    },
    { name: 'symptom code 11', data: { ...htVisit, symptoms: ['11'] }, paths: ['/symptoms/0'] },
    {
      name: 'no adherence, classification or signature',
      data: {
        ...htVisit,
        adherence: undefined,
        classification: undefined,
        doctorSignature: undefined,
      },
      paths: ['/adherence', '/classification', '/doctorSignature'],
    },
    {
      name: 'a medication without its name',
      data: { ...htVisit, medications: [{ timesPerDay: 1 }] },
      paths: ['/medications/0/drugName'],
    },
    {
      name: 'a next visit before this visit',
      data: { ...htVisit, nextVisitDate: '2026-11-01' },
      paths: ['/nextVisitDate'],
    },
  ],
);

// ---------- diabetes ----------
const dmVisit = {
  visitDate: '2026-11-18',
  visitMode: '1',
  symptoms: ['1'],
  sbp: 128,
  dbp: 78,
  weight: 64,
  targetWeight: 62,
  height: 165,
  dorsalisPedis: '1',
  smokingPerDay: 5,
  smokingTarget: 0,
  exerciseTimesPerWeek: 3,
  exerciseMinutes: 40,
  stapleFood: 300,
  stapleFoodTarget: 250,
  psychological: '1',
  compliance: '1',
  fastingGlucose: 6.4,
  hba1c: 6.8,
  hba1cDate: '2026-11-10',
  adherence: '1',
  adverseReaction: '1',
  hypoglycemia: '1',
  classification: '1',
  medications: [{ drugName: '二甲双胍片', timesPerDay: 2, dosePerTime: 0.5, unit: 'g' }],
  doctorSignature: '陈医生',
};
checkGolden(
  'diabetes-followup',
  [
    { name: 'a controlled clinic visit', data: dmVisit },
    {
      name: 'an uncontrolled visit on insulin with occasional hypoglycaemia',
      data: {
        ...dmVisit,
        symptoms: ['2', '4'],
        fastingGlucose: 8.9,
        hba1c: undefined,
        hba1cDate: undefined,
        hypoglycemia: '2',
        dorsalisPedis: '2',
        dorsalisPedisSide: '1',
        insulin: { insulinType: '甘精胰岛素', usage: '睡前皮下注射', dose: 12 },
        classification: '2',
      },
    },
    {
      name: 'an urgent phone follow-up with glucose 17.2',
      data: {
        visitDate: '2026-11-23',
        visitMode: '3',
        sbp: 150,
        dbp: 92,
        fastingGlucose: 17.2,
        adherence: '2',
        classification: '2',
        referral: { reason: '空腹血糖≥16.7mmol/L', institution: '县医院', department: '内分泌科' },
        doctorSignature: '陈医生',
      },
    },
  ],
  [
    {
      name: 'no fasting glucose',
      data: { ...dmVisit, fastingGlucose: undefined },
      paths: ['/fastingGlucose'],
    },
    {
      name: 'fasting glucose as text',
      data: { ...dmVisit, fastingGlucose: '6.4' },
      paths: ['/fastingGlucose'],
    },
    { name: 'SBP 350', data: { ...dmVisit, sbp: 350 }, paths: ['/sbp'] },
    {
      name: '无症状 with 多饮',
      data: { ...dmVisit, symptoms: ['2', '1'] },
      paths: ['/symptoms'],
    },
    {
      name: 'adverse reaction 2 without details',
      data: { ...dmVisit, adverseReaction: '2' },
      paths: ['/adverseReactionText'],
    },
    {
      name: 'a visit date in the future',
      data: { ...dmVisit, visitDate: '2026-12-01' },
      paths: ['/visitDate'],
    },
    {
      name: 'dorsalis pedis code 4',
      data: { ...dmVisit, dorsalisPedis: '4' },
      paths: ['/dorsalisPedis'],
    },
    {
      name: 'an absent dorsalis pedis pulse without its side',
      data: { ...dmVisit, dorsalisPedis: '3' },
      paths: ['/dorsalisPedisSide'],
    },
    {
      name: 'hypoglycaemia code 0',
      data: { ...dmVisit, hypoglycemia: '0' },
      paths: ['/hypoglycemia'],
    },
    {
      name: 'an HbA1c date in the future',
      data: { ...dmVisit, hba1cDate: '2027-01-01' },
      paths: ['/hba1cDate'],
    },
  ],
);

// ---------- calculated fields ----------
describe('NCD follow-ups: calculated fields', () => {
  const ht = () => form('hypertension-followup');
  const dm = () => form('diabetes-followup');

  it('given 70 kg and 170 cm, when processed, then BMI is 24.2 and the band is 超重', () => {
    const { data } = ht().process(
      { ...htVisit, weight: 70, height: 170, bmi: 1, bmiBand: '低' },
      clock,
    );
    expect(data.bmi).toBe(24.2);
    expect(data.bmiBand).toBe('超重');
    expect(data.targetBmi).toBe(23.5);
  });

  it.each([
    [50, 170, 17.3, '低'],
    [53.5, 170, 18.5, '正常'],
    [69, 170, 23.9, '正常'],
    [81, 170, 28, '肥胖'],
    [80.6, 170, 27.9, '超重'],
  ])('given %s kg and %s cm, when processed, then BMI %s is %s', (weight, height, bmi, band) => {
    const { data } = dm().process({ ...dmVisit, weight, height }, clock);
    expect(data.bmi).toBe(bmi);
    expect(data.bmiBand).toBe(band);
  });

  it('given no height, when processed, then BMI and its band are left out', () => {
    const { data, valid } = ht().process({ ...htVisit, height: undefined, bmiBand: '正常' }, clock);
    expect(valid).toBe(true);
    expect(data).not.toHaveProperty('bmi');
    expect(data).not.toHaveProperty('bmiBand');
  });

  it.each([
    [182, 95, true],
    [150, 110, true],
    [179, 109, false],
  ])('given BP %s/%s, when processed, then urgentReferral is %s', (sbp, dbp, urgent) => {
    expect(
      ht().process({ ...htVisit, sbp, dbp, urgentReferral: !urgent }, clock).data.urgentReferral,
    ).toBe(urgent);
    expect(dm().process({ ...dmVisit, sbp, dbp }, clock).data.urgentReferral).toBe(urgent);
  });

  it.each([
    [16.7, true],
    [3.9, true],
    [4.0, false],
    [16.6, false],
  ])(
    'given fasting glucose %s, when processed, then urgentReferral is %s',
    (fastingGlucose, urgent) => {
      expect(dm().process({ ...dmVisit, fastingGlucose }, clock).data.urgentReferral).toBe(urgent);
    },
  );

  it.each([
    ['1', '2026-11-20', '2027-02-20'],
    ['2', '2026-11-20', '2026-12-04'],
    ['3', '2026-11-20', '2026-12-04'],
    ['4', '2026-11-20', '2026-12-04'],
    ['1', '2026-08-31', '2026-11-30'],
  ])(
    'given classification %s on %s, when processed, then the suggested next visit is %s',
    (classification, visitDate, expected) => {
      const { data } = ht().process({ ...htVisit, classification, visitDate }, clock);
      expect(data.suggestedNextVisitDate).toBe(expected);
      expect(
        dm().process({ ...dmVisit, classification, visitDate }, clock).data.suggestedNextVisitDate,
      ).toBe(expected);
    },
  );

  it('given a hidden adverse reaction text, when the reaction is 1, then the text is dropped', () => {
    const result = ht().process({ ...htVisit, adverseReactionText: '不应保存' }, clock);
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('adverseReactionText');
    expect(result.hidden).toContain('/adverseReactionText');
  });
});
