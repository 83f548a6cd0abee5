/**
 * Checks of a schedule against the spec it belongs to, before it is published or computed: the
 * meta-schema, then every reference (forms, record sets, anchors, workflows, parameters of the
 * right type), every JsonLogic rule through `checkRule`, windows that are not empty at the
 * parameters' defaults, codes compared with a coded field that its code table has (face to face
 * is `visitMode` in ["1", "2"] of `visit-mode`), and — as warnings — rules reading a field the
 * set's forms do not have (such a rule never holds: a renamed field would silently stop a
 * schedule).
 */
import { codeTableOf } from '../forms/codeTableOf.js';
import { walkFields } from '../forms/schemaWalk.js';
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import { checkRule } from '../rules/checkRule.js';
import { comparedCodes } from '../rules/comparedCodes.js';
import { toDayNumber } from '../rules/dates.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import type {
  CodeTable,
  FormDefinition,
  ParameterSet,
  Schedule,
  ScheduleFlag,
  ScheduleNumber,
  ScheduleOffset,
  ScheduleV2,
} from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { applyOffset } from './applyOffset.js';
import { ScheduleContext } from './scheduleContext.js';
import { isReservedPath, stripRecent } from './recordPaths.js';
import { isScheduleV2 } from './scheduleModel.js';
import { validateScheduleModel } from './validateScheduleModel.js';
import { parseWorkCalendar } from './workCalendar.js';

export const SCHEDULE_PROBLEM_CODES = [
  'schedule-invalid',
  'form-unknown',
  'source-invalid',
  'records-unknown',
  'anchor-unknown',
  'anchor-invalid',
  'workflow-unknown',
  'parameter-unknown',
  'parameter-wrong-type',
  'rule-invalid',
  'id-duplicate',
  'window-empty',
  'field-unknown',
  'code-unknown',
  'calendar-invalid',
] as const;

export type ScheduleProblemCode = (typeof SCHEDULE_PROBLEM_CODES)[number];

export interface ScheduleProblem {
  /** JSON pointer into the schedule. */
  path: string;
  code: ScheduleProblemCode;
  /** A warning does not stop publishing (`field-unknown`); an error does. */
  severity: 'error' | 'warning';
  message: LocalizedMessage;
}

/** What a schedule may refer to. */
export interface ScheduleSpec {
  forms: Readonly<Record<string, FormDefinition>>;
  parameters: ParameterSet;
  /** BPMN by workflow key (suggestions name one). */
  workflows?: Readonly<Record<string, string>>;
  /** Code tables by id: a code a rule compares with a coded field must be one of its table. */
  codeTables?: Readonly<Record<string, CodeTable>>;
}

/** Every problem of `schedule` in `spec`; [] when it is sound. */
export function checkSchedule(schedule: unknown, spec: ScheduleSpec): ScheduleProblem[] {
  const invalid = validateMetadata('schedule', schedule).length
    ? validateScheduleModel(schedule)
    : [];
  if (invalid.length)
    return invalid.map((e) => ({
      path: e.path,
      code: 'schedule-invalid',
      severity: 'error',
      message: e.message,
    }));
  const s = schedule as Schedule;
  return isScheduleV2(s) ? new Checker(s, spec).run() : checkFirstModel(s, spec);
}

function problem(
  path: string,
  code: ScheduleProblemCode,
  zh: string,
  en: string,
  severity: 'error' | 'warning' = 'error',
): ScheduleProblem {
  return { path, code, severity, message: { zh, en } };
}

function checkFirstModel(
  schedule: Exclude<Schedule, ScheduleV2>,
  spec: ScheduleSpec,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!Object.hasOwn(spec.forms, schedule.form)) problems.push(formUnknown('/form', schedule.form));
  schedule.occurrences.forEach((o, i) => {
    for (const key of ['when', 'offset'] as const)
      if (o[key] !== undefined) problems.push(...ruleProblems(o[key], `/occurrences/${i}/${key}`));
  });
  return problems;
}

const formUnknown = (path: string, key: string | undefined) =>
  problem(path, 'form-unknown', `表单 ${key} 不在规范中`, `form ${key} is not in the spec`);

