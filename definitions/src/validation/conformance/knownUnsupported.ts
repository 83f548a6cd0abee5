/**
 * What our validator (createAjv, strict mode, RE2 patterns, formats asserted) does not do as the
 * JSON Schema Test Suite (draft 2020-12, required tests) expects, and why. conformance.test.ts
 * asserts that each of these really fails (wrong result, compile error or exception), so an
 * entry that starts passing breaks the run and has to be removed: the list cannot rot.
 */
export interface KnownUnsupported {
  /** File of tests/draft2020-12/. */
  file: string;
  /** Description of the test group (a schema with its tests). */
  group: string;
  /** Descriptions of the failing tests; absent: every test of the group fails. */
  tests?: readonly string[];
  reason: string;
}

const DYNAMIC_REF =
  'Ajv 8 implements $dynamicRef only in part: it accepts only "#fragment" references and ' +
  'resolves the dynamic scope wrongly (wrong results, and "Maximum call stack size exceeded" ' +
  'when validating). checkSchemaLimits refuses $dynamicRef in user schemas ' +
  '(dynamic-ref-unsupported).';

const FORMAT_ASSERTED =
  'By design: createAjv asserts formats (validateFormats: true with ajv-formats), so an invalid ' +
  'date, email, … is invalid; in draft 2020-12 format is only an annotation by default. Forms ' +
  'want the assertion.';

const UNKNOWN_FORMAT =
  'By design: ajv-formats has no idn-email, idn-hostname, iri or iri-reference, and strict mode ' +
  'refuses an unknown format when compiling instead of ignoring it (a form must not believe a ' +
  'format is checked when it is not).';

const STRICT_IGNORED =
  'By design: strict mode (strictSchema) refuses, when compiling, keywords that would have no ' +
  'effect ("if" without "then"/"else", "then"/"else" without "if", minContains/maxContains ' +
  'without contains, minContains > maxContains, minContains = 0 alone); the suite expects them ' +
  'ignored. Only strictSchema: false would run these tests, and it would also accept unknown ' +
  'keywords (typos such as "minLenght") silently: not worth it.';

const UNICODE_PROPERTY_NAME =
  'RE2 (re2js) knows Unicode classes by their short names (\\p{L}) but not by their long ' +
  'aliases (\\p{Letter}), so linearRegExp refuses the pattern when compiling. Translating the ' +
  'long General_Category and script names to the short ones in linearRegExp would fix it.';

const PROTO_PROPERTY =
  'createAjv sets ownProperties: true so that the names of Object.prototype members (toString, ' +
  'constructor) are not "present" in {} (ajv-validator/ajv#2664); with it, Ajv never checks a ' +
  'property named __proto__ against its schema. The engine refuses request bodies containing ' +
  '__proto__ before any validation (400 malformed_json; see httpContract.test.ts).';

const ID_AND_REF =
  'Ajv 8 runs out of stack ("Maximum call stack size exceeded") compiling a subschema that has ' +
  'both $id and a $ref resolved against that $id. compileSchemaSafely reports it as ' +
  'schema-invalid instead of throwing.';

const UNEVALUATED =
  'Ajv 8 does not collect the annotations unevaluatedItems/unevaluatedProperties depend on in ' +
  'these cases (items inside an anyOf with a true branch, contains, "if" without "then"): ' +
  'wrong results.';

const EMPTY_ENUM =
  'Ajv refuses enum: [] when compiling ("enum must have non-empty array"); the spec allows it ' +
  '(nothing is valid). An empty enum in a form is a mistake anyway.';

const VOCABULARY =
  'Ajv ignores $vocabulary in custom meta-schemas: it always applies every vocabulary, so a ' +
  'meta-schema without the validation vocabulary still gets minimum checked.';

const INVALID_BY_DEFAULT = (format: string) =>
  `invalid ${format} string is only an annotation by default`;

