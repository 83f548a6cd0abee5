import { RE2JS } from 're2js';

/** What Ajv needs of a regular expression. */
export interface RegExpLike {
  test(input: string): boolean;
}

export class UnsupportedPatternError extends Error {
  override name = 'UnsupportedPatternError';
}

/**
 * Every `pattern` and `patternProperties` key runs on RE2 (re2js, pure JavaScript, linear
 * time), so no pattern from a province's schema can backtrack catastrophically, in Node or in
 * the browser. Patterns RE2 cannot run in linear time (backreferences, lookaround) are rejected
 * when the schema is compiled.
 */
export function linearRegExp(pattern: string): RegExpLike {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    throw new UnsupportedPatternError(
      `正则表达式不受支持 / pattern "${pattern}" is not supported: ${(err as Error).message}. ` +
        'Backreferences and lookaround are not allowed (patterns run on a linear-time engine).',
    );
  }
}
