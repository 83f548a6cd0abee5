import type { DeviceKind } from './PaletteItem.js';
import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/** The readings each device kind gives, with their labels, units and whether whole numbers. */
export const DEVICE_READINGS: Readonly<
  Record<
    DeviceKind,
    readonly {
      reading: string;
      label: { zh: string; en: string };
      unit: string;
      integer: boolean;
    }[]
  >
> = {
  'blood-pressure': [
    {
      reading: 'systolic',
      label: { zh: '收缩压', en: 'Systolic BP' },
      unit: 'mmHg',
      integer: true,
    },
    {
      reading: 'diastolic',
      label: { zh: '舒张压', en: 'Diastolic BP' },
      unit: 'mmHg',
      integer: true,
    },
    { reading: 'pulse', label: { zh: '心率', en: 'Heart rate' }, unit: '次/分钟', integer: true },
  ],
  glucose: [
    {
      reading: 'fasting',
      label: { zh: '空腹血糖', en: 'Fasting glucose' },
      unit: 'mmol/L',
      integer: false,
    },
    {
      reading: 'random',
      label: { zh: '随机血糖', en: 'Random glucose' },
      unit: 'mmol/L',
      integer: false,
    },
  ],
  ecg: [
    {
      reading: 'heartRate',
      label: { zh: '心电心率', en: 'ECG heart rate' },
      unit: '次/分钟',
      integer: true,
    },
  ],
  lab: [
    { reading: 'result', label: { zh: '检验结果', en: 'Lab result' }, unit: '', integer: false },
  ],
  weight: [{ reading: 'weight', label: { zh: '体重', en: 'Weight' }, unit: 'kg', integer: false }],
  height: [{ reading: 'height', label: { zh: '身高', en: 'Height' }, unit: 'cm', integer: false }],
  temperature: [
    {
      reading: 'temperature',
      label: { zh: '体温', en: 'Body temperature' },
      unit: '℃',
      integer: false,
    },
  ],
};

/** A number a device may fill in (`x-device`: its kind and reading), with its unit. */
export const deviceReading: FieldPaletteItem = {
  kind: 'device-reading',
  label: { zh: '设备读数', en: 'Device reading' },
  hint: { zh: '可由血压计、血糖仪等设备填入', en: 'Filled by a device: BP monitor, glucometer…' },
  properties: [
    'label',
    'help',
    'required',
    'range',
    'unit',
    'dataElement',
    'locked',
    'visibility',
    'device',
  ],
  inRepeatingGroup: true,
  create(context) {
    const { options } = context;
    const device = options.device ?? { kind: 'weight', reading: 'weight' };
    const known = DEVICE_READINGS[device.kind]?.find((r) => r.reading === device.reading);
    const name = context.freeName(options.name ?? device.reading);
    const label = labelFrom(context, known?.label ?? { zh: '读数', en: 'Reading' });
    const unit = options.unit ?? known?.unit;
    const integer = options.integer ?? known?.integer ?? false;
    return {
      fields: [
        {
          name,
          schema: {
            type: integer ? 'integer' : 'number',
            ...titled(label),
            minimum: 0,
            ...(unit ? { 'x-unit': unit } : {}),
            'x-device': { kind: device.kind, reading: device.reading },
          },
        },
      ],
    };
  },
  matches: (schema) => typeof schema['x-device'] === 'object' && schema['x-device'] !== null,
};
