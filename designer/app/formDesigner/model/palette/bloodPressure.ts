import { toPointer, varPath } from '../pointer.js';
import { titled, type FieldPaletteItem } from './PaletteItem.js';

/**
 * 血压: systolic and diastolic side by side (the renderer pairs `x-device` blood-pressure
 * readings on one line; a device plugin may fill them), in mmHg with the national data elements,
 * and the rule that the diastolic pressure is below the systolic.
 */
export const bloodPressure: FieldPaletteItem = {
  kind: 'blood-pressure',
  label: { zh: '血压（收缩压/舒张压）', en: 'Blood pressure pair' },
  hint: {
    zh: '收缩压和舒张压两个字段及“舒张压低于收缩压”规则',
    en: 'Systolic and diastolic fields with the rule diastolic < systolic',
  },
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
  inRepeatingGroup: false,
  create(context) {
    const stem = context.options.name;
    const sbp = context.freeName(stem ? `${stem}Systolic` : 'sbp');
    const dbp = context.freeName(stem ? `${stem}Diastolic` : 'dbp');
    const pathOf = (name: string) => toPointer([...context.container.segments, name]);
    const reading = (r: 'systolic' | 'diastolic') => ({ kind: 'blood-pressure', reading: r });
    const sbpVar = { var: varPath(pathOf(sbp)) };
    const dbpVar = { var: varPath(pathOf(dbp)) };
    const ruleStem = `${dbp}-below-${sbp}`.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    return {
      fields: [
        {
          name: sbp,
          schema: {
            type: 'integer',
            ...titled({ zh: '收缩压', en: 'Systolic BP' }),
            minimum: 50,
            maximum: 300,
            'x-unit': 'mmHg',
            'x-de': 'DE04.10.174.00',
            'x-device': reading('systolic'),
          },
        },
        {
          name: dbp,
          schema: {
            type: 'integer',
            ...titled({ zh: '舒张压', en: 'Diastolic BP' }),
            minimum: 30,
            maximum: 200,
            'x-unit': 'mmHg',
            'x-de': 'DE04.10.176.00',
            'x-device': reading('diastolic'),
          },
        },
      ],
      rules: [
        {
          id: context.freeRuleId(ruleStem),
          when: { and: [{ '!=': [sbpVar, null] }, { '!=': [dbpVar, null] }] },
          assert: { '<': [dbpVar, sbpVar] },
          path: pathOf(dbp),
          message: { zh: '舒张压应低于收缩压', en: 'Diastolic pressure must be below systolic' },
        },
      ],
    };
  },
  matches: () => false, // its two fields are device readings
};
