import ExcelJS from 'exceljs';
import type { ValuesAnswer } from './IndicatorReports.js';
import { csvLine } from './csvCell.js';
import { reportDefinition } from './reportDefinition.js';
import { reportTable } from './reportTable.js';

export type ExportFormat = 'xlsx' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportInput {
  answer: ValuesAnswer;
  release: { id: string };
  generatedAt: Date;
}

/**
 * An xlsx workbook: sheet 指标值 Values (numbers as numbers, the rate as a fraction shown with a
 * percent format, a total line) and sheet 定义 Definition. Cells hold values only (no formula).
 */
export async function toXlsx({ answer, release, generatedAt }: ExportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const { columns, lines } = reportTable(answer);
  const values = workbook.addWorksheet('指标值 Values');
  values.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'regionName' ? 36 : c.key === 'period' ? 26 : 16,
    ...(c.key === 'rate' ? { style: { numFmt: '0.0%' } } : {}),
  }));
  values.getRow(1).font = { bold: true };
  for (const line of lines) values.addRow(line);
  values.views = [{ state: 'frozen', ySplit: 1 }];

  const definition = workbook.addWorksheet('定义 Definition');
  definition.columns = [
    { header: '项目 Item', key: 'label', width: 26 },
    { header: '内容 Value', key: 'value', width: 100 },
  ];
  definition.getRow(1).font = { bold: true };
  for (const [label, value] of reportDefinition(answer, release, generatedAt))
    definition.addRow({ label, value });
  definition.getColumn('value').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * CSV in UTF-8 with a byte-order mark (so Excel reads the Chinese): the definition as `#`
 * comment lines, the header, the rows and a total line; the rate as a percent with one decimal.
 */
export function toCsv({ answer, release, generatedAt }: ExportInput): Buffer {
  const { columns, lines } = reportTable(answer);
  let text = '\uFEFF';
  for (const [label, value] of reportDefinition(answer, release, generatedAt))
    text += csvLine([`# ${label}: ${value}`]);
  text += csvLine(columns.map((c) => (c.key === 'rate' ? '率(%) Rate (%)' : c.header)));
  for (const line of lines) {
    text += csvLine(
      columns.map((c) =>
        c.key === 'rate'
          ? line.rate === null
            ? null
            : Math.round(line.rate * 1000) / 10
          : line[c.key],
      ),
    );
  }
  return Buffer.from(text, 'utf8');
}

/**
 * `Content-Disposition` for the file: an ASCII name (`<indicator>-<period>.<ext>`, anything else
 * replaced by `_`) and the same with the indicator's Chinese title as `filename*` (RFC 6266/5987).
 */
export function contentDisposition(
  indicator: { id: string; title: { zh: string } },
  periodLabel: string,
  format: ExportFormat,
): string {
  const ascii = `${indicator.id}-${periodLabel}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const utf8 = encodeURIComponent(`${indicator.title.zh}-${periodLabel}.${format}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
