import { checkRule, type RuleProblem } from '@formwork/definitions';
import { isObject } from './immutable.js';
import { fieldOfVar, varPath } from './pointer.js';

/**
 * The visual rule builder's model (STYLE #21): a tree with ids — condition rows (field,
 * operator, value) in all/any groups — that writes JsonLogic only on output, dropping
 * incomplete rows, and offers only operations the rule checker allows. JsonLogic the builder
 * cannot show (arithmetic, date operations, `reduce`…) is kept as a raw node, unchanged and
 * still checked. `fromLogic(toLogic(tree))` gives the tree back; `toLogic(fromLogic(logic))`
 * gives back the logic for everything the builder writes, and the same meaning otherwise.
 */
export type Operator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  /** the field's value is one of a list */
  | 'in'
  | 'notIn'
  /** a multiple-choice field holds a code */
  | 'contains'
  | 'notContains'
  /** has a value (not null / absent) */
  | 'filled'
  | 'empty';

export const OPERATORS: readonly Operator[] = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'notIn',
  'contains',
  'notContains',
  'filled',
  'empty',
];

/** Operators without a value. */
const UNARY: ReadonlySet<Operator> = new Set(['filled', 'empty']);
const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

export type Scalar = string | number | boolean | null;

/** A literal, a list of literals (`in`) or another field (`dbp < sbp`). */
export type RowValue = { literal: Scalar | Scalar[] } | { field: string };

export interface ConditionRow {
  id: string;
  type: 'condition';
  /** The field read (its data pointer, e.g. `/followupStatus`); '' while not chosen. */
  field: string;
  operator: Operator | '';
  value?: RowValue;
}

export interface ConditionGroup {
  id: string;
  type: 'group';
  combinator: 'all' | 'any';
  /** Written as `{"!": [group]}`: none of (any), not all of (all). */
  negated?: boolean;
  children: RuleNode[];
}

/** JsonLogic the builder cannot show, kept as it is (and checked by checkRule). */
export interface RawNode {
  id: string;
  type: 'raw';
  logic: unknown;
}

export type RuleNode = ConditionRow | ConditionGroup | RawNode;

/** A rule as the builder shows it: always a group at the root. */
export type RuleTree = ConditionGroup;

/** Ids for a tree's nodes, unique within it. */
export function idFactory(prefix = 'n'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const isVar = (v: unknown): v is { var: string } =>
  isObject(v) && Object.keys(v).length === 1 && typeof v.var === 'string' && v.var !== '';

const isScalar = (v: unknown): v is Scalar =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

const single = (v: unknown): [string, unknown] | undefined => {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0]!, v[keys[0]!]] : undefined;
};

/** The operand of `!`: `{"!": [x]}` or `{"!": x}`. */
const negatedOperand = (operand: unknown) =>
  Array.isArray(operand) ? (operand.length === 1 ? operand[0] : undefined) : operand;

/** Reads JsonLogic into a builder tree (null / absent: an empty tree). */
export function fromLogic(logic: unknown, nextId: () => string = idFactory()): RuleTree {
  const root: RuleTree = { id: nextId(), type: 'group', combinator: 'all', children: [] };
  if (logic === undefined || logic === null) return root;
  const node = readNode(logic, nextId);
  if (node.type === 'group') return { ...node, id: root.id };
  root.children.push(node);
  return root;
}

function readNode(logic: unknown, nextId: () => string): RuleNode {
  const raw = (): RawNode => ({ id: nextId(), type: 'raw', logic });
  const entry = single(logic);
  if (!entry) return raw();
  const [op, operand] = entry;
  if ((op === 'and' || op === 'or') && Array.isArray(operand) && operand.length) {
    return {
      id: nextId(),
      type: 'group',
      combinator: op === 'and' ? 'all' : 'any',
      children: operand.map((child) => readNode(child, nextId)),
    };
  }
  if (op === '!') {
    const inner = negatedOperand(operand);
    const innerEntry = single(inner);
    if (innerEntry?.[0] === 'in') {
      const row = readIn(innerEntry[1], nextId, true);
      if (row) return row;
    }
    if (innerEntry && (innerEntry[0] === 'and' || innerEntry[0] === 'or')) {
      const group = readNode(inner, nextId);
      if (group.type === 'group') return { ...group, negated: true };
    }
    return raw();
  }
  if (op === 'in') return readIn(operand, nextId, false) ?? raw();
  if (COMPARISONS.has(op) && Array.isArray(operand) && operand.length === 2) {
    const [left, right] = operand;
    if (!isVar(left)) return raw();
    const field = fieldOfVar(left.var);
    if (right === null && (op === '==' || op === '!=')) {
      return { id: nextId(), type: 'condition', field, operator: op === '!=' ? 'filled' : 'empty' };
    }
    if (isVar(right))
      return {
        id: nextId(),
        type: 'condition',
        field,
        operator: op as Operator,
        value: { field: fieldOfVar(right.var) },
      };
    if (isScalar(right))
      return {
        id: nextId(),
        type: 'condition',
        field,
        operator: op as Operator,
        value: { literal: right },
      };
  }
  return raw();
}

