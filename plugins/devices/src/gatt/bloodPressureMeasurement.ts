import { ByteReader } from './ByteReader.js';
import type { Sfloat } from './sfloat.js';

/** What the cuff reports about the measurement (Measurement Status, when the flags announce it). */
export interface BloodPressureStatus {
  bodyMovement: boolean;
  cuffTooLoose: boolean;
  irregularPulse: boolean;
  pulseRateRange: 'within' | 'above-upper-limit' | 'below-lower-limit' | 'reserved';
  improperPosition: boolean;
}

/** A decoded Blood Pressure Measurement (GATT characteristic 0x2A35). */
export interface BloodPressureMeasurement {
  unit: 'mmHg' | 'kPa';
  systolic: Sfloat;
  diastolic: Sfloat;
  meanArterialPressure: Sfloat;
  /** The device's clock (`YYYY-MM-DDTHH:mm:ss`, no zone); null: sent, date unknown; absent: not sent. */
  timestamp?: string | null;
  /** Beats per minute. */
  pulseRate?: Sfloat;
  /** The cuff's user slot; null for 0xFF, "unknown user". */
  userId?: number | null;
  status?: BloodPressureStatus;
}

const FLAG = { kPa: 0x01, timestamp: 0x02, pulseRate: 0x04, userId: 0x08, status: 0x10 } as const;
const PULSE_RANGE = ['within', 'above-upper-limit', 'below-lower-limit', 'reserved'] as const;

/**
 * Decodes the Blood Pressure Measurement characteristic value: flags (units mmHg or kPa, and
 * which optional fields follow), systolic, diastolic and mean arterial pressure (SFLOAT), then as
 * the flags say a time stamp, pulse rate (SFLOAT), user id and measurement status. Reserved flag
 * bits are ignored, as the Bluetooth specification asks of a receiver; a value shorter or longer
 * than the flags announce, or a time stamp no calendar holds, throws a GattFrameError naming
 * the field.
 */
export function parseBloodPressureMeasurement(bytes: Uint8Array): BloodPressureMeasurement {
  const read = new ByteReader(bytes);
  const flags = read.uint8('flags');
  const measurement: BloodPressureMeasurement = {
    unit: flags & FLAG.kPa ? 'kPa' : 'mmHg',
    systolic: read.sfloat('systolic'),
    diastolic: read.sfloat('diastolic'),
    meanArterialPressure: read.sfloat('meanArterialPressure'),
  };
  if (flags & FLAG.timestamp) measurement.timestamp = read.dateTime('timestamp');
  if (flags & FLAG.pulseRate) measurement.pulseRate = read.sfloat('pulseRate');
  if (flags & FLAG.userId) {
    const user = read.uint8('userId');
    measurement.userId = user === 0xff ? null : user;
  }
  if (flags & FLAG.status) {
    const status = read.uint16('status');
    measurement.status = {
      bodyMovement: Boolean(status & 0x01),
      cuffTooLoose: Boolean(status & 0x02),
      irregularPulse: Boolean(status & 0x04),
      pulseRateRange: PULSE_RANGE[(status >> 3) & 0x03]!,
      improperPosition: Boolean(status & 0x20),
    };
  }
  read.end('flags');
  return measurement;
}
