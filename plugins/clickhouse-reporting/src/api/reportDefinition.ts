import type { ValuesAnswer } from './IndicatorReports.js';
import { periodText } from './reportTable.js';

/** What an export says about how its numbers were made: label (zh and en) and value. */
export function reportDefinition(
  answer: ValuesAnswer,
  release: { id: string },
  generatedAt: Date,
): [label: string, value: string][] {
  const { indicator, region } = answer;
  const both = (t: { zh: string; en: string }) => (t.en ? `${t.zh} / ${t.en}` : t.zh);
  return [
    ['指标 Indicator', indicator.id],
    ['名称 Title', both(indicator.title)],
    ['说明 Description', both(indicator.description)],
    ['分子 Numerator', both(indicator.numerator.description)],
    ['分母 Denominator', both(indicator.denominator.description)],
    [
      '率 Rate',
      '分子 / 分母 × 100%，分母为 0 时为空 / numerator / denominator × 100%, empty when the denominator is 0',
    ],
    ['区划 Region', `${region.code} ${region.name} / ${region.nameEn}`],
    ['统计期 Period', periodText(answer.period)],
    ['发布版本 Release', release.id],
    ['数据载入至 Loaded up to', answer.loading.loadedUpTo ?? ''],
    ['生成时间 Generated at', generatedAt.toISOString()],
  ];
}
