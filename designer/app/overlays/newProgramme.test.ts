import { applyOverlay, lintBpmn, type Indicator, type Schedule } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import { readBaseSpec, readJsonFolder, readOverlay } from '../../../seed/lib/readSpec.js';
import { programmeIds, programmeOperations, type NewProgramme } from './newProgramme.js';

const ELDERLY: NewProgramme = {
  id: 'fj-elderly-care',
  title: { zh: '老年人健康管理（福建）', en: 'Elderly care (Fujian)' },
  item: {
    label: { zh: '生活自理能力', en: 'Self-care ability' },
    codes: [
      { code: '1', label: { zh: '可自理', en: 'Independent' }, review: false },
      { code: '2', label: { zh: '轻度依赖', en: 'Mildly dependent' }, review: false },
      { code: '3', label: { zh: '不能自理', en: 'Dependent' }, review: true },
    ],
  },
  firstVisitDays: 30,
  intervalDays: 90,
  reviewRole: 'township-phc',
};

/** Fujian's seed overlay on the printed national base, with `operations` appended. */
async function fujianWith(operations: ReturnType<typeof programmeOperations>) {
  const fujian = readOverlay('fujian', '1.2.0');
  const base = {
    ...readBaseSpec('national-phs', '3.0.1'),
    schedules: Object.fromEntries(readJsonFolder<Schedule>('national-phs', '3.0.1', 'schedules')),
    indicators: Object.fromEntries(
      readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators'),
    ),
  };
  return applyOverlay(base, {
    ...fujian,
    version: '1.3.0',
    operations: [...fujian.operations, ...operations],
  });
}

describe('a whole new programme from the 新建服务项目 dialog', () => {
  it('given what the configurator said, when its operations are applied to Fujian on the national base, then the effective spec has the programme, its code table, form, schedule, review workflow with its trigger, and indicator, with no problem', async () => {
    const ids = programmeIds(ELDERLY.id);
    const { spec, problems } = await fujianWith(programmeOperations(ELDERLY));
    expect(problems).toEqual([]);
    expect(spec.programs?.[ELDERLY.id]).toEqual({
      id: ELDERLY.id,
      title: ELDERLY.title,
      forms: [ids.form],
    });
    expect(spec.codeTables[ids.codeTable]!.codes.map((c) => c.code)).toEqual(['1', '2', '3']);
    expect(spec.forms[ids.form]!.title.zh).toBe('老年人健康管理（福建）随访记录表');
    expect(spec.schedules?.[ids.schedule]).toMatchObject({ program: ELDERLY.id, form: ids.form });
    expect(spec.indicators?.[ids.indicator]).toMatchObject({
      denominator: { program: ELDERLY.id },
    });
    expect(spec.triggers?.[ids.trigger]).toMatchObject({
      form: ids.form,
      workflow: ids.workflow,
      condition: { in: [{ var: 'item' }, ['3']] },
    });
    const lint = await lintBpmn(spec.workflows[ids.workflow]!);
    expect(lint.errors).toEqual([]);
  });

  it('given no code marked for review, then no workflow or trigger is added; given names with XML in them, then the BPMN stays well formed', async () => {
    const quiet = programmeOperations({
      ...ELDERLY,
      title: { zh: '<慢病> & "随访"', en: 'A <b> & "c"' },
      item: { ...ELDERLY.item, codes: ELDERLY.item.codes.map((c) => ({ ...c, review: false })) },
    });
    expect(quiet.map((op) => op.op)).toEqual([
      'add-code-table',
      'add-form',
      'add-program',
      'add-schedule',
      'add-indicator',
    ]);
    const flagged = programmeOperations({ ...ELDERLY, title: { zh: '<慢病> & "随访"', en: 'x' } });
    const workflow = flagged.find((op) => op.op === 'add-workflow');
    const lint = await lintBpmn((workflow as { bpmn: string }).bpmn);
    expect(lint.errors).toEqual([]);
    expect((workflow as { bpmn: string }).bpmn).toContain('&lt;慢病&gt; &amp; &quot;随访&quot;');
  });

  it('given a programme id the base already has, then the engine’s check refuses that operation with the id named', async () => {
    const { problems } = await fujianWith(programmeOperations({ ...ELDERLY, id: 'hypertension' }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message.zh).join('\n')).toContain('hypertension');
  });
});