function ruleProblems(rule: unknown, path: string): ScheduleProblem[] {
  return checkRule(rule).map((p) => ({
    path: `${path}${p.path}`,
    code: 'rule-invalid',
    severity: 'error',
    message: p.message,
  }));
}

class Checker {
  private readonly problems: ScheduleProblem[] = [];
  private readonly parameters: Map<string, ParameterSet['parameters'][number]>;

  constructor(
    private readonly schedule: ScheduleV2,
    private readonly spec: ScheduleSpec,
  ) {
    this.parameters = new Map(spec.parameters.parameters.map((p) => [p.key, p]));
  }

  run(): ScheduleProblem[] {
    const { schedule } = this;
    this.form('/form', schedule.form);
    this.sources();
    this.anchors();
    this.number(schedule.reminders.dueSoonDays, '/reminders/dueSoonDays');
    this.number(schedule.reminders.overdueDays, '/reminders/overdueDays');
    this.calendar();
    if (schedule.workingDays !== undefined) this.flag(schedule.workingDays, '/workingDays');
    this.unique(
      schedule.occurrences.map((o) => o.id),
      '/occurrences',
    );
    schedule.occurrences.forEach((o, i) => {
      const at = `/occurrences/${i}`;
      if (o.form !== undefined) this.form(`${at}/form`, o.form);
      const anchor = this.anchor(`${at}/anchor`, o.anchor);
      this.rule(o.when, `${at}/when`, anchor?.kind === 'record' ? (anchor.records ?? null) : null);
      for (const key of ['due', 'expires'] as const) {
        const offset = o[key];
        if (offset) this.offset(offset, `${at}/${key}`);
      }
      this.offset(o.window.start, `${at}/window/start`);
      this.offset(o.window.end, `${at}/window/end`);
      this.window(o.window.start, o.window.end, `${at}/window`);
      this.records(`${at}/satisfiedBy/records`, o.satisfiedBy.records);
      this.rule(o.satisfiedBy.where, `${at}/satisfiedBy/where`, o.satisfiedBy.records);
      if (o.satisfiedBy.count !== undefined)
        this.number(o.satisfiedBy.count, `${at}/satisfiedBy/count`);
      if (o.dueSoonDays !== undefined) this.number(o.dueSoonDays, `${at}/dueSoonDays`);
      if (o.overdueDays !== undefined) this.number(o.overdueDays, `${at}/overdueDays`);
      if (o.workingDays !== undefined) this.flag(o.workingDays, `${at}/workingDays`);
    });
    const ends = schedule.ends ?? [];
    this.unique(
      ends.map((e) => e.id),
      '/ends',
    );
    ends.forEach((end, i) => {
      const at = `/ends/${i}`;
      this.records(`${at}/records`, end.records);
      this.rule(end.when, `${at}/when`, end.records);
      this.rule(end.date, `${at}/date`, end.records);
    });
    const suggestions = schedule.suggestions ?? [];
    this.unique(
      suggestions.map((s) => s.id),
      '/suggestions',
    );
    suggestions.forEach((s, i) => {
      const at = `/suggestions/${i}`;
      this.records(`${at}/records`, s.records);
      this.rule(s.when, `${at}/when`, s.records);
      if (!Object.hasOwn(this.spec.workflows ?? {}, s.workflow))
        this.problems.push(
          problem(
            `${at}/workflow`,
            'workflow-unknown',
            `流程 ${s.workflow} 不在规范中`,
            `workflow ${s.workflow} is not in the spec`,
          ),
        );
      if (s.startsAutomatically !== undefined)
        this.flag(s.startsAutomatically, `${at}/startsAutomatically`);
      if (s.resolvedBy !== undefined) this.anchor(`${at}/resolvedBy`, s.resolvedBy);
    });
    return this.problems;
  }

  private form(path: string, key: string | undefined) {
    if (key === undefined || !Object.hasOwn(this.spec.forms, key))
      this.problems.push(formUnknown(path, key));
  }

