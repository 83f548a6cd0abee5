import { FormCompiler, type Locale } from '@formwork/definitions';
import { readCodeTables, readForms } from '@formwork/seed/lib/readSpec';
import { describe, expect, it } from 'vitest';
import {
  fieldsByName,
  printSections,
  rowsOf,
  type PrintField,
  type PrintWords,
} from './printDocument.js';
import { slipDocument } from './slipLayouts.js';

/** The seed's forms compiled as the server compiles them, with the release's code tables. */
const compiler = new FormCompiler({ codeTables: readCodeTables('national-phs', '3.0.1') });
const forms = readForms('national-phs', '3.0.1');
const form = (key: string) => compiler.compile(forms.get(key)!);

const WORDS: Record<Locale, PrintWords> = {
  zh: {
    yes: '是',
    no: '否',
    separator: '、',
    sexCodes: { '0': '未知的性别', '1': '男', '2': '女', '9': '未说明的性别' },
    dateTime: (iso) => `at ${iso}`,
  },
  en: {
    yes: 'Yes',
    no: 'No',
    separator: ', ',
    sexCodes: { '0': 'Unknown', '1': 'Male', '2': 'Female', '9': 'Not stated' },
    dateTime: (iso) => `at ${iso}`,
  },
};

function printed(key: string, data: Record<string, unknown>, locale: Locale = 'zh') {
  const compiled = form(key);
  const { hidden } = compiled.process(data, { today: () => '2026-12-07' });
  return printSections(compiled.render(locale), data, hidden, locale, WORDS[locale]);
}

const texts = (fields: Iterable<PrintField>) =>
  Object.fromEntries([...fields].map((f) => [f.label, f.text]));

/** The township's urgent referral slip as the county clinician is served it (personal data masked). */
const SLIP = {
  patientName: '林**',
  sex: '2',
  age: 70,
  phone: '138****1234',
  address: '福建省闽侯****',
  referralDate: '2026-12-07',
  fromInstitution: '上街镇卫生院',
  toInstitution: '闽侯县医院',
  urgency: '2',
  program: '1',
  initialImpression: '高血压急症待排',
  historyAndReason: '随访血压 186/112 mmHg，需上级医院处置',
  referringDoctor: '陈医生',
};

describe('a referral slip printed for the county clinician', () => {
  it('given the urgent slip, then each field is printed by its label in words: the urgency and the programme by their labels, the sex by GB/T 2261.1, the age with its unit, masked values as served', () => {
    const fields = texts(printed('referral-out', SLIP).flatMap((s) => s.fields));
    expect(fields).toMatchObject({
      患者姓名: '林**',
      性别: '女',
      年龄: '70 岁',
      家庭住址: '福建省闽侯****',
      联系电话: '138****1234',
      轻重缓急: '紧急',
      转诊所属服务项目: '高血压患者健康管理',
      转入机构: '闽侯县医院',
      '主要现病史（转出原因）': '随访血压 186/112 mmHg，需上级医院处置',
      转入科室: '',
    });
  });

  it('given English, then the labels and codes are the form’s English ones', () => {
    const fields = texts(printed('referral-out', SLIP, 'en').flatMap((s) => s.fields));
    expect(fields).toMatchObject({ Urgency: 'Urgent', Sex: 'Female', Age: '70 岁' });
  });

  it('given the slip layout, then the stub holds who, where to and who referred, the letter is addressed to the receiving institution, and the other fields follow in the form’s order', () => {
    const slip = slipDocument('referral-out', fieldsByName(printed('referral-out', SLIP)))!;
    expect(slip.stub.map((line) => line.map((f) => f.label))).toEqual([
      ['患者姓名', '性别', '年龄', '健康档案编号'],
      ['家庭住址', '联系电话'],
      ['转出日期', '转入机构', '转入科室', '接诊医生'],
      ['转诊医生'],
    ]);
    expect([slip.addressee.text, slip.sender.text, slip.date.text]).toEqual([
      '闽侯县医院',
      '上街镇卫生院',
      '2026-12-07',
    ]);
    expect(slip.details.map((f) => f.label)).toEqual([
      '健康档案编号',
      '家庭住址',
      '联系电话',
      '转入科室',
      '接诊医生',
      '轻重缓急',
      '转诊所属服务项目',
      '初步印象',
      '主要现病史（转出原因）',
      '主要既往史',
      '治疗经过',
    ]);
    expect(slip.signature.map((f) => f.text)).toEqual(['陈医生', '']);
  });

  it('given a form without a slip layout, or a version lacking a field the layout names, then there is no slip (the generic layout prints it)', () => {
    const fields = fieldsByName(printed('referral-out', SLIP));
    expect(slipDocument('consult-report', fields)).toBeUndefined();
    fields.delete('receivingDoctor');
    expect(slipDocument('referral-out', fields)).toBeUndefined();
  });
});

