import { IndicatorError, isFactIndicator, type Fact, type Indicator } from '@formwork/definitions';
import { compileRule, ruleError, type RuleScope } from './compileRule.js';
import { SqlParams } from './SqlParams.js';
import {
  boolValue,
  dateOfDay,
  jsonValue,
  nullValue,
  numberValue,
  recordField,
  recordValue,
  textValue,
  type SqlValue,
} from './sqlValues.js';

/**
 * Region levels: where the level's code sits on a row's org_path, counted from 1 as ClickHouse's
 * `arrayElement` counts. Paths are national first, the member's own unit last (100000 / 350000 /
 * 350100 / 350121 / 350121101 / 350121101201 / 350121101201-V01). `clinic` is the institution
 * the member is registered with, the path's last code (-1): a village clinic (at 7), a township
 * health centre (at 6, beside the township's villages) or a county hospital (at 5).
 */
export const REGION_LEVELS = {
  province: 2,
  city: 3,
  county: 4,
  township: 5,
  village: 6,
  clinic: -1,
} as const;
export type RegionLevel = keyof typeof REGION_LEVELS;
export type PeriodGrouping = 'month' | 'quarter' | 'year';

/** How the rows are grouped; every member falls in exactly one group. */
export interface IndicatorGrouping {
  /**
   * The code of the member's org unit at that level (its enrollment's org path), or at a position
   * of the path, 1-based, -1 the last (a drill-down: the units just below a region sit one place
   * below it).
   */
  region?: RegionLevel | { position: number };
  /** Sub-periods of the period: the indicator is evaluated for each, as if it were the period. */
  period?: PeriodGrouping;
  team?: boolean;
  doctor?: boolean;
}

export interface CompileOptions {
  /** First and last day, both included (YYYY-MM-DD). */
  period: { start: string; end: string };
  /** The release's parameter values by key (a province's included); the indicator's declared keys are read. */
  parameters: Readonly<Record<string, unknown>>;
  groupBy?: IndicatorGrouping;
  /** Only members whose org path contains this code (a region and everything under it). */
  region?: string;
}

