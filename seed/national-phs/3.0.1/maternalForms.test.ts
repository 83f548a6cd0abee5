/**
 * The maternal forms as printed in the 3rd edition (national-phs 3.0.1): the first prenatal check
 * with vaginal discharge coded as printed, early registration before 13 weeks, an ultrasound EDD
 * when the LMP is unknown, the risk colour optional nationally and guidance labels in full; the
 * postpartum visit after a home birth (no discharge date); the 42-day check without an invented
 * 28-day limit.
 */
import { describe, expect, it } from 'vitest';
import { checkGolden, codeTables, form, processed } from './goldenRecords.js';

const FIRST = 'prenatal-first';
const FOLLOWUP = 'prenatal-followup';
const VISIT = 'postpartum-visit';
const CHECK = 'postpartum-42day';

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
  vaginalDischarge: ['1'],
  vaginalCleanliness: '2',
  hbsag: '1',
  syphilis: '1',
  hiv: '1',
  overallAssessment: '1',
  riskColour: '1',
  guidance: ['1', '3', '4', '5'],
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
  doctorSignature: '王芳',
};
const homeBirth = { ...postpartumVisit, homeBirth: true, dischargeDate: undefined };
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

checkGolden(
  FIRST,
  [
    { name: 'a first check at 12+3 weeks', data: prenatalFirst },
    {
      name: 'trichomonas and candida in the discharge',
      data: { ...prenatalFirst, vaginalDischarge: ['2', '3'], vaginalCleanliness: '4' },
    },
    {
      name: 'another finding in the discharge, described',
      data: { ...prenatalFirst, vaginalDischarge: ['4'], vaginalDischargeOther: '线索细胞阳性' },
    },
    {
      name: 'no risk colour (the national base does not require it)',
      data: { ...prenatalFirst, riskColour: undefined },
    },
    {
      name: 'an unknown LMP dated by ultrasound',
      data: { ...prenatalFirst, lmp: undefined, lmpUnknown: true, eddUltrasound: '2026-12-10' },
    },
    {
      name: 'an unknown LMP not yet dated',
      data: { ...prenatalFirst, lmp: undefined, lmpUnknown: true },
    },
  ],
  [
    {
      name: 'vaginal discharge as free text (3.0.0)',
      data: { ...prenatalFirst, vaginalDischarge: '未见异常' },
      paths: ['/vaginalDischarge'],
    },
    {
      name: 'discharge 未见异常 together with 滴虫',
      data: { ...prenatalFirst, vaginalDischarge: ['1', '2'] },
      paths: ['/vaginalDischarge'],
    },
    {
      name: 'discharge code 5',
      data: { ...prenatalFirst, vaginalDischarge: ['5'] },
      paths: ['/vaginalDischarge/0'],
    },
    {
      name: 'discharge 其他 without the finding',
      data: { ...prenatalFirst, vaginalDischarge: ['4'] },
      paths: ['/vaginalDischargeOther'],
    },
    {
      name: 'an ultrasound EDD before the visit',
      data: { ...prenatalFirst, lmp: undefined, lmpUnknown: true, eddUltrasound: '2026-05-01' },
      paths: ['/eddUltrasound'],
    },
    {
      name: 'an ultrasound EDD more than 40 weeks ahead',
      data: { ...prenatalFirst, lmp: undefined, lmpUnknown: true, eddUltrasound: '2027-03-10' },
      paths: ['/eddUltrasound'],
    },
    { name: 'risk colour 6', data: { ...prenatalFirst, riskColour: '6' }, paths: ['/riskColour'] },
    {
      name: 'a diastolic pressure of 25',
      data: { ...prenatalFirst, dbp: 25 },
      paths: ['/dbp'],
    },
  ],
);

