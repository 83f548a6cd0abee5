import { describe, expect, it } from 'vitest';
import { checkSchemaLimits, DEFAULT_SCHEMA_LIMITS, type SchemaProblem } from './schemaLimits.js';

const codes = (problems: SchemaProblem[]) => problems.map((p) => p.code);
const only = (problems: SchemaProblem[], code: string) => {
  const found = problems.filter((p) => p.code === code);
  expect(found, JSON.stringify(problems)).not.toHaveLength(0);
  for (const p of found) {
    expect(p.message.zh.length).toBeGreaterThan(0);
    expect(p.message.en.length).toBeGreaterThan(0);
  }
  return found[0]!;
};

function nested(levels: number, wrap: (inner: unknown) => unknown, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

describe('checkSchemaLimits: plain schemas pass', () => {
  it('accepts an ordinary form schema', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://formwork.example/forms/hypertension-followup/1.0.0',
      type: 'object',
      required: ['visitDate', 'systolic'],
      properties: {
        visitDate: { type: 'string', format: 'date' },
        systolic: { type: 'integer', minimum: 40, maximum: 300, 'x-unit': 'mmHg' },
        idNumber: { type: 'string', pattern: '^\\d{17}[\\dXx]$' },
        name: { type: 'string', pattern: '^[\\u4e00-\\u9fa5·]{2,20}$' },
        pattern: { type: 'string' },
        $ref: { type: 'string' },
        medications: { type: 'array', items: { $ref: '#/$defs/medication' } },
      },
      $defs: {
        medication: {
          type: 'object',
          properties: { name: { type: 'string' }, dose: { type: 'number', exclusiveMinimum: 0 } },
        },
      },
      if: { properties: { systolic: { minimum: 140 } } },
      then: { required: ['medications'] },
    };
    expect(checkSchemaLimits(schema)).toEqual([]);
  });

  it('accepts references to $id resources, anchors and URNs declared inside the schema', () => {
    expect(
      checkSchemaLimits({
        $id: 'http://example.com/root.json',
        $defs: {
          a: { $id: 'a.json', type: 'string' },
          b: { $id: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed', $defs: { c: true } },
          d: { $anchor: 'dee', type: 'number' },
        },
        properties: {
          x: { $ref: 'a.json' },
          y: { $ref: 'http://example.com/a.json#' },
          z: { $ref: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/c' },
          w: { $ref: '#dee' },
          v: { $ref: 'root.json#/$defs/d' },
        },
      }),
    ).toEqual([]);
  });

  it('accepts a recursive schema whose references go down into the data', () => {
    expect(
      checkSchemaLimits({
        type: 'object',
        properties: { children: { type: 'array', items: { $ref: '#' } } },
        additionalProperties: { anyOf: [{ type: 'string' }, { $ref: '#' }] },
      }),
    ).toEqual([]);
  });

  it('does not count what JSON.stringify leaves out (undefined properties)', () => {
    expect(checkSchemaLimits({ type: 'string', minLength: undefined })).toEqual([]);
  });
});

describe('checkSchemaLimits: hostile schemas are refused with the right code', () => {
  it('refuses a 1 MB schema (schema-too-large) without reading all of it', () => {
    const problems = checkSchemaLimits({ type: 'object', description: 'x'.repeat(1024 * 1024) });
    expect(codes(problems)).toEqual(['schema-too-large']);
    expect(problems[0]!.message.en).toContain('524288 bytes (512 KiB)');
  });

  it('counts UTF-8 bytes: 200k Chinese characters are 600 KB', () => {
    const problems = checkSchemaLimits({ title: '高'.repeat(200_000) });
    expect(codes(problems)).toEqual(['schema-too-large']);
    expect(checkSchemaLimits({ title: '高'.repeat(170_000) })).toEqual([]);
  });

  it('stops at the size limit on a 10-million-element array', () => {
    const problems = checkSchemaLimits({ enum: new Array(10_000_000).fill(0) });
    expect(codes(problems)).toContain('schema-too-large');
    only(problems, 'too-many-enum-values');
  });

  it('stops at the size limit on shared references that JSON would write 2^60 times', () => {
    let schema: unknown = { type: 'string' };
    for (let i = 0; i < 60; i++) schema = { allOf: [schema, schema] };
    expect(codes(checkSchemaLimits(schema, { maxDepth: 100 }))).toEqual(['schema-too-large']);
  });

  it('refuses nesting 1000 deep (schema-too-deep), once, at the place it passes the limit', () => {
    const problems = checkSchemaLimits(nested(1000, (inner) => ({ not: inner }), true));
    expect(codes(problems)).toEqual(['schema-too-deep']);
    expect(problems[0]!.path).toBe('/not'.repeat(33));
    expect(problems[0]!.message.en).toContain('32 levels');
  });

  it('refuses values nested 100 000 deep without a stack overflow', () => {
    const deep = nested(100_000, (inner) => [inner], 1);
    expect(codes(checkSchemaLimits({ const: deep }))).toEqual(['schema-too-deep']);
    expect(codes(checkSchemaLimits({ properties: { a: { default: deep } } }))).toEqual([
      'schema-too-deep',
    ]);
  });

  it('counts subschemas, not property maps, as levels', () => {
    const ok = nested(32, (inner) => ({ properties: { a: inner } }), { type: 'string' });
    expect(checkSchemaLimits(ok)).toEqual([]);
    const deep = nested(33, (inner) => ({ properties: { a: inner } }), { type: 'string' });
    expect(codes(checkSchemaLimits(deep))).toEqual(['schema-too-deep']);
  });

  it('refuses 10k properties (too-many-properties)', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) properties[`field${i}`] = { type: 'string' };
    const problem = only(checkSchemaLimits({ type: 'object', properties }), 'too-many-properties');
    expect(problem.message.en).toContain('10000 property definitions');
    expect(problem.message.en).toContain('2000');
  });

  it('refuses an enum of 10k values (too-many-enum-values)', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const problem = only(checkSchemaLimits({ enum: values }), 'too-many-enum-values');
    expect(problem.path).toBe('/enum');
  });

  it('refuses more than 1000 references (too-many-refs)', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i <= 1000; i++) properties[`p${i}`] = { $ref: '#/$defs/any' };
    const problems = checkSchemaLimits({ $defs: { any: true }, properties });
    expect(codes(problems)).toEqual(['too-many-refs']);
  });

  it('refuses references that Ajv would copy into 10k subschemas (too-many-subschemas)', () => {
    const definition: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) definition[`p${i}`] = { type: 'string' };
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) properties[`r${i}`] = { $ref: '#/$defs/d' };
    const schema = { $defs: { d: { type: 'object', properties: definition } }, properties };
    // 8 KB of JSON; Ajv 8 compiles it for ~8 s into 9 MB of code (400 references: out of heap).
    expect(JSON.stringify(schema).length).toBeLessThan(10_000);
    const problem = only(checkSchemaLimits(schema), 'too-many-subschemas');
    expect(problem.message.en).toContain('10100 of them copies');
  });

  it('refuses a 2 KB pattern (pattern-too-long)', () => {
    const problem = only(
      checkSchemaLimits({ properties: { a: { pattern: 'a'.repeat(2048) } } }),
      'pattern-too-long',
    );
    expect(problem.path).toBe('/properties/a/pattern');
  });

  it('refuses backreferences and lookaround (pattern-unsupported), also as patternProperties', () => {
    const problems = checkSchemaLimits({
      properties: { a: { pattern: '^(\\w+)\\s\\1$' }, b: { pattern: 'foo(?=bar)' } },
      patternProperties: { '(?<!x)y': true },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['pattern-unsupported', '/patternProperties/(?<!x)y'],
      ['pattern-unsupported', '/properties/a/pattern'],
      ['pattern-unsupported', '/properties/b/pattern'],
    ]);
    expect(problems[1]!.message.en).toContain('invalid escape sequence');
    expect(problems[1]!.message.en).toContain('Backreferences and lookaround are not allowed');
  });

  it('accepts the catastrophic-backtracking classic (a+)+$: it runs on RE2', () => {
    expect(checkSchemaLimits({ pattern: '(a+)+$' })).toEqual([]);
  });

  it('refuses a pattern whose RE2 program is too large (pattern-too-complex)', () => {
    const problem = only(
      checkSchemaLimits({ pattern: '^.{1,1000}.{1,1000}.{1,1000}$' }),
      'pattern-too-complex',
    );
    expect(problem.message.en).toContain('maxLength');
  });

  it('bounds the patterns together, compiling no more once past the budget', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) properties[`p${i}`] = { pattern: `^.{1,${900 + i}}$` };
    const problems = checkSchemaLimits({ properties });
    expect(problems.filter((p) => p.code === 'pattern-too-complex' && p.path === '')).toHaveLength(
      1,
    );
  });

  it('refuses $data anywhere (data-ref-forbidden)', () => {
    const problems = checkSchemaLimits({
      properties: { low: { type: 'number' }, high: { minimum: { $data: '1/low' } } },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['data-ref-forbidden', '/properties/high/minimum/$data'],
    ]);
  });

  it('refuses a remote $ref and a $ref relative to a base outside the schema', () => {
    const problems = checkSchemaLimits({
      $id: 'https://formwork.example/forms/a.json',
      properties: {
        a: { $ref: 'http://evil.example/x.json' },
        b: { $ref: 'b.json' },
        c: { $ref: 'https://json-schema.org/draft/2020-12/schema' },
      },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['remote-ref-forbidden', '/properties/a/$ref'],
      ['remote-ref-forbidden', '/properties/b/$ref'],
      ['remote-ref-forbidden', '/properties/c/$ref'],
    ]);
    expect(problems[0]!.message.en).toContain('"http://evil.example/x.json"');
    expect(problems[0]!.message.en).toContain('nothing is ever fetched');
  });

  it('refuses $dynamicRef and $recursiveRef, and checks where they point', () => {
    const problems = checkSchemaLimits({
      $dynamicAnchor: 'node',
      properties: {
        a: { $dynamicRef: '#node' },
        b: { $recursiveRef: '#' },
        c: { $dynamicRef: 'http://evil.example/x.json#node' },
      },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['dynamic-ref-unsupported', '/properties/a/$dynamicRef'],
      ['dynamic-ref-unsupported', '/properties/b/$recursiveRef'],
      ['dynamic-ref-unsupported', '/properties/c/$dynamicRef'],
      ['remote-ref-forbidden', '/properties/c/$dynamicRef'],
    ]);
  });

  it('refuses references to nothing, or to something that is not a subschema', () => {
    const problems = checkSchemaLimits({
      enum: [{ type: 'string' }],
      properties: {
        a: { $ref: '#/$defs/missing' },
        b: { $ref: '#/enum/0' },
        c: { $ref: '#nowhere' },
        d: { $ref: '#/properties' },
      },
    });
    expect(codes(problems)).toEqual([
      'ref-target-invalid',
      'ref-target-invalid',
      'ref-target-invalid',
      'ref-target-invalid',
    ]);
  });

  it('refuses reference cycles that never go down into the data (ref-cycle)', () => {
    const direct = checkSchemaLimits({ $defs: { a: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' });
    expect(direct.map((p) => [p.code, p.path])).toEqual([['ref-cycle', '/$defs/a/$ref']]);
    expect(direct[0]!.message.en).toContain('recurse forever');

    const root = checkSchemaLimits({ $ref: '#' });
    expect(codes(root)).toEqual(['ref-cycle']);

    const throughApplicators = checkSchemaLimits({
      $defs: {
        a: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/b' }] },
        b: { if: { type: 'object' }, then: { not: { $ref: '#/$defs/a' } } },
      },
      $ref: '#/$defs/a',
    });
    expect(codes(throughApplicators)).toEqual(['ref-cycle']);
    expect(throughApplicators[0]!.message.en).toContain('#/$defs/a → #/$defs/a/anyOf/1');

    const throughIds = checkSchemaLimits({
      $id: 'http://example.com/root',
      $defs: { a: { $id: 'a', allOf: [{ $ref: 'root' }] } },
      allOf: [{ $ref: 'a' }],
    });
    expect(codes(throughIds)).toEqual(['ref-cycle']);
  });

  it('refuses uniqueItems unless Ajv can check it in linear time (unique-items-quadratic)', () => {
    const paths = (schema: unknown) =>
      checkSchemaLimits(schema).map((p) => [p.code, p.path] as const);
    expect(paths({ type: 'array', items: { type: 'string' }, uniqueItems: true })).toEqual([]);
    expect(paths({ items: { type: ['integer', 'null'] }, uniqueItems: true })).toEqual([]);
    expect(paths({ uniqueItems: false })).toEqual([]);
    for (const items of [
      undefined,
      true,
      { type: 'object' },
      { $ref: '#/$defs/code' },
      { enum: ['1'] },
    ]) {
      const schema = {
        $defs: { code: { type: 'string' } },
        type: 'array',
        items,
        uniqueItems: true,
      };
      expect(paths(schema), JSON.stringify(items)).toEqual([
        ['unique-items-quadratic', '/uniqueItems'],
      ]);
    }
  });

  it('refuses $async (async-forbidden)', () => {
    expect(codes(checkSchemaLimits({ properties: { a: { $async: true } } }))).toEqual([
      'async-forbidden',
    ]);
  });

  it('refuses inputs that are not objects (not-an-object)', () => {
    for (const value of [null, undefined, 1, 'schema', true, false, [], [{}], () => ({}), 1n]) {
      expect(codes(checkSchemaLimits(value)), String(value)).toEqual(['not-an-object']);
    }
    expect(codes(checkSchemaLimits(new Date()))).toEqual(['not-an-object']);
    expect(codes(checkSchemaLimits(new Map()))).toEqual(['not-an-object']);
  });

  it('refuses values JSON cannot hold (not-json), at their place', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic };
    const problems = checkSchemaLimits({
      properties: {
        a: { minimum: Number.NaN },
        b: { maximum: Number.POSITIVE_INFINITY },
        c: { default: 10n },
        d: { default: () => 1 },
        e: { default: new Date(0) },
        f: { enum: [1, undefined] },
        g: { default: Symbol('x') },
      },
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['not-json', '/properties/a/minimum'],
      ['not-json', '/properties/b/maximum'],
      ['not-json', '/properties/c/default'],
      ['not-json', '/properties/d/default'],
      ['not-json', '/properties/e/default'],
      ['not-json', '/properties/f/enum/1'],
      ['not-json', '/properties/g/default'],
    ]);
    expect(checkSchemaLimits(cyclic).map((p) => [p.code, p.path])).toEqual([
      ['not-json', '/properties/self'],
    ]);
  });

  it('never throws, even on objects that throw when read', () => {
    const throwingKeys = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const throwingGetter = Object.defineProperty({}, 'type', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    for (const value of [throwingKeys, throwingGetter, { properties: { a: throwingGetter } }]) {
      const problems = checkSchemaLimits(value);
      expect(codes(problems)).toEqual(['not-json']);
    }
  });

  it('caps the number of problems it reports', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) properties[`p${i}`] = { pattern: `(a)\\${(i % 9) + 1}` };
    expect(checkSchemaLimits({ properties }).length).toBeLessThanOrEqual(100);
  });

  it('takes limits from the caller, keeping the defaults for the rest', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };
    expect(checkSchemaLimits(schema)).toEqual([]);
    expect(codes(checkSchemaLimits(schema, { maxProperties: 1 }))).toEqual(['too-many-properties']);
    expect(codes(checkSchemaLimits(schema, { maxBytes: 20 }))).toEqual(['schema-too-large']);
    expect(checkSchemaLimits(schema, { maxDepth: 1 })).toEqual([]);
    expect(codes(checkSchemaLimits(schema, { maxDepth: 0 }))).toEqual(['schema-too-deep']);
    expect(checkSchemaLimits(schema, { maxDepth: undefined })).toEqual([]);
    expect(DEFAULT_SCHEMA_LIMITS.maxBytes).toBe(512 * 1024);
  });
});
