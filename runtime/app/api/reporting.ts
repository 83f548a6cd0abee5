import type { ApiError } from './ApiError.js';
import { ok, type ApiClient } from './client.js';
import type { components } from './schema.js';

/**
 * The reporting plugin's indicator routes (`/api/plugins/reporting/…`, permission reports.read)
 * on the app's one client, typed from the engine's OpenAPI document (schema.d.ts).
 */
export type IndicatorsAnswer = components['schemas']['ReportingIndicators'];
export type ReportIndicator = IndicatorsAnswer['indicators'][number];
export type ValuesAnswer = components['schemas']['ReportingValues'];
export type ReportIndicatorDefinition = ValuesAnswer['indicator'];
/** A row as the page reads it (doctor groupings are not shown here). */
export type ReportRow = Omit<ValuesAnswer['rows'][number], 'doctor'>;
/** A region as rows name it; the region an answer is about also has its `level`. */
export type ReportRegion = NonNullable<ReportRow['region']> & { level?: string };
export type LoadingState = ValuesAnswer['loading'];
export type LocalizedText = ReportIndicator['title'];

/** The parameters of /values, /drilldown and /export (as parseIndicatorQuery takes them). */
export interface ReportQuery {
  indicator: string;
  period: string;
  region: string;
  group?: string;
}

export type ExportFormat = 'xlsx' | 'csv';

const PREFIX = '/api/plugins/reporting';

/** The reporting calls on `client` (the app's one client: its session, its errors). */
export function reportingApi(client: ApiClient) {
  return {
    indicators: (region?: string) =>
      ok(
        client.GET('/api/plugins/reporting/indicators', {
          params: { query: region ? { region } : {} },
        }),
      ),
    values: (query: ReportQuery) =>
      ok(client.GET('/api/plugins/reporting/values', { params: { query } })),
    drilldown: (query: ReportQuery) =>
      ok(client.GET('/api/plugins/reporting/drilldown', { params: { query } })),
    /** The year's months, each counted from 1 January (year to date). */
    trend: (query: ReportQuery) =>
      ok(client.GET('/api/plugins/reporting/trend', { params: { query } })),
  };
}

/**
 * The address of an export (a link: the browser downloads it with the session cookie the engine
 * set at sign-in, so the file never passes through the page's memory).
 */
export function exportHref(format: ExportFormat, query: ReportQuery): string {
  const params = new URLSearchParams({ format, ...query });
  return `${PREFIX}/export?${params.toString()}`;
}

/** One parameter the engine refused (400 invalid_query), in both languages. */
export interface QueryProblem {
  param: string;
  message: LocalizedText;
}

function isProblem(value: unknown): value is QueryProblem {
  const p = value as QueryProblem | undefined;
  return (
    typeof p?.param === 'string' &&
    typeof p.message?.zh === 'string' &&
    typeof p.message?.en === 'string'
  );
}

/** The problems a 400 carries (its details: the list, or `{ problems }`); none for other errors. */
export function queryProblems(error: ApiError): QueryProblem[] {
  if (error.status !== 400) return [];
  const details = error.details as { problems?: unknown } | unknown[] | undefined;
  const list = Array.isArray(details) ? details : details?.problems;
  return Array.isArray(list) ? list.filter(isProblem) : [];
}
