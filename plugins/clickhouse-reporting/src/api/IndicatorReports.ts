import type { ClickHouseClient } from '@clickhouse/client';
import { isFactIndicator } from '@formwork/definitions';
import type {
  OutboxConsumerHandle,
  ReadModel,
  ReadModelOrgUnit,
} from '@formwork/engine/plugin-api';
import {
  compileIndicator,
  IndicatorQueryError,
  REGION_CODE,
  runIndicator,
  type IndicatorQueryProblem,
  type IndicatorRow,
} from '../indicators/index.js';
import {
  describeIndicator,
  summarizeIndicator,
  type IndicatorDescription,
  type IndicatorSummary,
} from './describeIndicator.js';
import { childPosition, REGION_GROUP_POSITION } from './orgPathPosition.js';
import {
  prepareReportQuery,
  UNKNOWN_REGION,
  type PreparedReportQuery,
} from './prepareReportQuery.js';
import { ratePercent } from './rate.js';
import { resolveRegion, type ReportScope } from './regionAccess.js';

export interface ReportRegion {
  code: string;
  name: string;
  nameEn: string;
}

export interface ReportNumbers {
  numerator: number;
  denominator: number;
  /** Percent, one decimal; null when the denominator is 0. */
  rate: number | null;
}

export interface ReportRow extends ReportNumbers {
  region?: ReportRegion;
  period?: string;
  team?: string;
  /** The responsible doctor's user id ('' when none); user names are not in the read model. */
  doctor?: { id: string; name: null };
  /** Drill-down only: whether the child has units under it. */
  children?: boolean;
}

export interface ValuesAnswer {
  indicator: IndicatorDescription;
  period: { start: string; end: string };
  region: ReportRegion & { level: string };
  rows: ReportRow[];
  total: ReportNumbers;
  loading: { lagSeconds: number; loadedUpTo: string | null };
}

export interface IndicatorsAnswer {
  release: { id: string; jurisdiction: string };
  region: ReportRegion & { level: string };
  indicators: IndicatorSummary[];
}

export interface IndicatorReportsDeps {
  /** The reporting store's client (throws ReportingUnavailable while the store is down). */
  store: { readonly client: ClickHouseClient };
  readModel: Pick<ReadModel, 'orgUnits' | 'releaseFor'>;
  consumer: Pick<OutboxConsumerHandle, 'backlog'>;
}

const numbers = (numerator: number, denominator: number): ReportNumbers => ({
  numerator,
  denominator,
  rate: ratePercent(numerator, denominator),
});
const regionOf = (unit: ReadModelOrgUnit) => ({
  code: unit.code,
  name: unit.name,
  nameEn: unit.nameEn,
});
/**
 * Members with no unit at the grouped level on their path: registered higher up (e.g. grouped by
 * village, the patients of a township health centre).
 */
const NO_UNIT: ReportRegion = {
  code: '',
  name: '（无该级单位）',
  nameEn: '(no unit at this level)',
};

/**
 * The indicator reports: the indicators of the release serving a region, their values grouped
 * as asked, and a region's drill-down to the units just below it. Every request is checked
 * through prepareReportQuery (org tree, scope, release) before any SQL is compiled, and the
 * region always bounds the query (`has(org_path, region)` in SQL).
 */
export class IndicatorReports {
  constructor(private readonly deps: IndicatorReportsDeps) {}

  async indicators(
    scope: ReportScope,
    raw: Readonly<Record<string, unknown>>,
  ): Promise<IndicatorsAnswer> {
    const problems: IndicatorQueryProblem[] = [];
    for (const key of Object.keys(raw)) {
      if (key !== 'region')
        problems.push({
          param: /^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(key) ? key : '?',
          message: { zh: '未知参数', en: 'unknown parameter' },
        });
    }
    const region = raw.region;
    if (region !== undefined && (typeof region !== 'string' || !REGION_CODE.test(region))) {
      problems.push({
        param: 'region',
        message: {
          zh: '区划代码应为 6 至 12 位数字，机构另加后缀（如 350121101201-V01）',
          en: 'the region code must be 6 to 12 digits, an institution with its suffix (e.g. 350121101201-V01)',
        },
      });
    }
    if (problems.length) throw new IndicatorQueryError(problems);
    const unit = await resolveRegion(this.deps.readModel, scope, region as string | undefined);
    if (!unit) throw new IndicatorQueryError([UNKNOWN_REGION]);
    const release = await this.deps.readModel.releaseFor(unit.code);
    if (!release) throw new IndicatorQueryError([UNKNOWN_REGION]);
    return {
      release: { id: release.id, jurisdiction: release.jurisdiction },
      region: { ...regionOf(unit), level: unit.level },
      indicators: Object.values(release.indicators)
        .filter(isFactIndicator)
        .map((indicator) => summarizeIndicator(indicator, release.parameters)),
    };
  }

  /** The values of an indicator in a region, grouped as `group` asks, with the total beside them. */
  async values(
    scope: ReportScope,
    raw: Readonly<Record<string, unknown>>,
    extra: readonly IndicatorQueryProblem[] = [],
  ) {
    const prepared = await prepareReportQuery(this.deps.readModel, scope, raw, extra);
    const { query } = prepared;
    const position = query.regionGroup ? REGION_GROUP_POSITION[query.regionGroup] : undefined;
    const grouped = position !== undefined || Object.values(query.groupBy).some(Boolean);
    const [rows, total, loading] = await Promise.all([
      this.#run(prepared, position),
      grouped ? this.#run(prepared, undefined, true) : undefined,
      this.#loading(),
    ]);
    const names = await this.#names(rows.flatMap((r) => (r.group.region ? [r.group.region] : [])));
    const answer: ValuesAnswer = {
      ...this.#head(prepared),
      rows: rows.map((r) => ({
        ...(r.group.region !== undefined ? { region: names.get(r.group.region) ?? NO_UNIT } : {}),
        ...(r.group.period !== undefined ? { period: r.group.period } : {}),
        ...(r.group.team !== undefined ? { team: r.group.team } : {}),
        ...(r.group.doctor !== undefined ? { doctor: { id: r.group.doctor, name: null } } : {}),
        ...numbers(r.numerator, r.denominator),
      })),
      total: sum(total ?? rows),
      loading,
    };
    return { answer, prepared };
  }

