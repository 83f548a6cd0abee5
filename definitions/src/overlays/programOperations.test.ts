/**
 * A province adds a small programme of its own by overlay — a code table, a form, a workflow, the
 * programme, its schedule and an indicator (fixtures/elderly-care-operations.json, Fujian's
 * elderly care) — and may only add: the base's tables, programmes, schedules and indicators are
 * never replaced, and a base that later takes one of its ids makes that operation a rebase
 * conflict.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDueItems } from '../schedules/computeDueItems.js';
import { isScheduleV2 } from '../schedules/scheduleModel.js';
import type { Operation, Overlay, Schedule } from '../types/generated.js';
import { applyOverlay } from './applyOverlay.js';
import type { BaseSpec } from './BaseSpec.js';
import { programIds } from './programIds.js';
import { rebaseOverlay } from './rebaseOverlay.js';

const ELDERLY_CARE = JSON.parse(
  readFileSync(new URL('./fixtures/elderly-care-operations.json', import.meta.url), 'utf8'),
) as Operation[];
const [ADD_TABLE, ADD_FORM, , ADD_PROGRAM, ADD_SCHEDULE, ADD_INDICATOR] = ELDERLY_CARE as [
  Extract<Operation, { op: 'add-code-table' }>,
  Extract<Operation, { op: 'add-form' }>,
  Extract<Operation, { op: 'add-workflow' }>,
  Extract<Operation, { op: 'add-program' }>,
  Extract<Operation, { op: 'add-schedule' }>,
  Extract<Operation, { op: 'add-indicator' }>,
];

const text = (zh: string, en: string) => ({ zh, en });
const integer = (key: string, value: number) => ({
  key,
  title: text(key, key),
  type: 'integer' as const,
  value,
  minimum: 0,
  maximum: 60,
});

/** A national base with one programme (hypertension), its schedule and its indicator. */
function nationalBase(version = '1.0.0'): BaseSpec {
  const schedule: Schedule = {
    model: 2,
    id: 'hypertension-followup',
    title: text('高血压随访', 'Hypertension follow-up'),
    program: 'hypertension',
    form: 'hypertension-followup',
    records: {
      visit: [{ from: 'form', key: 'hypertension-followup', date: { var: 'visitDate' } }],
    },
    anchors: { last: { kind: 'record', records: 'visit' } },
    reminders: { dueSoonDays: 7, overdueDays: 0 },
    occurrences: [
      {
        id: 'routine',
        title: text('常规随访', 'Routine visit'),
        anchor: 'last',
        window: { start: { days: 83 }, end: { days: 97 } },
        satisfiedBy: { records: 'visit' },
      },
    ],
  };
  return {
    spec: 'test-phs',
    version,
    forms: {
      'hypertension-followup': {
        key: 'hypertension-followup',
        version: '1.0.0',
        title: text('高血压随访', 'Hypertension follow-up'),
        schema: {
          type: 'object',
          properties: { visitDate: { type: 'string', format: 'date', title: '随访日期' } },
        },
      },
    },
    codeTables: {
      'visit-method': {
        id: 'visit-method',
        version: '1.0.0',
        title: text('随访方式', 'Visit method'),
        codes: [{ code: '1', label: text('门诊', 'Clinic') }],
      },
    },
    parameters: {
      id: 'test-parameters',
      version: '1.0.0',
      parameters: [integer('reminderDueSoonDays', 14), integer('reminderOverdueDays', 0)],
    },
    workflows: {},
    schedules: { 'hypertension-followup': schedule },
    indicators: {
      'hypertension-visit-rate': {
        id: 'hypertension-visit-rate',
        title: text('高血压随访率', 'Hypertension visit rate'),
        period: 'year',
        denominator: {
          of: 'subjects',
          program: 'hypertension',
          description: text('在管', 'Managed'),
        },
        facts: {
          visits: {
            aggregate: 'count',
            forms: ['hypertension-followup'],
            date: 'visitDate',
            inPeriod: true,
            description: text('随访次数', 'Visits'),
          },
        },
        numerator: {
          where: { '>=': [{ var: 'facts.visits' }, 1] },
          description: text('至少 1 次', 'At least one'),
        },
      },
    },
  };
}

const overlayOf = (operations: Operation[], version = '1.0.0'): Overlay => ({
  key: 'fujian',
  version: '1.0.0',
  base: { spec: 'test-phs', version },
  jurisdiction: { code: '350000', name: text('福建省', 'Fujian') },
  operations,
});

const codesOf = (problems: { path: string; code: string }[]) =>
  problems.map((p) => `${p.path} ${p.code}`);

/** An operation of the fixture with its object changed. */
function changed<O extends Operation>(op: O, key: keyof O, patch: Record<string, unknown>): O {
  return { ...op, [key]: { ...(op[key] as object), ...patch } };
}

