import { describe, expect, it } from 'vitest';
import { compileForm } from '../forms/compileForm.js';
import { createAjv } from '../validation/createAjv.js';
import {
  maskAddress,
  maskName,
  maskPersonalValues,
  personalFields,
  restoreMaskedValues,
  withoutPersonalValues,
} from './personalFields.js';

/** A referral slip with personal fields at the top, nested, and in array items. */
const slip = compileForm(createAjv(), {
  key: 'slip',
  version: '1.0.0',
  title: { zh: '转诊单', en: 'Referral slip' },
  schema: {
    type: 'object',
    properties: {
      patientName: { type: 'string', title: '姓名', 'x-sensitive': 'name' },
      contact: {
        type: 'object',
        properties: {
          phone: { type: 'string', title: '电话', 'x-sensitive': 'phone' },
          address: { type: 'string', title: '住址', 'x-sensitive': 'address' },
        },
      },
      relatives: {
        type: 'array',
        items: {
          type: 'object',
          properties: { idNumber: { type: 'string', 'x-sensitive': 'id-number' } },
        },
      },
      history: { type: 'string', title: '病史', 'x-sensitive': 'health' },
      sbp: { type: 'integer' },
    },
  },
});
const fields = personalFields(slip.fields);
const data = {
  patientName: '陈美玲',
  contact: { phone: '13905918876', address: '福建省福州市闽侯县上街镇厚美村 12 号' },
  relatives: [{ idNumber: '350121195603092187' }, {}],
  history: '高血压 10 年',
  sbp: 150,
};

describe('personal form fields', () => {
  it('lists the fields marked as identifying a person (not health data), arrays included', () => {
    expect(fields.map((f) => [f.path, f.kind])).toEqual([
      ['/patientName', 'name'],
      ['/contact/phone', 'phone'],
      ['/contact/address', 'address'],
      ['/relatives/-/idNumber', 'id-number'],
    ]);
  });

  it('masks each kind its own way and leaves the rest as it is', () => {
    expect(maskPersonalValues(data, fields)).toEqual({
      patientName: '陈**',
      contact: { phone: '139****8876', address: '福建省福州市****' },
      relatives: [{ idNumber: '350121********2187' }, {}],
      history: '高血压 10 年',
      sbp: 150,
    });
    expect(data.patientName).toBe('陈美玲');
    expect(maskName('李')).toBe('*');
    expect(maskAddress('厚美村')).toBe('厚****');
  });

  it('keeps personal values out of what a workflow may carry', () => {
    expect(withoutPersonalValues(data, fields)).toEqual({
      contact: {},
      relatives: [{}, {}],
      history: '高血压 10 年',
      sbp: 150,
    });
  });

  it('given data shown masked and sent back, then an unchanged mask keeps the stored value and a new value replaces it', () => {
    const shown = maskPersonalValues(data, fields);
    const sentBack = {
      ...shown,
      contact: { ...(shown.contact as object), phone: '13800000000' },
      sbp: 140,
    };
    expect(restoreMaskedValues(sentBack, data, fields)).toEqual({
      ...data,
      contact: { ...data.contact, phone: '13800000000' },
      sbp: 140,
    });
  });
});