  /**
   * The region's units one level down (divisions and institutions, by code), each listed even
   * with no members, and whether each has units under it. A unit with none answers no rows and
   * its own total.
   */
  async drilldown(scope: ReportScope, raw: Readonly<Record<string, unknown>>) {
    const extra: IndicatorQueryProblem[] =
      raw.group === undefined
        ? []
        : [
            {
              param: 'group',
              message: {
                zh: '下钻按下一级区划分组，不接受 group',
                en: 'a drill-down groups by the level below the region and takes no group',
              },
            },
          ];
    const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'group'));
    const prepared = await prepareReportQuery(this.deps.readModel, scope, rest, extra);
    const children = await this.deps.readModel.orgUnits({ parentCode: prepared.unit.code });
    const [rows, total, loading, grandchildren] = await Promise.all([
      children.length ? this.#run(prepared, childPosition(prepared.unit.path)) : [],
      this.#run(prepared, undefined, true),
      this.#loading(),
      Promise.all(
        children.map(
          async (c) => (await this.deps.readModel.orgUnits({ parentCode: c.code })).length > 0,
        ),
      ),
    ]);
    const byCode = new Map(rows.map((r) => [r.group.region, r]));
    const answer: ValuesAnswer = {
      ...this.#head(prepared),
      rows: children.map((child, i) => {
        const row = byCode.get(child.code);
        return {
          region: regionOf(child),
          ...numbers(row?.numerator ?? 0, row?.denominator ?? 0),
          children: grandchildren[i]!,
        };
      }),
      total: sum(total),
      loading,
    };
    return { answer, prepared };
  }

  /**
   * The region's rate month by month over a year, each month counted from 1 January to its last
   * day (截至当月累计: a yearly indicator's months on their own say little — four visits never fall
   * in one month). A year still running stops at the current month; a year to come has no rows.
   */
  async trend(scope: ReportScope, raw: Readonly<Record<string, unknown>>, now: Date) {
    const extra: IndicatorQueryProblem[] = [];
    if (raw.group !== undefined)
      extra.push({
        param: 'group',
        message: { zh: '趋势按月累计，不接受 group', en: 'a trend is by month and takes no group' },
      });
    if (
      raw.start !== undefined ||
      raw.end !== undefined ||
      typeof raw.period !== 'string' ||
      !/^\d{4}$/.test(raw.period)
    )
      extra.push({
        param: 'period',
        message: {
          zh: '趋势按年给出：period 应为 YYYY',
          en: 'a trend is for a year: period must be YYYY',
        },
      });
    const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'group'));
    const prepared = await prepareReportQuery(this.deps.readModel, scope, rest, extra);
    const year = Number(prepared.query.period.start.slice(0, 4));
    const today = now.toISOString().slice(0, 10);
    const months = Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const last = new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10);
      return { month, end: last };
    }).filter(({ month }) => `${month}-01` <= today);
    const [counted, loading] = await Promise.all([
      Promise.all(
        months.map(({ end }) =>
          this.#run(
            { ...prepared, query: { ...prepared.query, period: { start: `${year}-01-01`, end } } },
            undefined,
            true,
          ),
        ),
      ),
      this.#loading(),
    ]);
    const answer: ValuesAnswer = {
      ...this.#head(prepared),
      rows: months.map(({ month }, i) => ({ period: month, ...sum(counted[i]!) })),
      total: sum(counted.at(-1) ?? []),
      loading,
    };
    return { answer, prepared };
  }

  #head({ query, unit, release }: PreparedReportQuery) {
    return {
      indicator: describeIndicator(query.indicator, release.parameters),
      period: query.period,
      region: { ...regionOf(unit), level: unit.level },
    };
  }

  /** Runs the query grouped at `position` on the org path (and by the query's own groups), or not at all (`ungrouped`). */
  async #run(
    { query, unit, release }: PreparedReportQuery,
    position: number | undefined,
    ungrouped = false,
  ): Promise<IndicatorRow[]> {
    const compiled = compileIndicator(query.indicator, {
      period: query.period,
      parameters: release.parameters,
      region: unit.code,
      groupBy: ungrouped
        ? {}
        : { ...query.groupBy, ...(position !== undefined ? { region: { position } } : {}) },
    });
    return runIndicator(this.deps.store.client, compiled);
  }

  async #loading() {
    const backlog = await this.deps.consumer.backlog();
    return { lagSeconds: backlog.lagSeconds, loadedUpTo: backlog.newestHandledAt };
  }

  async #names(codes: string[]): Promise<Map<string, ReportRegion>> {
    const wanted = [...new Set(codes.filter(Boolean))];
    if (!wanted.length) return new Map();
    const units = await this.deps.readModel.orgUnits({ codes: wanted });
    const names = new Map(units.map((u) => [u.code, regionOf(u)]));
    // A code no longer in the newest tree keeps its code as its name.
    for (const code of wanted)
      if (!names.has(code)) names.set(code, { code, name: code, nameEn: code });
    return names;
  }
}

function sum(rows: readonly { numerator: number; denominator: number }[]): ReportNumbers {
  let n = 0;
  let d = 0;
  for (const r of rows) {
    n += r.numerator;
    d += r.denominator;
  }
  return numbers(n, d);
}