  private sources() {
    for (const [name, sources] of Object.entries(this.schedule.records)) {
      (sources ?? []).forEach((source, i) => {
        const at = `/records/${name}/${i}`;
        if (source.from === 'enrollment' ? source.key !== undefined : source.key === undefined)
          this.problems.push(
            problem(
              `${at}/key`,
              'source-invalid',
              source.from === 'enrollment'
                ? '入组记录来源不带 key'
                : `来源 ${source.from} 须以 key 指明表单或事实名称`,
              source.from === 'enrollment'
                ? 'an enrollment source takes no key'
                : `a ${source.from} source names its form or fact in key`,
            ),
          );
        if (source.from === 'form' && source.key !== undefined) this.form(`${at}/key`, source.key);
        const forms = source.from === 'form' && source.key !== undefined ? [source.key] : null;
        this.ruleOver(source.date, `${at}/date`, forms);
        this.ruleOver(source.where, `${at}/where`, forms);
      });
    }
  }

  private anchors() {
    for (const [name, anchor] of Object.entries(this.schedule.anchors)) {
      if (!anchor) continue;
      const at = `/anchors/${name}`;
      if (anchor.kind === 'record') {
        if (anchor.records === undefined)
          this.problems.push(
            problem(
              `${at}/records`,
              'anchor-invalid',
              '记录型锚点须指明记录集',
              'a record anchor names its record set',
            ),
          );
        else this.records(`${at}/records`, anchor.records);
        this.rule(anchor.where, `${at}/where`, anchor.records ?? null);
      } else if (
        anchor.records !== undefined ||
        anchor.pick !== undefined ||
        anchor.where !== undefined
      )
        this.problems.push(
          problem(
            at,
            'anchor-invalid',
            '年初锚点不取记录（无 records、pick、where）',
            'a year-start anchor reads no record (no records, pick or where)',
          ),
        );
    }
  }

  private records(path: string, name: string) {
    if (!Object.hasOwn(this.schedule.records, name))
      this.problems.push(
        problem(
          path,
          'records-unknown',
          `没有名为 ${name} 的记录集`,
          `no record set named ${name}`,
        ),
      );
  }

  private anchor(path: string, name: string) {
    if (Object.hasOwn(this.schedule.anchors, name)) return this.schedule.anchors[name];
    this.problems.push(
      problem(path, 'anchor-unknown', `没有名为 ${name} 的锚点`, `no anchor named ${name}`),
    );
    return undefined;
  }

