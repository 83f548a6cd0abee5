import type { Middleware } from 'koa';
import { HttpError } from './HttpError.js';
import type { RequestState } from './requestContext.js';

/**
 * The deepest nesting of arrays and objects a JSON body may have (the body itself is level 1).
 * Measured: the deepest seed body is 16 levels (a spec draft of national-phs 3.x:
 * /content/forms/diabetes-followup/schema/properties/…/x-calculated/…); the deepest a valid spec
 * can be is about 70 (a JSON Schema at the form compiler's limit of 32 subschema levels, each a
 * schema object inside a `properties` map, under /content/forms/<key>/schema; JsonLogic rules are
 * held to 48 levels by the rule checker). 128 leaves a margin over both and stays far below the
 * ~1,000 levels where recursive code (Ajv, JSON.stringify, bpmn-engine's state) overflows its stack.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The longest request target (path and query string) in bytes, as nginx's and Apache's default
 * request-line buffers (8 KB). Node's parser stops the request line and headers together at 16 KB
 * (`maxHeaderSize`); the engine answers 414 from 8 KB on and at the parser's limit alike.
 */
export const MAX_URL_BYTES = 8192;

/** How many unstorable strings one refusal names (the first ones, in document order). */
export const MAX_REPORTED_ISSUES = 10;

/**
 * Characters PostgreSQL cannot store: U+0000 (text and jsonb both refuse it, 22P05) and a UTF-16
 * surrogate without its pair (not a Unicode scalar value: jsonb refuses `\ud800`, and text would
 * silently turn it into U+FFFD). Without the `u` flag the expression sees code units.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export type UnstorableRule = 'nul' | 'lone_surrogate';

export interface UnstorableIssue {
  /** JSON pointer from the part of the request: /body/…, /query/<name>, /params/<name>. */
  path: string;
  rule: UnstorableRule;
  /** Whether the character is in an object key (a member name) or in a string value. */
  in: 'key' | 'value';
}

const RULE_TEXT: Record<UnstorableRule, { zh: string; en: string }> = {
  nul: { zh: '空字符 U+0000', en: 'a NUL character (U+0000)' },
  lone_surrogate: {
    zh: '不成对的代理项（U+D800–U+DFFF）',
    en: 'an unpaired surrogate (U+D800–U+DFFF)',
  },
};

/** The rule the first unstorable character of `text` breaks, if any. */
export function unstorableRule(text: string): UnstorableRule | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'nul' : 'lone_surrogate';
}

/** One JSON pointer segment (RFC 6901), with unstorable characters shown as U+FFFD. */
function segment(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return key.replace(/~/g, '~0').replace(/\//g, '~1').replace(UNSTORABLE_ALL, '\uFFFD');
}

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  /** The member name or index in the parent; undefined for the root. */
  key: string | number | undefined;
  /** 1 for the root. */
  depth: number;
}

function pointerOf(frame: Frame, root: string): string {
  const segments: string[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) {
    segments.push(segment(at.key));
  }
  return segments.length ? `${root}/${segments.reverse().join('/')}` : root;
}

export interface JsonScreen {
  /** Where the nesting first goes past MAX_JSON_DEPTH (the walk stops there). */
  tooDeep?: string;
  /** The first unstorable strings, in document order (at most MAX_REPORTED_ISSUES). */
  issues: UnstorableIssue[];
  /** Whether there were more than those. */
  truncated: boolean;
}

/**
 * Walks a parsed JSON value without recursion (an explicit stack, so any depth is safe) in
 * document order: nesting past MAX_JSON_DEPTH, and keys and strings PostgreSQL cannot store.
 * `root` prefixes the pointers (e.g. "/body").
 */
