import { z } from 'zod';

const text = z.object({ zh: z.string(), en: z.string() });
const param = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .meta({ description });

/**
 * The query of /values, /drilldown and /export as the OpenAPI document shows it. Every value is
 * let through as the client sent it (repeated ones as arrays, unknown parameters kept) so that
 * parseIndicatorQuery reports each problem naming its parameter (400 invalid_query).
 */
export const indicatorQuery = z.looseObject({
  indicator: param('指标 id（GET /indicators） / An indicator id of the region’s release'),
  period: param('统计期 YYYY、YYYY-Qn 或 YYYY-MM / The period: YYYY, YYYY-Qn or YYYY-MM'),
  start: param(
    '起始日期 YYYY-MM-DD（与 end 一起代替 period，最长 10 年） / First day, with end instead of period (at most 10 years)',
  ),
  end: param('结束日期 YYYY-MM-DD（含） / Last day, included'),
  region: param(
    '区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit',
  ),
  group: param(
    '分组，逗号分隔：province|city|county|township|village|clinic, month|quarter|year, team, doctor / Groupings, comma-separated',
  ),
});

export const indicatorsQuery = z.looseObject({
  region: param(
    '区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit',
  ),
});

export const exportQuery = indicatorQuery.extend({
  format: param('xlsx 或 csv / xlsx or csv'),
});

const region = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
const regionWithLevel = region.extend({ level: z.string() });
const definition = z.object({
  id: z.string(),
  title: text,
  description: text,
  numerator: z.object({ description: text }),
  denominator: z.object({ description: text }),
});
const numbers = z.object({
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable().meta({
    description:
      '百分比，一位小数；分母为 0 时为 null / Percent, one decimal; null when the denominator is 0',
  }),
});

export const indicatorsAnswer = z
  .object({
    release: z.object({ id: z.string(), jurisdiction: z.string() }),
    region: regionWithLevel,
    indicators: z.array(
      definition.extend({
        program: z.string(),
        period: z.enum(['month', 'quarter', 'year']),
        unit: z.enum(['percent', 'count', 'ratio']),
      }),
    ),
  })
  .meta({ id: 'ReportingIndicators' });

export const valuesAnswer = z
  .object({
    indicator: definition,
    period: z.object({ start: z.string(), end: z.string() }),
    region: regionWithLevel,
    rows: z.array(
      numbers.extend({
        region: region.optional(),
        period: z.string().optional(),
        team: z.string().optional(),
        doctor: z.object({ id: z.string(), name: z.null() }).optional().meta({
          description:
            '责任医生（用户 id；姓名不在报表读模型中） / The responsible doctor (user id; names are not in the read model)',
        }),
        children: z.boolean().optional().meta({
          description: '下钻：是否还有下级 / Drill-down: whether the unit has units under it',
        }),
      }),
    ),
    total: numbers,
    loading: z.object({ lagSeconds: z.number(), loadedUpTo: z.string().nullable() }),
  })
  .meta({ id: 'ReportingValues' });
