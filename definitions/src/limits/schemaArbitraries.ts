/**
 * Random JSON-Schema-like objects and random data, to throw at compileSchemaSafely and the
 * validators it returns (limits/fuzz.test.ts for a short run in `npm test`,
 * bench/fuzz-definitions.ts for a long one). fast-check is a devDependency of the repository
 * root, not a dependency of @formwork/definitions: only tests and benches may import this module.
 */
import fc, { type Arbitrary } from 'fast-check';

/** Patterns: ordinary ones, catastrophic-backtracking classics (fine on RE2), refused ones. */
export const PATTERNS: readonly string[] = [
  '^[a-z]+$',
  '^\\d{17}[\\dXx]$',
  '^1[3-9]\\d{9}$',
  '^[\\u4e00-\\u9fa5·]{2,20}$',
  '\\p{L}+',
  '(a+)+$',
  '^(a|aa)*$',
  '(x+x+)+y',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '^.{0,100}$',
  '.{1,1000}.{1,1000}.{1,1000}',
  '(\\w)\\1',
  '(?<n>a)\\k<n>',
  'foo(?=bar)',
  '(?<!x)y',
  '\\p{Letter}',
  '[',
  'a{2,1}',
];

/** Formats: the ones ajv-formats knows, and some it does not (strict mode refuses those). */
export const FORMATS: readonly string[] = [
  'date',
  'date-time',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uri-template',
  'uuid',
  'regex',
  'json-pointer',
  'idn-email',
  'no-such-format',
];

/** Property names, including ones that look like keywords or Object.prototype members. */
export const NAMES: readonly string[] = [
  'a',
  'b',
  'c',
  'name',
  'age',
  'pattern',
  '$ref',
  'constructor',
  'toString',
  'valueOf',
  '__proto__',
];

const REFS = [
  '#',
  '#/$defs/a',
  '#/$defs/b',
  '#/$defs/c',
  '#/$defs/missing',
  '#/properties/a',
  '#/$defs/a/allOf/0',
  '#anchor',
  'b.json',
  'b.json#/$defs/a',
  'http://example.com/b.json',
  'http://evil.example/x.json',
  'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed',
];

const IDS = [
  'b.json',
  'http://example.com/root.json',
  'http://example.com/b.json',
  'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed',
  '#not-allowed',
];

/** Keys that are not JSON Schema keywords, or are annotations, or are our x- keywords. */
const OTHER_KEYS = [
  'minLenght',
  'foo',
  'x-unit',
  'x-unknown',
  'x-locked',
  'x-signable',
  'x-visible',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'nullable',
  '$data',
];

const TYPES = ['string', 'number', 'integer', 'object', 'array', 'boolean', 'null', 'strin'];

type Entry = [string, unknown];

export interface SchemaArbitraryOptions {
  /** Nesting of subschemas (default 4). */
  maxDepth?: number;
  /** Keywords in one subschema (default 5). */
  maxKeywords?: number;
}

