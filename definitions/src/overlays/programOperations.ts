/**
 * The operations that add what a province's own programme needs beside its forms and workflows:
 * add-code-table, add-program, add-schedule and add-indicator. The lock policy is the same for
 * all four: an overlay only adds ids the spec does not have (the base's tables, programmes,
 * schedules and indicators are never replaced; a rebase onto a base that took the id is a
 * conflict), and what it adds must pass the same checks the base's own metadata passes.
 */
import { checkIndicator } from '../indicators/checkIndicator.js';
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import { checkSchedule } from '../schedules/checkSchedule.js';
import type {
  CodeTable,
  Indicator,
  Operation,
  ProgramDefinition,
  Schedule,
} from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';
import {
  operationProblem,
  type OverlayProblem,
  type OverlayProblemCode,
} from './OverlayProblem.js';
import { formPrograms, indicatorPrograms, programIds } from './programIds.js';

type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;

const idOf = (value: { id?: unknown }) => (typeof value.id === 'string' ? value.id : '');

/** The one problem of a check that failed, its reasons listed in both languages. */
function invalid(
  index: number,
  code: OverlayProblemCode,
  what: { zh: string; en: string },
  reasons: { path: string; message: { zh: string; en: string } }[],
): OverlayProblem[] {
  return [
    operationProblem(
      index,
      code,
      `${what.zh}无效：${reasons.map((r) => `${r.path} ${r.message.zh}`).join('；')}`,
      `${what.en} is invalid: ${reasons.map((r) => `${r.path} ${r.message.en}`).join('; ')}`,
    ),
  ];
}

function exists(
  index: number,
  code: OverlayProblemCode,
  what: { zh: string; en: string },
): OverlayProblem[] {
  return [
    operationProblem(
      index,
      code,
      `${what.zh}已存在：调整只能新增，不能替换基础规范或此前操作已有的内容`,
      `${what.en} already exists: an overlay only adds, it never replaces what the base (or an earlier operation) has`,
    ),
  ];
}

function programUnknown(index: number, program: string, known: Set<string>): OverlayProblem[] {
  const list = [...known].sort().join(', ');
  return [
    operationProblem(
      index,
      'program-unknown',
      `项目 "${program}" 不存在（已有：${list}），请先用 add-program 新增`,
      `programme "${program}" is not known (known: ${list}); add it first with add-program`,
    ),
  ];
}

export function addCodeTable(
  spec: BaseSpec,
  op: Op<'add-code-table'>,
  index: number,
): OverlayProblem[] {
  const id = idOf(op.codeTable);
  const what = { zh: `代码表 "${id}" `, en: `code table "${id}"` };
  if (id && Object.hasOwn(spec.codeTables, id)) return exists(index, 'code-table-exists', what);
  const errors = validateMetadata('code-table', op.codeTable);
  const seen = new Set<string>();
  const codes = Array.isArray(op.codeTable.codes) ? op.codeTable.codes : [];
  codes.forEach((c: { code?: unknown }, i) => {
    if (typeof c?.code !== 'string') return;
    if (seen.has(c.code))
      errors.push({
        path: `/codes/${i}/code`,
        keyword: 'uniqueItems',
        message: { zh: `代码 ${c.code} 重复`, en: `code ${c.code} is listed twice` },
      });
    seen.add(c.code);
  });
  if (errors.length) return invalid(index, 'code-table-invalid', what, errors);
  spec.codeTables[id] = structuredClone(op.codeTable) as unknown as CodeTable;
  return [];
}

export function addProgram(spec: BaseSpec, op: Op<'add-program'>, index: number): OverlayProblem[] {
  const id = idOf(op.program);
  const what = { zh: `项目 "${id}" `, en: `programme "${id}"` };
  if (id && programIds(spec).has(id)) return exists(index, 'program-exists', what);
  const errors = validateMetadata('program', op.program);
  if (errors.length) return invalid(index, 'program-invalid', what, errors);
  const program = structuredClone(op.program) as unknown as ProgramDefinition;
  const unknown = program.forms.filter((form) => !Object.hasOwn(spec.forms, form));
  if (unknown.length)
    return [
      operationProblem(
        index,
        'form-unknown',
        `项目 "${id}" 的表单 ${unknown.join('、')} 不存在，请先用 add-form 新增`,
        `form(s) ${unknown.join(', ')} of programme "${id}" are not known; add them first with add-form`,
      ),
    ];
  const owners = formPrograms(spec);
  const taken = program.forms.filter((form) => owners.has(form));
  if (taken.length)
    return invalid(
      index,
      'program-invalid',
      what,
      taken.map((form) => ({
        path: `/forms/${program.forms.indexOf(form)}`,
        message: {
          zh: `表单 "${form}" 已属于项目 "${owners.get(form)}"`,
          en: `form "${form}" already belongs to programme "${owners.get(form)}"`,
        },
      })),
    );
  spec.programs = { ...spec.programs, [id]: program };
  return [];
}

export function addSchedule(
  spec: BaseSpec,
  op: Op<'add-schedule'>,
  index: number,
): OverlayProblem[] {
  const id = idOf(op.schedule);
  const what = { zh: `随访计划 "${id}" `, en: `schedule "${id}"` };
  if (id && Object.hasOwn(spec.schedules ?? {}, id)) return exists(index, 'schedule-exists', what);
  const errors = checkSchedule(op.schedule, spec).filter((p) => p.severity === 'error');
  if (!errors.length && op.schedule.model !== 2)
    errors.push({
      path: '/model',
      code: 'schedule-invalid',
      severity: 'error',
      message: {
        zh: '调整新增的随访计划须为第 2 版模型（model: 2）',
        en: 'a schedule an overlay adds must be of model 2 (model: 2)',
      },
    });
  if (errors.length) return invalid(index, 'schedule-invalid', what, errors);
  const schedule = structuredClone(op.schedule) as unknown as Schedule;
  const known = programIds(spec);
  if (!known.has(schedule.program)) return programUnknown(index, schedule.program, known);
  spec.schedules = { ...spec.schedules, [id]: schedule };
  return [];
}

export function addIndicator(
  spec: BaseSpec,
  op: Op<'add-indicator'>,
  index: number,
): OverlayProblem[] {
  const id = idOf(op.indicator);
  const what = { zh: `指标 "${id}" `, en: `indicator "${id}"` };
  if (id && Object.hasOwn(spec.indicators ?? {}, id))
    return exists(index, 'indicator-exists', what);
  const errors: { path: string; message: { zh: string; en: string } }[] = checkIndicator(
    op.indicator,
    spec,
  );
  if (!errors.length && !('facts' in op.indicator))
    errors.push({
      path: '/facts',
      message: {
        zh: '调整新增的指标须按事实写成（FactIndicator，含 facts）',
        en: 'an indicator an overlay adds must be a FactIndicator (with facts)',
      },
    });
  if (errors.length) return invalid(index, 'indicator-invalid', what, errors);
  const indicator = structuredClone(op.indicator) as unknown as Indicator;
  const known = programIds(spec);
  const unknown = indicatorPrograms(indicator).find((program) => !known.has(program));
  if (unknown !== undefined) return programUnknown(index, unknown, known);
  spec.indicators = { ...spec.indicators, [id]: indicator };
  return [];
}
