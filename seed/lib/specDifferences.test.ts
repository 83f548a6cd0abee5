import { describe, expect, it } from 'vitest';
import { jsonDifferences, lineDifferences } from './specDifferences.js';

describe('jsonDifferences: what a spec test compares with CHANGES.md', () => {
  it('given two equal definitions, then there is no difference', () => {
    const form = { key: 'f', schema: { properties: { a: { minimum: 1 } }, required: ['a'] } };
    expect(jsonDifferences(form, structuredClone(form))).toEqual([]);
  });

  it('given a tightened range, a relabel, an added and a removed field, then each is one leaf with its pointer', () => {
    const before = {
      schema: {
        properties: {
          heartRate: { minimum: 20 },
          'a/b': { title: '旧' },
          gone: { type: 'string' },
        },
        required: ['heartRate'],
      },
    };
    const after = {
      schema: {
        properties: {
          heartRate: { minimum: 30 },
          'a/b': { title: '新' },
          fresh: { type: 'string' },
        },
        required: ['heartRate', 'fresh'],
      },
    };
    expect(jsonDifferences(before, after)).toEqual([
      { path: '/schema/properties/heartRate/minimum', before: 20, after: 30 },
      { path: '/schema/properties/a~1b/title', before: '旧', after: '新' },
      { path: '/schema/properties/gone', before: { type: 'string' } },
      { path: '/schema/properties/fresh', after: { type: 'string' } },
      { path: '/schema/required/1', after: 'fresh' },
    ]);
  });

  it('given a value that changes type, then it is one difference', () => {
    expect(jsonDifferences({ v: [1] }, { v: { 0: 1 } })).toEqual([
      { path: '/v', before: [1], after: { 0: 1 } },
    ]);
  });
});

describe('lineDifferences: what a spec test compares in a BPMN file', () => {
  it('given a changed line and an inserted one, then the removed and added lines, trimmed', () => {
    expect(lineDifferences('a\n  b\nc\nc', 'a\n  B\nnew\nc')).toEqual({
      removed: ['b', 'c'],
      added: ['B', 'new'],
    });
  });
});
