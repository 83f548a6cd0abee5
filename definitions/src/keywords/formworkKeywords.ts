import type { KeywordDefinition } from 'ajv';

/**
 * Our own JSON Schema keywords (prefix `x-`). They carry metadata for the compiler, the
 * designer, reporting and overlays; Ajv checks their shape (strict mode rejects any keyword not
 * registered here). None of them changes whether data is valid: visibility, calculation and
 * cross-field rules are applied by the form compiler. Documented with examples in README.md.
 */
const jsonLogic = { type: ['object', 'boolean', 'number', 'string', 'array', 'null'] } as const;

export const formworkKeywords: readonly KeywordDefinition[] = [
  {
    keyword: 'x-de',
    metaSchema: { type: 'string', pattern: '^DE\\d{2}\\.\\d{2}\\.\\d{3}\\.\\d{2}$' },
  },
  { keyword: 'x-unit', metaSchema: { type: 'string', minLength: 1, maxLength: 32 } },
  {
    keyword: 'x-code-table',
    metaSchema: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,63}$' },
  },
  { keyword: 'x-calculated', metaSchema: jsonLogic },
  { keyword: 'x-visible', metaSchema: jsonLogic },
  {
    keyword: 'x-device',
    metaSchema: {
      type: 'object',
      required: ['kind', 'reading'],
      additionalProperties: false,
      properties: {
        kind: {
          enum: ['blood-pressure', 'glucose', 'ecg', 'lab', 'weight', 'height', 'temperature'],
        },
        reading: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
  },
  {
    keyword: 'x-sensitive',
    metaSchema: { enum: ['id-number', 'phone', 'name', 'address', 'health'] },
  },
  { keyword: 'x-locked', metaSchema: { type: 'boolean' } },
  /**
   * At a form's root: each submission of the form (every revision) is signed by the user who
   * stores it, through the signing plugin (referral slips, consultation requests, any form a
   * province marks with the overlay operation `set-form-signable`).
   */
  { keyword: 'x-signable', metaSchema: { type: 'boolean' } },
  { keyword: 'x-title-en', metaSchema: { type: 'string', maxLength: 200 } },
  { keyword: 'x-description-en', metaSchema: { type: 'string', maxLength: 2000 } },
];

export const formworkKeywordNames: readonly string[] = formworkKeywords.map(
  (k) => k.keyword as string,
);
