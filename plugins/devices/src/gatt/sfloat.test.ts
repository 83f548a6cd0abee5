/** IEEE 11073-20601 SFLOAT: the exponent and mantissa signs, the scaling, the special values. */
import { describe, expect, it } from 'vitest';
import { decodeSfloat, encodeSfloat } from './sfloat.js';

describe('an SFLOAT', () => {
  it('given raw values across the exponent and mantissa ranges, then each is mantissa × 10^exponent', () => {
    expect(decodeSfloat(0x0078)).toEqual({
      kind: 'number',
      value: 120,
      mantissa: 120,
      exponent: 0,
    });
    expect(decodeSfloat(0xf4b5)).toEqual({
      kind: 'number',
      value: 120.5,
      mantissa: 1205,
      exponent: -1,
    });
    expect(decodeSfloat(0x1002)).toEqual({ kind: 'number', value: 20, mantissa: 2, exponent: 1 });
    expect(decodeSfloat(0x0fff)).toEqual({ kind: 'number', value: -1, mantissa: -1, exponent: 0 });
    expect(decodeSfloat(0x87ff)).toEqual({
      kind: 'number',
      value: 2047e-8,
      mantissa: 2047,
      exponent: -8,
    });
    expect(decodeSfloat(0x7801)).toEqual({
      kind: 'number',
      value: -2047e7,
      mantissa: -2047,
      exponent: 7,
    });
  });

  it('given the five special values, then each is named; with another exponent the same mantissa is a number', () => {
    expect(decodeSfloat(0x07ff)).toEqual({ kind: 'special', special: 'NaN' });
    expect(decodeSfloat(0x0800)).toEqual({ kind: 'special', special: 'NRes' });
    expect(decodeSfloat(0x07fe)).toEqual({ kind: 'special', special: '+INFINITY' });
    expect(decodeSfloat(0x0802)).toEqual({ kind: 'special', special: '-INFINITY' });
    expect(decodeSfloat(0x0801)).toEqual({ kind: 'special', special: 'reserved' });
    expect(decodeSfloat(0x17ff)).toEqual({
      kind: 'number',
      value: 20470,
      mantissa: 2047,
      exponent: 1,
    });
  });

  it('given a mantissa and exponent, then encoding and decoding give them back; a special or out-of-range one is refused', () => {
    for (const [m, e] of [
      [120, 0],
      [1205, -1],
      [-3, 2],
      [55, -4],
      [2046, 7],
      [-2048, -8],
    ] as const)
      expect(decodeSfloat(encodeSfloat(m, e))).toMatchObject({ mantissa: m, exponent: e });
    expect(() => encodeSfloat(2047, 0)).toThrow(/special value/);
    expect(() => encodeSfloat(4000, 0)).toThrow(/12 bits/);
    expect(() => encodeSfloat(1, 9)).toThrow(/4 bits/);
    expect(() => decodeSfloat(0x10000)).toThrow(/16 bits/);
  });
});
