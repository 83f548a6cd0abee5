import type { FormDefinition } from '@formwork/definitions';
import { problem, type DesignProblem } from './DesignProblem.js';
import type { FormDocument } from './FormDocument.js';
import { deepFreeze, isObject, sameJson } from './immutable.js';
import { compileProblems, locate, lintDocument, type LintReport } from './lint.js';
import { checkLocks } from './locks.js';
import { escapeToken, pointerTokens } from './pointer.js';

/** Which JSON a view edits: the whole definition, or its schema, UI schema or rules. */
export type JsonPart = 'definition' | 'schema' | 'uiSchema' | 'rules';

/**
 * The largest JSON text taken (UTF-8 bytes). A definition's schema may hold 512 KiB
 * (`definitions`' limit); with its UI schema and rules 1 MiB is ample. Larger pastes are refused
 * before they are parsed.
 */
export const MAX_JSON_BYTES = 1024 * 1024;

/** A problem of a JSON edit: `path` points into the definition, `textPath` into the text. */
export interface JsonProblem extends DesignProblem {
  textPath?: string;
}

export type JsonEdit =
  | { ok: true; document: FormDocument; lint: LintReport }
  | { ok: false; document: FormDocument; problems: readonly JsonProblem[] };

const partOf = (definition: Readonly<FormDefinition>, part: JsonPart): unknown =>
  part === 'definition'
    ? definition
    : part === 'rules'
      ? (definition.rules ?? [])
      : (definition[part] ?? {});

const texts = new WeakMap<object, string>();

/** The JSON text of a part of the document (two-space indented; cached per value). */
export function documentJson(document: FormDocument, part: JsonPart = 'definition'): string {
  const value = partOf(document.definition, part) as object;
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value, null, 2);
    texts.set(value, text);
  }
  return text;
}

function utf8Bytes(text: string, budget: number): number {
  if (text.length * 3 <= budget) return text.length; // cannot exceed it
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= budget; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return bytes;
}

const refused = (document: FormDocument, problems: JsonProblem[]): JsonEdit => ({
  ok: false,
  document,
  problems,
});

/** `next` with every subtree equal to the one in `previous` replaced by it (shared, frozen). */
function share(previous: unknown, next: unknown): unknown {
  if (sameJson(previous, next)) return previous;
  if (Array.isArray(next)) {
    const old = Array.isArray(previous) ? previous : [];
    return Object.freeze(next.map((v, i) => share(old[i], v)));
  }
  if (isObject(next)) {
    const old = isObject(previous) ? previous : {};
    return Object.freeze(
      Object.fromEntries(Object.entries(next).map(([k, v]) => [k, share(old[k], v)])),
    );
  }
  return next;
}

/**
 * The form compiler's verdict on a candidate definition: its problems (each `path` a pointer into
 * the definition), none when it compiles. `applyJson` runs `definitions`' compiler here; where
 * that cannot run — the designer's page forbids `new Function`, which Ajv compiles with — the
 * screen passes the engine's (`POST /api/form-previews`, the compiler a release runs) to
 * `applyJsonChecked`.
 */
export type FormCheck = (
  definition: FormDefinition,
  codeTables: FormDocument['codeTables'],
) => Promise<readonly DesignProblem[]>;

/** The candidate a text makes, or why it was refused before any compile. */
type Prepared =
  { refused: JsonEdit } | { unchanged: true } | { candidate: FormDefinition; prefix: string };

function prepare(document: FormDocument, text: unknown, part: JsonPart): Prepared {
  if (typeof text !== 'string')
    return {
      refused: refused(document, [
        problem('json-invalid', '', '内容不是文本', 'the content is not text'),
      ]),
    };
  const bytes = utf8Bytes(text, MAX_JSON_BYTES);
  if (bytes > MAX_JSON_BYTES)
    return {
      refused: refused(document, [
        problem(
          'json-too-large',
          '',
          `JSON 超过 ${MAX_JSON_BYTES / 1024} KiB，未读取`,
          `the JSON is over ${MAX_JSON_BYTES / 1024} KiB and was not read`,
        ),
      ]),
    };
  if (text === documentJson(document, part)) return { unchanged: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : String(error);
    return {
      refused: refused(document, [
        problem('json-invalid', '', `不是有效的 JSON：${reason}`, `not valid JSON: ${reason}`),
      ]),
    };
  }
  const shapeOk = part === 'rules' ? Array.isArray(parsed) : isObject(parsed);
  if (!shapeOk)
    return {
      refused: refused(document, [
        problem(
          'json-shape',
          '',
          part === 'rules' ? '规则必须是数组' : `${part} 必须是对象`,
          part === 'rules' ? 'the rules must be an array' : `the ${part} must be an object`,
        ),
      ]),
    };
  const candidate = (
    part === 'definition' ? parsed : { ...document.definition, [part]: parsed }
  ) as FormDefinition;
  return { candidate, prefix: part === 'definition' ? '' : `/${escapeToken(part)}` };
}

