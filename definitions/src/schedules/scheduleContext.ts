import { evaluateRule, isTruthy, RuleError } from '../rules/evaluateRule.js';
import { toDayNumber } from '../rules/dates.js';
import type { ScheduleFlag, ScheduleNumber, ScheduleV2 } from '../types/generated.js';
import type { DueInput } from './dueTypes.js';
import { ScheduleError } from './ScheduleError.js';
import { parseWorkCalendar, WEEKENDS_ONLY, type WorkCalendar } from './workCalendar.js';

/** The enrollment as rules see it (`enrollment.enrolledOn`, `enrollment.details.lmp`). */
export function enrollmentView(input: DueInput) {
  const { enrollment } = input;
  return {
    enrolledOn: enrollment.enrolledOn,
    endedOn: enrollment.endedOn ?? null,
    endReason: enrollment.endReason ?? null,
    details: enrollment.details ?? {},
  };
}

/**
 * One evaluation of a schedule: today from the injected clock, parameter values, and every rule
 * evaluated over a record's data with `enrollment` and `parameters` beside it (they win over a
 * field of the same name). A rule that throws, or a parameter missing or of the wrong type, is a
 * ScheduleError naming where in the schedule.
 */
export class ScheduleContext {
  readonly today: string;
  readonly todayDay: number;
  private readonly enrollment: ReturnType<typeof enrollmentView>;
  #calendar: WorkCalendar | undefined;

  constructor(
    readonly schedule: ScheduleV2,
    readonly input: DueInput,
  ) {
    this.today = input.clock.today();
    const day = toDayNumber(this.today);
    if (day === null)
      throw this.error('', {
        zh: `今天的日期无效：${this.today}`,
        en: `today is not a date: ${this.today}`,
      });
    this.todayDay = day;
    this.enrollment = enrollmentView(input);
  }

  error(path: string, detail: { zh: string; en: string }, record: string | null = null) {
    return new ScheduleError(this.schedule.id, path, detail, record);
  }

  /** What a rule over a record reads: its fields, `enrollment` and `parameters`. */
  data(record: Readonly<Record<string, unknown>> | null, extra: Record<string, unknown> = {}) {
    return {
      ...(record ?? {}),
      ...extra,
      enrollment: this.enrollment,
      parameters: this.input.parameters,
    };
  }

  evaluate(rule: unknown, data: unknown, path: string, record: string | null = null): unknown {
    try {
      return evaluateRule(rule, data, this.input.clock);
    } catch (err) {
      const reason = err instanceof RuleError ? err.reason : String(err);
      throw this.error(
        path,
        { zh: `规则无法求值：${reason}`, en: `the rule could not be evaluated: ${reason}` },
        record,
      );
    }
  }

  holds(rule: unknown, data: unknown, path: string, record: string | null = null): boolean {
    return rule === undefined || isTruthy(this.evaluate(rule, data, path, record));
  }

  /** A whole number of the schedule, or the value of the integer parameter it names. */
  number(value: ScheduleNumber, path: string): number {
    if (typeof value === 'number') return value;
    const found = this.input.parameters[value.parameter];
    if (typeof found !== 'number' || !Number.isInteger(found))
      throw this.error(path, {
        zh: `参数 ${value.parameter} 缺失或不是整数`,
        en: `parameter ${value.parameter} is missing or not an integer`,
      });
    return found;
  }

  /**
   * The holiday table of the string parameter the schedule's `calendar` names (weekends only when
   * it names none); a parameter missing, not a string or not a calendar is a ScheduleError.
   */
  calendar(): WorkCalendar {
    if (this.#calendar) return this.#calendar;
    const named = this.schedule.calendar;
    if (!named) return (this.#calendar = WEEKENDS_ONLY);
    const text = this.input.parameters[named.parameter];
    if (typeof text !== 'string')
      throw this.error('/calendar', {
        zh: `参数 ${named.parameter} 缺失或不是文本`,
        en: `parameter ${named.parameter} is missing or not a string`,
      });
    const { calendar, problems } = parseWorkCalendar(text);
    if (!calendar)
      throw this.error('/calendar', {
        zh: `参数 ${named.parameter} 不是节假日表：${problems[0]!.zh}`,
        en: `parameter ${named.parameter} is not a holiday table: ${problems[0]!.en}`,
      });
    return (this.#calendar = calendar);
  }

  /** true/false of the schedule, or the value of the boolean parameter it names. */
  flag(value: ScheduleFlag | undefined, path: string): boolean {
    if (value === undefined || typeof value === 'boolean') return value ?? false;
    const found = this.input.parameters[value.parameter];
    if (typeof found !== 'boolean')
      throw this.error(path, {
        zh: `参数 ${value.parameter} 缺失或不是布尔值`,
        en: `parameter ${value.parameter} is missing or not a boolean`,
      });
    return found;
  }
}
