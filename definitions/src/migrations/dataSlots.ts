import { escapeSegment, isObject } from '../forms/schemaWalk.js';
import { pointerSegments } from '../overlays/schemaPointer.js';

/** A place in the data a field path names: the object holding it and the property name. */
export interface DataSlot {
  container: Record<string, unknown>;
  key: string;
  /** Concrete JSON pointer, array indexes in place of '-'. */
  path: string;
}

/**
 * Every place `pointer` names in `data`, '-' standing for each item of an array. Only existing
 * containers are returned: nothing is created. The value itself may be missing.
 */
export function dataSlots(data: unknown, pointer: string): DataSlot[] {
  const segments = pointerSegments(pointer);
  const last = segments.pop();
  if (last === undefined || last === '-') return [];
  let nodes: { node: unknown; path: string }[] = [{ node: data, path: '' }];
  for (const segment of segments) {
    const next: { node: unknown; path: string }[] = [];
    for (const { node, path } of nodes) {
      if (segment === '-') {
        if (Array.isArray(node))
          node.forEach((item, i) => next.push({ node: item, path: `${path}/${i}` }));
      } else if (isObject(node) && Object.hasOwn(node, segment)) {
        next.push({ node: node[segment], path: `${path}/${escapeSegment(segment)}` });
      }
    }
    nodes = next;
  }
  return nodes
    .filter((n): n is { node: Record<string, unknown>; path: string } => isObject(n.node))
    .map(({ node, path }) => ({
      container: node,
      key: last,
      path: `${path}/${escapeSegment(last)}`,
    }));
}

/** Field path with array indexes written '-' ('/meds/0/dose' → '/meds/-/dose'). */
export function fieldPathOf(concrete: string): string {
  return concrete.replace(/\/\d+(?=\/|$)/g, '/-');
}
