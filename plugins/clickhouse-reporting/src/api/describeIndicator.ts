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

/**
 * A definition's text with the release's parameter values in place of their keys ("不少于
 * chronicMinVisitsPerYear 次" → "不少于 4 次"), as the release the numbers come from sets them.
 */
function withValues(
  text: LocalizedText,
  parameters: Readonly<Record<string, unknown>>,
): LocalizedText {
  const fill = (s: string) =>
    s.replace(/\b[a-z][A-Za-z0-9]*\b/g, (word) => {
      const value = Object.hasOwn(parameters, word) ? parameters[word] : undefined;
      return typeof value === 'number' || typeof value === 'string' ? String(value) : word;
    });
  return { zh: fill(text.zh), en: fill(text.en) };
}

/**
 * The definition's texts (an indicator without a description has empty ones), parameters named
 * in them given the release's values.
 */
export function describeIndicator(
  indicator: FactIndicator,
  parameters: Readonly<Record<string, unknown>> = {},
): IndicatorDescription {
  return {
    id: indicator.id,
    title: indicator.title,
    description: withValues(indicator.description ?? NONE, parameters),
    numerator: { description: withValues(indicator.numerator.description, parameters) },
    denominator: { description: withValues(indicator.denominator.description, parameters) },
  };
}

export function summarizeIndicator(
  indicator: FactIndicator,
  parameters: Readonly<Record<string, unknown>> = {},
): IndicatorSummary {
  return {
    ...describeIndicator(indicator, parameters),
    program: indicator.denominator.program,
    period: indicator.period,
    unit: indicator.unit ?? 'percent',
  };
}
