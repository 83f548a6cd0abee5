import { describe, expect, it } from 'vitest';
import type { FactIndicator, FilterIndicator } from '../types/generated.js';
import { evaluateIndicator } from './evaluateIndicator.js';
import { IndicatorError } from './IndicatorError.js';
import type { IndicatorRecord, IndicatorSubject } from './IndicatorInput.js';

/**
 * The reference meaning of a FactIndicator, on small hand-made populations: who is in the
 * population, which records a fact reads, what a missing value does, how weights count.
 */
const text = { zh: '测试', en: 'test' };
const YEAR = { start: '2026-01-01', end: '2026-12-31' };

/** ≥ minVisits face-to-face visits (visit mode 1 or 2) in the period; latest visit's SBP < 140. */
const managed: FactIndicator = {
  id: 'managed-test',
  title: text,
  period: 'year',
  unit: 'percent',
  denominator: { of: 'subjects', program: 'hypertension', description: text },
  facts: {
    faceToFace: {
      aggregate: 'count',
      forms: ['followup'],
      date: 'visitDate',
      inPeriod: true,
      where: { in: [{ var: 'record.visitMode' }, ['1', '2']] },
      description: text,
    },
    latest: {
      aggregate: 'latest',
      forms: ['followup'],
      date: 'visitDate',
      inPeriod: true,
      description: text,
    },
  },
  numerator: {
    where: { '>=': [{ var: 'facts.faceToFace' }, { var: 'parameters.minVisits' }] },
    description: text,
  },
  parameters: ['minVisits'],
};

const controlled: FactIndicator = {
  ...managed,
  id: 'controlled-test',
  numerator: { where: { '<': [{ var: 'facts.latest.sbp' }, 140] }, description: text },
  parameters: [],
};

/** Deliveries in the period weighted by live births; numerator: a visit within 28 days of discharge. */
const visited: FactIndicator = {
  id: 'visited-test',
  title: text,
  period: 'year',
  denominator: {
    of: 'enrollments',
    program: 'pregnancy',
    placedBy: { fact: 'delivery', field: 'deliveryDate' },
    weight: { fact: 'delivery', field: 'liveBirths', whenMissing: 1 },
    description: text,
  },
  facts: {
    delivery: {
      aggregate: 'first',
      forms: ['postpartum'],
      date: 'visitDate',
      inPeriod: false,
      description: text,
    },
    inWindow: {
      aggregate: 'count',
      forms: ['postpartum'],
      date: 'visitDate',
      inPeriod: false,
      where: {
        '<=': [
          0,
          { daysBetween: [{ var: 'record.dischargeDate' }, { var: 'record.visitDate' }] },
          28,
        ],
      },
      description: text,
    },
  },
  numerator: { where: { '>=': [{ var: 'facts.inWindow' }, 1] }, description: text },
};

let serial = 0;
const visit = (data: Record<string, unknown>, extra: Partial<IndicatorRecord> = {}) => ({
  id: `r${String(++serial).padStart(4, '0')}`,
  formKey: 'followup',
  data,
  ...extra,
});

function patient(
  id: string,
  submissions: IndicatorRecord[],
  enrollment: { enrolledOn?: string; endedOn?: string | null } = {},
): IndicatorSubject {
  return {
    id,
    birthDate: '1960-05-01',
    enrollments: [
      {
        id: `${id}-e`,
        program: 'hypertension',
        enrolledOn: enrollment.enrolledOn ?? '2020-01-01',
        endedOn: enrollment.endedOn ?? null,
      },
    ],
    submissions,
  };
}

const clinic = (visitDate: string, more: Record<string, unknown> = {}) =>
  visit({ visitDate, visitMode: '1', ...more });
const phone = (visitDate: string, more: Record<string, unknown> = {}) =>
  visit({ visitDate, visitMode: '3', ...more });

