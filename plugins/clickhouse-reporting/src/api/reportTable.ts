import type { ReportRow, ValuesAnswer } from './IndicatorReports.js';

/** A column of an exported report, headed in zh and en. */
export interface ReportColumn {
  key:
    | 'regionCode'
    | 'regionName'
    | 'period'
    | 'team'
    | 'doctor'
    | 'numerator'
    | 'denominator'
    | 'rate';
  header: string;
}

/** One exported line: text cells and the numbers (rate as a fraction 0–1, null when undefined). */
export interface ReportLine {
  regionCode: string;
  regionName: string;
  period: string;
  team: string;
  doctor: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

const HEADERS: Record<ReportColumn['key'], string> = {
  regionCode: '区划代码 Region code',
  regionName: '区划名称 Region name',
  period: '统计期 Period',
  team: '团队 Team',
  doctor: '责任医生 Doctor',
  numerator: '分子 Numerator',
  denominator: '分母 Denominator',
  rate: '率 Rate',
};

export const periodText = (period: { start: string; end: string }) =>
  `${period.start} – ${period.end}`;

/**
 * The rows of a values answer as an export lays them out: region code and name, period, team
 * and doctor when grouped by them, numerator, denominator, rate; then a total line.
 */
export function reportTable(answer: ValuesAnswer): {
  columns: ReportColumn[];
  lines: ReportLine[];
} {
  const has = (key: 'team' | 'doctor') => answer.rows.some((r) => r[key] !== undefined);
  const keys: ReportColumn['key'][] = [
    'regionCode',
    'regionName',
    'period',
    ...(has('team') ? (['team'] as const) : []),
    ...(has('doctor') ? (['doctor'] as const) : []),
    'numerator',
    'denominator',
    'rate',
  ];
  const whole = periodText(answer.period);
  const line = (row: ReportRow, name?: string): ReportLine => ({
    regionCode: (row.region ?? answer.region).code,
    regionName:
      name ?? `${(row.region ?? answer.region).name} ${(row.region ?? answer.region).nameEn}`,
    period: row.period ?? whole,
    team: row.team ?? '',
    doctor: row.doctor?.id ?? '',
    numerator: row.numerator,
    denominator: row.denominator,
    rate: row.denominator > 0 ? row.numerator / row.denominator : null,
  });
  const grouped = answer.rows.some((r) =>
    [r.region, r.period, r.team, r.doctor].some((v) => v !== undefined),
  );
  return {
    columns: keys.map((key) => ({ key, header: HEADERS[key] })),
    lines: [
      ...answer.rows.map((row) => line(row)),
      // The total, unless the one row already is it.
      ...(grouped || !answer.rows.length
        ? [line({ ...answer.total }, `合计 Total: ${answer.region.name} ${answer.region.nameEn}`)]
        : []),
    ],
  };
}
