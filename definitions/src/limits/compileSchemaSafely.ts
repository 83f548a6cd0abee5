import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from '../validation/createAjv.js';
import { guardValidate } from './guardValidate.js';
import { checkSchemaLimits, DEFAULT_SCHEMA_LIMITS, type SchemaLimits } from './schemaLimits.js';
import { quote, type SchemaProblem } from './schemaProblem.js';
import { pointerOf, walkSchema } from './schemaWalk.js';

export type CompileSchemaResult =
  { ok: true; validate: ValidateFunction } | { ok: false; problems: SchemaProblem[] };

/** At most this many meta-schema errors are reported (one mistake often yields several). */
const MAX_META_ERRORS = 10;

function invalid(path: string, zh: string, en: string): SchemaProblem {
  return { path, code: 'schema-invalid', message: { zh, en } };
}

/** Where a keyword first appears as a keyword (not as a property name) in the schema. */
function findKeyword(schema: AnySchemaObject, keyword: string): string | undefined {
  const walk = walkSchema(schema, DEFAULT_SCHEMA_LIMITS);
  for (let i = 0; i < walk.nodes.length; i++) {
    const node = walk.nodes[i]!;
    if (
      node.kind === 'schema' &&
      !Array.isArray(node.value) &&
      Object.hasOwn(node.value, keyword)
    ) {
      return pointerOf(walk.nodes, i, keyword);
    }
  }
  return undefined;
}

/** Where a `$ref` with this value appears. */
function findReference(schema: AnySchemaObject, reference: string): string | undefined {
  const walk = walkSchema(schema, DEFAULT_SCHEMA_LIMITS);
  const site = walk.references.find((r) => r.value === reference);
  return site && pointerOf(walk.nodes, site.node, site.keyword);
}

/** Ajv writes schema locations as URI fragments ("#/properties/a%20b"); make them JSON pointers. */
function fragmentToPointer(fragment: string): string {
  const raw = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function metaSchemaProblems(errors: readonly ErrorObject[]): SchemaProblem[] {
  // One mistake fails several branches of the meta-schema: keep the first error of each place.
  const places = new Set<string>();
  const first = errors.filter((error) => {
    if (places.has(error.instancePath)) return false;
    places.add(error.instancePath);
    return true;
  });
  return first.slice(0, MAX_META_ERRORS).map((error) => {
    const where = error.instancePath || '/';
    const params = JSON.stringify(error.params);
    const detail = `${error.message ?? error.keyword}${params && params !== '{}' ? ` ${params}` : ''}`;
    return invalid(
      error.instancePath,
      `表单结构不符合 JSON Schema 2020-12 元结构（位置 ${where}）：${detail}`,
      `the schema does not conform to the JSON Schema 2020-12 meta-schema at ${where}: ${detail}`,
    );
  });
}

function compileProblem(error: unknown, schema: AnySchemaObject): SchemaProblem {
  const message = error instanceof Error ? String(error.message) : String(error);
  const unknownKeyword = /^strict mode: unknown keyword: "([^"]*)"/.exec(message);
  if (unknownKeyword) {
    const keyword = unknownKeyword[1]!;
    const path = findKeyword(schema, keyword) ?? '';
    return invalid(
      path,
      `未知关键字 ${quote(keyword)}（位置 ${path || '/'}）：严格模式只允许 JSON Schema 2020-12 关键字和已注册的 x- 关键字`,
      `unknown keyword ${quote(keyword)} at ${path || '/'}: strict mode accepts only JSON Schema 2020-12 keywords and the registered x- keywords`,
    );
  }
  const missing = (error as { missingRef?: unknown }).missingRef;
  if (typeof missing === 'string') {
    const path = findReference(schema, missing) ?? '';
    return invalid(
      path,
      `无法解析引用 ${quote(missing)}（位置 ${path || '/'}）`,
      `reference ${quote(missing)} at ${path || '/'} cannot be resolved: ${message}`,
    );
  }
  if (error instanceof RangeError) {
    return invalid(
      '',
      'Ajv 编译表单结构时栈溢出（通常是同一子结构中 $id 与 $ref 的组合，Ajv 8 会循环解析）',
      `Ajv ran out of stack compiling the schema (${message}); Ajv 8 does this on some combinations of $id and $ref in one subschema`,
    );
  }
  if (message.includes('already exists')) {
    return invalid(
      '',
      `此校验器已编译过同一 $id 的结构：${message}。每个表单版本请用新的 createAjv()，或先移除旧结构`,
      `${message}: this validator already holds a schema with that $id; use a fresh createAjv() per form version or remove the old schema first`,
    );
  }
  // Ajv names the place in most of its other messages: `… at "#/properties/a"`, `at path "#"`.
  const at = /at (?:path )?"(#[^"]*)"/.exec(message);
  let path = at ? fragmentToPointer(at[1]!) : '';
  if (at && message.startsWith('unknown format')) path += '/format';
  if (!at && message.startsWith('strict mode: ')) {
    // Strict-mode messages name the keyword but not the place: find the first one quoted.
    const keyword = /"([^"]+)"/.exec(message)?.[1];
    path = (keyword && findKeyword(schema, keyword)) || '';
  }
  return invalid(
    path,
    `表单结构无效（Ajv 无法编译，位置 ${path || '/'}）：${message}`,
    `the schema is invalid (Ajv cannot compile it, at ${path || '/'}): ${message}`,
  );
}