checkGolden(
  FOLLOWUP,
  [
    { name: 'a second visit at 18+5 weeks', data: prenatalFollowup },
    {
      name: 'a fifth visit preparing for delivery, referred',
      data: {
        ...prenatalFollowup,
        visitNumber: 5,
        visitDate: '2026-11-20',
        gestationalAge: '38+0',
        guidanceEarly: undefined,
        guidanceLate: ['6', '7'],
        referral: '2',
        referralReason: '胎位异常',
        referralInstitution: '县妇幼保健院产科',
        nextVisitDate: '2026-11-27',
      },
    },
  ],
  [
    {
      name: 'visit number 6',
      data: { ...prenatalFollowup, visitNumber: 6 },
      paths: ['/visitNumber'],
    },
    {
      name: 'a diastolic pressure of 210',
      data: { ...prenatalFollowup, sbp: 250, dbp: 210 },
      paths: ['/dbp'],
    },
  ],
);

checkGolden(
  VISIT,
  [
    { name: 'a visit 5 days after discharge', data: postpartumVisit },
    { name: 'a visit after a home birth, without a discharge date', data: homeBirth },
  ],
  [
    {
      name: 'a hospital birth without its discharge date',
      data: { ...postpartumVisit, dischargeDate: undefined },
      paths: ['/dischargeDate'],
    },
    {
      name: 'a home-birth visit before the delivery',
      data: { ...homeBirth, visitDate: '2026-11-10' },
      paths: ['/visitDate'],
    },
    {
      name: 'a discharge before the delivery',
      data: { ...postpartumVisit, dischargeDate: '2026-11-11' },
      paths: ['/dischargeDate'],
    },
  ],
);

checkGolden(
  CHECK,
  [
    { name: 'a check on day 42', data: postpartum42 },
    {
      name: 'a check 20 days after delivery (early, yet recorded)',
      data: { ...postpartum42, deliveryDate: '2026-10-31' },
    },
  ],
  [
    {
      name: 'a check dated before the delivery',
      data: { ...postpartum42, deliveryDate: '2026-11-21', visitDate: '2026-11-20' },
      paths: ['/visitDate'],
    },
    {
      name: 'handling 2 without the referral',
      data: { ...postpartum42, handling: '2' },
      paths: ['/referralReason', '/referralInstitution'],
    },
  ],
);

