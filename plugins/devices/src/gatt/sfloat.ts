/**
 * IEEE 11073-20601 SFLOAT-Type: 16 bits, a 4-bit signed exponent (the high nibble) and a 12-bit
 * signed mantissa; the value is mantissa × 10^exponent. Five mantissas with exponent 0 are
 * special values, never numbers: NaN (0x07FF), NRes — not at this resolution (0x0800),
 * +INFINITY (0x07FE), −INFINITY (0x0802) and one reserved for future use (0x0801).
 */
export type SfloatSpecial = 'NaN' | 'NRes' | '+INFINITY' | '-INFINITY' | 'reserved';

export type Sfloat =
  | { kind: 'number'; value: number; mantissa: number; exponent: number }
  | { kind: 'special'; special: SfloatSpecial };

const SPECIAL: Readonly<Record<number, SfloatSpecial>> = {
  0x07ff: 'NaN',
  0x0800: 'NRes',
  0x07fe: '+INFINITY',
  0x0802: '-INFINITY',
  0x0801: 'reserved',
};

/** Decodes the 16-bit SFLOAT whose raw value (little-endian on the wire) is `raw`. */
export function decodeSfloat(raw: number): Sfloat {
  if (!Number.isInteger(raw) || raw < 0 || raw > 0xffff)
    throw new RangeError(`an SFLOAT is 16 bits (got ${raw})`);
  const special = SPECIAL[raw];
  if (special) return { kind: 'special', special };
  let mantissa = raw & 0x0fff;
  if (mantissa >= 0x0800) mantissa -= 0x1000;
  let exponent = raw >> 12;
  if (exponent >= 0x8) exponent -= 0x10;
  return { kind: 'number', value: scale(mantissa, exponent), mantissa, exponent };
}

/**
 * mantissa × 10^exponent without binary noise: 1205 × 10^-1 is 120.5, not 120.50000000000001
 * (a negative power is a division by an exact power of ten).
 */
function scale(mantissa: number, exponent: number): number {
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

/** Encodes a finite mantissa and exponent (test vectors, the gateway's simulator). */
export function encodeSfloat(mantissa: number, exponent: number): number {
  if (!Number.isInteger(mantissa) || mantissa < -2048 || mantissa > 2047)
    throw new RangeError(`an SFLOAT mantissa is 12 bits signed (got ${mantissa})`);
  if (!Number.isInteger(exponent) || exponent < -8 || exponent > 7)
    throw new RangeError(`an SFLOAT exponent is 4 bits signed (got ${exponent})`);
  const raw = ((exponent & 0xf) << 12) | (mantissa & 0x0fff);
  if (SPECIAL[raw]) throw new RangeError(`0x${raw.toString(16)} is a special value, not a number`);
  return raw;
}
