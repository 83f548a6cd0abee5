import { _, Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { formworkKeywords } from '../keywords/formworkKeywords.js';
import { linearRegExp } from './linearRegExp.js';

export type { Ajv2020 };

export interface AjvOptions {
  /** Register the Formwork x- keywords (off for the plain conformance run). */
  formworkKeywords?: boolean;
  /** Report every error rather than stopping at the first (forms: on). */
  allErrors?: boolean;
  /**
   * Keep each validator's source as an ES module for Ajv's standalone code (see
   * standaloneValidator.ts); the validators compiled are the same.
   */
  standalone?: boolean;
}

/** The specifier standalone code requires linearRegExp from (a bundling step resolves it). */
export const LINEAR_REGEXP_MODULE = 'formwork:linear-regexp';

/**
 * linearRegExp as standalone code names it: Ajv writes `code` into the module where a pattern is
 * compiled (`require(...)` is resolved when the module is bundled).
 */
const standaloneRegExp = Object.assign((pattern: string) => linearRegExp(pattern), {
  code: `require(${JSON.stringify(LINEAR_REGEXP_MODULE)}).linearRegExp`,
});

/**
 * The one way to build the validator, in Node and in the browser: Ajv for draft 2020-12 in
 * strict mode, formats from ajv-formats, patterns on a linear-time engine, `$data` off, remote
 * `$ref` never fetched (no `loadSchema`), and our x- keywords registered.
 */
export function createAjv(options: AjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: false,
    strictTuples: false,
    allErrors: options.allErrors ?? true,
    messages: true,
    $data: false,
    validateFormats: true,
    unicodeRegExp: true,
    code: options.standalone
      ? {
          regExp: standaloneRegExp as never,
          optimize: true,
          source: true,
          esm: true,
          // The same formats ajv-formats adds below (its default, full mode), as code.
          formats: _`require("ajv-formats/dist/formats").fullFormats`,
        }
      : { regExp: linearRegExp as never, optimize: true },
    inlineRefs: true,
    loopRequired: 200,
    loopEnum: 200,
    // Only own properties count: `{}` does not "have" a field named constructor or toString.
    ownProperties: true,
    // A property may be declared and also match a patternProperties key.
    allowMatchingProperties: true,
  });
  // $anchor is core 2020-12 vocabulary that Ajv's strict mode does not know (ajv#1854).
  ajv.addKeyword({ keyword: '$anchor', schemaType: 'string' });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  if (options.formworkKeywords ?? true) {
    for (const keyword of formworkKeywords) ajv.addKeyword(keyword);
  }
  return ajv;
}