describe('a province adds a programme of its own by overlay', () => {
  it('given the elderly-care operations, when applied to the national base, then the effective spec has the code table, form, workflow, programme, schedule and indicator beside the base’s, and the base is untouched', async () => {
    const base = nationalBase();
    const { spec, problems } = await applyOverlay(base, overlayOf(ELDERLY_CARE));
    expect(problems).toEqual([]);
    expect(Object.keys(spec.codeTables)).toEqual(['visit-method', 'fj-self-care']);
    expect(Object.keys(spec.forms)).toEqual(['hypertension-followup', 'fj-elderly-visit']);
    expect(Object.keys(spec.workflows)).toEqual(['fj-elderly-review']);
    expect(spec.programs).toEqual({ 'fj-elderly-care': ADD_PROGRAM.program });
    expect(Object.keys(spec.schedules ?? {})).toEqual(['hypertension-followup', 'fj-elderly-care']);
    expect(Object.keys(spec.indicators ?? {})).toEqual([
      'hypertension-visit-rate',
      'fj-elderly-care-visit-rate',
    ]);
    expect([...programIds(spec)].sort()).toEqual(['fj-elderly-care', 'hypertension']);
    expect(base.programs).toBeUndefined();
    expect(Object.keys(base.schedules ?? {})).toEqual(['hypertension-followup']);
  });

  it('given the added schedule, when a resident was enrolled on 1 November, then on 23 November the first visit is due soon, by 1 December (30 days)', async () => {
    const { spec } = await applyOverlay(nationalBase(), overlayOf(ELDERLY_CARE));
    const schedule = spec.schedules!['fj-elderly-care']!;
    if (!isScheduleV2(schedule)) throw new Error('model 2 expected');
    const due = computeDueItems(schedule, {
      enrollment: { enrolledOn: '2026-11-01', endedOn: null, endReason: null, details: {} },
      records: [],
      parameters: { reminderDueSoonDays: 14, reminderOverdueDays: 0 },
      clock: { today: () => '2026-11-23' },
    });
    expect(due.items).toEqual([
      expect.objectContaining({
        occurrence: 'first-visit',
        dueDate: '2026-12-01',
        status: 'due-soon',
        form: 'fj-elderly-visit',
      }),
    ]);
  });
});

