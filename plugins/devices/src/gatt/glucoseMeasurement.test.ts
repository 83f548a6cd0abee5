/**
 * The Glucose Measurement characteristic (0x2A18) as a meter sends it: byte vectors written from
 * the Bluetooth SIG definition, in kg/L (a mg/dL meter) and mol/L (a mmol/L meter), every flag
 * combination and the SFLOAT special values.
 */
import { describe, expect, it } from 'vitest';
import { GattFrameError } from './GattFrameError.js';
import { parseGlucoseMeasurement } from './glucoseMeasurement.js';
import { encodeSfloat } from './sfloat.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const le16 = (value: number) => [value & 0xffff & 0xff, (value & 0xffff) >> 8];
const BASE_TIME = [...le16(2026), 12, 7, 7, 45, 0]; // 2026-12-07 07:45:00

describe('a glucose measurement', () => {
  it('given 5.5 mmol/L from a capillary whole-blood finger sample (flags 0x06), then the concentration is 0.0055 mol/L with its sample', () => {
    // 0.0055 mol/L = 55 × 10^-4: mantissa 55 (0x037), exponent −4 (0xC) → 0xC037.
    const m = parseGlucoseMeasurement(bytes(0x06, ...le16(17), ...BASE_TIME, 0x37, 0xc0, 0x11));
    expect(m).toEqual({
      sequenceNumber: 17,
      baseTime: '2026-12-07T07:45:00',
      concentration: {
        value: { kind: 'number', value: 0.0055, mantissa: 55, exponent: -4 },
        unit: 'mol/L',
      },
      sampleType: 'capillary-whole-blood',
      sampleLocation: 'finger',
      contextFollows: false,
    });
  });

  it('given 126 mg/dL from a plasma meter (flags 0x02, kg/L), then the concentration is 0.00126 kg/L', () => {
    // 126 mg/dL = 0.00126 kg/L = 126 × 10^-5: mantissa 126 (0x07E), exponent −5 (0xB) → 0xB07E.
    const m = parseGlucoseMeasurement(bytes(0x02, ...le16(3), ...BASE_TIME, 0x7e, 0xb0, 0x12));
    expect(m.concentration).toEqual({
      value: { kind: 'number', value: 0.00126, mantissa: 126, exponent: -5 },
      unit: 'kg/L',
    });
    expect(m.sampleType).toBe('capillary-plasma');
  });

  it('given each of the 32 combinations of the five flag bits, then exactly the announced fields are read', () => {
    for (let flags = 0; flags < 32; flags++) {
      const frame = [flags, ...le16(300), ...BASE_TIME];
      if (flags & 0x01) frame.push(...le16(-90));
      if (flags & 0x02) frame.push(...le16(encodeSfloat(62, -4)), 0x41);
      if (flags & 0x08) frame.push(...le16(0x0004));
      const m = parseGlucoseMeasurement(Uint8Array.from(frame));
      expect(m.sequenceNumber).toBe(300);
      expect(m.timeOffsetMinutes, `flags ${flags}`).toBe(flags & 0x01 ? -90 : undefined);
      if (flags & 0x02) {
        expect(m.concentration).toEqual({
          value: expect.objectContaining({ value: 0.0062 }),
          unit: flags & 0x04 ? 'mol/L' : 'kg/L',
        });
        expect([m.sampleType, m.sampleLocation]).toEqual([
          'capillary-whole-blood',
          'control-solution',
        ]);
      } else expect(m.concentration, `flags ${flags}`).toBeUndefined();
      expect(m.sensorStatus, `flags ${flags}`).toBe(flags & 0x08 ? 4 : undefined);
      expect(m.contextFollows).toBe(Boolean(flags & 0x10));
      expect(() => parseGlucoseMeasurement(Uint8Array.from([...frame, 0]))).toThrow(GattFrameError);
    }
  });

  it('given a concentration the meter could not measure (NaN) or out of its range (+INFINITY), then it is named, never a number', () => {
    for (const [raw, special] of [
      [0x07ff, 'NaN'],
      [0x07fe, '+INFINITY'],
      [0x0802, '-INFINITY'],
      [0x0800, 'NRes'],
    ] as const) {
      const m = parseGlucoseMeasurement(bytes(0x06, ...le16(1), ...BASE_TIME, ...le16(raw), 0x11));
      expect(m.concentration?.value).toEqual({ kind: 'special', special });
    }
  });

  it('given a concentration flag without the concentration, or a base time of 31 February, then it is refused naming the field', () => {
    expect(() => parseGlucoseMeasurement(bytes(0x02, ...le16(1), ...BASE_TIME))).toThrow(
      /concentration: /,
    );
    expect(() =>
      parseGlucoseMeasurement(bytes(0x00, ...le16(1), ...le16(2026), 2, 31, 8, 0, 0)),
    ).toThrow(/baseTime: 不是有效的日期时间/);
  });
});
