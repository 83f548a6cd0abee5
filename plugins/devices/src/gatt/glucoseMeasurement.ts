import { ByteReader } from './ByteReader.js';
import type { Sfloat } from './sfloat.js';

/** Sample types of the Glucose Measurement (the low nibble of Type-Sample Location). */
export const GLUCOSE_SAMPLE_TYPES: Readonly<Record<number, string>> = {
  1: 'capillary-whole-blood',
  2: 'capillary-plasma',
  3: 'venous-whole-blood',
  4: 'venous-plasma',
  5: 'arterial-whole-blood',
  6: 'arterial-plasma',
  7: 'undetermined-whole-blood',
  8: 'undetermined-plasma',
  9: 'interstitial-fluid',
  10: 'control-solution',
};

/** Sample locations (the high nibble of Type-Sample Location). */
export const GLUCOSE_SAMPLE_LOCATIONS: Readonly<Record<number, string>> = {
  1: 'finger',
  2: 'alternate-site-test',
  3: 'earlobe',
  4: 'control-solution',
  15: 'not-available',
};

/** A decoded Glucose Measurement (GATT characteristic 0x2A18). */
export interface GlucoseMeasurement {
  sequenceNumber: number;
  /** The meter's clock (`YYYY-MM-DDTHH:mm:ss`, no zone), null when it does not know the date. */
  baseTime: string | null;
  /** Minutes to add to the base time (the meter's clock was changed since). */
  timeOffsetMinutes?: number;
  /**
   * The concentration as sent: in kg/L or mol/L (the characteristic's units, e.g. 0.00099 kg/L
   * for 99 mg/dL, 0.0055 mol/L for 5.5 mmol/L); absent when the flags say none follows.
   */
  concentration?: { value: Sfloat; unit: 'kg/L' | 'mol/L' };
  /** Sample type and location names ('reserved' for a code the specification does not define). */
  sampleType?: string;
  sampleLocation?: string;
  /** The Sensor Status Annunciation bits as sent (0 = nothing to report). */
  sensorStatus?: number;
  /** A Glucose Measurement Context characteristic follows with the same sequence number. */
  contextFollows: boolean;
}

const FLAG = {
  timeOffset: 0x01,
  concentration: 0x02,
  molPerLitre: 0x04,
  sensorStatus: 0x08,
  context: 0x10,
} as const;

/**
 * Decodes the Glucose Measurement characteristic value: flags, sequence number, base time, then
 * as the flags say a time offset, the concentration (SFLOAT, kg/L or mol/L) with its sample type
 * and location, and the sensor status annunciation. Reserved flag bits are ignored; a value
 * shorter or longer than the flags announce, or a base time no calendar holds, throws a
 * GattFrameError naming the field.
 */
export function parseGlucoseMeasurement(bytes: Uint8Array): GlucoseMeasurement {
  const read = new ByteReader(bytes);
  const flags = read.uint8('flags');
  const measurement: GlucoseMeasurement = {
    sequenceNumber: read.uint16('sequenceNumber'),
    baseTime: read.dateTime('baseTime'),
    contextFollows: Boolean(flags & FLAG.context),
  };
  if (flags & FLAG.timeOffset) measurement.timeOffsetMinutes = read.sint16('timeOffset');
  if (flags & FLAG.concentration) {
    measurement.concentration = {
      value: read.sfloat('concentration'),
      unit: flags & FLAG.molPerLitre ? 'mol/L' : 'kg/L',
    };
    const typeAndLocation = read.uint8('typeSampleLocation');
    measurement.sampleType = GLUCOSE_SAMPLE_TYPES[typeAndLocation & 0x0f] ?? 'reserved';
    measurement.sampleLocation = GLUCOSE_SAMPLE_LOCATIONS[typeAndLocation >> 4] ?? 'reserved';
  }
  if (flags & FLAG.sensorStatus) measurement.sensorStatus = read.uint16('sensorStatus');
  read.end('flags');
  return measurement;
}
