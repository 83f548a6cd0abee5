import type { Client } from 'openapi-fetch';
import type { ApiError } from './ApiError.js';
import { ok, type ApiClient } from './client.js';

/**
 * The reporting plugin's indicator routes (`/api/plugins/reporting/…`, permission reports.read),
 * on the app's one client. HAND-WRITTEN from the API contract until the routes are in the
 * engine's OpenAPI document: then `npm run generate:api-types` puts them in schema.d.ts, these
 * shapes become aliases of the generated ones and the cast below goes.
 */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface ReportRegion {
  code: string;
  name: string;
  nameEn: string;
  level?: string;
}

export interface ReportIndicatorDefinition {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  numerator: { description: LocalizedText };
  denominator: { description: LocalizedText };
}

export interface ReportIndicator extends ReportIndicatorDefinition {
  program: string;
  period: string;
  unit: string;
}

export interface IndicatorsAnswer {
  release: { id: string; jurisdiction: string };
  region: ReportRegion;
  indicators: ReportIndicator[];
}

export interface ReportRow {
  region?: ReportRegion;
  /** '2026-03', '2026-Q1' or '2026'. */
  period?: string;
  numerator: number;
  denominator: number;
  /** Percent with one decimal; null when the denominator is 0. */
  rate: number | null;
  /** Drill-down rows: whether the child region has regions under it. */
  children?: boolean;
}

export interface LoadingState {
  lagSeconds: number;
  loadedUpTo: string | null;
}

export interface ValuesAnswer {
  indicator: ReportIndicatorDefinition;
  period: { start: string; end: string };
  region: ReportRegion;
  rows: ReportRow[];
  total: { numerator: number; denominator: number; rate: number | null };
  loading: LoadingState;
}

/** The parameters of /values, /drilldown and /export (as parseIndicatorQuery takes them). */
export interface ReportQuery {
  indicator: string;
  period: string;
  region: string;
  group?: string;
}

export type ExportFormat = 'xlsx' | 'csv';

const PREFIX = '/api/plugins/reporting';

interface Get<Query, Answer> {
  parameters: { query: Query; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': Answer } } };
}

interface Route<Query, Answer> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  get: Get<Query, Answer>;
}

/** The three JSON routes as openapi-typescript would declare them. */
export interface ReportingPaths {
  '/api/plugins/reporting/indicators': Route<{ region?: string }, IndicatorsAnswer>;
  '/api/plugins/reporting/values': Route<ReportQuery, ValuesAnswer>;
  '/api/plugins/reporting/drilldown': Route<ReportQuery, ValuesAnswer>;
}

/** The reporting calls on `client` (the app's one client: its session, its errors). */
export function reportingApi(client: ApiClient) {
  const reporting = client as unknown as Client<ReportingPaths>;
  return {
    indicators: (region?: string) =>
      ok(
        reporting.GET('/api/plugins/reporting/indicators', {
          params: { query: region ? { region } : {} },
        }),
      ),
    values: (query: ReportQuery) =>
      ok(reporting.GET('/api/plugins/reporting/values', { params: { query } })),
    drilldown: (query: ReportQuery) =>
      ok(reporting.GET('/api/plugins/reporting/drilldown', { params: { query } })),
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