describe('any stored record printed in the generic layout', () => {
  const FOLLOW_UP = {
    visitDate: '2026-12-07',
    followupStatus: '1',
    visitMode: '1',
    symptoms: ['2', '3'],
    sbp: 186,
    dbp: 112,
    medications: [{ drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' }],
    referral: { reason: '血压控制不佳', institution: '闽侯县医院' },
    urgentReferral: true,
    doctorSignature: '李医生',
  };

  it('given a hypertension follow-up, then codes lists are joined labels, numbers carry units, the repeating group is a table, the referral group’s fields are under its card, and fields the form hides for this record are left out', () => {
    const sections = printed('hypertension-followup', FOLLOW_UP);
    const fields = texts(sections.flatMap((s) => s.fields));
    expect(fields).toMatchObject({
      随访方式: '门诊',
      症状: '头痛头晕、恶心呕吐',
      收缩压: '186 mmHg',
      建议紧急转诊: '是',
      转诊原因: '血压控制不佳',
    });
    // 失访 and death fields are hidden while the patient was seen; 转诊结果 until a reason is given.
    expect(fields).not.toHaveProperty('失访原因');
    expect(fields).not.toHaveProperty('死亡日期');
    // The repeating group is a section of its own, titled by it: its label is not repeated.
    const medications = sections.find((s) => s.title === '用药情况')!.fields[0]!;
    expect(medications.label).toBe('');
    expect(medications.wide).toBe(true);
    expect(medications.table).toEqual({
      columns: ['药物名称', '每日次数（次/日）', '每次剂量', '剂量单位'],
      rows: [['苯磺酸氨氯地平片', '1', '5', 'mg']],
    });
    expect(sections.find((s) => s.title === '转诊')?.fields.map((f) => f.label)).toEqual([
      '转诊原因',
      '转诊机构',
      '转诊科室',
      '转诊联系人',
      '转诊联系人电话',
      '转诊结果',
    ]);
  });

  it('given a consultation report, then the expert’s title is its label and the signing time is read as a date-time', () => {
    const fields = texts(
      printed('consult-report', {
        findings: '血压控制不佳',
        diagnosis: '高血压 3 级',
        recommendations: '加用氢氯噻嗪',
        expert: '王主任',
        expertTitle: '1',
        signedAt: '2026-12-07T06:30:00.000Z',
      }).flatMap((s) => s.fields),
    );
    expect(fields).toMatchObject({
      会诊专家: '王主任',
      专家职称: '主任医师',
      签名时间: 'at 2026-12-07T06:30:00.000Z',
    });
  });

  it('given fields short and wide, then two short ones share a row and a wide one has its own', () => {
    const field = (label: string, wide = false): PrintField => ({
      path: `/${label}`,
      label,
      text: '',
      wide,
    });
    const rows = rowsOf([field('a'), field('b'), field('c'), field('d', true), field('e')]);
    expect(rows.map((row) => row.map((f) => f.label))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });
});
