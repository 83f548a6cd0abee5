import type { FactIndicator } from '@formwork/definitions';

export interface LocalizedText {
  zh: string;
  en: string;
}

/** What a report says about its indicator: the definition a reader checks the numbers against. */
export interface IndicatorDescription {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  numerator: { description: LocalizedText };
  denominator: { description: LocalizedText };
}

/** An indicator as `GET /indicators` lists it. */
export interface IndicatorSummary extends IndicatorDescription {
  program: string;
  period: FactIndicator['period'];
  unit: NonNullable<FactIndicator['unit']>;
}

const NONE: LocalizedText = { zh: '', en: '' };

/** The definition's texts (an indicator without a description has empty ones). */
export function describeIndicator(indicator: FactIndicator): IndicatorDescription {
  return {
    id: indicator.id,
    title: indicator.title,
    description: indicator.description ?? NONE,
    numerator: { description: indicator.numerator.description },
    denominator: { description: indicator.denominator.description },
  };
}

export function summarizeIndicator(indicator: FactIndicator): IndicatorSummary {
  return {
    ...describeIndicator(indicator),
    program: indicator.denominator.program,
    period: indicator.period,
    unit: indicator.unit ?? 'percent',
  };
}