describe('evaluateIndicator: patients under management and their visits', () => {
  const parameters = { minVisits: 4 };

  it('given four patients (four clinic visits; three; four by phone; none), when the year is counted, then only the first is managed to the spec and all four are in the denominator', () => {
    const result = evaluateIndicator(managed, {
      period: YEAR,
      parameters,
      subjects: [
        patient(
          'a',
          ['02-10', '05-10', '08-10', '11-10'].map((d) => clinic(`2026-${d}`)),
        ),
        patient(
          'b',
          ['02-10', '05-10', '08-10'].map((d) => clinic(`2026-${d}`)),
        ),
        patient(
          'c',
          ['02-10', '05-10', '08-10', '11-10'].map((d) => phone(`2026-${d}`)),
        ),
        patient('d', []),
      ],
    });
    expect(result.members.map((m) => [m.subjectId, m.facts.faceToFace, m.met])).toEqual([
      ['a', 4, true],
      ['b', 3, false],
      ['c', 0, false],
      ['d', 0, false],
    ]);
    expect(result).toMatchObject({ numerator: 1, denominator: 4, ratio: 0.25 });
  });

  it('given a home visit (2) and clinic visits, when counted, then both modes count as face to face', () => {
    const result = evaluateIndicator(managed, {
      period: YEAR,
      parameters,
      subjects: [
        patient('a', [
          clinic('2026-02-01'),
          visit({ visitDate: '2026-05-01', visitMode: '2' }),
          clinic('2026-08-01'),
          visit({ visitDate: '2026-11-01', visitMode: '2' }),
        ]),
      ],
    });
    expect(result.members[0]!.met).toBe(true);
  });

  it('given visits outside the year, with no date, an impossible date or no visit mode, when counted, then none of them counts', () => {
    const result = evaluateIndicator(managed, {
      period: YEAR,
      parameters,
      subjects: [
        patient('a', [
          clinic('2025-12-31'),
          clinic('2027-01-01'),
          clinic('2026-02-30'),
          visit({ visitMode: '1' }),
          visit({ visitDate: '2026-06-01' }),
          visit({ visitDate: '2026-06-02', visitMode: null }),
          clinic('2026-12-31'),
        ]),
      ],
    });
    expect(result.members[0]!.facts.faceToFace).toBe(1);
  });

  it('given enrollments ended before the year, started after it, started in December and ended in January, when counted, then the last two are under management in the year', () => {
    const result = evaluateIndicator(managed, {
      period: YEAR,
      parameters,
      subjects: [
        patient('ended-before', [], { enrolledOn: '2020-01-01', endedOn: '2025-12-31' }),
        patient('started-after', [], { enrolledOn: '2027-01-01' }),
        patient('started-december', [], { enrolledOn: '2026-12-31' }),
        patient('ended-january', [], { enrolledOn: '2020-01-01', endedOn: '2026-01-01' }),
      ],
    });
    expect(result.members.map((m) => m.subjectId)).toEqual(['started-december', 'ended-january']);
    expect(result.denominator).toBe(2);
  });

  it('given a resident enrolled in diabetes only, or twice in hypertension in the year, when hypertension is counted, then the first is not in it and the second counts once with the visits of both enrollments', () => {
    const both = patient(
      'twice',
      ['02-10', '05-10', '08-10', '11-10'].map((d) => clinic(`2026-${d}`)),
    );
    both.enrollments = [
      { id: 'e1', program: 'hypertension', enrolledOn: '2020-01-01', endedOn: '2026-04-01' },
      { id: 'e2', program: 'hypertension', enrolledOn: '2026-06-01' },
    ];
    const diabetic = patient('diabetic', []);
    diabetic.enrollments = [{ id: 'd1', program: 'diabetes', enrolledOn: '2020-01-01' }];
    const result = evaluateIndicator(managed, {
      period: YEAR,
      parameters,
      subjects: [diabetic, both],
    });
    expect(result.members.map((m) => [m.subjectId, m.met])).toEqual([['twice', true]]);
  });

  it('given a province parameter the indicator does not declare, when counted, then it is not read: the threshold is missing and nobody is met', () => {
    const result = evaluateIndicator(
      { ...managed, parameters: [] },
      {
        period: YEAR,
        parameters,
        subjects: [
          patient(
            'a',
            ['02-10', '05-10', '08-10', '11-10'].map((d) => clinic(`2026-${d}`)),
          ),
        ],
      },
    );
    expect(result.members[0]).toMatchObject({ met: false, facts: { faceToFace: 4 } });
  });
});

