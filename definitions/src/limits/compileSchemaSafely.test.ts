import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAjv } from '../validation/createAjv.js';
import { compileSchemaSafely, type CompileSchemaResult } from './compileSchemaSafely.js';
import { VALIDATION_FAILED } from './guardValidate.js';

function problemsOf(result: CompileSchemaResult) {
  if (result.ok) throw new Error('expected the schema to be refused');
  for (const p of result.problems) {
    expect(p.message.zh.length).toBeGreaterThan(0);
    expect(p.message.en.length).toBeGreaterThan(0);
  }
  return result.problems;
}

function validatorOf(result: CompileSchemaResult) {
  if (!result.ok) throw new Error(`expected a validator, got ${JSON.stringify(result.problems)}`);
  return result.validate;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('compileSchemaSafely', () => {
  it('compiles an ordinary form schema with our x- keywords', () => {
    const validate = validatorOf(
      compileSchemaSafely(createAjv(), {
        type: 'object',
        required: ['systolic'],
        properties: { systolic: { type: 'integer', minimum: 40, maximum: 300, 'x-unit': 'mmHg' } },
      }),
    );
    expect(validate({ systolic: 120 })).toBe(true);
    expect(validate({ systolic: 20 })).toBe(false);
  });

  it('accepts (a+)+$ and runs it in linear time on a 50 000-character adversarial string', () => {
    const validate = validatorOf(
      compileSchemaSafely(createAjv(), { type: 'string', pattern: '^(a+)+$' }),
    );
    const adversarial = `${'a'.repeat(50_000)}!`;
    expect(validate(adversarial)).toBe(false);
    expect(validate('a'.repeat(50_000))).toBe(true);
    const nested = validatorOf(
      compileSchemaSafely(createAjv(), { type: 'string', pattern: '^(a|aa)*(b|a+)*$' }),
    );
    expect(nested(`${'a'.repeat(50_000)}c`)).toBe(false);
  });

  it('refuses a backreference before Ajv sees it', () => {
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), { properties: { a: { pattern: '(\\d)\\1' } } }),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['pattern-unsupported', '/properties/a/pattern'],
    ]);
  });

  it('refuses $data', () => {
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), {
        properties: { a: { type: 'number' }, b: { maximum: { $data: '1/a' } } },
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(['data-ref-forbidden']);
  });

  it('refuses a remote $ref without fetching anything', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const ajv = createAjv();
    expect(ajv.opts.loadSchema).toBeUndefined();
    const problems = problemsOf(
      compileSchemaSafely(ajv, {
        type: 'object',
        properties: { evil: { $ref: 'http://evil.example/x.json' } },
      }),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['remote-ref-forbidden', '/properties/evil/$ref'],
    ]);
    // Even past the limits, Ajv could not fetch: it reports the reference as missing.
    expect(() => ajv.compile({ $ref: 'http://evil.example/x.json' })).toThrow(/can't resolve/);
    // A remote meta-schema is not fetched either.
    const meta = problemsOf(compileSchemaSafely(ajv, { $schema: 'http://evil.example/meta.json' }));
    expect(meta.map((p) => p.code)).toEqual(['schema-invalid']);
    expect(meta[0]!.message.en).toContain('no schema with key or ref');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('names the place of an unknown keyword (strict mode)', () => {
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), {
        type: 'object',
        properties: { age: { type: 'integer', minimun: 0 } },
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('schema-invalid');
    expect(problems[0]!.path).toBe('/properties/age/minimun');
    expect(problems[0]!.message.en).toContain('unknown keyword "minimun"');
    expect(problems[0]!.message.zh).toContain('未知关键字');
  });

  it('names the place of a meta-schema error, once per place', () => {
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), { properties: { a: { type: 'strin' } } }),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['schema-invalid', '/properties/a/type'],
    ]);
    expect(problems[0]!.message.en).toContain('must be equal to one of the allowed values');
  });

  it('names the place of an unknown format and of other strict-mode refusals', () => {
    const format = problemsOf(
      compileSchemaSafely(createAjv(), { properties: { mail: { format: 'idn-email' } } }),
    );
    expect(format.map((p) => [p.code, p.path])).toEqual([
      ['schema-invalid', '/properties/mail/format'],
    ]);
    const lonelyIf = problemsOf(
      compileSchemaSafely(createAjv(), { properties: { a: { if: { type: 'string' } } } }),
    );
    expect(lonelyIf.map((p) => [p.code, p.path])).toEqual([['schema-invalid', '/properties/a/if']]);
    expect(lonelyIf[0]!.message.en).toContain('"if" without "then" and "else"');
  });

  it('refuses the $ref cycle {"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"} without hanging', () => {
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), { $defs: { a: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([['ref-cycle', '/$defs/a/$ref']]);
  });

  it('refuses a cycle through allOf (Ajv compiles it, and the validator overflows the stack)', () => {
    const schema = {
      $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } },
      $ref: '#/$defs/a',
    };
    expect(() => createAjv().compile(schema)(1)).toThrow(RangeError);
    expect(problemsOf(compileSchemaSafely(createAjv(), schema)).map((p) => p.code)).toEqual([
      'ref-cycle',
    ]);
  });

  it('compiles a recursive tree schema and validates nested data', () => {
    const validate = validatorOf(
      compileSchemaSafely(createAjv(), {
        $defs: {
          node: {
            type: 'object',
            required: ['code'],
            properties: {
              code: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/$defs/node' } },
            },
          },
        },
        $ref: '#/$defs/node',
      }),
    );
    expect(
      validate({ code: '11', children: [{ code: '1101', children: [{ code: '110101' }] }] }),
    ).toBe(true);
    expect(validate({ code: '11', children: [{ children: [] }] })).toBe(false);
  });

  it('turns an Ajv stack overflow on $id next to $ref into a problem', () => {
    // From the JSON Schema Test Suite (ref.json, "refs with relative uris and defs").
    const problems = problemsOf(
      compileSchemaSafely(createAjv(), {
        $id: 'http://example.com/schema-relative-uri-defs1.json',
        properties: {
          foo: {
            $id: 'schema-relative-uri-defs2.json',
            $defs: { inner: { properties: { bar: { type: 'string' } } } },
            $ref: '#/$defs/inner',
          },
        },
        $ref: 'schema-relative-uri-defs2.json',
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(['schema-invalid']);
    expect(problems[0]!.message.en).toContain('ran out of stack');
  });

  it('lets a fixed schema reuse the $id of a refused one on the same validator', () => {
    const ajv = createAjv();
    const id = 'https://formwork.example/forms/x/1.0.0';
    const broken = { $id: id, type: 'object', properties: { a: { type: 'string', minLenght: 1 } } };
    expect(compileSchemaSafely(ajv, broken).ok).toBe(false);
    const fixed = { $id: id, type: 'object', properties: { a: { type: 'string', minLength: 1 } } };
    expect(validatorOf(compileSchemaSafely(ajv, fixed))({ a: 'x' })).toBe(true);
    // A second schema with the same $id is refused with a message saying what to do.
    const again = problemsOf(compileSchemaSafely(ajv, { ...fixed }));
    expect(again[0]!.message.en).toContain('fresh createAjv()');
    // …and the refusal did not unregister the compiled one.
    expect(ajv.getSchema(id)).toBeTypeOf('function');
  });

  it('refuses non-objects and a 1 MB schema before Ajv', () => {
    const ajv = createAjv();
    const compile = vi.spyOn(ajv, 'compile');
    for (const value of [null, 42, 'x', [], true]) {
      expect(problemsOf(compileSchemaSafely(ajv, value)).map((p) => p.code)).toEqual([
        'not-an-object',
      ]);
    }
    const big = { type: 'object', description: '说明'.repeat(200_000) };
    expect(problemsOf(compileSchemaSafely(ajv, big)).map((p) => p.code)).toEqual([
      'schema-too-large',
    ]);
    expect(compile).not.toHaveBeenCalled();
  });

  it('returns a validator that answers false where Ajv throws on JSON data', () => {
    // fast-deep-equal (enum, const, uniqueItems) calls data.toString() when the data has its own.
    const hostile = '{"toString": {}}';
    for (const schema of [{ enum: [{}] }, { const: { a: 1 } }]) {
      const text = hostile;
      const data = JSON.parse(text) as unknown;
      expect(() => createAjv().compile(schema)(data), JSON.stringify(schema)).toThrow(TypeError);
      const validate = validatorOf(compileSchemaSafely(createAjv(), schema));
      expect(validate(data)).toBe(false);
      expect(validate.errors?.[0]?.keyword).toBe(VALIDATION_FAILED);
      expect(validate.errors?.[0]?.message).toContain('toString is not a function');
      expect(validate(JSON.parse('{"x": 1}'))).toBe(
        'const' in schema ? false : !('enum' in schema),
      );
    }
  });

  it('answers false on data nested too deep for a recursive schema', () => {
    const schema = {
      $defs: { list: { type: 'array', items: { $ref: '#/$defs/list' } } },
      $ref: '#/$defs/list',
    };
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => createAjv().compile(schema)(deep)).toThrow(RangeError);
    const validate = validatorOf(compileSchemaSafely(createAjv(), schema));
    expect(validate(deep)).toBe(false);
    expect(validate.errors?.[0]?.message).toContain('nested too deeply');
    expect(validate([[[]]])).toBe(true);
    expect(validate([[1]])).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('type');
  });

  it('refuses $async: Ajv would return a Promise, truthy for every datum', () => {
    const raw = createAjv().compile({ $async: true, type: 'string' });
    const promise = raw(42) as unknown as Promise<unknown>;
    promise.catch(() => undefined);
    expect(promise).toBeInstanceOf(Promise);
    const problems = problemsOf(compileSchemaSafely(createAjv(), { $async: true, type: 'string' }));
    expect(problems.map((p) => [p.code, p.path])).toEqual([['async-forbidden', '/$async']]);
  });

  it('passes limits through', () => {
    const schema = { properties: { a: true, b: true } };
    expect(compileSchemaSafely(createAjv(), schema).ok).toBe(true);
    expect(compileSchemaSafely(createAjv(), schema, { maxProperties: 1 }).ok).toBe(false);
  });
});
