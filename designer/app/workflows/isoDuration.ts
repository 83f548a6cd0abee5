/**
 * The human side of a timer's ISO 8601 duration: "48 小时" ⇄ PT48H, "14 天" ⇄ P14D. Only a single
 * amount of one unit is offered as number + unit; anything else (P1DT12H, P1Y) stays as written
 * and is edited as text, checked by the engine's lint.
 */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];

export interface HumanDuration {
  amount: number;
  unit: DurationUnit;
}

const PATTERNS: readonly [RegExp, DurationUnit][] = [
  [/^PT(\d+)M$/, 'minutes'],
  [/^PT(\d+)H$/, 'hours'],
  [/^P(\d+)D$/, 'days'],
  [/^P(\d+)W$/, 'weeks'],
];

/** PT48H → { 48, hours }; undefined when the value is not one whole amount of one unit. */
export function parseDuration(value: string): HumanDuration | undefined {
  const text = value.trim();
  for (const [pattern, unit] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { amount: Number(match[1]), unit };
  }
  return undefined;
}

/** { 48, hours } → PT48H; a positive whole amount only (undefined otherwise). */
export function formatDuration({ amount, unit }: HumanDuration): string | undefined {
  if (!Number.isInteger(amount) || amount <= 0) return undefined;
  switch (unit) {
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
  }
}