/** The edit taken (sharing what did not change), or refused with its problems placed. */
function finish(
  document: FormDocument,
  candidate: FormDefinition,
  prefix: string,
  compileErrors: readonly DesignProblem[],
): JsonEdit {
  const errors: JsonProblem[] = [...compileErrors, ...checkLocks(document, candidate)].map((p) => {
    const inText = p.path === prefix || p.path.startsWith(`${prefix}/`);
    return {
      ...p,
      ...(isObject(candidate) ? locate(candidate, p.path) : {}),
      ...(inText ? { textPath: p.path.slice(prefix.length) } : {}),
    };
  });
  if (errors.length) return refused(document, errors);
  const definition = deepFreeze(share(document.definition, candidate)) as FormDefinition;
  const next = Object.freeze({ ...document, definition });
  return { ok: true, document: next, lint: lintDocument(next) };
}

/**
 * Takes an edited JSON text of a part of the document. The text is refused — with the problems,
 * in zh and en, each with its JSON pointer, and the document returned unchanged — when it is
 * too large, is not JSON, has the wrong shape, or when the definition it makes fails any check of
 * `definitions` (meta-schema, hostile-schema limits such as a `$ref` cycle or a pattern RE2
 * cannot run, rules with operations the rule checker does not allow, code tables, rule paths,
 * calculation cycles) or changes a field the base locks. So an invalid edit never replaces the
 * last good document. Rules reading no field are warnings: the edit is taken and lint shows them.
 * Compiles with `definitions` here (Node, tests); the browser uses `applyJsonChecked`.
 */
export function applyJson(
  document: FormDocument,
  text: unknown,
  part: JsonPart = 'definition',
): JsonEdit {
  const prepared = prepare(document, text, part);
  if ('refused' in prepared) return prepared.refused;
  if ('unchanged' in prepared) return { ok: true, document, lint: lintDocument(document) };
  const { problems } = compileProblems(prepared.candidate, document.codeTables);
  return finish(document, prepared.candidate, prepared.prefix, problems);
}

/**
 * `applyJson` with the compile asked of `check` (in the browser: the engine's). What needs no
 * compile — size, JSON, shape, the base's locks — is decided here before `check` is asked; a
 * check that cannot answer (the engine unreachable) refuses the edit, the document kept.
 */
export async function applyJsonChecked(
  document: FormDocument,
  text: unknown,
  part: JsonPart,
  check: FormCheck,
): Promise<JsonEdit> {
  const prepared = prepare(document, text, part);
  if ('refused' in prepared) return prepared.refused;
  if ('unchanged' in prepared) return { ok: true, document, lint: lintDocument(document) };
  let problems: readonly DesignProblem[];
  try {
    problems = await check(prepared.candidate, document.codeTables);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : String(error);
    return refused(document, [
      problem(
        'check-failed',
        '',
        `无法检查这段 JSON（${reason}），文档未改`,
        `the JSON could not be checked (${reason}); the document is unchanged`,
      ),
    ]);
  }
  return finish(document, prepared.candidate, prepared.prefix, problems);
}

/**
 * Where a JSON pointer's value is in a JSON text (offsets, `to` exclusive), for a view to put the
 * cursor on a problem's `textPath`. A pointer to nothing (a missing `required` property, say)
 * gives its nearest ancestor that is there; text that is not JSON may give nothing. One pass
 * over the text, no parse: a 1 MiB text costs a millisecond or so.
 */
export function textRange(text: string, pointer: string): { from: number; to: number } | undefined {
  let i = 0;
  const space = () => {
    while (
      i < text.length &&
      (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')
    )
      i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    space();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
  };
  /** Moves to the member `token` of the value at `i`; false (and `i` unchanged) if it has none. */
  const enter = (token: string): boolean => {
    const start = i;
    const open = text[i];
    if (open !== '{' && open !== '[') return false;
    i++;
    for (let index = 0; ; index++) {
      space();
      if (i >= text.length || text[i] === '}' || text[i] === ']') break;
      let hit: boolean;
      if (open === '{') {
        const keyStart = i;
        skipString();
        let key: unknown;
        try {
          key = JSON.parse(text.slice(keyStart, i));
        } catch {
          break;
        }
        space();
        i++; // the colon
        space();
        hit = key === token;
      } else hit = String(index) === token;
      if (hit) return true;
      skipValue();
      space();
      if (text[i] === ',') i++;
      else break;
    }
    i = start;
    return false;
  };
  space();
  if (i >= text.length) return undefined;
  for (const token of pointerTokens(pointer)) if (!enter(token)) break;
  const from = i;
  skipValue();
  return { from, to: Math.min(i, text.length) };
}
