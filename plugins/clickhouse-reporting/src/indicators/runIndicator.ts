import type { ClickHouseClient } from '@clickhouse/client';
import type { CompiledIndicator } from './compileIndicator.js';

/** One group's numbers; the caller computes the rate (null when the denominator is 0). */
export interface IndicatorRow {
  group: Partial<Record<CompiledIndicator['groupColumns'][number], string>>;
  numerator: number;
  denominator: number;
}

interface RawRow {
  [column: string]: unknown;
  numerator: number | string;
  denominator: number | string;
}

/** Runs a compiled indicator: values only through query_params, 64-bit integers as numbers. */
export async function runIndicator(
  client: ClickHouseClient,
  compiled: CompiledIndicator,
): Promise<IndicatorRow[]> {
  const result = await client.query({
    query: compiled.sql,
    query_params: compiled.params,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const rows = await result.json<RawRow>();
  return rows.map((row) => ({
    group: Object.fromEntries(compiled.groupColumns.map((c) => [c, String(row[c] ?? '')])),
    numerator: Number(row.numerator),
    denominator: Number(row.denominator),
  }));
}
