import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';

describe('canonicalJson', () => {
  it('given objects written in any key order, when canonicalised, then keys are sorted by UTF-16 code units with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: '随访' } })).toBe(
      '{"a":{"c":"随访","d":[3,{"y":true,"z":null}]},"b":1}',
    );
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts after "\r" and before "\ud83d\ude00" (😀).
    expect(canonicalJson({ '😀': 3, '€': 2, '\r': 1, '1': 0 })).toBe(
      '{"\\r":1,"1":0,"€":2,"😀":3}',
    );
  });

  it('given numbers and strings, when canonicalised, then they are written as ECMAScript JSON writes them', () => {
    expect(canonicalJson([-0, 1e21, 1e-7, 0.1, 333333333.3333333, Number.MIN_VALUE])).toBe(
      '[0,1e+21,1e-7,0.1,333333333.3333333,5e-324]',
    );
    expect(canonicalJson(['a"b\\c', '\n\u0001', '\ud800', 'é'])).toBe(
      '["a\\"b\\\\c","\\n\\u0001","\\ud800","é"]',
    );
  });

  it('given undefined properties, when canonicalised, then they are left out as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('given something that is not plain JSON, when canonicalised, then a TypeError names where it is', () => {
    expect(() => canonicalJson({ a: [1, { when: new Date(0) }] })).toThrow(
      new TypeError('$.a[1].when is not a plain object (Date)'),
    );
    expect(() => canonicalJson({ n: NaN })).toThrow('$.n is not a finite number');
    expect(() => canonicalJson([undefined])).toThrow('$[0] is undefined');
    expect(() => canonicalJson({ big: 1n })).toThrow('$.big is a bigint, not a JSON value');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow('is nested more than 64 deep');
  });
});