describe('evaluateIndicator: the latest visit and missing values', () => {
  it('given a patient with no visit in the year, when the control rate counts, then the latest visit is null and the patient is not controlled', () => {
    const result = evaluateIndicator(controlled, {
      period: YEAR,
      parameters: {},
      subjects: [patient('a', [clinic('2025-11-01', { sbp: 120 })])],
    });
    expect(result.members[0]).toMatchObject({ facts: { latest: null }, met: false });
    expect(result).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('given a latest visit without a systolic pressure, when counted, then it is not controlled (an earlier controlled visit does not count)', () => {
    const result = evaluateIndicator(controlled, {
      period: YEAR,
      parameters: {},
      subjects: [patient('a', [clinic('2026-03-01', { sbp: 120 }), phone('2026-09-01')])],
    });
    expect(result.members[0]!.met).toBe(false);
  });

  it('given visits in any order, when the latest is drawn, then it is the one of the latest date; on the same date the one stored last, then the greater id', () => {
    const result = evaluateIndicator(controlled, {
      period: YEAR,
      parameters: {},
      subjects: [
        patient('a', [
          visit(
            { visitDate: '2026-10-01', sbp: 150 },
            { id: 'x2', createdAt: '2026-10-01T09:00:00Z' },
          ),
          visit(
            { visitDate: '2026-10-01', sbp: 130 },
            { id: 'x1', createdAt: '2026-10-01T10:00:00Z' },
          ),
          visit({ visitDate: '2026-06-01', sbp: 120 }, { id: 'x0' }),
        ]),
        patient('b', [
          visit({ visitDate: '2026-10-01', sbp: 130 }, { id: 'y1' }),
          visit({ visitDate: '2026-10-01', sbp: 150 }, { id: 'y2' }),
        ]),
      ],
    });
    expect(result.members.map((m) => [(m.facts.latest as { sbp: number }).sbp, m.met])).toEqual([
      [130, true],
      [150, false],
    ]);
  });

  it('given a record whose value makes a fact condition throw, when counted, then that record is left out, the member says why and is not met', () => {
    const odd: FactIndicator = {
      ...controlled,
      facts: {
        ...controlled.facts,
        faceToFace: { ...managed.facts.faceToFace!, where: { '<': [{ var: 'record.sbp' }, 140] } },
      },
      numerator: { where: { '>=': [{ var: 'facts.faceToFace' }, 1] }, description: text },
    };
    const result = evaluateIndicator(odd, {
      period: YEAR,
      parameters: {},
      subjects: [patient('a', [clinic('2026-03-01', { sbp: { toString: {} } })])],
    });
    expect(result.members[0]).toMatchObject({ met: false, facts: { faceToFace: 0 } });
    expect(result.members[0]!.problems).toEqual([
      expect.objectContaining({ at: '/facts/faceToFace/where', recordId: expect.any(String) }),
    ]);
    expect(result.members[0]!.problems[0]!.message.zh).toContain('事实 faceToFace');
  });

  it('given a numerator that throws on a record, when counted, then the member is not met and the problem is named', () => {
    const result = evaluateIndicator(controlled, {
      period: YEAR,
      parameters: {},
      subjects: [patient('a', [clinic('2026-03-01', { sbp: { toString: {} } })])],
    });
    expect(result.members[0]!.met).toBe(false);
    expect(result.members[0]!.problems).toEqual([
      expect.objectContaining({ at: '/numerator/where' }),
    ]);
  });

  it('given a rule reading today, when evaluated, then today is the last day of the period, whenever it runs', () => {
    const today: FactIndicator = {
      ...controlled,
      numerator: { where: { '==': [{ today: [] }, { var: 'period.end' }] }, description: text },
    };
    const result = evaluateIndicator(today, {
      period: { start: '2026-04-01', end: '2026-06-30' },
      parameters: {},
      subjects: [patient('a', [])],
    });
    expect(result.members[0]!.met).toBe(true);
  });
});

describe('evaluateIndicator: deliveries and live births', () => {
  const pregnancy = (
    id: string,
    records: Record<string, unknown>[],
    other: IndicatorRecord[] = [],
  ): IndicatorSubject => ({
    id,
    enrollments: [{ id: `${id}-p`, program: 'pregnancy', enrolledOn: '2025-09-01' }],
    submissions: [
      ...records.map((data) => visit(data, { formKey: 'postpartum', enrollmentId: `${id}-p` })),
      ...other,
    ],
  });
  const delivered = (more: Record<string, unknown>) => ({
    visitDate: '2026-05-08',
    deliveryDate: '2026-05-01',
    dischargeDate: '2026-05-04',
    liveBirths: 1,
    ...more,
  });

  it('given twins and a single birth, both visited, when counted, then the denominator is three live births and the numerator two women', () => {
    const result = evaluateIndicator(visited, {
      period: YEAR,
      parameters: {},
      subjects: [
        pregnancy('twins', [delivered({ liveBirths: 2 })]),
        pregnancy('single', [delivered({})]),
      ],
    });
    expect(result.members.map((m) => [m.subjectId, m.weight, m.met])).toEqual([
      ['twins', 2, true],
      ['single', 1, true],
    ]);
    expect(result).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('given a delivery without a live-birth count, a stillbirth and a delivery in the previous year, when counted, then the first counts once (said so), the others not at all', () => {
    const result = evaluateIndicator(visited, {
      period: YEAR,
      parameters: {},
      subjects: [
        pregnancy('unrecorded', [delivered({ liveBirths: undefined })]),
        pregnancy('stillbirth', [delivered({ liveBirths: 0 })]),
        pregnancy('last-year', [
          delivered({
            deliveryDate: '2025-12-30',
            dischargeDate: '2026-01-02',
            visitDate: '2026-01-05',
          }),
        ]),
      ],
    });
    expect(result.members.map((m) => [m.subjectId, m.weight, m.weightMissing])).toEqual([
      ['unrecorded', 1, true],
    ]);
    expect(result.denominator).toBe(1);
  });

  it('given a visit before discharge, one 29 days after, one with no discharge date, when counted, then none is within the window', () => {
    const result = evaluateIndicator(visited, {
      period: YEAR,
      parameters: {},
      subjects: [
        pregnancy('before', [delivered({ visitDate: '2026-05-03' })]),
        pregnancy('late', [delivered({ visitDate: '2026-06-02' })]),
        pregnancy('no-discharge', [delivered({ dischargeDate: undefined })]),
        pregnancy('day-28', [delivered({ visitDate: '2026-06-01' })]),
      ],
    });
    expect(result.members.map((m) => [m.subjectId, m.met])).toEqual([
      ['before', false],
      ['late', false],
      ['no-discharge', false],
      ['day-28', true],
    ]);
  });

  it('given a pregnancy with no delivery record, or records filed under another enrollment, when counted, then it is not placed in the period', () => {
    const stray = visit(delivered({}), { formKey: 'postpartum', enrollmentId: 'someone-else' });
    const result = evaluateIndicator(visited, {
      period: YEAR,
      parameters: {},
      subjects: [pregnancy('none', []), pregnancy('stray', [], [stray])],
    });
    expect(result).toMatchObject({ numerator: 0, denominator: 0, ratio: null, members: [] });
  });
});

describe('evaluateIndicator: what it refuses', () => {
  it('given a period that is not a range of dates, when evaluated, then an IndicatorError names it in zh and en', () => {
    for (const period of [
      { start: '2026-12-31', end: '2026-01-01' },
      { start: '2026-02-30', end: '2026-03-01' },
      { start: '', end: '2026-03-01' },
    ]) {
      expect(() => evaluateIndicator(managed, { period, parameters: {}, subjects: [] })).toThrow(
        IndicatorError,
      );
    }
    let error: unknown;
    try {
      evaluateIndicator(managed, {
        period: { start: 'x', end: 'y' },
        parameters: {},
        subjects: [],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IndicatorError);
    expect((error as IndicatorError).text.zh).toContain('统计期无效');
    expect((error as IndicatorError).text.en).toContain('invalid period');
  });

  it('given a 3.0.0 filter indicator, when evaluated, then it is refused: it has no evaluable meaning', () => {
    const legacy: FilterIndicator = {
      id: 'legacy',
      title: text,
      period: 'year',
      numerator: { count: 'subjects', filter: { '>=': [{ var: 'visitCount' }, 4] } },
      denominator: { count: 'enrollments', filter: true },
    };
    expect(() => evaluateIndicator(legacy, { period: YEAR, parameters: {}, subjects: [] })).toThrow(
      /FilterIndicator/,
    );
  });

  it('given a rule with an operation checkRule refuses, when evaluated, then nothing is evaluated and the rule is named', () => {
    const unsafe: FactIndicator = {
      ...managed,
      numerator: { where: { method: [{ var: 'facts' }, 'toString'] }, description: text },
    };
    expect(() =>
      evaluateIndicator(unsafe, { period: YEAR, parameters: {}, subjects: [patient('a', [])] }),
    ).toThrow(/\/numerator\/where/);
  });
});
