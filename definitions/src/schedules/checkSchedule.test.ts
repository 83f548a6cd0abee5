import { describe, expect, it } from 'vitest';
import { readBaseSpec, readJsonFolder } from '../../../seed/lib/readSpec.js';
import type { Schedule, ScheduleV2 } from '../types/generated.js';
import { checkSchedule } from './checkSchedule.js';

const base = readBaseSpec('national-phs', '3.0.1');
const printed = readJsonFolder<Schedule>('national-phs', '3.0.1', 'schedules');
const first = readJsonFolder<Schedule>('national-phs', '3.0.0', 'schedules');
const hypertension = printed.get('hypertension-followup') as ScheduleV2;

/** The hypertension schedule with one change made by `change`. */
function edited(change: (s: ScheduleV2) => void): ScheduleV2 {
  const copy = structuredClone(hypertension);
  change(copy);
  return copy;
}

const codes = (s: unknown) => checkSchedule(s, base).map((p) => [p.path, p.code, p.severity]);

describe('checkSchedule', () => {
  it.each([...printed.keys()])(
    'given the printed base schedule %s, when checked against its spec, then it has no problem',
    (id) => {
      expect(checkSchedule(printed.get(id), base)).toEqual([]);
    },
  );

  it.each([...first.keys()])(
    'given the 3.0.0 schedule %s (first model), when checked, then its form and rules still pass',
    (id) => {
      expect(checkSchedule(first.get(id), readBaseSpec('national-phs', '3.0.0'))).toEqual([]);
    },
  );

  it('given a model-2 schedule carrying a first-model offset, when checked, then the meta-schema refuses it', () => {
    const wrong = edited((s) => {
      (s.occurrences[0] as unknown as Record<string, unknown>).offsetDays = 90;
    });
    expect(codes(wrong)).toEqual([['/occurrences/0/offsetDays', 'schedule-invalid', 'error']]);
    expect(checkSchedule(wrong, base)[0]!.message.en).toBe('must NOT have additional properties');
  });

  it('given references to things the spec does not have, when checked, then each is named at its pointer', () => {
    const wrong = edited((s) => {
      s.form = 'no-such-form';
      s.occurrences[0].anchor = 'nowhere';
      s.occurrences[0].satisfiedBy.records = 'ghosts';
      s.suggestions![0]!.workflow = 'no-workflow';
      s.records.visit![0].key = 'other-form';
    });
    expect(codes(wrong)).toEqual(
      expect.arrayContaining([
        ['/form', 'form-unknown', 'error'],
        ['/occurrences/0/anchor', 'anchor-unknown', 'error'],
        ['/occurrences/0/satisfiedBy/records', 'records-unknown', 'error'],
        ['/suggestions/0/workflow', 'workflow-unknown', 'error'],
        ['/records/visit/0/key', 'form-unknown', 'error'],
      ]),
    );
  });

  it('given parameters that are missing or of the wrong type, when checked, then they are refused', () => {
    const wrong = edited((s) => {
      s.reminders.dueSoonDays = { parameter: 'noSuchParameter' };
      s.occurrences[3]!.satisfiedBy.count = { parameter: 'referralAutoStartAfterTwoUncontrolled' };
      s.suggestions![0]!.startsAutomatically = { parameter: 'chronicMinVisitsPerYear' };
    });
    expect(codes(wrong)).toEqual([
      ['/reminders/dueSoonDays/parameter', 'parameter-unknown', 'error'],
      ['/occurrences/3/satisfiedBy/count/parameter', 'parameter-wrong-type', 'error'],
      ['/suggestions/0/startsAutomatically/parameter', 'parameter-wrong-type', 'error'],
    ]);
  });

  it('given a rule that could run code, a window that ends before it starts and two occurrences with one id, when checked, then each is refused', () => {
    const wrong = edited((s) => {
      s.anchors.lastReferral!.where = { method: [{ var: 'referral' }, 'toString'] };
      s.occurrences[1]!.window = { start: { days: 14 }, end: { days: 0 } };
      s.occurrences[2]!.id = 'quarterly';
    });
    expect(codes(wrong)).toEqual(
      expect.arrayContaining([
        ['/anchors/lastReferral/where/method', 'rule-invalid', 'error'],
        ['/occurrences/1/window', 'window-empty', 'error'],
        ['/occurrences/2/id', 'id-duplicate', 'error'],
      ]),
    );
  });

  it('given a source without its key or a year-start anchor reading records, when checked, then they are refused', () => {
    const wrong = edited((s) => {
      delete s.records.healthCheck![0].key;
      s.anchors.yearStart = { kind: 'year-start', records: 'visit' };
    });
    expect(codes(wrong)).toEqual([
      ['/records/healthCheck/0/key', 'source-invalid', 'error'],
      ['/anchors/yearStart', 'anchor-invalid', 'error'],
    ]);
  });

  it('given a rule reading a field the form does not have (a rename), when checked, then it is a warning naming the field, through recent.N as well', () => {
    const wrong = edited((s) => {
      s.records.faceToFaceVisit![0].where = { in: [{ var: 'visitMethod' }, ['1', '2']] };
      s.suggestions![0]!.when = { '==': [{ var: 'recent.0.classfication' }, '2'] };
    });
    const problems = checkSchedule(wrong, base);
    expect(problems.map((p) => [p.path, p.code, p.severity])).toEqual([
      ['/records/faceToFaceVisit/0/where', 'field-unknown', 'warning'],
      ['/suggestions/0/when', 'field-unknown', 'warning'],
    ]);
    expect(problems[0]!.message.en).toBe(
      'the rule reads /visitMethod, which form hypertension-followup does not have: it never holds',
    );
    expect(problems[1]!.message.zh).toContain('/classfication');
  });

  it('given a code its field\'s table does not have (a phone visit written as "电话", a recoded programme), when checked, then it is refused naming the table and its codes', () => {
    const wrong = edited((s) => {
      s.records.faceToFaceVisit![0].where = { in: [{ var: 'visitMode' }, ['1', '电话']] };
      s.records.referral![0].where = { '==': [{ var: 'program' }, 1] };
      s.suggestions![0]!.when = { '==': [{ var: 'recent.1.classification' }, '5'] };
    });
    const problems = checkSchedule(wrong, base);
    expect(problems.map((p) => [p.path, p.code, p.severity])).toEqual([
      ['/records/faceToFaceVisit/0/where', 'code-unknown', 'error'],
      ['/records/referral/0/where', 'code-unknown', 'error'],
      ['/suggestions/0/when', 'code-unknown', 'error'],
    ]);
    expect(problems[0]!.message.en).toBe(
      'the rule compares /visitMode with "电话", which is not a code of table visit-mode (form hypertension-followup; codes are strings: 1, 2, 3)',
    );
    expect(problems[1]!.message.zh).toContain('1、2、3、4');
  });
});
