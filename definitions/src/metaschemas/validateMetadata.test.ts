import { describe, expect, it } from 'vitest';
import { sampleCodeTables, sampleForm } from '../forms/fixtures/sampleForm.js';
import { metadataKinds } from './index.js';
import { validateMetadata } from './validateMetadata.js';

describe('meta-schemas', () => {
  it('cover every kind of metadata the platform stores', () => {
    expect(metadataKinds.sort()).toEqual(
      [
        'code-table',
        'form-definition',
        'indicator',
        'migration-plan',
        'overlay',
        'parameter-set',
        'plugin-manifest',
        'program',
        'release-manifest',
        'schedule',
        'trigger',
      ].sort(),
    );
  });

  it('accept well-formed metadata', () => {
    expect(validateMetadata('form-definition', sampleForm)).toEqual([]);
    expect(validateMetadata('code-table', sampleCodeTables['visit-method'])).toEqual([]);
    expect(
      validateMetadata('overlay', {
        key: 'fujian',
        version: '1.0.0',
        base: { spec: 'national-phs', version: '3.0.0' },
        jurisdiction: { code: '350000', name: { zh: '福建省', en: 'Fujian' } },
        operations: [
          { op: 'set-parameter', key: 'postpartumVisitWindowDays', value: 28 },
          { op: 'tighten-range', form: 'hypertension-followup', path: '/sbp', maximum: 260 },
        ],
      }),
    ).toEqual([]);
    expect(
      validateMetadata('indicator', {
        id: 'hypertension-control-rate',
        title: { zh: '管理人群血压控制率', en: 'BP control rate' },
        period: 'year',
        numerator: {
          count: 'subjects',
          program: 'hypertension',
          filter: { '<': [{ var: 'lastSbp' }, 140] },
        },
        denominator: { count: 'subjects', program: 'hypertension', filter: true },
        dataElements: ['DE04.10.174.00'],
      }),
    ).toEqual([]);
  });

  it('reject malformed metadata with the path and a zh/en message', () => {
    const errors = validateMetadata('overlay', {
      key: 'yunnan',
      version: '1.0.0',
      base: { spec: 'national-phs', version: '3.0.0' },
      jurisdiction: { code: '53', name: { zh: '云南省', en: 'Yunnan' } },
      operations: [],
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ path: '/jurisdiction/code', keyword: 'pattern' }),
    );
    expect(errors[0]!.message.zh).toBeTruthy();
    expect(validateMetadata('code-table', { id: 'x' })).toContainEqual(
      expect.objectContaining({ path: '/version', keyword: 'required' }),
    );
  });
});
