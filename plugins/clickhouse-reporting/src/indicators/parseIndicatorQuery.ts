import { isFactIndicator, type FactIndicator, type Indicator } from '@formwork/definitions';
import {
  PERIOD_GROUPINGS,
  type IndicatorGrouping,
  type PeriodGrouping,
} from './compileIndicator.js';

/**
 * The request of an indicator query as the API will take it (query-string values), checked
 * before anything is compiled:
 * - `indicator`: an id of a FactIndicator of the release;
 * - `period`: `YYYY`, `YYYY-Qn` or `YYYY-MM` — or `start` and `end` (YYYY-MM-DD, both included),
 *   at most 10 years;
 * - `region` (optional): an org-unit code as the org tree holds them — 6 to 12 digits, and an
 *   institution's suffix (`350121101201-V01`); only its form is checked here, the API looks it up;
 * - `group` (optional): comma-separated, at most one region level (province … village, or clinic:
 *   the institution), at most one of month/quarter/year, and team, doctor.
 * Every problem is reported (zh and en) naming the parameter; a value is never echoed back.
 */
export interface IndicatorQuery {
  indicator: FactIndicator;
  period: { start: string; end: string };
  region?: string;
  /** Period, team and doctor grouping, as compileIndicator takes it (no `region`: see regionGroup). */
  groupBy: Omit<IndicatorGrouping, 'region'>;
  /** The region level to group by: the API maps it to a position on the members' org paths. */
  regionGroup?: RegionGroupLevel;
}

/** The region levels a query can group by, national-first order; `clinic` is the institution. */
export const REGION_GROUP_LEVELS = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'clinic',
] as const;
export type RegionGroupLevel = (typeof REGION_GROUP_LEVELS)[number];

/**
 * The form of an org-unit code: a division's 6 to 12 digits, optionally an institution's suffix
 * (`-H01`, `-C01`, `-V01`: letters and digits). Whether it exists is for the org tree to say.
 */
export const REGION_CODE = /^\d{6,12}(-[A-Za-z0-9]{1,8})?$/;

export interface IndicatorQueryProblem {
  param: string;
  message: { zh: string; en: string };
}

/** A request that is not a valid indicator query: the API answers 400 with the problems. */
export class IndicatorQueryError extends Error {
  override name = 'IndicatorQueryError';
  readonly problems: IndicatorQueryProblem[];
  constructor(problems: IndicatorQueryProblem[]) {
    super(problems.map((p) => `${p.param}: ${p.message.zh} / ${p.message.en}`).join('; '));
    this.problems = problems;
  }
}