export const KNOWN_UNSUPPORTED: readonly KnownUnsupported[] = [
  // $dynamicRef
  {
    file: 'dynamicRef.json',
    group:
      'A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal $ref to $anchor',
    tests: ["The recursive part doesn't need to validate against the root"],
    reason: DYNAMIC_REF,
  },
  ...(
    [
      [
        'A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor',
        ['An array of strings is valid'],
      ],
      [
        'A $dynamicRef to an $anchor in the same schema resource behaves like a normal $ref to an $anchor',
        ['An array of strings is valid'],
      ],
      [
        'A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated',
        ['An array of strings is valid'],
      ],
      [
        'A $dynamicRef without anchor in fragment behaves identical to $ref',
        ['An array of numbers is valid'],
      ],
      [
        "A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution",
        ['An array of strings is valid'],
      ],
      [
        'An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution',
        undefined,
      ],
      [
        'A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor',
        undefined,
      ],
      [
        'A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor',
        undefined,
      ],
      [
        'A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope',
        undefined,
      ],
      [
        'multiple dynamic paths to the $dynamicRef keyword',
        ['number list with string values', 'string list with number values'],
      ],
      ['after leaving a dynamic scope, it is not used by a $dynamicRef', undefined],
      ['tests for implementation dynamic anchor and reference link', ['correct extended schema']],
      [
        '$ref and $dynamicAnchor are independent of order - $defs first',
        ['correct extended schema'],
      ],
      [
        '$ref and $dynamicAnchor are independent of order - $ref first',
        ['correct extended schema'],
      ],
      ['$ref to $dynamicRef finds detached $dynamicAnchor', undefined],
      ['$dynamicRef points to a boolean schema', ['follow $dynamicRef to a false schema']],
      [
        '$dynamicRef skips over intermediate resources - direct reference',
        ['integer property passes'],
      ],
      ['$dynamicRef avoids the root of each schema, but scopes are still registered', undefined],
    ] as const
  ).map(([group, tests]) => ({
    file: 'dynamicRef.json',
    group,
    ...(tests ? { tests } : {}),
    reason: DYNAMIC_REF,
  })),
  {
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems with $dynamicRef',
    reason: DYNAMIC_REF,
  },
  {
    file: 'unevaluatedProperties.json',
    group: 'unevaluatedProperties with $dynamicRef',
    reason: DYNAMIC_REF,
  },

  // formats
  ...[
    'email',
    'regex',
    'ipv4',
    'ipv6',
    'hostname',
    'date',
    'date-time',
    'time',
    'json-pointer',
    'relative-json-pointer',
    'uri',
    'uri-reference',
    'uri-template',
    'uuid',
    'duration',
  ].map((format) => ({
    file: 'format.json',
    group: `${format} format`,
    tests: [INVALID_BY_DEFAULT(format)],
    reason: FORMAT_ASSERTED,
  })),
  ...['idn-email', 'idn-hostname', 'iri', 'iri-reference'].map((format) => ({
    file: 'format.json',
    group: `${format} format`,
    reason: UNKNOWN_FORMAT,
  })),

  // strict mode: keywords without effect
  ...[
    'ignore if without then or else',
    'ignore then without if',
    'ignore else without if',
    'non-interference across combined schemas',
  ].map((group) => ({ file: 'if-then-else.json', group, reason: STRICT_IGNORED })),
  {
    file: 'maxContains.json',
    group: 'maxContains without contains is ignored',
    reason: STRICT_IGNORED,
  },
  ...[
    'minContains without contains is ignored',
    'maxContains < minContains',
    'minContains = 0',
  ].map((group) => ({ file: 'minContains.json', group, reason: STRICT_IGNORED })),
  ...['ref to if', 'ref to then', 'ref to else'].map((group) => ({
    file: 'ref.json',
    group,
    reason: STRICT_IGNORED,
  })),
  ...[
    'unevaluatedItems and contains interact to control item dependency relationship',
    'unevaluatedItems with minContains = 0',
    'unevaluatedItems can see annotations from if without then and else',
  ].map((group) => ({ file: 'unevaluatedItems.json', group, reason: STRICT_IGNORED })),
  {
    file: 'unevaluatedProperties.json',
    group: 'unevaluatedProperties can see annotations from if without then and else',
    reason: STRICT_IGNORED,
  },

  // patterns on RE2
  {
    file: 'pattern.json',
    group: 'pattern with Unicode property escape requires unicode mode',
    reason: UNICODE_PROPERTY_NAME,
  },
  {
    file: 'patternProperties.json',
    group: 'patternProperties with Unicode property escape',
    reason: UNICODE_PROPERTY_NAME,
  },

  // Ajv defects
  {
    file: 'properties.json',
    group: 'properties whose names are Javascript object property names',
    tests: ['__proto__ not valid'],
    reason: PROTO_PROPERTY,
  },
  ...[
    'refs with relative uris and defs',
    'relative refs with absolute uris and defs',
    'URN ref with nested pointer ref',
  ].map((group) => ({ file: 'ref.json', group, reason: ID_AND_REF })),
  {
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems with nested items',
    tests: ['with no additional items', 'with invalid additional item'],
    reason: UNEVALUATED,
  },
  {
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems depends on adjacent contains',
    tests: ['contains passes, second item is not evaluated'],
    reason: UNEVALUATED,
  },
  {
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems depends on multiple nested contains',
    tests: ['7 not evaluated, fails unevaluatedItems'],
    reason: UNEVALUATED,
  },
  {
    file: 'unevaluatedProperties.json',
    group: 'unevaluatedProperties with if/then/else, then not defined',
    tests: [
      'when if is true and has no unevaluated properties',
      'when if is false and has unevaluated properties',
    ],
    reason: UNEVALUATED,
  },
  { file: 'enum.json', group: 'empty enum', reason: EMPTY_ENUM },
  {
    file: 'vocabulary.json',
    group: 'schema that uses custom metaschema with with no validation vocabulary',
    tests: ['no validation: invalid number, but it still validates'],
    reason: VOCABULARY,
  },
];

/** The entry covering one test, if any. */
export function knownUnsupported(
  file: string,
  group: string,
  test: string,
): KnownUnsupported | undefined {
  return KNOWN_UNSUPPORTED.find(
    (entry) =>
      entry.file === file &&
      entry.group === group &&
      (entry.tests === undefined || entry.tests.includes(test)),
  );
}
