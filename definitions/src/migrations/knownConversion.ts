import { isObject } from '../forms/schemaWalk.js';

export interface UnitConversion {
  factor: number;
  offset?: number;
}

const normalize = (unit: string) => unit.replace(/\s+/g, '').toLowerCase();

/** new = old × factor, by 'from→to' (units normalized: no spaces, lower case). */
const FACTORS: Readonly<Record<string, number>> = {
  'cm→m': 0.01,
  'm→cm': 100,
  'kg→g': 1000,
  'g→kg': 0.001,
  'mmhg→kpa': 0.1333,
  'kpa→mmhg': 1 / 0.1333,
};

/** Glucose only: 1 mmol/L = 18 mg/dL (cholesterol or others differ, so they need a human). */
const GLUCOSE_FACTORS: Readonly<Record<string, number>> = {
  'mmol/l→mg/dl': 18,
  'mg/dl→mmol/l': 1 / 18,
};

function isGlucose(schema: Record<string, unknown> | undefined, path: string): boolean {
  const device = schema?.['x-device'];
  if (isObject(device) && device.kind === 'glucose') return true;
  const title = `${String(schema?.title ?? '')} ${String(schema?.['x-title-en'] ?? '')} ${path}`;
  return /血糖|glucose/i.test(title);
}

/**
 * The conversion between two units when it is known for sure, else undefined (a configurator
 * decides). mg/dL ↔ mmol/L is known only for a glucose field (x-device kind glucose, or
 * 血糖/glucose in its title or path).
 */
export function knownConversion(
  fromUnit: string | undefined,
  toUnit: string | undefined,
  field?: { path: string; schema?: Record<string, unknown> },
): UnitConversion | undefined {
  if (fromUnit === undefined || toUnit === undefined) return undefined;
  const key = `${normalize(fromUnit)}→${normalize(toUnit)}`;
  if (normalize(fromUnit) === normalize(toUnit)) return { factor: 1 };
  const factor = FACTORS[key];
  if (factor !== undefined) return { factor };
  const glucose = GLUCOSE_FACTORS[key];
  if (glucose !== undefined && field && isGlucose(field.schema, field.path))
    return { factor: glucose };
  return undefined;
}