/**
 * What Ajv registers by id when it compiles a schema: the root `$id` (a SchemaEnv) and every
 * `$id` inside it (a string). Left behind, an inner `$id` clashes with the root `$id` of a later
 * schema on the same validator ("already exists"), so compileSchemaSafely drops the inner ones
 * after compiling (the compiled code does not look them up again), and everything after a
 * failure, so a fixed schema can reuse the ids.
 */
function registeredIds(ajv: Ajv2020): Set<string> {
  return new Set([...Object.keys(ajv.refs), ...Object.keys(ajv.schemas)]);
}

function forgetIds(ajv: Ajv2020, before: Set<string>, schema: AnySchemaObject, ok: boolean): void {
  try {
    for (const id of Object.keys(ajv.refs)) {
      if (!before.has(id) && (!ok || typeof ajv.refs[id] === 'string')) delete ajv.refs[id];
    }
    if (!ok) {
      for (const id of Object.keys(ajv.schemas)) if (!before.has(id)) delete ajv.schemas[id];
      const id = typeof schema.$id === 'string' ? schema.$id.replace(/#\/?$/, '') : '';
      // When the root $id belongs to another schema (the compile failed on it), keep that one.
      if (!id || !before.has(id)) ajv.removeSchema(schema);
    }
  } catch {
    // nothing registered
  }
}

/**
 * The one way to compile a schema that came from a user: the limits first (size, depth,
 * patterns, references, …; see checkSchemaLimits), then the meta-schema, then Ajv. Any failure
 * comes back as problems with a JSON pointer and a message in Chinese and English; nothing
 * throws. `ajv` is the validator from createAjv(); nothing is ever fetched (it has no
 * loadSchema and references outside the schema are refused before it sees them). The validator
 * returned never throws either (see guardValidate): on data Ajv cannot handle it answers false.
 */
export function compileSchemaSafely(
  ajv: Ajv2020,
  schema: unknown,
  limits?: Partial<SchemaLimits>,
): CompileSchemaResult {
  const problems = checkSchemaLimits(schema, limits);
  if (problems.length > 0) return { ok: false, problems };
  const object = schema as AnySchemaObject;
  let before: Set<string> | undefined;
  try {
    if (ajv.validateSchema(object) !== true) {
      const errors = ajv.errors ?? [];
      return {
        ok: false,
        problems: errors.length
          ? metaSchemaProblems(errors)
          : [invalid('', '表单结构不符合元结构', 'the schema does not conform to its meta-schema')],
      };
    }
    before = registeredIds(ajv);
    const validate = ajv.compile(object);
    forgetIds(ajv, before, object, true);
    return { ok: true, validate: guardValidate(validate) };
  } catch (error) {
    if (before) forgetIds(ajv, before, object, false);
    try {
      return { ok: false, problems: [compileProblem(error, object)] };
    } catch {
      return { ok: false, problems: [invalid('', '表单结构无效', 'the schema is invalid')] };
    }
  }
}