describe('national-phs 3.0.1 prenatal-first: dating and early registration before 13 weeks', () => {
  const data = (extra: Record<string, unknown>) =>
    processed(FIRST, { ...prenatalFirst, ...extra }).data;

  it.each([
    ['2026-05-30', '12+6', 12, true],
    ['2026-05-31', '13+0', 13, false],
    ['2026-06-06', '13+6', 13, false],
  ])(
    'given LMP 2026-03-01 and a first check on %s, when processed, then %s, week %s, early=%s',
    (visitDate, gestationalAge, gestationalWeeks, early) => {
      expect(data({ visitDate })).toMatchObject({
        gestationalAge,
        gestationalWeeks,
        earlyRegistration: early,
      });
    },
  );

  it('given the form flag, the schedule and the indicator, then all three say before 13 weeks', () => {
    const schedule = { windowAfterDays: 90 }; // seed/national-phs/3.0.1/schedules/prenatal-first.json
    expect(Math.floor(schedule.windowAfterDays / 7)).toBe(12);
    expect(data({ visitDate: '2026-05-30' }).earlyRegistration).toBe(true); // day 90 of pregnancy
    expect(data({ visitDate: '2026-05-31' }).earlyRegistration).toBe(false); // day 91
  });

  it('given an unknown LMP and an ultrasound EDD of 2026-12-10, when seen on 2026-05-27, then the EDD is the ultrasound one and the age counts back from it', () => {
    const result = processed(FIRST, {
      ...prenatalFirst,
      lmp: '2026-03-01',
      lmpUnknown: true,
      eddUltrasound: '2026-12-10',
      edd: '2027-01-01',
    });
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('lmp');
    expect(result.data).toMatchObject({
      edd: '2026-12-10',
      gestationalAge: '11+6',
      gestationalWeeks: 11,
      earlyRegistration: true,
    });
  });

  it('given an unknown LMP and no ultrasound yet, then nothing is dated and registration is not counted early', () => {
    const result = processed(FIRST, {
      ...prenatalFirst,
      lmpUnknown: true,
      earlyRegistration: true,
    });
    expect(result.valid).toBe(true);
    for (const field of ['lmp', 'edd', 'gestationalAge', 'gestationalWeeks', 'earlyRegistration'])
      expect(result.data, field).not.toHaveProperty(field);
  });

  it('given a known LMP, when an ultrasound EDD is sent, then the EDD is still LMP + 280 days and the ultrasound one is not kept', () => {
    const result = processed(FIRST, { ...prenatalFirst, eddUltrasound: '2026-12-20' });
    expect(result.data.edd).toBe('2026-12-06');
    expect(result.data).not.toHaveProperty('eddUltrasound');
  });

  it('given the printed labels, then guidance 4 is in full and discharge is coded 1 未见异常 2 滴虫 3 假丝酵母菌 4 其他', () => {
    expect(codeTables['maternal-guidance-1']!.codes.find((c) => c.code === '4')!.label.zh).toBe(
      '避免致畸因素和疾病对胚胎的不良影响',
    );
    expect(
      codeTables['maternal-vaginal-discharge']!.codes.map((c) => [c.code, c.label.zh]),
    ).toEqual([
      ['1', '未见异常'],
      ['2', '滴虫'],
      ['3', '假丝酵母菌'],
      ['4', '其他'],
    ]);
    expect(JSON.stringify(form(FIRST).render('zh'))).toContain(
      '避免致畸因素和疾病对胚胎的不良影响',
    );
  });

  it('given the national base, then the risk colour is optional and what dates early registration and the postpartum window is locked', () => {
    const field = (path: string) => form(FIRST).fields.find((f) => f.path === path);
    expect(field('/riskColour')?.required).toBe(false);
    expect(field('/earlyRegistration')).toMatchObject({ locked: true, calculated: true });
    expect(field('/gestationalWeeks')).toMatchObject({
      calculated: true,
      type: 'integer',
      locked: true,
    });
    expect(field('/eddUltrasound')?.locked).toBe(true);
    expect(form(VISIT).fields.find((f) => f.path === '/homeBirth')?.locked).toBe(true);
  });
});

describe('national-phs 3.0.1 postpartum-visit: a home birth has no discharge date', () => {
  it.each([
    ['2026-11-13', 7, true],
    ['2026-11-12', 8, false],
  ])(
    'given a home birth on %s and a visit on 2026-11-20, when processed, then %s days are counted from the delivery, within 7 days=%s',
    (deliveryDate, days, within) => {
      const { data, valid } = processed(VISIT, { ...homeBirth, deliveryDate });
      expect(valid).toBe(true);
      expect(data.daysAfterDischarge).toBe(days);
      expect(data.withinWindow).toBe(within);
    },
  );

  it('given a home birth, when a discharge date is sent anyway, then it is not kept and the count starts at the delivery', () => {
    const result = processed(VISIT, { ...homeBirth, dischargeDate: '2026-11-19' });
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('dischargeDate');
    expect(result.data.daysAfterDischarge).toBe(8);
  });

  it('given a hospital birth, then the count still starts at discharge', () => {
    expect(processed(VISIT, postpartumVisit).data).toMatchObject({
      daysAfterDischarge: 5,
      withinWindow: true,
    });
  });
});

describe('national-phs 3.0.1 postpartum-42day: no invented lower limit', () => {
  it('given a check 20 days after delivery, when processed, then it is recorded with its day count', () => {
    const result = processed(CHECK, { ...postpartum42, deliveryDate: '2026-10-31' });
    expect(result.errors).toEqual([]);
    expect(result.data.daysAfterDelivery).toBe(20);
  });

  it('given the rules of the form, then none asks for 28 days', () => {
    expect(JSON.stringify(form(CHECK).rules)).not.toContain('28');
  });
});
