/**
 * The Blood Pressure Measurement characteristic (0x2A35) as a cuff sends it: byte vectors written
 * from the Bluetooth SIG definition (flags, three SFLOAT pressures, then the optional fields in
 * order), in mmHg and kPa, every flag combination and the SFLOAT special values.
 */
import { describe, expect, it } from 'vitest';
import { GattFrameError } from './GattFrameError.js';
import { parseBloodPressureMeasurement } from './bloodPressureMeasurement.js';
import { encodeSfloat } from './sfloat.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const le16 = (value: number) => [value & 0xff, value >> 8];
const number = (value: number) => expect.objectContaining({ kind: 'number', value });

describe('a blood pressure measurement', () => {
  it('given 120/80 mmHg with no optional field (flags 0x00), then the three pressures are read in mmHg', () => {
    const m = parseBloodPressureMeasurement(bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00));
    expect(m).toEqual({
      unit: 'mmHg',
      systolic: number(120),
      diastolic: number(80),
      meanArterialPressure: number(93),
    });
  });

  it('given 16.0/10.7 kPa (flags 0x01, exponent −1), then the unit is kPa and the values keep their decimal', () => {
    const m = parseBloodPressureMeasurement(bytes(0x01, 0xa0, 0xf0, 0x6b, 0xf0, 0x7c, 0xf0));
    expect(m.unit).toBe('kPa');
    expect(m.systolic).toEqual({ kind: 'number', value: 16, mantissa: 160, exponent: -1 });
    expect(m.diastolic).toEqual(number(10.7));
    expect(m.meanArterialPressure).toEqual(number(12.4));
  });

  it('given every optional field (flags 0x1E), then the time stamp, pulse, user and status are read in order', () => {
    const m = parseBloodPressureMeasurement(
      bytes(
        0x1e,
        ...[0x8c, 0x00, 0x5a, 0x00, 0x6b, 0x00], // 140 / 90, MAP 107
        ...[0xea, 0x07, 12, 7, 9, 30, 15], // 2026-12-07 09:30:15
        ...[0x48, 0x00], // pulse 72
        0x01, // user 1
        ...[0x24, 0x00], // irregular pulse, improper position
      ),
    );
    expect(m).toEqual({
      unit: 'mmHg',
      systolic: number(140),
      diastolic: number(90),
      meanArterialPressure: number(107),
      timestamp: '2026-12-07T09:30:15',
      pulseRate: number(72),
      userId: 1,
      status: {
        bodyMovement: false,
        cuffTooLoose: false,
        irregularPulse: true,
        pulseRateRange: 'within',
        improperPosition: true,
      },
    });
  });

  it('given each of the 32 combinations of the five flag bits, then exactly the announced fields are read and the value ends with them', () => {
    for (let flags = 0; flags < 32; flags++) {
      const frame = [flags, ...le16(encodeSfloat(128, 0)), ...le16(encodeSfloat(82, 0))];
      frame.push(...le16(encodeSfloat(97, 0)));
      if (flags & 0x02) frame.push(...le16(2026), 3, 1, 8, 0, 0);
      if (flags & 0x04) frame.push(...le16(encodeSfloat(66, 0)));
      if (flags & 0x08) frame.push(0xff);
      if (flags & 0x10) frame.push(...le16(0b01001)); // body movement; pulse above the upper limit
      const m = parseBloodPressureMeasurement(Uint8Array.from(frame));
      expect(m.unit, `flags ${flags}`).toBe(flags & 0x01 ? 'kPa' : 'mmHg');
      expect(m.systolic).toEqual(number(128));
      expect('timestamp' in m, `flags ${flags}`).toBe(Boolean(flags & 0x02));
      if (flags & 0x02) expect(m.timestamp).toBe('2026-03-01T08:00:00');
      expect(m.pulseRate, `flags ${flags}`).toEqual(flags & 0x04 ? number(66) : undefined);
      expect(m.userId, `flags ${flags}`).toBe(flags & 0x08 ? null : undefined);
      if (flags & 0x10)
        expect(m.status).toEqual({
          bodyMovement: true,
          cuffTooLoose: false,
          irregularPulse: false,
          pulseRateRange: 'above-upper-limit',
          improperPosition: false,
        });
      else expect(m.status).toBeUndefined();
      // One byte short of what the flags announce is refused.
      expect(() => parseBloodPressureMeasurement(Uint8Array.from(frame.slice(0, -1)))).toThrow(
        GattFrameError,
      );
    }
  });

  it('given the special SFLOAT values (NaN, NRes, ±INFINITY, reserved), then each is named, never a number', () => {
    const specials = [
      [0x07ff, 'NaN'],
      [0x0800, 'NRes'],
      [0x07fe, '+INFINITY'],
      [0x0802, '-INFINITY'],
      [0x0801, 'reserved'],
    ] as const;
    for (const [raw, special] of specials) {
      const m = parseBloodPressureMeasurement(bytes(0x00, ...le16(raw), 0x50, 0x00, 0x5d, 0x00));
      expect(m.systolic).toEqual({ kind: 'special', special });
    }
  });

  it('given a value one byte too long, a time stamp of month 13, or nothing but flags, then it is refused naming the field', () => {
    const refusal = (frame: Uint8Array) => {
      try {
        parseBloodPressureMeasurement(frame);
      } catch (err) {
        return err as GattFrameError;
      }
      throw new Error('accepted');
    };
    expect(refusal(bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00, 0x00)).field).toBe('flags');
    const month13 = refusal(
      bytes(0x02, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00, 0xea, 0x07, 13, 1, 0, 0, 0),
    );
    expect(month13.field).toBe('timestamp');
    expect(month13.reason.zh).toContain('不是有效的日期时间');
    const short = refusal(bytes(0x00));
    expect(short.field).toBe('systolic');
    expect(short.reason.en).toMatch(/too short/);
  });

  it('given a time stamp whose date the device does not know (year 0), then it is null, not a made-up date', () => {
    const m = parseBloodPressureMeasurement(
      bytes(0x02, 0x78, 0x00, 0x50, 0x00, 0x5d, 0x00, 0x00, 0x00, 0, 0, 10, 0, 0),
    );
    expect(m.timestamp).toBeNull();
  });
});
