import type { ApiError } from '../../api/index.js';
import {
  queryProblems,
  type LoadingState,
  type LocalizedText,
  type ReportQuery,
  type ReportRegion,
  type ReportRow,
} from '../../api/reporting.js';

/**
 * What the reports page computes, with no Vue in it (STYLE #15): the period a choice names, the
 * queries of the table, the chart and the exports, the drilled path of regions, rates as people
 * read them and what a failure means to the user. reportState.test.ts proves it.
 */

export type PeriodKind = 'year' | 'quarter' | 'month';
export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'month'];

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–4, read when kind is 'quarter'. */
  quarter: number;
  /** 1–12, read when kind is 'month'. */
  month: number;
}

/** The current year as it is in China, where the reports are read (`now` injected for tests). */
export function chinaYearMonth(now: Date): { year: number; month: number } {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  return { year: china.getUTCFullYear(), month: china.getUTCMonth() + 1 };
}

/** The page opens on the current year; quarter and month start where today is. */
export function defaultPeriod(now: Date): PeriodChoice {
  const { year, month } = chinaYearMonth(now);
  return { kind: 'year', year, quarter: Math.ceil(month / 3), month };
}

/** The years offered: this one and the `count - 1` before it, newest first. */
export function yearChoices(now: Date, count = 6): number[] {
  const { year } = chinaYearMonth(now);
  return Array.from({ length: count }, (_, i) => year - i);
}

/** The API's `period`: `2026`, `2026-Q2` or `2026-05`. */
export function periodParam(choice: PeriodChoice): string {
  switch (choice.kind) {
    case 'year':
      return String(choice.year);
    case 'quarter':
      return `${choice.year}-Q${choice.quarter}`;
    case 'month':
      return `${choice.year}-${String(choice.month).padStart(2, '0')}`;
  }
}

/** The table's, the bar chart's and the exports' query: the children of `region` in the period. */
export function regionQuery(indicator: string, period: PeriodChoice, region: string): ReportQuery {
  return { indicator, period: periodParam(period), region };
}

/**
 * The API's grouping by the level just below a region of `level`: what the drill-down lists, so
 * an export of the table gives its rows (/export groups as /values does).
 */
const CHILD_GROUP: Readonly<Record<string, string>> = {
  national: 'province',
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'village',
  village: 'clinic',
};

/** The exports' query: the table's, grouped by the child level (the region's total alone if none). */
export function exportQuery(query: ReportQuery, level: string | undefined): ReportQuery {
  const group = level ? CHILD_GROUP[level] : undefined;
  return group ? { ...query, group } : query;
}

/** The trend's query: the chosen year in the region (`/trend` gives its months year to date). */
export function trendQuery(indicator: string, period: PeriodChoice, region: string): ReportQuery {
  return { indicator, period: String(period.year), region };
}

/** The months of a year as the API names them ('2026-01' … '2026-12'). */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The trend line's points: a rate (or a gap) for each month of the year, in order. */
export function trendPoints(rows: readonly ReportRow[], year: number): (number | null)[] {
  const byMonth = new Map(rows.map((row) => [row.period, row]));
  return monthsOf(year).map((month) => {
    const row = byMonth.get(month);
    return row ? rateOf(row) : null;
  });
}

/**
 * The rate of a row in percent with one decimal, or null when nothing was counted (a denominator
 * of 0). The API gives it; a row without one (an older answer) gets it from its counts.
 */
export function rateOf(row: Pick<ReportRow, 'numerator' | 'denominator' | 'rate'>): number | null {
  if (!row.denominator) return null;
  if (row.rate !== null && row.rate !== undefined) return row.rate;
  return Math.round((row.numerator / row.denominator) * 1000) / 10;
}

/** The rate as shown: `62.5%`, or `—` when the denominator is 0. */
export function formatRate(row: Pick<ReportRow, 'numerator' | 'denominator' | 'rate'>): string {
  const rate = rateOf(row);
  return rate === null ? '—' : `${rate.toFixed(1)}%`;
}

/** A count as shown (digits grouped as Chinese and English readers both read them). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

export type Lang = 'zh' | 'en';

export function langOf(locale: string): Lang {
  return locale.startsWith('zh') ? 'zh' : 'en';
}

export function localized(text: LocalizedText, lang: Lang): string {
  return text[lang] || text.zh;
}

/** A region's name in the interface language. */
export function regionName(region: Pick<ReportRegion, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && region.nameEn ? region.nameEn : region.name;
}

/**
 * The drilled path of regions, from the caller's default region (the first) to the one shown
 * (the last): drilling into a child appends it, the breadcrumb goes back to any earlier one.
 */
export type RegionPath = readonly ReportRegion[];

export function drillInto(path: RegionPath, child: ReportRegion): RegionPath {
  const current = path[path.length - 1];
  if (current?.code === child.code) return path;
  return [...path, child];
}

export function backTo(path: RegionPath, index: number): RegionPath {
  if (index < 0 || index >= path.length) return path;
  return path.slice(0, index + 1);
}

/** A row the user may drill into: a child region that has regions under it. */
export function canDrill(row: ReportRow): row is ReportRow & { region: ReportRegion } {
  return Boolean(row.region) && row.children !== false;
}

/**
 * The notice about loading: the moment the reports are complete up to, when loading lags more
 * than a minute behind what was recorded (undefined: the reports are current).
 */
export const LAG_NOTICE_SECONDS = 60;

export function lagNotice(loading: LoadingState | undefined): string | undefined {
  if (!loading || loading.lagSeconds <= LAG_NOTICE_SECONDS) return undefined;
  return loading.loadedUpTo ?? '';
}

/** What a failed request means to the user of the reports page. */
export type ReportFailure =
  | { kind: 'unavailable' }
  | { kind: 'forbidden'; text: string }
  | { kind: 'invalid'; problems: { param: string; text: string }[]; text: string }
  | { kind: 'other'; text: string };

export function describeFailure(error: ApiError, lang: Lang): ReportFailure {
  const text = error.text(lang === 'zh' ? 'zh-CN' : 'en');
  if (error.status === 503 || error.code === 'reporting_unavailable')
    return { kind: 'unavailable' };
  if (error.status === 403) return { kind: 'forbidden', text };
  if (error.status === 400) {
    const problems = queryProblems(error).map((p) => ({
      param: p.param,
      text: localized(p.message, lang),
    }));
    return { kind: 'invalid', problems, text };
  }
  return { kind: 'other', text };
}