function readIn(
  operand: unknown,
  nextId: () => string,
  negated: boolean,
): ConditionRow | undefined {
  if (!Array.isArray(operand) || operand.length !== 2) return undefined;
  const [a, b] = operand;
  if (isVar(a) && Array.isArray(b) && b.every(isScalar))
    return {
      id: nextId(),
      type: 'condition',
      field: fieldOfVar(a.var),
      operator: negated ? 'notIn' : 'in',
      value: { literal: b as Scalar[] },
    };
  if (isScalar(a) && isVar(b))
    return {
      id: nextId(),
      type: 'condition',
      field: fieldOfVar(b.var),
      operator: negated ? 'notContains' : 'contains',
      value: { literal: a },
    };
  return undefined;
}

/** Whether a row has all it needs to be written. */
export function isComplete(row: ConditionRow): boolean {
  if (!row.field || !row.operator) return false;
  if (UNARY.has(row.operator)) return true;
  const value = row.value;
  if (!value) return false;
  if ('field' in value) return value.field !== '' && COMPARISONS.has(row.operator);
  if (row.operator === 'in' || row.operator === 'notIn')
    return Array.isArray(value.literal) && value.literal.length > 0;
  return !Array.isArray(value.literal);
}

const operandOf = (value: RowValue) =>
  'field' in value ? { var: varPath(value.field) } : value.literal;

function writeRow(row: ConditionRow): unknown {
  if (!isComplete(row)) return undefined;
  const left = { var: varPath(row.field) };
  switch (row.operator) {
    case 'filled':
      return { '!=': [left, null] };
    case 'empty':
      return { '==': [left, null] };
    case 'in':
      return { in: [left, operandOf(row.value!)] };
    case 'notIn':
      return { '!': [{ in: [left, operandOf(row.value!)] }] };
    case 'contains':
      return { in: [operandOf(row.value!), left] };
    case 'notContains':
      return { '!': [{ in: [operandOf(row.value!), left] }] };
    default:
      return { [row.operator]: [left, operandOf(row.value!)] };
  }
}

function writeNode(node: RuleNode, root: boolean): unknown {
  if (node.type === 'raw') return node.logic;
  if (node.type === 'condition') return writeRow(node);
  const children = node.children.map((c) => writeNode(c, false)).filter((c) => c !== undefined);
  if (!children.length) return undefined;
  const combined =
    root && children.length === 1 && !node.negated
      ? children[0]
      : { [node.combinator === 'all' ? 'and' : 'or']: children };
  return node.negated ? { '!': [combined] } : combined;
}

/**
 * The JsonLogic of a tree; incomplete rows and empty groups are left out, and a tree with
 * nothing complete is `undefined` (no rule).
 */
export const toLogic = (tree: RuleNode): unknown => writeNode(tree, true);

/** A problem of the builder, attached to the node it concerns. */
export interface NodeProblem extends RuleProblem {
  node: string;
}

/** checkRule's problems of each raw node (the rows write only allowed operations). */
export function checkTree(tree: RuleNode): NodeProblem[] {
  const problems: NodeProblem[] = [];
  const visit = (node: RuleNode) => {
    if (node.type === 'raw')
      problems.push(...checkRule(node.logic).map((p) => ({ ...p, node: node.id })));
    if (node.type === 'group') node.children.forEach(visit);
  };
  visit(tree);
  return problems;
}

/** The node of a tree with an id. */
export function findNode(tree: RuleNode, id: string): RuleNode | undefined {
  if (tree.id === id) return tree;
  if (tree.type !== 'group') return undefined;
  for (const child of tree.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/** The tree with a node replaced (`undefined` removes it); only the path to it is copied. */
export function replaceNode(
  tree: RuleTree,
  id: string,
  replace: (node: RuleNode) => RuleNode | undefined,
): RuleTree {
  const visit = (node: RuleNode): RuleNode | undefined => {
    if (node.id === id) return replace(node);
    if (node.type !== 'group') return node;
    let changed = false;
    const children: RuleNode[] = [];
    for (const child of node.children) {
      const next = visit(child);
      if (next !== child) changed = true;
      if (next) children.push(next);
    }
    return changed ? { ...node, children } : node;
  };
  return (visit(tree) as RuleTree | undefined) ?? { ...tree, children: [] };
}

/** The tree with a node appended to a group. */
export const appendNode = (tree: RuleTree, groupId: string, node: RuleNode): RuleTree =>
  replaceNode(tree, groupId, (group) =>
    group.type === 'group' ? { ...group, children: [...group.children, node] } : group,
  );
