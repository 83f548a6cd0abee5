/**
 * 高血压患者随访服务记录表 and 2型糖尿病患者随访服务记录表 as printed in the 3rd edition
 * (national-phs 3.0.1): 失访 and death recorded as the 填表说明 directs, symptoms required, the
 * printed danger signs of urgent referral with the fields they need, the classification checked
 * against the readings, one diastolic range, and the printed rows 用药调整意见, 转诊联系人及电话,
 * 转诊结果, 下一步管理措施, 居民签名 and 备注 in the base.
 */
import { describe, expect, it } from 'vitest';
import { checkGolden, codeTables, form, processed } from './goldenRecords.js';

const HT = 'hypertension-followup';
const DM = 'diabetes-followup';

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
  nextManagementStep: '1',
  nextVisitDate: '2027-02-20',
  doctorSignature: '李医生',
  residentSignature: '王建国',
};

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
  nextManagementStep: '1',
  doctorSignature: '陈医生',
};

/** What 填表说明 1 asks for when the patient was not seen: the date, the reason, the doctor. */
const lost = {
  visitDate: '2026-11-20',
  followupStatus: '2',
  lostReason: '外出务工，三次电话均无人接听',
  doctorSignature: '李医生',
};
const died = {
  visitDate: '2026-11-20',
  followupStatus: '3',
  deathDate: '2026-10-30',
  deathCause: '脑出血',
  doctorSignature: '李医生',
};

/** The printed referral block, filled in. */
const referral = {
  reason: '连续两次血压控制不满意',
  institution: '闽侯县医院',
  department: '心内科',
  contactName: '陈医生',
  contactPhone: '0591-22000000',
  outcome: '1',
};

checkGolden(
  HT,
  [
    { name: 'a controlled clinic visit', data: htVisit },
    {
      name: 'an uncontrolled home visit with an adverse reaction, other symptoms and an adjustment',
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
        medicationAdjustment: [
          { drugName: '厄贝沙坦片', timesPerDay: 1, dosePerTime: 150, unit: 'mg' },
        ],
        nextManagementStep: '2',
        nextVisitDate: '2026-12-04',
        remarks: '嘱家属协助监测血压',
      },
    },
    {
      name: 'a second uncontrolled visit referred up, with contact and outcome',
      data: {
        ...htVisit,
        sbp: 156,
        dbp: 94,
        classification: '2',
        referral,
        nextManagementStep: '3',
      },
    },
    {
      name: 'an urgent phone follow-up with a referral and minimal fields',
      data: {
        visitDate: '2026-11-23',
        visitMode: '3',
        symptoms: ['2', '3'],
        sbp: 182,
        dbp: 112,
        adherence: '3',
        classification: '2',
        referral: { reason: '血压≥180/110mmHg', institution: '县医院', department: '心内科' },
        nextManagementStep: '4',
        doctorSignature: '王医生',
      },
    },
    {
      name: '控制满意 at 146/84 with the reason (a patient of 70: target below 150)',
      data: {
        ...htVisit,
        sbp: 146,
        classificationOverrideReason: '70岁，65岁及以上患者收缩压目标<150mmHg',
      },
    },
    { name: 'a patient lost to follow-up, with the reason', data: lost },
    { name: 'a patient who died, with the date and cause', data: died },
    { name: 'a diastolic pressure of 45', data: { ...htVisit, sbp: 96, dbp: 45 } },
  ],
  [
    {
      name: 'no symptoms recorded',
      data: { ...htVisit, symptoms: undefined },
      paths: ['/symptoms'],
    },
    { name: 'an empty symptom list', data: { ...htVisit, symptoms: [] }, paths: ['/symptoms'] },
    {
      name: '控制满意 at 160/100 without a reason',
      data: { ...htVisit, sbp: 160, dbp: 100 },
      paths: ['/classification'],
    },
    {
      name: '控制满意 at 138/92 without a reason',
      data: { ...htVisit, sbp: 138, dbp: 92 },
      paths: ['/classification'],
    },
    {
      name: '失访 without the reason',
      data: { ...lost, lostReason: undefined },
      paths: ['/lostReason'],
    },
    {
      name: 'death without its date and cause',
      data: { ...died, deathDate: undefined, deathCause: undefined },
      paths: ['/deathDate', '/deathCause'],
    },
    {
      name: 'a death after the date of the record',
      data: { ...died, deathDate: '2026-11-21' },
      paths: ['/deathDate'],
    },
    {
      name: 'follow-up status 4',
      data: { ...htVisit, followupStatus: '4' },
      paths: ['/followupStatus'],
    },
    {
      name: 'a referral outcome 3',
      data: { ...htVisit, referral: { ...referral, outcome: '3' } },
      paths: ['/referral/outcome'],
    },
    {
      name: 'a referral contact phone in letters',
      data: { ...htVisit, referral: { ...referral, contactPhone: 'none' } },
      paths: ['/referral/contactPhone'],
    },
    {
      name: 'next management step 5',
      data: { ...htVisit, nextManagementStep: '5' },
      paths: ['/nextManagementStep'],
    },
    {
      name: 'a medication adjustment without the drug',
      data: { ...htVisit, medicationAdjustment: [{ timesPerDay: 1 }] },
      paths: ['/medicationAdjustment/0/drugName'],
    },
    {
      name: 'danger sign 无 together with 意识改变',
      data: { ...htVisit, urgentSigns: ['1', '2'] },
      paths: ['/urgentSigns'],
    },
    { name: 'a diastolic pressure of 25', data: { ...htVisit, dbp: 25 }, paths: ['/dbp'] },
    {
      name: 'a diastolic pressure of 210',
      data: { ...htVisit, sbp: 250, dbp: 210, classification: '2' },
      paths: ['/dbp'],
    },
    { name: 'SBP 350', data: { ...htVisit, sbp: 350, classification: '2' }, paths: ['/sbp'] },
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
  ],
);