  private unique(ids: string[], path: string) {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        this.problems.push(
          problem(`${path}/${i}/id`, 'id-duplicate', `id ${id} 重复`, `id ${id} is used twice`),
        );
    });
  }

  /** The holiday table the schedule names: a string parameter whose value (as set) parses. */
  private calendar() {
    const named = this.schedule.calendar;
    if (!named) return;
    const found = this.parameter(named.parameter, 'string', '/calendar');
    if (found?.type !== 'string' || typeof found.value !== 'string') return;
    for (const p of parseWorkCalendar(found.value).problems)
      this.problems.push(
        problem(
          '/calendar/parameter',
          'calendar-invalid',
          `参数 ${named.parameter} 不是节假日表：${p.zh}`,
          `parameter ${named.parameter} is not a holiday table: ${p.en}`,
        ),
      );
  }

  private parameter(key: string, type: 'integer' | 'boolean' | 'string', path: string) {
    const found = this.parameters.get(key);
    if (!found)
      this.problems.push(
        problem(
          `${path}/parameter`,
          'parameter-unknown',
          `参数 ${key} 不在规范中`,
          `parameter ${key} is not in the spec`,
        ),
      );
    else if (found.type !== type)
      this.problems.push(
        problem(
          `${path}/parameter`,
          'parameter-wrong-type',
          `参数 ${key} 应为 ${type}，实为 ${found.type}`,
          `parameter ${key} must be ${type}, not ${found.type}`,
        ),
      );
    return found;
  }

  private number(value: ScheduleNumber, path: string) {
    if (typeof value !== 'number') this.parameter(value.parameter, 'integer', path);
  }

  private flag(value: ScheduleFlag, path: string) {
    if (typeof value !== 'boolean') this.parameter(value.parameter, 'boolean', path);
  }

  private offset(offset: ScheduleOffset, path: string) {
    for (const unit of ['months', 'weeks', 'days'] as const) {
      const value = offset[unit];
      if (value !== undefined) this.number(value, `${path}/${unit}`);
    }
  }

  /** A window whose start is after its end at the parameters' defaults never opens. */
  private window(start: ScheduleOffset, end: ScheduleOffset, path: string) {
    const defaults = Object.fromEntries(
      this.spec.parameters.parameters.map((p) => [p.key, p.value]),
    );
    const context = new ScheduleContext(this.schedule, {
      enrollment: { enrolledOn: '2001-01-01' },
      records: [],
      parameters: defaults,
      clock: { today: () => '2001-01-01' },
    });
    try {
      const from = applyOffset(context, '2001-01-01', start, `${path}/start`);
      const to = applyOffset(context, '2001-01-01', end, `${path}/end`);
      if (toDayNumber(from)! > toDayNumber(to)!)
        this.problems.push(
          problem(path, 'window-empty', '时间窗的开始晚于结束', 'the window starts after it ends'),
        );
    } catch {
      // A parameter missing or of the wrong type: reported by offset().
    }
  }

  /** A rule over the records of set `records` (null: no record, e.g. a year-start anchor). */
  private rule(rule: unknown, path: string, records: string | null) {
    const sources = records === null ? undefined : this.schedule.records[records];
    const forms =
      sources && sources.every((s) => s.from === 'form' && s.key !== undefined)
        ? sources.map((s) => s.key!)
        : null;
    this.ruleOver(rule, path, forms);
  }

  /** checkRule, then (when the records all come from forms) the fields it reads. */
  private ruleOver(rule: unknown, path: string, forms: string[] | null) {
    if (rule === undefined) return;
    const invalid = ruleProblems(rule, path);
    this.problems.push(...invalid);
    if (invalid.length || !forms) return;
    const fields = forms.flatMap((key) =>
      Object.hasOwn(this.spec.forms, key) ? walkFields(this.spec.forms[key]!.schema) : [],
    );
    const known = fields.map((f) => f.path);
    if (known.length === 0) return;
    this.codes(rule, path, fields, forms);
    for (const variable of ruleVariables(rule)) {
      const field = stripRecent(variable);
      if (field === '' || field === '*' || isReservedPath(field)) continue;
      if (known.some((k) => k === field || field.startsWith(`${k}/`) || k.startsWith(`${field}/`)))
        continue;
      this.problems.push(
        problem(
          path,
          'field-unknown',
          `规则读取的字段 ${field} 不在表单 ${forms.join('、')} 中：该条件永不成立`,
          `the rule reads ${field}, which form ${forms.join(', ')} does not have: it never holds`,
          'warning',
        ),
      );
    }
  }
  /** Codes a rule compares with a coded field of the forms: each must be a code of its table. */
  private codes(
    rule: unknown,
    path: string,
    fields: ReturnType<typeof walkFields>,
    forms: string[],
  ) {
    for (const { variable, codes } of comparedCodes(rule)) {
      const pointer = stripRecent(`/${variable.split('.').join('/')}`);
      for (const field of fields.filter((f) => f.path === pointer)) {
        const tableId = codeTableOf(field.schema);
        const table = tableId ? this.spec.codeTables?.[tableId] : undefined;
        if (!table) continue;
        const known = table.codes.map((c) => c.code);
        for (const code of codes.filter((c) => typeof c !== 'string' || !known.includes(c)))
          this.problems.push(
            problem(
              path,
              'code-unknown',
              `规则将 ${pointer} 与 ${JSON.stringify(code)} 比较，但它不是代码表 ${tableId} 的代码（表单 ${forms.join('、')}；代码为字符串：${known.join('、')}）`,
              `the rule compares ${pointer} with ${JSON.stringify(code)}, which is not a code of table ${tableId} (form ${forms.join(', ')}; codes are strings: ${known.join(', ')})`,
            ),
          );
      }
    }
  }
}
