import { escapePointerToken, type SchemaProblem } from './schemaProblem.js';
import { resolveUri, withoutFragment } from './uri.js';

/**
 * One bounded pass over a schema that may be hostile: an explicit stack (no recursion, so no
 * stack overflow at any depth), JSON bytes counted as it goes (it stops as soon as the size
 * limit is passed, so a huge array or a shared-reference bomb costs at most the limit), no
 * descent past the depth limit. It knows which positions hold subschemas, so a property named
 * "pattern" or "$ref" is not mistaken for a keyword, and it records what the later checks need:
 * patterns, references, `$id` resources and anchors, sizes of every subtree.
 */

/** What a position in the schema holds. */
export type NodeKind = 'schema' | 'schemaMap' | 'schemaArray' | 'value';

/** Keywords whose value is one subschema. */
const SCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'propertyNames',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  'additionalItems',
]);

/** Keywords whose value is an object of subschemas. */
const SCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
]);

/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);

/** Keywords that reference another schema. */
export const REFERENCE_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'] as const;
export type ReferenceKeyword = (typeof REFERENCE_KEYWORDS)[number];

/**
 * Ajv compiles a referenced subschema in place of every `$ref` to it unless the subschema
 * contains one of these keys, at any depth (`inlineRef` in ajv/lib/compile/resolve.ts).
 */
const AJV_REF_MARKERS = new Set([
  '$ref',
  '$recursiveRef',
  '$recursiveAnchor',
  '$dynamicRef',
  '$dynamicAnchor',
]);

/** An object or array of the schema. Primitives are not nodes; they are counted in their parent. */
export interface WalkNode {
  value: object;
  kind: NodeKind;
  /** Index of the parent node, -1 for the root. */
  parent: number;
  /** Key or index in the parent. */
  key: string | number;
  depth: number;
  /** URI of the schema resource this node belongs to (no fragment; '' when the root has no $id). */
  base: string;
  /** Index of the node that is the root of that resource. */
  resource: number;
  /** JSON bytes of the subtree (complete only when the walk is). */
  bytes: number;
  /** Subschemas in the subtree, itself included (boolean subschemas count too). */
  subschemas: number;
  /** Whether the subtree holds a key that stops Ajv inlining it. */
  hasRefMarker: boolean;
}

export interface PatternSite {
  /** The schema node holding `pattern` or `patternProperties`. */
  node: number;
  pattern: string;
  /** Where it sits: '/pattern' or '/patternProperties/<key>' under the node. */
  suffix: string;
}

export interface ReferenceSite {
  node: number;
  keyword: ReferenceKeyword;
  value: string;
}

export interface WalkLimits {
  maxBytes: number;
  maxDepth: number;
  maxEnumValues: number;
}

export interface WalkResult {
  nodes: WalkNode[];
  /** Node index of an object or array (identity). */
  indexOf: Map<object, number>;
  /** False when the walk stopped early (too large, too many problems). */
  complete: boolean;
  problems: SchemaProblem[];
  patterns: PatternSite[];
  references: ReferenceSite[];
  /** Resource URI (no fragment) → node index: the root and every subschema with `$id`. */
  resources: Map<string, number>;
  /** `<resource URI>#<anchor>` → node index, for `$anchor` and `$dynamicAnchor`. */
  anchors: Map<string, number>;
  /** Property definitions in all `properties` keywords. */
  propertyCount: number;
  /** Bytes of JSON counted so far (the whole schema when the walk is complete). */
  bytes: number;
}

/** Item types for which Ajv checks uniqueItems with a hash, in linear time. */
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** Stop collecting after this many problems: the schema is refused anyway. */
export const MAX_PROBLEMS = 100;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** UTF-8 bytes of `text` written as a JSON string, or Infinity once past `budget`. */
export function jsonStringBytes(text: string, budget = Infinity): number {
  // Every character takes at least one byte, plus the two quotes.
  if (text.length + 2 > budget) return Infinity;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20)
      bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6; // a lone surrogate is written as \udXXX
    } else if (code >= 0xdc00 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
    if (bytes > budget) return Infinity;
  }
  return bytes;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return 'a BigInt';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return 'an array subclass';
  const proto: unknown = Object.getPrototypeOf(value);
  const name = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name ? `an instance of ${name}` : 'a non-plain object';
}