checkGolden(
  DM,
  [
    { name: 'a controlled clinic visit', data: dmVisit },
    {
      name: 'an uncontrolled visit on insulin, adjusted, with occasional hypoglycaemia',
      data: {
        ...dmVisit,
        symptoms: ['2', '4'],
        fastingGlucose: 8.9,
        hypoglycemia: '2',
        dorsalisPedis: '2',
        dorsalisPedisSide: '1',
        insulin: { insulinType: '甘精胰岛素', usage: '睡前皮下注射', dose: 12 },
        classification: '2',
        medicationAdjustment: [
          { drugName: '格列美脲片', timesPerDay: 1, dosePerTime: 2, unit: 'mg' },
        ],
        insulinAdjustment: { insulinType: '甘精胰岛素', usage: '睡前皮下注射', dose: 14 },
        nextManagementStep: '2',
        residentSignature: '林秀英',
        remarks: '家属代签',
      },
    },
    {
      name: 'an urgent phone follow-up with glucose 17.2, fever and a fast heart',
      data: {
        visitDate: '2026-11-23',
        visitMode: '3',
        symptoms: ['2', '4'],
        sbp: 150,
        dbp: 92,
        heartRate: 112,
        temperature: 39.4,
        fastingGlucose: 17.2,
        urgentSigns: ['3', '12'],
        adherence: '2',
        classification: '2',
        referral: { ...referral, reason: '空腹血糖≥16.7mmol/L', department: '内分泌科' },
        nextManagementStep: '4',
        doctorSignature: '陈医生',
      },
    },
    {
      name: '控制满意 at 7.4 mmol/L with the reason',
      data: {
        ...dmVisit,
        fastingGlucose: 7.4,
        classificationOverrideReason: '昨晚聚餐，近3个月自测空腹血糖均<7.0mmol/L',
      },
    },
    { name: 'a patient lost to follow-up, with the reason', data: lost },
    { name: 'a patient who died, with the date and cause', data: died },
  ],
  [
    {
      name: 'no symptoms recorded',
      data: { ...dmVisit, symptoms: undefined },
      paths: ['/symptoms'],
    },
    {
      name: '控制满意 at a fasting glucose of 8.2 without a reason',
      data: { ...dmVisit, fastingGlucose: 8.2 },
      paths: ['/classification'],
    },
    {
      name: 'a patient who died without the cause',
      data: { ...died, deathCause: undefined },
      paths: ['/deathCause'],
    },
    {
      name: 'no fasting glucose at a visit',
      data: { ...dmVisit, fastingGlucose: undefined },
      paths: ['/fastingGlucose'],
    },
    {
      name: 'a temperature of 45 ℃',
      data: { ...dmVisit, temperature: 45 },
      paths: ['/temperature'],
    },
    {
      name: 'danger sign code 18',
      data: { ...dmVisit, urgentSigns: ['18'] },
      paths: ['/urgentSigns/0'],
    },
    {
      name: 'an insulin adjustment without the insulin',
      data: { ...dmVisit, insulinAdjustment: { dose: 10 } },
      paths: ['/insulinAdjustment/insulinType'],
    },
    {
      name: 'a diastolic pressure of 210',
      data: { ...dmVisit, sbp: 250, dbp: 210 },
      paths: ['/dbp'],
    },
    {
      name: 'an absent dorsalis pedis pulse without its side',
      data: { ...dmVisit, dorsalisPedis: '3' },
      paths: ['/dorsalisPedisSide'],
    },
  ],
);

