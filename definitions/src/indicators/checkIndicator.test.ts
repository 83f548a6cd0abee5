import { describe, expect, it } from 'vitest';
import { readBaseSpec, readJsonFolder } from '../../../seed/lib/readSpec.js';
import type { FactIndicator, Indicator } from '../types/generated.js';
import { checkIndicator } from './checkIndicator.js';

/**
 * What a reporting engine compiling an indicator relies on, checked against the spec it belongs
 * to: forms and fields exist, codes are codes of the field's table, parameters and facts are
 * declared. Each broken indicator is one of the national 3.0.1 ones with one thing wrong.
 */
const base = readBaseSpec('national-phs', '3.0.1');
const indicators = readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators');
const indicator = (id: string) => structuredClone(indicators.get(id)!) as FactIndicator;
const codes = (problems: ReturnType<typeof checkIndicator>) =>
  problems.map((p) => [p.code, p.path]);

describe('checkIndicator', () => {
  it('given the national 3.0.1 indicators and the 3.0.0 ones, when checked against their spec, then none has a problem', () => {
    for (const [id, each] of indicators) expect(checkIndicator(each, base), id).toEqual([]);
    const previous = readBaseSpec('national-phs', '3.0.0');
    for (const [id, each] of readJsonFolder<Indicator>('national-phs', '3.0.0', 'indicators'))
      expect(checkIndicator(each, previous), id).toEqual([]);
  });

  it('given face-to-face visits counted as visit modes 1 and 4, when checked, then 4 is refused: visit-mode has codes 1, 2, 3 (stored as strings)', () => {
    const broken = indicator('hypertension-standard-management-rate');
    const where = broken.facts.faceToFaceVisits!.where as { and: unknown[] };
    where.and[0] = { in: [{ var: 'record.visitMode' }, ['1', '4']] };
    const problems = checkIndicator(broken, base);
    expect(codes(problems)).toEqual([['code-unknown', '/facts/faceToFaceVisits/where']]);
    expect(problems[0]!.message.zh).toContain('visit-mode');
    expect(problems[0]!.message.en).toContain('"4"');
    where.and[0] = { '==': [{ var: 'record.visitMode' }, 1] };
    expect(codes(checkIndicator(broken, base))).toEqual([
      ['code-unknown', '/facts/faceToFaceVisits/where'],
    ]);
  });

  it('given a fact over a form the spec lacks and a field the form lacks, when checked, then both are named', () => {
    const broken = indicator('diabetes-control-rate');
    broken.facts.latest!.forms = ['diabetes-followup', 'diabetes-annual'];
    broken.numerator.where = { '<': [{ var: 'facts.latest.fastingGlucos' }, 7] };
    broken.parameters = [];
    const problems = checkIndicator(broken, base);
    expect(codes(problems)).toEqual([
      ['form-unknown', '/facts/latest/forms/1'],
      ['field-unknown', '/numerator/where'],
      ['data-element-unread', '/dataElements/0'],
    ]);
    expect(problems[1]!.message.en).toContain('fastingGlucos');
  });

  it('given a date field that is not a date and a weight that is not an integer, when checked, then each is refused', () => {
    const broken = indicator('postpartum-visit-rate');
    broken.facts.delivery!.date = 'temperature';
    broken.denominator.weight = { fact: 'delivery', field: 'deliveryDate', whenMissing: 1 };
    expect(codes(checkIndicator(broken, base))).toEqual(
      expect.arrayContaining([
        ['date-field-not-date', '/facts/delivery/date'],
        ['weight-not-integer', '/denominator/weight'],
      ]),
    );
  });

  it('given parameters read but not declared, declared but not read, and not in the spec, when checked, then each is named', () => {
    const broken = indicator('hypertension-control-rate');
    broken.parameters = [
      'bpTargetSystolic',
      'bpTargetSystolicElderly',
      'elderlyAgeYears',
      'fastingGlucoseTarget',
      'noSuchParameter',
    ];
    expect(codes(checkIndicator(broken, base))).toEqual([
      ['parameter-unread', '/parameters/3'],
      ['parameter-unknown', '/parameters/4'],
      ['parameter-undeclared', '/parameters'],
    ]);
  });

  it('given a numerator reading an undeclared fact, a field of a count and something that is no variable of an indicator, when checked, then each is named', () => {
    const broken = indicator('maternal-systematic-management-rate');
    broken.numerator.where = {
      and: [
        { var: 'facts.nothing' },
        { '>': [{ var: 'facts.prenatalChecks.visitDate' }, 0] },
        { var: 'subject.name' },
        { var: ['facts.delivery.liveBirths', 0] },
      ],
    };
    broken.parameters = ['postpartumVisitWindowDays'];
    expect(codes(checkIndicator(broken, base)).sort()).toEqual([
      ['fact-not-record', '/numerator/where'],
      ['fact-unknown', '/numerator/where'],
      ['variable-unknown', '/numerator/where'],
    ]);
  });

  it('given a fact condition reading the numerator’s variables or all the data, when checked, then it is refused', () => {
    const broken = indicator('diabetes-standard-management-rate');
    broken.facts.faceToFaceVisits!.where = {
      '>': [{ var: 'facts.latest' }, { var: null }],
    };
    expect(codes(checkIndicator(broken, base)).sort()).toEqual([
      ['data-element-unread', '/dataElements/0'],
      ['variable-dynamic', '/facts/faceToFaceVisits/where'],
      ['variable-unknown', '/facts/faceToFaceVisits/where'],
    ]);
  });

  it('given deliveries placed by a fact limited to the period, by a count, or patients placed by a fact, when checked, then each placement is refused', () => {
    const limited = indicator('early-pregnancy-registration-rate');
    limited.facts.delivery!.inPeriod = true;
    expect(codes(checkIndicator(limited, base))).toEqual([
      ['placement-in-period', '/denominator/placedBy/fact'],
    ]);
    const counted = indicator('postpartum-visit-rate');
    counted.denominator.placedBy = { fact: 'visitsInWindow', field: 'deliveryDate' };
    expect(codes(checkIndicator(counted, base))).toEqual([
      ['fact-not-record', '/denominator/placedBy/fact'],
    ]);
    const patients = indicator('hypertension-control-rate');
    patients.denominator.placedBy = { fact: 'latest', field: 'visitDate' };
    expect(codes(checkIndicator(patients, base))).toEqual(
      expect.arrayContaining([['placement-on-subjects', '/denominator/placedBy']]),
    );
  });

  it('given a systolic field read without its data element listed, when checked, then the listing is refused as incomplete', () => {
    const broken = indicator('hypertension-control-rate');
    broken.dataElements = ['DE04.10.176.00'];
    expect(codes(checkIndicator(broken, base))).toEqual([
      ['data-element-unlisted', '/dataElements'],
    ]);
  });

  it('given a rule with a forbidden operation, when checked, then it is refused at its pointer', () => {
    const broken = indicator('diabetes-control-rate');
    broken.numerator.where = { log: [{ var: 'facts.latest.fastingGlucose' }] };
    broken.parameters = [];
    expect(codes(checkIndicator(broken, base))).toEqual([['rule-invalid', '/numerator/where/log']]);
  });

  it('given a fact indicator with a misspelt key, when checked, then the meta-schema error is the FactIndicator one at its path, in zh and en', () => {
    const broken = indicator('diabetes-control-rate') as unknown as Record<string, unknown>;
    (broken.denominator as Record<string, unknown>).off = 'subjects';
    const problems = checkIndicator(broken, base);
    expect(problems.map((p) => p.code)).toEqual(['indicator-invalid']);
    expect(problems[0]!.path).toBe('/denominator/off');
    expect(problems[0]!.message.en).toContain('FactIndicator');
    expect(problems[0]!.message.zh).toContain('元模式');
  });
});
