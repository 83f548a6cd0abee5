import { isPlainObject, pointerOf, type ReferenceSite, type WalkResult } from './schemaWalk.js';
import { fragmentOf, resolveUri, withoutFragment } from './uri.js';

/**
 * Where the references of a walked schema point, whether they form a cycle that never descends
 * into the data (validation would recurse forever), and how many subschemas Ajv really compiles
 * once it has copied referenced subschemas in place.
 */

export type Resolution =
  /** Points at a subschema of this schema (node index), or at a boolean subschema. */
  | { kind: 'local'; target: number | 'boolean'; uri: string }
  /** Points at a document that is not this schema nor a resource (`$id`) declared inside it. */
  | { kind: 'remote'; uri: string }
  /** Points into this schema, but at nothing or at something that is not a subschema. */
  | { kind: 'invalid'; uri: string };

export interface ResolvedReference {
  site: ReferenceSite;
  resolution: Resolution;
}

function isArrayIndex(token: string): boolean {
  if (token === '0') return true;
  if (token.length === 0 || token.length > 15 || token[0] === '0') return false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Follows a JSON pointer ('' or '/a/b') through plain values; undefined when it leads nowhere. */
export function followPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!isArrayIndex(token)) return undefined;
      current = current[Number(token)];
    } else if (isPlainObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Resolves one reference the way the JSON Schema spec (and Ajv, for local references) does. */
export function resolveReference(walk: WalkResult, site: ReferenceSite): Resolution {
  const node = walk.nodes[site.node]!;
  const uri = resolveUri(node.base, site.value);
  const document = withoutFragment(uri);
  const resource = walk.resources.get(document);
  if (resource === undefined) return { kind: 'remote', uri };
  const fragment = fragmentOf(uri);
  let target: unknown;
  if (fragment === '') target = walk.nodes[resource]!.value;
  else if (fragment.startsWith('/')) target = followPointer(walk.nodes[resource]!.value, fragment);
  else {
    const anchor = walk.anchors.get(`${document}#${fragment}`);
    target = anchor === undefined ? undefined : walk.nodes[anchor]!.value;
  }
  if (typeof target === 'boolean') return { kind: 'local', target: 'boolean', uri };
  if (typeof target === 'object' && target !== null) {
    const index = walk.indexOf.get(target);
    if (index !== undefined && walk.nodes[index]!.kind === 'schema') {
      return { kind: 'local', target: index, uri };
    }
  }
  return { kind: 'invalid', uri };
}

/** Keywords that apply their subschema to the same value (not to a property or an item of it). */
const IN_PLACE_KEYWORDS = new Set(['not', 'if', 'then', 'else']);
const IN_PLACE_CONTAINERS = new Set([
  'allOf',
  'anyOf',
  'oneOf',
  'dependentSchemas',
  'dependencies',
]);

export interface ReferenceCycle {
  /** The reference that closes the cycle. */
  site: ReferenceSite;
  /** JSON pointers of the subschemas on the cycle, in order. */
  chain: string[];
}

interface Edge {
  to: number;
  site?: ReferenceSite;
}

/**
 * Cycles of subschemas applied to the same value (through `$ref`, `allOf`/`anyOf`/`oneOf`,
 * `not`, `if`/`then`/`else`, `dependentSchemas`): a value reaching one of them makes the
 * validator call itself without end. A cycle through `properties`, `items` & co. is a
 * recursive schema (a tree) and is fine: each step goes one level down into the data.
 * Iterative depth-first search; at most `max` cycles are returned.
 */
export function findReferenceCycles(
  walk: WalkResult,
  references: readonly ResolvedReference[],
  max = 10,
): ReferenceCycle[] {
  const { nodes } = walk;
  const edges: Edge[][] = nodes.map(() => []);
  for (let j = 1; j < nodes.length; j++) {
    const node = nodes[j]!;
    if (node.kind !== 'schema') continue;
    const parent = nodes[node.parent]!;
    if (parent.kind === 'schema' && IN_PLACE_KEYWORDS.has(String(node.key))) {
      edges[node.parent]!.push({ to: j });
    } else if (
      (parent.kind === 'schemaArray' || parent.kind === 'schemaMap') &&
      IN_PLACE_CONTAINERS.has(String(parent.key)) &&
      parent.parent >= 0 &&
      nodes[parent.parent]!.kind === 'schema'
    ) {
      edges[parent.parent]!.push({ to: j });
    }
  }
  for (const { site, resolution } of references) {
    if (resolution.kind === 'local' && typeof resolution.target === 'number') {
      edges[site.node]!.push({ to: resolution.target, site });
    }
  }

  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Uint8Array(nodes.length);
  const cycles: ReferenceCycle[] = [];
  for (let start = 0; start < nodes.length && cycles.length < max; start++) {
    if (colour[start] !== WHITE || nodes[start]!.kind !== 'schema') continue;
    const path: { node: number; next: number }[] = [{ node: start, next: 0 }];
    colour[start] = GREY;
    while (path.length > 0 && cycles.length < max) {
      const top = path[path.length - 1]!;
      const out = edges[top.node]!;
      if (top.next >= out.length) {
        colour[top.node] = BLACK;
        path.pop();
        continue;
      }
      const edge = out[top.next++]!;
      if (colour[edge.to] === WHITE) {
        colour[edge.to] = GREY;
        path.push({ node: edge.to, next: 0 });
      } else if (colour[edge.to] === GREY) {
        const from = path.findIndex((step) => step.node === edge.to);
        const chain = path.slice(from).map((step) => pointerOf(nodes, step.node));
        // A cycle always contains a reference; the back edge is one unless objects are shared.
        const site = edge.site ?? { node: top.node, keyword: '$ref' as const, value: '' };
        cycles.push({ site, chain });
      }
    }
  }
  return cycles;
}

/**
 * Subschemas Ajv compiles: every subschema once, plus, for every reference to a subschema that
 * holds no reference itself, one more copy of it (Ajv's `inlineRefs` copies those in place).
 */
export function compiledSubschemas(
  walk: WalkResult,
  references: readonly ResolvedReference[],
): { total: number; copied: number } {
  let copied = 0;
  for (const { resolution } of references) {
    if (resolution.kind !== 'local' || typeof resolution.target !== 'number') continue;
    const target = walk.nodes[resolution.target]!;
    if (!target.hasRefMarker) copied += target.subschemas;
  }
  return { total: walk.nodes[0]!.subschemas + copied, copied };
}