describe('national-phs 3.0.1 NCD follow-ups: urgent referral (urgentReferral)', () => {
  const urgent = (key: string, data: Record<string, unknown>) =>
    processed(key, data).data.urgentReferral;

  it.each([
    [182, 95, true],
    [150, 110, true],
    [179, 109, false],
  ])(
    'given BP %s/%s, when processed, then both forms advise urgent referral: %s',
    (sbp, dbp, expected) => {
      expect(
        urgent(HT, { ...htVisit, sbp, dbp, classification: '2', urgentReferral: !expected }),
      ).toBe(expected);
      expect(urgent(DM, { ...dmVisit, sbp, dbp })).toBe(expected);
    },
  );

  it.each(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11'])(
    'given hypertension danger sign %s at 132/84, when processed, then urgent referral is advised',
    (sign) => {
      expect(urgent(HT, { ...htVisit, urgentSigns: [sign] })).toBe(true);
    },
  );

  it('given the hypertension danger signs, then they are the printed ones, 妊娠期或哺乳期 with raised BP among them', () => {
    expect(codeTables['hypertension-urgent-sign']!.codes.map((c) => c.label.zh)).toEqual([
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
    ]);
  });

  it.each([
    ['no danger sign', { urgentSigns: ['1'] }, false],
    ['烂苹果样丙酮味 on the breath', { urgentSigns: ['3'] }, true],
    ['视力突然骤降', { urgentSigns: ['14'] }, true],
    ['妊娠期或哺乳期 with raised glucose', { urgentSigns: ['15'] }, true],
    ['a condition that cannot be handled here', { urgentSigns: ['17'] }, true],
    ['heart rate 101', { heartRate: 101 }, true],
    ['heart rate 100', { heartRate: 100 }, false],
    ['temperature 39.1 ℃', { temperature: 39.1 }, true],
    ['temperature 39 ℃', { temperature: 39 }, false],
    ['random glucose 3.2', { randomGlucose: 3.2 }, true],
    ['random glucose 16.7', { randomGlucose: 16.7 }, true],
    ['random glucose 11.0', { randomGlucose: 11 }, false],
    ['fasting glucose 16.7', { fastingGlucose: 16.7, classification: '2' }, true],
    ['fasting glucose 3.9', { fastingGlucose: 3.9 }, true],
    ['fasting glucose 4.0', { fastingGlucose: 4 }, false],
  ])(
    'given a diabetes visit with %s, when processed, then urgentReferral is %s',
    (_, extra, expected) => {
      expect(urgent(DM, { ...dmVisit, ...extra })).toBe(expected);
    },
  );

  it('given the diabetes danger signs, then they are the printed ones', () => {
    expect(codeTables['diabetes-urgent-sign']!.codes.map((c) => c.label.zh)).toEqual([
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
    ]);
  });

  it('given a patient lost to follow-up or dead, when readings are sent anyway, then no urgent referral, no classification and no readings are kept', () => {
    for (const key of [HT, DM])
      for (const record of [lost, died]) {
        const result = processed(key, {
          ...record,
          sbp: 190,
          dbp: 120,
          classification: '1',
          urgentSigns: ['2'],
          visitMode: '1',
        });
        expect(result.valid, key).toBe(true);
        for (const field of ['urgentReferral', 'sbp', 'dbp', 'classification', 'visitMode'])
          expect(result.data, `${key} ${field}`).not.toHaveProperty(field);
      }
  });

  it('given the flag, when listed, then it is a calculated boolean of the same name in both forms', () => {
    for (const key of [HT, DM])
      expect(form(key).fields.find((f) => f.path === '/urgentReferral')).toMatchObject({
        type: 'boolean',
        calculated: true,
      });
  });

  it('given the follow-up status, when listed, then it is locked: a province may not add a status the indicators and schedules would read as a visit', () => {
    for (const key of [HT, DM])
      expect(form(key).fields.find((f) => f.path === '/followupStatus')).toMatchObject({
        locked: true,
        codeTable: 'followup-status',
      });
  });
});