export interface CompiledIndicator {
  sql: string;
  /** The query parameters: pass as the client's `query_params`. */
  params: Record<string, unknown>;
  /** The group columns of each row, in order (region, period, team, doctor), before numerator and denominator. */
  groupColumns: ('region' | 'period' | 'team' | 'doctor')[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: unknown): text is string {
  if (typeof text !== 'string' || !DATE_ONLY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The sub-periods of the period, in SQL over the period's params. */
interface Bucketing {
  /** Every sub-period as an array of (label, first day, last day) tuples, day numbers (Int32). */
  all: string;
  /** The label of the sub-period a day number (within the period) falls in. */
  label(day: string): string;
  /** The first and last day numbers of that sub-period, within the period. */
  first(day: string): string;
  last(day: string): string;
}

function bucketing(grouping: PeriodGrouping | undefined, start: string, end: string): Bucketing {
  const [s, e] = [`toInt32(${start})`, `toInt32(${end})`];
  if (!grouping)
    return { all: `[('', ${s}, ${e})]`, label: () => "''", first: () => s, last: () => e };
  const [startOf, add, label] = {
    month: ['toStartOfMonth', 'addMonths', (d: string) => `formatDateTime(${d}, '%Y-%m')`],
    quarter: [
      'toStartOfQuarter',
      'addQuarters',
      (d: string) => `concat(toString(toYear(${d})), '-Q', toString(toQuarter(${d})))`,
    ],
    year: ['toStartOfYear', 'addYears', (d: string) => `toString(toYear(${d}))`],
  }[grouping] as [string, string, (d: string) => string];
  const unit = grouping;
  const first = `${startOf}(${start})`;
  const at = (i: string) => `${add}(${first}, ${i})`;
  const of = (day: string) => `${startOf}(${dateOfDay(day)})`;
  return {
    all: `arrayMap(i -> (${label(at('i'))}, greatest(${s}, toInt32(${at('i')})), least(${e}, toInt32(addDays(${at('i + 1')}, -1)))), range(toUInt32(dateDiff('${unit}', ${first}, ${startOf}(${end})) + 1)))`,
    label: (day) => label(of(day)),
    first: (day) => `greatest(${s}, toInt32(${of(day)}))`,
    last: (day) => `least(${e}, toInt32(addDays(${add}(${of(day)}, 1), -1)))`,
  };
}

/**
 * Compiles a FactIndicator to one parameterized ClickHouse query giving, per group, the
 * numerator (members meeting the numerator's condition, each once) and the denominator (the
 * members' weights summed) — the numbers evaluateIndicator gives over the same data. The SQL is
 * built from trusted code only: the period, the region, the parameter values and every name
 * taken from the indicator (program, form keys, field names) are query parameters.
 *
 * Reads the reporting tables with FINAL (store/schema.ts): records (one row per submission, its
 * latest revision), subjects, enrollments. Throws an IndicatorError for a FilterIndicator, a
 * rule using an operation it does not translate, or bad options.
 */
export function compileIndicator(indicator: Indicator, options: CompileOptions): CompiledIndicator {
  if (!isFactIndicator(indicator)) {
    throw new IndicatorError({
      zh: `指标 ${indicator.id} 是 3.0.0 的过滤式指标（FilterIndicator），无法编译为 SQL`,
      en: `indicator ${indicator.id} is a 3.0.0 FilterIndicator, which cannot be compiled to SQL`,
    });
  }
  const { period } = options;
  if (!validDate(period?.start) || !validDate(period?.end) || period.end < period.start) {
    throw new IndicatorError({
      zh: `统计期无效：应为起止日期（YYYY-MM-DD，起 ≤ 止）`,
      en: `invalid period: expected a start and an end date (YYYY-MM-DD, start ≤ end)`,
    });
  }
  const params = new SqlParams();
  const start = params.named('period_start', period.start, 'Date32');
  const end = params.named('period_end', period.end, 'Date32');
  const population = indicator.denominator;
  const facts = Object.entries(indicator.facts).filter((e): e is [string, Fact] => !!e[1]);
  const factIndex = new Map(facts.map(([name], i) => [name, i]));
  const factOf = (name: string) => {
    const i = factIndex.get(name);
    return i === undefined ? undefined : { i, fact: facts[i]![1] };
  };

  const parameterValue = (key: string, scope: RuleScope): SqlValue => {
    if (!(indicator.parameters ?? []).includes(key)) {
      return ruleError(
        scope,
        `参数 ${key} 未在指标的 parameters 中声明`,
        `parameter ${key} is not declared in the indicator's parameters`,
      );
    }
    const value = Object.hasOwn(options.parameters, key) ? options.parameters[key] : null;
    if (value === null || value === undefined) return nullValue();
    if (typeof value === 'number' && Number.isFinite(value))
      return numberValue(params.add(value, 'Float64'));
    if (typeof value === 'string') return textValue(params.add(value, 'String'));
    if (typeof value === 'boolean') return boolValue(value ? '1' : '0');
    return ruleError(
      scope,
      `参数 ${key} 的值不是数字、字符串或布尔值`,
      `parameter ${key} is not a number, a string or a boolean`,
    );
  };

  const grouping = options.groupBy ?? {};
  const buckets = bucketing(grouping.period, start, end);
  const ofSubjects = population.of === 'subjects';

  // Each fact's date field becomes a day column of the records read (the typed `days` map).
  const dateFields = [...new Set(facts.map(([, f]) => f.date))];
  const dayColumn = (field: string) => `d_${dateFields.indexOf(field)}`;

  // Where each fact is aggregated. A fact counted in the period (inPeriod) goes to the sub-period
  // its record's date falls in, so records are placed by their date, never joined with every
  // sub-period; one that is not is aggregated once per member ("whole"), unless its rule reads
  // `today`, which then differs per sub-period ("crossed": each record in every sub-period).
  const usesToday = facts.map(() => false);
  const factConditions = facts.map(([name, fact], i) => {
    const day = `r.${dayColumn(fact.date)}`;
    const scope: RuleScope = {
      indicatorId: indicator.id,
      at: `/facts/${name}/where`,
      params,
      get today() {
        usesToday[i] = true;
        return fact.inPeriod ? buckets.last(day) : 'b_end';
      },
      variable: (path) => {
        const [root, field, ...rest] = path.split('.');
        if (root === 'parameters' && field && !rest.length) return parameterValue(field, scope);
        if (root === 'record' && field && !rest.length)
          return recordField('r', params.add(field, 'String'));
        return undefined;
      },
    };
    const conditions = [`has(${params.add(fact.forms, 'Array(String)')}, r.form_key)`];
    conditions.push(`${day} IS NOT NULL`);
    if (fact.where !== undefined) conditions.push(compileRule(fact.where, scope).truthy());
    return conditions.join(' AND ');
  });
  const crossed = facts.some(([, f], i) => !f.inPeriod && usesToday[i]);
  const groupOf = (i: number) =>
    facts[i]![1].inPeriod ? `fb_${dateFields.indexOf(facts[i]![1].date)}` : 'fw';

  // The columns the rules read — a count, or one field of the first/latest record (never the
  // whole record: copying every record's map made the query ten times slower).
  const fieldReads = new Map<string, { i: number; field: string; alias: string }>();
  const fieldAlias = (i: number, field: string) => {
    const key = `${i}\u0000${field}`;
    let read = fieldReads.get(key);
    if (!read) {
      read = { i, field, alias: `fact_${i}_${fieldReads.size}` };
      fieldReads.set(key, read);
    }
    return read.alias;
  };
  const wholeRecordReads = new Set<number>();

  // The numerator, over the member's facts, subject, period and the parameters.
  let readsSubject = false;
  const numeratorScope: RuleScope = {
    indicatorId: indicator.id,
    at: '/numerator/where',
    params,
    today: 'f.p_end',
    variable: (path) => {
      const [root, name, ...rest] = path.split('.');
      if (!name) return undefined;
      if (root === 'parameters' && !rest.length) return parameterValue(name, numeratorScope);
      if (root === 'period' && !rest.length && (name === 'start' || name === 'end'))
        return textValue(`toString(${dateOfDay(`f.p_${name}`)})`);
      if (root === 'subject' && !rest.length && (name === 'birthDate' || name === 'sex')) {
        readsSubject = true;
        return textValue(name === 'birthDate' ? 'toString(s.birth_date)' : 's.sex');
      }
      if (root !== 'facts') return undefined;
      const found = factOf(name);
      if (!found) return undefined;
      if (found.fact.aggregate === 'count') {
        return rest.length ? undefined : numberValue(`toFloat64(f.fact_${found.i})`);
      }
      if (!rest.length) {
        wholeRecordReads.add(found.i);
        return recordValue(`toUInt8(f.fact_${found.i}_n > 0)`, (what) =>
          ruleError(numeratorScope, `不支持${what}`, `${what} is not supported`),
        );
      }
      if (rest.length > 1) {
        return ruleError(
          numeratorScope,
          `只能读取记录的顶层字段（${path}）`,
          `only a record's top-level fields can be read (${path})`,
        );
      }
      return jsonValue(`f.${fieldAlias(found.i, rest[0]!)}`);
    },
  };
  const met = compileRule(indicator.numerator.where, numeratorScope).truthy();

  // A field of a first/latest fact, for placement and weight.
  const factField = (ref: { fact: string; field: string }, at: string) => {
    const found = factOf(ref.fact);
    if (!found || found.fact.aggregate === 'count') {
      throw new IndicatorError({
        zh: `指标 ${indicator.id} 的 ${at} 引用的事实 ${ref.fact} 不存在或不是 first/latest`,
        en: `indicator ${indicator.id}: ${at} names fact ${ref.fact}, which is missing or not first/latest`,
      });
    }
    return { i: found.i, alias: fieldAlias(found.i, ref.field) };
  };
  const placedBy = population.placedBy
    ? factField(population.placedBy, '/denominator/placedBy')
    : undefined;
  let weight = '1';
  if (population.weight) {
    const { alias } = factField(population.weight, '/denominator/weight');
    const w = jsonValue(`f.${alias}`).number();
    const whenMissing = params.add(population.weight.whenMissing, 'Float64');
    // A non-negative integer, else whenMissing (evaluateIndicator's weightOf).
    weight = `if(coalesce((${w}) >= 0 AND (${w}) = floor(${w}), 0) AND JSONType(f.${alias}) IN ('Int64', 'UInt64', 'Double'), ${w}, ${whenMissing})`;
  }

  // The aggregates of each fact, in its group.
  const aggregates = new Map<string, string[]>();
  facts.forEach(([, fact], i) => {
    const when = factConditions[i]!;
    const list = aggregates.get(groupOf(i)) ?? [];
    aggregates.set(groupOf(i), list);
    if (fact.aggregate === 'count') {
      list.push(`countIf(${when}) AS fact_${i}`);
      return;
    }
    const pick = fact.aggregate === 'first' ? 'argMinIf' : 'argMaxIf';
    const key = `(r.${dayColumn(fact.date)}, r.recorded_at, r.submission_id)`;
    // One aggregate picks the record; its fields are read from the tuple it keeps.
    const reads = [...fieldReads.values()].filter((read) => read.i === i);
    if (reads.length) {
      const values = reads.map((read) => `r.fields[${params.add(read.field, 'String')}]`);
      list.push(`${pick}(tuple(${values.join(', ')}), ${key}, ${when}) AS fact_${i}_t`);
      reads.forEach((read, n) => list.push(`tupleElement(fact_${i}_t, ${n + 1}) AS ${read.alias}`));
    }
    if (wholeRecordReads.has(i)) list.push(`countIf(${when}) AS fact_${i}_n`);
  });

  const program = params.add(population.program, 'String');
  const regionCode =
    options.region === undefined
      ? undefined
      : params.named('region_code', options.region, 'String');
  const inRegion = (orgPath: string) => (regionCode ? `has(${orgPath}, ${regionCode})` : '1');
  const active = `toInt32(e.enrolled_on) <= p.p_end AND (e.ended_on IS NULL OR toInt32(e.ended_on) >= p.p_start)`;
  // Placed by a fact aggregated once per enrollment: each enrollment falls in the one sub-period
  // its placing date is in, no join with the sub-periods.
  const placedDirectly = placedBy !== undefined && groupOf(placedBy.i) === 'fw' && !crossed;
  // The program's residents, and within a region those with an enrollment of it there (any
  // version): a superset of the members, to narrow what is read before it is grouped.
  const candidates = `SELECT subject_id FROM enrollments WHERE program = ${program}${regionCode ? ` AND has(org_path, ${regionCode})` : ''}`;
  // A resident's enrollments of the program as (enrolled, org path, team, doctor, id, ended)
  // tuples in the order argMax by (enrolled_on, enrollment_id) takes: the latest active in a
  // sub-period is the last one active in it.
  const activeIn = (b: string) => `x -> x.1 <= ${b}.3 AND x.6 >= ${b}.2`;
  const members = ofSubjects
    ? // Each resident with an active enrollment of the program, grouped under the latest of them.
      `SELECT subject_id, '' AS enrollment_id, b.1 AS bucket, b.2 AS p_start, b.3 AS p_end,
      arrayLast(${activeIn('b')}, es) AS latest, latest.2 AS org_path, latest.3 AS team, latest.4 AS doctor
    FROM (
      SELECT e.subject_id AS subject_id,
        arraySort(x -> (x.1, x.5), groupArray((toInt32(e.enrolled_on), e.org_path, e.team, e.doctor, e.enrollment_id, if(e.ended_on IS NULL, 2147483647, toInt32(e.ended_on))))) AS es
      FROM enrollments AS e FINAL
      WHERE e.program = ${program}${regionCode ? ` AND e.subject_id IN (${candidates})` : ''}
      GROUP BY e.subject_id
    )
    ARRAY JOIN ${buckets.all} AS b
    WHERE arrayExists(${activeIn('b')}, es)${regionCode ? ` AND ${inRegion('org_path')}` : ''}`
    : placedDirectly
      ? `SELECT e.subject_id AS subject_id, e.enrollment_id AS enrollment_id, e.org_path AS org_path, e.team AS team, e.doctor AS doctor
    FROM enrollments AS e FINAL
    WHERE e.program = ${program} AND ${inRegion('e.org_path')}`
      : // Each enrollment of the program: active in the period, or placed later by placedBy.
        `SELECT e.subject_id AS subject_id, e.enrollment_id AS enrollment_id, p.bucket AS bucket, p.p_start AS p_start, p.p_end AS p_end,
      e.org_path AS org_path, e.team AS team, e.doctor AS doctor
    FROM enrollments AS e FINAL CROSS JOIN periods AS p
    WHERE e.program = ${program}${population.placedBy ? '' : ` AND ${active}`} AND ${inRegion('e.org_path')}`;

  const allForms = params.add(
    [...new Set(facts.flatMap(([, f]) => f.forms))].sort(),
    'Array(String)',
  );
  const dayColumns = dateFields.map(
    (field) => `days[${params.add(field, 'String')}] AS ${dayColumn(field)}`,
  );
  // Within a region only its residents' records are read (a superset of the members': any
  // version of any enrollment of the program there).
  // PREWHERE: filtered before FINAL merges the rows, and before the wide columns are read. Safe
  // only on the sorting key's columns (form_key, subject_id), which every revision of a
  // submission shares; a field's value must never be filtered there (an older revision would win).
  const recsInRegion = regionCode ? ` AND subject_id IN (${candidates})` : '';
  const keyColumns = ofSubjects
    ? 'r.subject_id AS k_subject'
    : 'r.subject_id AS k_subject, r.enrollment_id AS k_enrollment';
  const keyGroup = ofSubjects ? 'k_subject' : 'k_subject, k_enrollment';
  const joinOn = (alias: string, withBucket: boolean) =>
    `m.subject_id = ${alias}.k_subject${ofSubjects ? '' : ` AND m.enrollment_id = ${alias}.k_enrollment`}${withBucket ? ` AND m.bucket = ${alias}.k_bucket` : ''}`;
  const columnsOf = (group: string) =>
    (aggregates.get(group) ?? []).map((a) => `${group}.${a.slice(a.lastIndexOf(' AS ') + 4)}`);

  const ctes: string[] = [];
  ctes.push(`periods AS (
  SELECT tupleElement(b, 1) AS bucket, tupleElement(b, 2) AS p_start, tupleElement(b, 3) AS p_end
  FROM (SELECT arrayJoin(${buckets.all}) AS b)
)`);
  ctes.push(`members AS (
  ${members}
)`);
  ctes.push(`recs AS (
  SELECT submission_id, subject_id, enrollment_id, form_key, recorded_at, fields, days${dayColumns.map((c) => `,\n    ${c}`).join('')}
  FROM records FINAL
  PREWHERE has(${allForms}, form_key)${recsInRegion}
)`);
  const joins: { alias: string; withBucket: boolean }[] = [];
  for (const [group, list] of aggregates) {
    if (group === 'fw') {
      const forms = params.add(
        [...new Set(facts.filter(([, f]) => !f.inPeriod).flatMap(([, f]) => f.forms))].sort(),
        'Array(String)',
      );
      ctes.push(`fw AS (
  SELECT ${keyColumns}${crossed ? ', tupleElement(b_, 1) AS k_bucket, tupleElement(b_, 3) AS b_end' : ''}${list.map((a) => `,\n    ${a}`).join('')}
  FROM recs AS r${crossed ? `\n  ARRAY JOIN ${buckets.all} AS b_` : ''}
  WHERE has(${forms}, r.form_key)
  GROUP BY ${keyGroup}${crossed ? ', k_bucket, b_end' : ''}
)`);
      joins.push({ alias: 'fw', withBucket: crossed });
    } else {
      const dateField = dateFields[Number(group.slice(3))]!;
      const day = `r.${dayColumn(dateField)}`;
      const forms = params.add(
        [
          ...new Set(
            facts.filter(([, f]) => f.inPeriod && f.date === dateField).flatMap(([, f]) => f.forms),
          ),
        ].sort(),
        'Array(String)',
      );
      ctes.push(`${group} AS (
  SELECT ${keyColumns}, ${buckets.label(day)} AS k_bucket${list.map((a) => `,\n    ${a}`).join('')}
  FROM recs AS r
  WHERE has(${forms}, r.form_key) AND ${day} BETWEEN toInt32(${start}) AND toInt32(${end})
  GROUP BY ${keyGroup}, k_bucket
)`);
      joins.push({ alias: group, withBucket: true });
    }
  }
  const factColumns = (alias: string) =>
    columnsOf(alias)
      .map((c) => `,\n    ${c} AS ${c.slice(alias.length + 1)}`)
      .join('');
  if (placedDirectly) {
    const pd = jsonValue(`fw.${placedBy.alias}`).day();
    ctes.push(`placed AS (
  SELECT m.subject_id AS subject_id, m.enrollment_id AS enrollment_id, ${buckets.label('pd_')} AS bucket,
    ${buckets.first('pd_')} AS p_start, ${buckets.last('pd_')} AS p_end, m.org_path AS org_path, m.team AS team, m.doctor AS doctor,
    ${pd} AS pd_${factColumns('fw')}
  FROM members AS m LEFT JOIN fw ON ${joinOn('fw', false)}
  WHERE pd_ BETWEEN toInt32(${start}) AND toInt32(${end})
)`);
  }
  const rest = joins.filter((j) => !(placedDirectly && j.alias === 'fw'));
  const memberColumns = placedDirectly
    ? [
        'subject_id',
        'enrollment_id',
        'bucket',
        'p_start',
        'p_end',
        'org_path',
        'team',
        'doctor',
        ...columnsOf('fw').map((c) => c.slice(3)),
      ]
    : ['subject_id', 'enrollment_id', 'bucket', 'p_start', 'p_end', 'org_path', 'team', 'doctor'];
  ctes.push(`facts AS (
  SELECT ${memberColumns.map((c) => `m.${c} AS ${c}`).join(', ')}${rest.map((j) => factColumns(j.alias)).join('')}
  FROM ${placedDirectly ? 'placed' : 'members'} AS m${rest.map((j) => `\n  LEFT JOIN ${j.alias} ON ${joinOn(j.alias, j.withBucket)}`).join('')}
)`);
  const placed =
    placedBy && !placedDirectly
      ? `(${jsonValue(`f.${placedBy.alias}`).day()}) BETWEEN f.p_start AND f.p_end`
      : '1';
  ctes.push(`scored AS (
  SELECT f.org_path AS org_path, f.team AS team, f.doctor AS doctor, f.bucket AS bucket,
    toFloat64(${weight}) AS w_,
    toUInt8(${met}) AS met_
  FROM facts AS f${readsSubject ? `\n  LEFT JOIN (SELECT subject_id, birth_date, sex FROM subjects FINAL WHERE subject_id IN (${candidates})) AS s ON s.subject_id = f.subject_id` : ''}
  WHERE ${placed}
)`);

  const groupColumns: CompiledIndicator['groupColumns'] = [];
  const groupSql: string[] = [];
  if (grouping.region) {
    const level =
      typeof grouping.region === 'object'
        ? grouping.region.position
        : Object.hasOwn(REGION_LEVELS, grouping.region)
          ? REGION_LEVELS[grouping.region]
          : undefined;
    if (!Number.isInteger(level) || !(level === -1 || (level! >= 1 && level! <= 255))) {
      throw new IndicatorError({
        zh: `未知的区划级别 ${JSON.stringify(grouping.region)}`,
        en: `unknown region level ${JSON.stringify(grouping.region)}`,
      });
    }
    groupColumns.push('region');
    groupSql.push(
      `arrayElement(org_path, ${params.named('region_level', level, 'Int16')}) AS region`,
    );
  }
  if (grouping.period) {
    groupColumns.push('period');
    groupSql.push('bucket AS period');
  }
  if (grouping.team) {
    groupColumns.push('team');
    groupSql.push('team');
  }
  if (grouping.doctor) {
    groupColumns.push('doctor');
    groupSql.push('doctor');
  }
  const groupClause = groupColumns.length
    ? `\nGROUP BY ${groupColumns.join(', ')}\nORDER BY ${groupColumns.join(', ')}`
    : '';

  const sql = `WITH
${ctes.join(',\n')}
SELECT ${[...groupSql, 'toUInt32(countIf(met_ = 1)) AS numerator', 'sum(w_) AS denominator'].join(', ')}
FROM scored
WHERE w_ > 0${groupClause}
SETTINGS ${QUERY_SETTINGS}`;
  return { sql, params: params.values, groupColumns };
}

/**
 * Settings of every compiled query: a missing join row reads as the column's default (0, ''),
 * which the rules read as missing; Date32 in and out of the date functions (dates before 1970).
 */
const QUERY_SETTINGS = 'join_use_nulls = 0, enable_extended_results_for_datetime_functions = 1';

/** The sub-periods a query can group by. */
export const PERIOD_GROUPINGS: readonly PeriodGrouping[] = ['month', 'quarter', 'year'];