describe('the lock policy: an overlay only adds ids', () => {
  it.each([
    [
      'add-code-table of a base table',
      changed(ADD_TABLE, 'codeTable', { id: 'visit-method' }),
      'code-table-exists',
    ],
    [
      'add-program of a programme a base schedule runs',
      changed(ADD_PROGRAM, 'program', { id: 'hypertension' }),
      'program-exists',
    ],
    [
      'add-schedule of a base schedule id',
      changed(ADD_SCHEDULE, 'schedule', { id: 'hypertension-followup' }),
      'schedule-exists',
    ],
    [
      'add-indicator of a base indicator id',
      changed(ADD_INDICATOR, 'indicator', { id: 'hypertension-visit-rate' }),
      'indicator-exists',
    ],
  ])('given %s, then it is refused and the base’s stays as it was', async (_, op, code) => {
    const base = nationalBase();
    const { spec, problems } = await applyOverlay(base, overlayOf([ADD_FORM, op]));
    expect(codesOf(problems)).toEqual([`/operations/1 ${code}`]);
    expect(problems[0]!.message.en).toContain('never replaces');
    expect(spec.codeTables).toEqual(base.codeTables);
    expect(spec.schedules).toEqual(base.schedules);
    expect(spec.indicators).toEqual(base.indicators);
    expect(spec.programs).toBeUndefined();
  });

  it('given the same id added twice by one overlay, then the second is refused', async () => {
    const { problems } = await applyOverlay(nationalBase(), overlayOf([ADD_TABLE, ADD_TABLE]));
    expect(codesOf(problems)).toEqual(['/operations/1 code-table-exists']);
  });

  it('given a programme claiming a base form, then it is refused: a form belongs to one programme', async () => {
    const op = changed(ADD_PROGRAM, 'program', { forms: ['hypertension-followup'] });
    const { problems } = await applyOverlay(nationalBase(), overlayOf([op]));
    expect(codesOf(problems)).toEqual(['/operations/0 program-invalid']);
    expect(problems[0]!.message.en).toContain('already belongs to programme "hypertension"');
  });

  it('given a programme whose form the overlay has not added, then form-unknown', async () => {
    const { problems } = await applyOverlay(nationalBase(), overlayOf([ADD_PROGRAM]));
    expect(codesOf(problems)).toEqual(['/operations/0 form-unknown']);
  });

  it('given a schedule or an indicator of a programme nobody added, then program-unknown naming it, and the ones that depend on a refused operation are refused too', async () => {
    const { problems } = await applyOverlay(
      nationalBase(),
      overlayOf([ADD_TABLE, ADD_FORM, ADD_SCHEDULE, ADD_INDICATOR]),
    );
    expect(codesOf(problems)).toEqual([
      '/operations/2 program-unknown',
      '/operations/3 program-unknown',
    ]);
    expect(problems[0]!.message.en).toContain('"fj-elderly-care"');
  });

  it.each([
    [
      'a code table without codes',
      [changed(ADD_TABLE, 'codeTable', { codes: [] })],
      'code-table-invalid',
    ],
    [
      'a code listed twice',
      [
        changed(ADD_TABLE, 'codeTable', {
          codes: [
            { code: '1', label: text('甲', 'A') },
            { code: '1', label: text('乙', 'B') },
          ],
        }),
      ],
      'code-table-invalid',
    ],
    [
      'a programme without a title',
      [
        ADD_FORM,
        { op: 'add-program', program: { id: 'fj-x', forms: ['fj-elderly-visit'] } } as Operation,
      ],
      'program-invalid',
    ],
    [
      'a schedule of a form that does not exist',
      [ADD_FORM, ADD_PROGRAM, changed(ADD_SCHEDULE, 'schedule', { form: 'no-such-form' })],
      'schedule-invalid',
    ],
    [
      'a schedule of the first model',
      [
        ADD_FORM,
        ADD_PROGRAM,
        {
          op: 'add-schedule',
          schedule: {
            id: 'fj-old',
            title: text('旧', 'Old'),
            program: 'fj-elderly-care',
            form: 'fj-elderly-visit',
            anchor: 'enrollment',
            occurrences: [{ offsetDays: 30, windowDays: 7 }],
          },
        } as Operation,
      ],
      'schedule-invalid',
    ],
    [
      'an indicator reading a field the form lacks',
      [
        ADD_TABLE,
        ADD_FORM,
        ADD_PROGRAM,
        changed(ADD_INDICATOR, 'indicator', {
          facts: {
            visits: {
              aggregate: 'count',
              forms: ['fj-elderly-visit'],
              date: 'noSuchDate',
              inPeriod: true,
              description: text('次数', 'Visits'),
            },
          },
        }),
      ],
      'indicator-invalid',
    ],
  ])(
    'given %s, then it is refused by the checks the base’s own metadata passes',
    async (_, ops, code) => {
      const { problems } = await applyOverlay(nationalBase(), overlayOf(ops as Operation[]));
      expect(codesOf(problems)).toEqual([`/operations/${ops.length - 1} ${code}`]);
    },
  );
});

describe('rebasing a programme of the province’s own', () => {
  it('given the national base 1.1.0 now has a code table, a programme, a schedule and an indicator of the ids Fujian added, when rebased, then each of those additions is a conflict naming what the base added, and the form and workflow carry over', async () => {
    const oldBase = nationalBase();
    const newBase = nationalBase('1.1.0');
    newBase.codeTables['fj-self-care'] = { ...ADD_TABLE.codeTable } as never;
    newBase.schedules!['fj-elderly-care'] = {
      ...newBase.schedules!['hypertension-followup']!,
      id: 'fj-elderly-care',
      program: 'fj-elderly-care',
    };
    newBase.indicators!['fj-elderly-care-visit-rate'] = {
      ...newBase.indicators!['hypertension-visit-rate']!,
      id: 'fj-elderly-care-visit-rate',
    };
    const result = await rebaseOverlay(oldBase, newBase, overlayOf(ELDERLY_CARE));
    expect(result.problems).toEqual([]);
    expect(result.conflicts.map((c) => [c.index, c.code, c.baseChange.description.en])).toEqual([
      [0, 'code-table-exists', 'the base added code table "fj-self-care"'],
      [3, 'program-exists', 'the base added programme "fj-elderly-care"'],
      [4, 'schedule-exists', 'the base added schedule "fj-elderly-care"'],
      [5, 'indicator-exists', 'the base added indicator "fj-elderly-care-visit-rate"'],
    ]);
    expect(result.carried).toEqual([1, 2]);
    expect(result.conflicts[0]!.baseChange.codeTable).toBe('fj-self-care');
    expect(result.conflicts[1]!.baseChange.program).toBe('fj-elderly-care');
    expect(result.conflicts[2]!.baseChange.schedule).toBe('fj-elderly-care');
    expect(result.conflicts[3]!.baseChange.indicator).toBe('fj-elderly-care-visit-rate');
    expect((await applyOverlay(newBase, result.overlay)).problems).toEqual([]);
  });

  it('given a new base that left the ids alone, when rebased, then the whole programme carries over', async () => {
    const result = await rebaseOverlay(
      nationalBase(),
      nationalBase('1.1.0'),
      overlayOf(ELDERLY_CARE),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.carried).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