describe('national-phs 3.0.1 NCD follow-ups: the classification against the readings', () => {
  it('given a controlled visit at 132/84, when a reason is sent anyway, then it is not kept', () => {
    const result = processed(HT, { ...htVisit, classificationOverrideReason: '不应保存' });
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('classificationOverrideReason');
  });

  it('given 控制满意 at 160/100, when refused, then the message names the classification and the readings', () => {
    const errors = processed(HT, { ...htVisit, sbp: 160, dbp: 100 }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message.zh).toContain('控制满意');
    expect(errors[0]!.message.zh).toContain('140/90');
    expect(errors[0]!.message.en).toContain('140/90');
  });

  it.each(['2', '3', '4'])(
    'given 160/100 classified %s, when processed, then it needs no reason',
    (classification) => {
      expect(processed(HT, { ...htVisit, sbp: 160, dbp: 100, classification }).valid).toBe(true);
    },
  );
});

describe('national-phs 3.0.1 NCD follow-ups: one diastolic range', () => {
  it('given every 3.0.1 form my part owns with a blood pressure, then SBP is 50–300 and DBP 30–200 mmHg', () => {
    for (const key of [
      HT,
      DM,
      'prenatal-first',
      'prenatal-followup',
      'postpartum-visit',
      'postpartum-42day',
    ]) {
      const properties = form(key).schema.properties as Record<string, Record<string, unknown>>;
      expect(properties.sbp, key).toMatchObject({
        minimum: 50,
        maximum: 300,
        'x-de': 'DE04.10.174.00',
      });
      expect(properties.dbp, key).toMatchObject({
        minimum: 30,
        maximum: 200,
        'x-de': 'DE04.10.176.00',
      });
    }
  });
});

describe('national-phs 3.0.1 NCD follow-ups: the printed rows', () => {
  it.each([HT, DM])(
    'given %s, then the printed referral, adjustment, next step, remarks and resident signature rows are in the base',
    (key) => {
      const paths = form(key).fields.map((f) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/medicationAdjustment',
          '/referral/contactName',
          '/referral/contactPhone',
          '/referral/outcome',
          '/nextManagementStep',
          '/remarks',
          '/residentSignature',
          '/followupStatus',
          '/lostReason',
          '/deathDate',
          '/deathCause',
        ]),
      );
      expect(codeTables['next-management-step']!.codes.map((c) => c.label.zh)).toEqual([
        '常规随访',
        '第1次控制不满意2周随访',
        '两次控制不满意转诊随访',
        '紧急转诊',
      ]);
      expect(codeTables['referral-outcome']!.codes.map((c) => [c.code, c.label.zh])).toEqual([
        ['1', '到位'],
        ['2', '不到位'],
      ]);
    },
  );

  it('given a referral without a reason, when an outcome is sent, then the outcome is not kept', () => {
    const result = processed(HT, {
      ...htVisit,
      referral: { institution: '县医院', outcome: '1' },
    });
    expect(result.valid).toBe(true);
    expect(result.data.referral).toEqual({ institution: '县医院' });
  });
});