function childKind(parent: NodeKind, key: string | number, value: unknown): NodeKind {
  if (parent === 'value') return 'value';
  if (parent === 'schemaArray') return 'schema';
  if (parent === 'schemaMap') {
    return isPlainObject(value) || typeof value === 'boolean' ? 'schema' : 'value';
  }
  if (typeof key !== 'string') return 'value';
  if (Array.isArray(value)) return SCHEMA_ARRAY_KEYWORDS.has(key) ? 'schemaArray' : 'value';
  if (isPlainObject(value)) {
    if (SCHEMA_MAP_KEYWORDS.has(key)) return 'schemaMap';
    return SCHEMA_KEYWORDS.has(key) ? 'schema' : 'value';
  }
  if (typeof value === 'boolean' && SCHEMA_KEYWORDS.has(key)) return 'schema';
  return 'value';
}

/** JSON pointer of a node, or of `key` under it. */
export function pointerOf(
  nodes: readonly WalkNode[],
  index: number,
  key?: string | number,
): string {
  const tokens: string[] = [];
  if (key !== undefined) tokens.push(escapePointerToken(key));
  for (let i = index; i > 0; i = nodes[i]!.parent) tokens.push(escapePointerToken(nodes[i]!.key));
  let out = '';
  for (let i = tokens.length - 1; i >= 0; i--) out += `/${tokens[i]}`;
  return out;
}

interface Frame {
  node: number;
  keys: readonly string[] | null;
  length: number;
  position: number;
  /** Children written so far (a comma goes before every one after the first). */
  written: number;
}

/**
 * Walks `root` (a plain object, checked by the caller). Problems found here: not-json,
 * schema-too-large, schema-too-deep, too-many-enum-values, data-ref-forbidden, async-forbidden,
 * unique-items-quadratic.
 */