export function screenJson(value: unknown, root: string): JsonScreen {
  const result: JsonScreen = { issues: [], truncated: false };
  const note = (frame: Frame, rule: UnstorableRule, where: 'key' | 'value') => {
    if (result.issues.length < MAX_REPORTED_ISSUES) {
      result.issues.push({ path: pointerOf(frame, root), rule, in: where });
    } else {
      result.truncated = true;
    }
  };
  const stack: Frame[] = [{ value, parent: undefined, key: undefined, depth: 1 }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (typeof frame.key === 'string') {
      const rule = unstorableRule(frame.key);
      if (rule) note(frame, rule, 'key');
    }
    const current = frame.value;
    if (typeof current === 'string') {
      const rule = unstorableRule(current);
      if (rule) note(frame, rule, 'value');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (frame.depth > MAX_JSON_DEPTH) {
      result.tooDeep = pointerOf(frame, root);
      return result;
    }
    const depth = frame.depth + 1;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], parent: frame, key: i, depth });
      }
    } else {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: (current as Record<string, unknown>)[key], parent: frame, key, depth });
      }
    }
  }
  return result;
}

/** Throws the 422 for a screen that found something; returns when it found nothing. */
function refuse(screen: JsonScreen): void {
  if (screen.tooDeep !== undefined) {
    throw new HttpError(
      422,
      'json_too_deep',
      `请求在 ${screen.tooDeep} 处嵌套超过 ${MAX_JSON_DEPTH} 层的上限 / ` +
        `The request nests arrays and objects deeper than the limit of ${MAX_JSON_DEPTH} levels at ${screen.tooDeep}`,
      { path: screen.tooDeep, limit: MAX_JSON_DEPTH },
    );
  }
  const first = screen.issues[0];
  if (!first) return;
  const more = screen.issues.length - 1 + (screen.truncated ? 1 : 0);
  const zhWhere = first.in === 'key' ? '的键名' : '';
  const enWhere = first.in === 'key' ? 'The member name at' : 'The text at';
  throw new HttpError(
    422,
    'unstorable_text',
    `${first.path}${zhWhere} 含有无法存储的字符：${RULE_TEXT[first.rule].zh}` +
      (more ? `（另有 ${screen.truncated ? '至少 ' : ''}${more} 处）` : '') +
      ` / ${enWhere} ${first.path} holds ${RULE_TEXT[first.rule].en}, which cannot be stored` +
      (more ? ` (and ${screen.truncated ? 'at least ' : ''}${more} more)` : ''),
    { issues: screen.issues, ...(screen.truncated ? { truncated: true } : {}) },
  );
}

/** Refuses (422) a parsed JSON value nested too deep or holding unstorable text. */
export function assertStorableJson(value: unknown, root: string): void {
  refuse(screenJson(value, root));
}

/**
 * Refuses (422 `unstorable_text`) query or path parameters holding unstorable text, naming the
 * parameter (`/query/name`, `/query/tag/1` for a repeated one, `/params/id`).
 */
export function assertStorableParameters(
  parameters: Record<string, string | string[] | undefined>,
  root: string,
): void {
  refuse(screenJson(parameters, root));
}

/** The 414 for a request target over MAX_URL_BYTES, the same from Koa and from Node's parser. */
export function uriTooLong(): HttpError {
  return new HttpError(
    414,
    'uri_too_long',
    `请求地址过长（上限 ${MAX_URL_BYTES} 字节） / The request URL exceeds ${MAX_URL_BYTES} bytes`,
    { limitBytes: MAX_URL_BYTES },
  );
}

/**
 * Before the body is read: a request target over MAX_URL_BYTES is a 414, and query parameters
 * PostgreSQL could not store are a 422 naming the parameter.
 */
export function screenRequestTarget(): Middleware<RequestState> {
  return async (ctx, next) => {
    // Node hands the request target over as one character per byte.
    if ((ctx.req.url ?? '').length > MAX_URL_BYTES) {
      throw uriTooLong();
    }
    assertStorableParameters(ctx.query, '/query');
    await next();
  };
}

/**
 * After the body parser, before any route: every JSON body is screened once, without recursion,
 * for nesting past MAX_JSON_DEPTH and for text PostgreSQL cannot store (422 naming the pointer).
 */
export function screenJsonBody(): Middleware<RequestState> {
  return async (ctx, next) => {
    const body = (ctx.request as { body?: unknown }).body;
    if (body !== undefined && body !== null && typeof body === 'object') {
      assertStorableJson(body, '/body');
    }
    await next();
  };
}