/** A random schema object, often with $defs that its references point to. */
export function schemaArbitrary(
  options: SchemaArbitraryOptions = {},
): Arbitrary<Record<string, unknown>> {
  const maxDepth = options.maxDepth ?? 4;
  const maxKeywords = options.maxKeywords ?? 5;
  const json = fc.jsonValue({ maxDepth: 2 });
  const small = fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
  );
  const entry = <T>(key: string, value: Arbitrary<T>): Arbitrary<Entry> =>
    value.map((v): Entry => [key, v]);

  const common: Arbitrary<Entry> = fc.oneof(
    entry('type', fc.constantFrom(...TYPES)),
    entry('type', fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 })),
    entry('required', fc.array(fc.constantFrom(...NAMES), { maxLength: 3 })),
    entry('enum', fc.array(json, { minLength: 0, maxLength: 4 })),
    entry('const', json),
    entry('minimum', small),
    entry('maximum', small),
    entry('exclusiveMinimum', small),
    entry('multipleOf', fc.constantFrom(0.5, 1, 3, 0.01, 0)),
    entry('minLength', small),
    entry('maxLength', small),
    entry('minItems', small),
    entry('maxItems', small),
    entry('uniqueItems', fc.boolean()),
    entry('pattern', fc.constantFrom(...PATTERNS)),
    entry('format', fc.constantFrom(...FORMATS)),
    entry('$ref', fc.constantFrom(...REFS)),
  );
  const rare: Arbitrary<Entry> = fc.oneof(
    entry('$id', fc.constantFrom(...IDS)),
    entry('$anchor', fc.constant('anchor')),
    entry('minimum', fc.constant({ $data: '1/a' })),
    entry('$dynamicRef', fc.constantFrom('#anchor', '#')),
    entry('$async', fc.constant(true)),
    fc.tuple(fc.constantFrom(...OTHER_KEYS), json),
    fc.tuple(fc.string({ maxLength: 6 }), json),
  );
  const leafKeyword: Arbitrary<Entry> = fc.oneof(
    { weight: 12, arbitrary: common },
    { weight: 1, arbitrary: rare },
  );

  const { schema, object, leaf } = fc.letrec<{
    schema: unknown;
    leaf: Record<string, unknown>;
    object: Record<string, unknown>;
  }>((tie) => {
    const sub = tie('schema');
    const subs = fc.array(sub, { minLength: 1, maxLength: 3 });
    const keyword: Arbitrary<Entry> = fc.oneof(
      { weight: 6, arbitrary: leafKeyword },
      {
        weight: 3,
        arbitrary: entry(
          'properties',
          fc.dictionary(fc.constantFrom(...NAMES), sub, { maxKeys: 3 }),
        ),
      },
      { weight: 1, arbitrary: entry('items', sub) },
      { weight: 1, arbitrary: entry('prefixItems', subs) },
      { weight: 1, arbitrary: entry('contains', sub) },
      { weight: 1, arbitrary: entry('additionalProperties', sub) },
      {
        weight: 1,
        arbitrary: entry(
          'patternProperties',
          fc.dictionary(fc.constantFrom(...PATTERNS), sub, { maxKeys: 2 }),
        ),
      },
      { weight: 1, arbitrary: entry('propertyNames', sub) },
      { weight: 2, arbitrary: entry('allOf', subs) },
      { weight: 2, arbitrary: entry('anyOf', subs) },
      { weight: 1, arbitrary: entry('oneOf', subs) },
      { weight: 1, arbitrary: entry('not', sub) },
      { weight: 2, arbitrary: entry('if', sub) },
      { weight: 2, arbitrary: entry('then', sub) },
      { weight: 1, arbitrary: entry('else', sub) },
      {
        weight: 1,
        arbitrary: entry(
          'dependentSchemas',
          fc.dictionary(fc.constantFrom(...NAMES), sub, { maxKeys: 2 }),
        ),
      },
      { weight: 1, arbitrary: entry('unevaluatedProperties', sub) },
      {
        weight: 1,
        arbitrary: entry(
          '$defs',
          fc.dictionary(fc.constantFrom('a', 'b', 'c'), sub, { maxKeys: 2 }),
        ),
      },
    );
    return {
      schema: fc.oneof(
        { maxDepth, depthIdentifier: 'schema', depthSize: 'small' },
        tie('leaf'),
        fc.boolean(),
        tie('object'),
      ),
      leaf: fc
        .array(leafKeyword, { maxLength: Math.min(3, maxKeywords) })
        .map((entries) => Object.fromEntries(entries)),
      object: fc
        .array(keyword, { maxLength: maxKeywords })
        .map((entries) => Object.fromEntries(entries)),
    };
  });

  return fc
    .record(
      {
        body: fc.oneof({ weight: 4, arbitrary: object }, { weight: 1, arbitrary: leaf }),
        defs: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'c'), schema, { maxKeys: 3 }), {
          freq: 3,
        }),
        id: fc.option(fc.constantFrom(...IDS.slice(0, -1)), { freq: 4 }),
      },
      { requiredKeys: ['body'] },
    )
    .map(({ body, defs, id }) => {
      const root: Record<string, unknown> = { ...body };
      if (defs) root.$defs = defs;
      if (id) root.$id = id;
      return root;
    });
}

export interface DataArbitraryOptions {
  /** Length of the adversarial strings (default 2000). */
  longString?: number;
}

/** Random data: JSON values, objects with the property names schemas use, adversarial strings. */
export function dataArbitrary(options: DataArbitraryOptions = {}): Arbitrary<unknown> {
  const n = options.longString ?? 2000;
  const adversarial = fc.constantFrom(
    `${'a'.repeat(n)}!`,
    `${'x'.repeat(n)}y`,
    `${'aa'.repeat(n / 2)}b`,
    '1'.repeat(n),
    '高'.repeat(n),
    `${'a.'.repeat(n / 2)}@`,
    `a@${'a.'.repeat(n / 2)}`,
    `http://${'a'.repeat(n)}`,
    `${'2020-01-01T00:00:00'.repeat(n / 20)}Z`,
    `${'1:'.repeat(n / 2)}`,
  );
  const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), adversarial);
  return fc.oneof(
    value,
    fc.dictionary(fc.constantFrom(...NAMES), value, { maxKeys: 5 }),
    fc.array(value, { maxLength: 5 }),
  );
}