export const MAX_PERIOD_YEARS = 10;
/** Years ClickHouse's Date32 holds, with room: a period outside them is refused. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2299;
const PARAMS = new Set(['indicator', 'period', 'start', 'end', 'region', 'group']);
const MAX_LENGTH = 200;
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function realDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** The first and last day of `YYYY`, `YYYY-Qn` or `YYYY-MM`; undefined when it is none of them. */
export function periodRange(text: string): { start: string; end: string } | undefined {
  let match = /^(\d{4})$/.exec(text);
  if (match) {
    const y = Number(match[1]);
    return { start: isoDate(y, 1, 1), end: isoDate(y, 12, 31) };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (match) {
    const [y, q] = [Number(match[1]), Number(match[2])];
    return { start: isoDate(y, 3 * q - 2, 1), end: isoDate(y, 3 * q, lastDay(y, 3 * q)) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const [y, m] = [Number(match[1]), Number(match[2])];
    if (m < 1 || m > 12) return undefined;
    return { start: isoDate(y, m, 1), end: isoDate(y, m, lastDay(y, m)) };
  }
  return undefined;
}

export function parseIndicatorQuery(
  raw: Readonly<Record<string, unknown>>,
  indicators: ReadonlyMap<string, Indicator> | readonly Indicator[],
): IndicatorQuery {
  const problems: IndicatorQueryProblem[] = [];
  const problem = (param: string, zh: string, en: string) =>
    problems.push({ param, message: { zh, en } });
  const byId =
    indicators instanceof Map
      ? (indicators as ReadonlyMap<string, Indicator>)
      : new Map((indicators as readonly Indicator[]).map((i) => [i.id, i]));

  for (const key of Object.keys(raw)) {
    // A plain name is named back; anything else (it came from the caller) is not echoed.
    if (!PARAMS.has(key))
      problem(PLAIN_NAME.test(key) ? key : '?', '未知参数', 'unknown parameter');
  }
  /** A single string of at most MAX_LENGTH characters, or undefined when absent. */
  const text = (param: string): string | undefined => {
    const value = raw[param];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problem(param, '应为单个字符串值', 'must be a single string value');
      return undefined;
    }
    if (value.length > MAX_LENGTH) {
      problem(
        param,
        `过长（最多 ${MAX_LENGTH} 个字符）`,
        `too long (at most ${MAX_LENGTH} characters)`,
      );
      return undefined;
    }
    return value;
  };

  // indicator
  let indicator: FactIndicator | undefined;
  const id = text('indicator');
  if (id === undefined) {
    if (raw.indicator === undefined) problem('indicator', '缺少指标', 'the indicator is missing');
  } else {
    const found = byId.get(id);
    if (!found) problem('indicator', '本版本中没有该指标', 'no such indicator in this release');
    else if (!isFactIndicator(found))
      problem('indicator', '该指标没有可计算的定义', 'this indicator has no computable definition');
    else indicator = found;
  }

  // period, or start and end
  let period: { start: string; end: string } | undefined;
  const named = text('period');
  const start = text('start');
  const end = text('end');
  if (named !== undefined && (start !== undefined || end !== undefined)) {
    problem(
      'period',
      '只能给出 period，或 start 与 end，不能同时给出',
      'give period, or start and end, not both',
    );
  } else if (named !== undefined) {
    period = periodRange(named);
    if (!period)
      problem(
        'period',
        '统计期应为 YYYY、YYYY-Qn 或 YYYY-MM',
        'the period must be YYYY, YYYY-Qn or YYYY-MM',
      );
  } else if (start !== undefined || end !== undefined) {
    for (const [param, value] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (value === undefined) {
        if (raw[param] === undefined) problem(param, '缺少日期', 'the date is missing');
      } else if (!realDate(value)) {
        problem(param, '应为日期 YYYY-MM-DD', 'must be a date, YYYY-MM-DD');
      }
    }
    if (start && end && realDate(start) && realDate(end)) {
      if (end < start) problem('end', '结束日期早于开始日期', 'the end is before the start');
      else period = { start, end };
    }
  } else if (raw.period === undefined && raw.start === undefined && raw.end === undefined) {
    problem('period', '缺少统计期', 'the period is missing');
  }
  if (period) {
    const [sy, ey] = [Number(period.start.slice(0, 4)), Number(period.end.slice(0, 4))];
    const tenYearsOn = `${String(sy + MAX_PERIOD_YEARS).padStart(4, '0')}${period.start.slice(4)}`;
    if (sy < FIRST_YEAR || ey > LAST_YEAR) {
      problem(
        'period',
        `统计期应在 ${FIRST_YEAR} 至 ${LAST_YEAR} 年之间`,
        `the period must lie between ${FIRST_YEAR} and ${LAST_YEAR}`,
      );
      period = undefined;
    } else if (period.end >= tenYearsOn) {
      problem(
        'period',
        `统计期最长 ${MAX_PERIOD_YEARS} 年`,
        `the period is at most ${MAX_PERIOD_YEARS} years`,
      );
      period = undefined;
    }
  }

  // region
  const region = text('region');
  const regionValid = region !== undefined && REGION_CODE.test(region);
  if (region !== undefined && !regionValid) {
    problem(
      'region',
      '区划代码应为 6 至 12 位数字，机构另加后缀（如 350121101201-V01）',
      'the region code must be 6 to 12 digits, an institution with its suffix (e.g. 350121101201-V01)',
    );
  }

  // group
  const groupBy: IndicatorQuery['groupBy'] = {};
  let regionGroup: RegionGroupLevel | undefined;
  const group = text('group');
  if (group !== undefined && group !== '') {
    const parts = group.split(',');
    const seen = new Set<string>();
    for (const part of parts) {
      if (seen.has(part)) {
        problem('group', '分组重复', 'a grouping is repeated');
        break;
      }
      seen.add(part);
      if ((REGION_GROUP_LEVELS as readonly string[]).includes(part)) {
        if (regionGroup)
          problem('group', '只能按一个区划级别分组', 'group by one region level only');
        regionGroup = part as RegionGroupLevel;
      } else if ((PERIOD_GROUPINGS as readonly string[]).includes(part)) {
        if (groupBy.period)
          problem('group', '只能按一种时间粒度分组', 'group by one period length only');
        groupBy.period = part as PeriodGrouping;
      } else if (part === 'team' || part === 'doctor') {
        groupBy[part] = true;
      } else {
        problem(
          'group',
          '分组应为 province、city、county、township、village、clinic、month、quarter、year、team、doctor',
          'a grouping is one of province, city, county, township, village, clinic, month, quarter, year, team, doctor',
        );
        break;
      }
    }
  }

  if (problems.length || !indicator || !period) throw new IndicatorQueryError(problems);
  return {
    indicator,
    period,
    groupBy,
    ...(regionValid ? { region } : {}),
    ...(regionGroup ? { regionGroup } : {}),
  };
}