export function walkSchema(root: Record<string, unknown>, limits: WalkLimits): WalkResult {
  const result: WalkResult = {
    nodes: [],
    indexOf: new Map(),
    complete: true,
    problems: [],
    patterns: [],
    references: [],
    resources: new Map(),
    anchors: new Map(),
    propertyCount: 0,
    bytes: 0,
  };
  const { nodes, problems } = result;
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  let tooDeepReported = false;

  const report = (path: string, code: SchemaProblem['code'], zh: string, en: string) => {
    problems.push({ path, code, message: { zh, en } });
    if (problems.length >= MAX_PROBLEMS) result.complete = false;
  };
  const tooLarge = () => {
    const kib = Math.round((limits.maxBytes / 1024) * 10) / 10;
    report(
      '',
      'schema-too-large',
      `表单结构过大：JSON 超过 ${limits.maxBytes} 字节（${kib} KiB）的上限`,
      `the schema is larger than the limit of ${limits.maxBytes} bytes (${kib} KiB) of JSON`,
    );
    result.complete = false;
  };
  /** Adds bytes to the running total; false (and a problem) once past the limit. */
  const spend = (bytes: number): boolean => {
    result.bytes += bytes;
    if (result.bytes > limits.maxBytes) {
      tooLarge();
      return false;
    }
    return true;
  };

  /** Records what a subschema declares; called when a schema object is opened. */
  const inspectSchema = (index: number, schema: Record<string, unknown>) => {
    const node = nodes[index]!;
    for (const keyword of REFERENCE_KEYWORDS) {
      const value = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined;
      if (typeof value === 'string') result.references.push({ node: index, keyword, value });
    }
    for (const keyword of ['$anchor', '$dynamicAnchor']) {
      const value = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined;
      if (typeof value === 'string' && !result.anchors.has(`${node.base}#${value}`)) {
        result.anchors.set(`${node.base}#${value}`, index);
      }
    }
    if (Object.hasOwn(schema, 'uniqueItems') && schema.uniqueItems === true) {
      const items = Object.hasOwn(schema, 'items') ? schema.items : undefined;
      const type = isPlainObject(items) && Object.hasOwn(items, 'type') ? items.type : undefined;
      const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type : [];
      if (types.length === 0 || !types.every((t) => typeof t === 'string' && SCALAR_TYPES.has(t))) {
        report(
          pointerOf(nodes, index, 'uniqueItems'),
          'unique-items-quadratic',
          'uniqueItems 要求 items 声明标量类型（string、number、integer、boolean 或 null）：否则 Ajv 两两深度比较，10 万项的数组要校验数分钟（maxItems 挡不住，所有错误都会被检查）',
          'uniqueItems needs items with a scalar type (string, number, integer, boolean or null): otherwise Ajv compares every pair of items deeply, and an array of 100 000 items takes minutes to validate (maxItems does not stop it: every keyword is checked)',
        );
      }
    }
    if (Object.hasOwn(schema, '$async')) {
      report(
        pointerOf(nodes, index, '$async'),
        'async-forbidden',
        '不允许 "$async"：异步结构的校验器返回 Promise（同步调用时总为真值，无人处理的拒绝会使进程退出）',
        '"$async" is not allowed: an async schema makes the validator return a Promise (always truthy to a synchronous caller; a rejection nobody handles stops the process)',
      );
    }
    const pattern = Object.hasOwn(schema, 'pattern') ? schema.pattern : undefined;
    if (typeof pattern === 'string') {
      result.patterns.push({ node: index, pattern, suffix: '/pattern' });
    }
    const patternProperties = Object.hasOwn(schema, 'patternProperties')
      ? schema.patternProperties
      : undefined;
    if (isPlainObject(patternProperties)) {
      for (const key of Object.keys(patternProperties)) {
        result.patterns.push({
          node: index,
          pattern: key,
          suffix: `/patternProperties/${escapePointerToken(key)}`,
        });
      }
    }
    const properties = Object.hasOwn(schema, 'properties') ? schema.properties : undefined;
    if (isPlainObject(properties)) result.propertyCount += Object.keys(properties).length;
    const enumValues = Object.hasOwn(schema, 'enum') ? schema.enum : undefined;
    if (Array.isArray(enumValues) && enumValues.length > limits.maxEnumValues) {
      report(
        pointerOf(nodes, index, 'enum'),
        'too-many-enum-values',
        `枚举值有 ${enumValues.length} 个，超过上限 ${limits.maxEnumValues} 个（大的值集请用代码表）`,
        `enum with ${enumValues.length} values, more than the limit of ${limits.maxEnumValues} (use a code table for large value sets)`,
      );
    }
  };

  /** Creates the node of a container and pushes its frame; false when it is not descended into. */
  const open = (
    value: object,
    kind: NodeKind,
    parent: number,
    key: string | number,
    depth: number,
  ): boolean => {
    if (onPath.has(value)) {
      report(
        pointerOf(nodes, parent, key),
        'not-json',
        '此处的值包含自身（循环引用），不是 JSON',
        'the value here contains itself (a cycle of object references): it is not JSON',
      );
      return false;
    }
    if (depth > limits.maxDepth) {
      if (!tooDeepReported) {
        tooDeepReported = true;
        report(
          pointerOf(nodes, parent, key),
          'schema-too-deep',
          `嵌套超过 ${limits.maxDepth} 层的上限`,
          `nesting deeper than the limit of ${limits.maxDepth} levels (subschemas and nested values)`,
        );
      }
      return false;
    }
    const parentNode = parent >= 0 ? nodes[parent] : undefined;
    let base = parentNode?.base ?? '';
    let resource = parentNode?.resource ?? 0;
    const index = nodes.length;
    const array = Array.isArray(value);
    const record = value as Record<string, unknown>;
    if (
      kind === 'schema' &&
      !array &&
      typeof record.$id === 'string' &&
      Object.hasOwn(record, '$id')
    ) {
      base = withoutFragment(resolveUri(base, record.$id));
      resource = index;
      if (!result.resources.has(base)) result.resources.set(base, index);
    }
    if (index === 0 && !result.resources.has(base)) result.resources.set(base, 0);
    const keys = array ? null : Object.keys(value);
    nodes.push({
      value,
      kind,
      parent,
      key,
      depth,
      base,
      resource,
      bytes: 2,
      subschemas: kind === 'schema' ? 1 : 0,
      hasRefMarker: keys !== null && keys.some((k) => AJV_REF_MARKERS.has(k)),
    });
    if (!result.indexOf.has(value)) result.indexOf.set(value, index);
    if (!spend(2)) return false;
    if (keys !== null && keys.includes('$data')) {
      report(
        pointerOf(nodes, index, '$data'),
        'data-ref-forbidden',
        '不允许使用 "$data" 引用（校验不得依赖数据中的其他值）',
        '"$data" references are not allowed (validation may not depend on other values of the data)',
      );
    }
    if (kind === 'schema' && !array) inspectSchema(index, record);
    onPath.add(value);
    stack.push({
      node: index,
      keys,
      length: array ? (value as unknown[]).length : keys!.length,
      position: 0,
      written: 0,
    });
    return true;
  };

  open(root, 'schema', -1, '', 0);
  while (stack.length > 0 && result.complete) {
    const frame = stack[stack.length - 1]!;
    const node = nodes[frame.node]!;
    if (frame.position >= frame.length) {
      stack.pop();
      onPath.delete(node.value);
      const parent = nodes[node.parent];
      if (parent) {
        parent.bytes += node.bytes;
        parent.subschemas += node.subschemas;
        parent.hasRefMarker ||= node.hasRefMarker;
      }
      continue;
    }
    const position = frame.position++;
    const key: string | number = frame.keys ? frame.keys[position]! : position;
    const child = (node.value as Record<string | number, unknown>)[key];
    if (frame.keys && child === undefined) continue; // JSON.stringify leaves the key out too
    let bytes = frame.written++ > 0 ? 1 : 0;
    if (frame.keys) {
      const keyBytes = jsonStringBytes(key as string, limits.maxBytes - result.bytes);
      bytes += keyBytes + 1;
    }
    const kind = childKind(node.kind, key, child);
    if (kind === 'schema') node.subschemas++;
    if (typeof child === 'object' && child !== null) {
      if (!isPlainObject(child) && !isPlainArray(child)) {
        report(
          pointerOf(nodes, frame.node, key),
          'not-json',
          `此处的值不是 JSON：${describe(child)}`,
          `the value here is not JSON: ${describe(child)}`,
        );
        continue;
      }
      if (!spend(bytes)) break;
      node.bytes += bytes;
      if (kind === 'schema') node.subschemas--; // counted by the child's own node
      const depth = kind === 'schemaMap' || kind === 'schemaArray' ? node.depth : node.depth + 1;
      open(child, kind, frame.node, key, depth);
      continue;
    }
    let own: number;
    if (typeof child === 'string') own = jsonStringBytes(child, limits.maxBytes - result.bytes);
    else if (typeof child === 'boolean') own = child ? 4 : 5;
    else if (child === null) own = 4;
    else if (typeof child === 'number' && Number.isFinite(child)) own = String(child).length;
    else {
      report(
        pointerOf(nodes, frame.node, key),
        'not-json',
        `此处的值不是 JSON：${describe(child)}`,
        `the value here is not JSON: ${describe(child)}`,
      );
      continue;
    }
    bytes += own;
    if (!spend(bytes)) break;
    node.bytes += bytes;
  }
  if (stack.length > 0) result.complete = false;
  return result;
}
