import { defineRoute } from '@formwork/engine/plugin-api';
import type { IndicatorReports } from '../api/IndicatorReports.js';
import {
  CONTENT_TYPES,
  contentDisposition,
  EXPORT_FORMATS,
  toCsv,
  toXlsx,
  type ExportFormat,
} from '../api/exportReport.js';
import type { IndicatorQueryProblem } from '../indicators/index.js';
import type { StoreStatus } from '../store/ReportingStore.js';
import { asHttp } from './reportErrors.js';
import { exportQuery } from './reportSchemas.js';

/** What is wrong with `format`, if anything. */
function formatProblems(format: unknown): IndicatorQueryProblem[] {
  if (typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format))
    return [];
  const message =
    format === undefined
      ? { zh: '缺少格式（xlsx 或 csv）', en: 'the format is missing (xlsx or csv)' }
      : Array.isArray(format)
        ? { zh: '应为单个字符串值', en: 'must be a single string value' }
        : { zh: '格式应为 xlsx 或 csv', en: 'the format must be xlsx or csv' };
  return [{ param: 'format', message }];
}

/**
 * `GET /api/plugins/reporting/export?format=xlsx|csv&indicator=&period=&region=&group=`
 * (reports.read): the values as /values gives them, as a file: xlsx (values and definition
 * sheets) or CSV (UTF-8 with BOM, the definition as comment lines).
 */
export function exportRoute(reports: IndicatorReports, status: () => StoreStatus, now: () => Date) {
  return defineRoute({
    method: 'get',
    path: '/export',
    operationId: 'export',
    summary: 'An indicator’s values as an Excel or CSV file',
    tags: [],
    access: { permission: 'reports.read' },
    request: { query: exportQuery },
    responses: {
      200: {
        description: 'The file (xlsx, or text/csv for format=csv)',
        contentType: CONTENT_TYPES.xlsx,
      },
    },
    handler: ({ query, scope }, ctx) =>
      asHttp(status, async () => {
        const { format, ...rest } = query;
        const { answer, prepared } = await reports.values(scope!, rest, formatProblems(format));
        const kind = format as ExportFormat;
        const input = { answer, release: prepared.release, generatedAt: now() };
        const file = kind === 'xlsx' ? await toXlsx(input) : toCsv(input);
        ctx.set(
          'Content-Disposition',
          contentDisposition(prepared.query.indicator, prepared.periodLabel, kind),
        );
        ctx.set('Cache-Control', 'no-store');
        ctx.type = CONTENT_TYPES[kind];
        return file;
      }),
  });
}
