import { isObject, walkFields, type FieldNode } from '../forms/schemaWalk.js';
import type { CodeTable, FormDefinition, FormRule } from '../types/generated.js';
import { FORM_CHANGE_KINDS, type FormChange, type FormChangeKind } from './FormChange.js';
import { sameJson } from './sameJson.js';

export interface DiffFormsOptions {
  /** Code tables the old version's x-code-table keywords name, by id. */
  codeTablesBefore?: Readonly<Record<string, CodeTable>>;
  /** Code tables the new version's x-code-table keywords name, by id (default: the old ones). */
  codeTablesAfter?: Readonly<Record<string, CodeTable>>;
}

type Schema = Record<string, unknown>;
type Tables = Readonly<Record<string, CodeTable>>;

const LABEL_KEYWORDS = ['title', 'x-title-en', 'description', 'x-description-en'] as const;
/** Raising one of these (or adding it) rejects values the old version accepted. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
/** Lowering one of these (or adding it) rejects values the old version accepted. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;
/** Adding or changing one of these may reject old values; removing it accepts more. */
const EXACT_CONSTRAINTS = ['pattern', 'format', 'multipleOf', 'const'] as const;

const text = (zh: string, en: string) => ({ zh, en });

/**
 * The semantic changes between two versions of a form (same key), each classified and marked
 * compatible (data valid under `before` stays valid and means the same under `after`) or
 * breaking. Fields are matched by path; a field removed at one path and added at another with
 * the same `x-de` data element is a rename (the meta-schema allows no `x-renamed-from`), and the
 * fields inside a renamed object follow it. Options come from the code table the field names
 * (its `enum` restricting it when present), else from `enum`. Sorted by path, then kind.
 */
export function diffForms(
  before: FormDefinition,
  after: FormDefinition,
  options: DiffFormsOptions = {},
): FormChange[] {
  const tablesBefore = options.codeTablesBefore ?? {};
  const tablesAfter = options.codeTablesAfter ?? tablesBefore;
  const changes: FormChange[] = [];

  if (!sameJson(before.title, after.title) || !sameJson(before.description, after.description)) {
    changes.push({
      path: '',
      kind: 'label-changed',
      compatible: true,
      before: { title: before.title, description: before.description },
      after: { title: after.title, description: after.description },
      message: text('表单标题或说明已修改', 'the title or description of the form changed'),
    });
  }

  const oldFields = new Map(walkFields(before.schema).map((n) => [n.path, n]));
  const newFields = new Map(walkFields(after.schema).map((n) => [n.path, n]));
  const pairs: [FieldNode, FieldNode][] = [];
  for (const [path, node] of oldFields) {
    const other = newFields.get(path);
    if (other) pairs.push([node, other]);
  }
  const removed = [...oldFields.keys()].filter((p) => !newFields.has(p));
  const added = new Set([...newFields.keys()].filter((p) => !oldFields.has(p)));

  // Renames: the same data element at a new path; fields inside a renamed object follow it.
  const renames: { from: string; to: string }[] = [];
  const byElement = (paths: Iterable<string>, fields: Map<string, FieldNode>) => {
    const index = new Map<string, string[]>();
    for (const path of paths) {
      const de = fields.get(path)!.schema['x-de'];
      if (typeof de === 'string') index.set(de, [...(index.get(de) ?? []), path]);
    }
    return index;
  };
  const removedByElement = byElement(removed, oldFields);
  const addedByElement = byElement(added, newFields);
  const stillRemoved: string[] = [];
  for (const path of removed) {
    const outer = renames.find((r) => path.startsWith(`${r.from}/`));
    const followed = outer ? `${outer.to}${path.slice(outer.from.length)}` : undefined;
    if (followed !== undefined && added.has(followed)) {
      added.delete(followed);
      pairs.push([oldFields.get(path)!, newFields.get(followed)!]);
      continue;
    }
    const de = oldFields.get(path)!.schema['x-de'];
    const candidates = typeof de === 'string' ? addedByElement.get(de) : undefined;
    const to = candidates?.[0];
    if (
      typeof de === 'string' &&
      removedByElement.get(de)?.length === 1 &&
      candidates?.length === 1 &&
      to !== undefined &&
      added.has(to)
    ) {
      added.delete(to);
      renames.push({ from: path, to });
      pairs.push([oldFields.get(path)!, newFields.get(to)!]);
      changes.push({
        path: to,
        kind: 'field-renamed',
        compatible: false,
        from: path,
        to,
        before: path,
        after: to,
        message: text(
          `字段 ${path} 改名为 ${to}（数据元 ${de}）`,
          `field ${path} was renamed to ${to} (data element ${de})`,
        ),
      });
      continue;
    }
    stillRemoved.push(path);
  }

  // Added and removed subtrees are reported at their top field only.
  const removedSet = new Set(stillRemoved);
  for (const path of stillRemoved) {
    if (removedSet.has(parentPath(path))) continue;
    changes.push({
      path,
      kind: 'field-removed',
      compatible: false,
      before: oldFields.get(path)!.schema,
      message: text(
        `字段 ${path} 已删除，已存数据中的值不再属于表单`,
        `field ${path} was removed: stored values no longer belong to the form`,
      ),
    });
  }
  for (const path of added) {
    if (added.has(parentPath(path))) continue;
    const node = newFields.get(path)!;
    const required = node.required && !('x-calculated' in node.schema);
    changes.push({
      path,
      kind: 'field-added',
      compatible: !required,
      after: node.schema,
      message: required
        ? text(
            `新增必填字段 ${path}，已存数据没有它的值`,
            `required field ${path} was added: stored data has no value for it`,
          )
        : text(`新增字段 ${path}`, `field ${path} was added`),
    });
  }

  for (const [oldNode, newNode] of pairs) {
    changes.push(...compareField(oldNode, newNode, tablesBefore, tablesAfter));
  }
  changes.push(...compareRules(before.rules ?? [], after.rules ?? []));
  return changes.sort(byPathThenKind);
}

function parentPath(path: string): string {
  const at = path.lastIndexOf('/');
  const parent = path.slice(0, at);
  // Inside array items the parent field is the array: '/meds/-/dose' → '/meds'.
  return parent.endsWith('/-') ? parent.slice(0, -2) : parent;
}

const KIND_ORDER = new Map<FormChangeKind, number>(FORM_CHANGE_KINDS.map((k, i) => [k, i]));

function byPathThenKind(a: FormChange, b: FormChange): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const kind = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (kind) return kind;
  return a.message.en < b.message.en ? -1 : a.message.en > b.message.en ? 1 : 0;
}

function compareField(
  oldNode: FieldNode,
  newNode: FieldNode,
  tablesBefore: Tables,
  tablesAfter: Tables,
) {
  const path = newNode.path;
  const o = oldNode.schema;
  const n = newNode.schema;
  const changes: FormChange[] = [];

  const labelsBefore = pick(o, LABEL_KEYWORDS);
  const labelsAfter = pick(n, LABEL_KEYWORDS);
  if (!sameJson(labelsBefore, labelsAfter)) {
    changes.push({
      path,
      kind: 'label-changed',
      compatible: true,
      before: labelsBefore,
      after: labelsAfter,
      message: text(`字段 ${path} 的标题或说明已修改`, `the label of field ${path} changed`),
    });
  }

  if (o['x-unit'] !== n['x-unit']) {
    changes.push({
      path,
      kind: 'unit-changed',
      compatible: false,
      before: o['x-unit'],
      after: n['x-unit'],
      message: text(
        `字段 ${path} 的单位从 ${String(o['x-unit'] ?? '无')} 改为 ${String(n['x-unit'] ?? '无')}`,
        `the unit of field ${path} changed from ${String(o['x-unit'] ?? 'none')} to ${String(n['x-unit'] ?? 'none')}`,
      ),
    });
  }

  if (oldNode.required !== newNode.required) {
    changes.push(
      newNode.required
        ? {
            path,
            kind: 'required-added',
            compatible: false,
            before: false,
            after: true,
            message: text(
              `字段 ${path} 改为必填，已存数据可能没有它的值`,
              `field ${path} became required: stored data may have no value for it`,
            ),
          }
        : {
            path,
            kind: 'required-removed',
            compatible: true,
            before: true,
            after: false,
            message: text(`字段 ${path} 改为选填`, `field ${path} is no longer required`),
          },
    );
  }

  const widened: string[] = [];
  const narrowed: string[] = [];
  const beforeValues: Schema = {};
  const afterValues: Schema = {};
  const note = (list: string[], keyword: string, b: unknown, a: unknown) => {
    list.push(keyword);
    beforeValues[keyword] = b;
    afterValues[keyword] = a;
  };
  compareConstraints(o, n, '', note, widened, narrowed);
  if (isObject(o.items) && isObject(n.items))
    compareConstraints(o.items, n.items, 'items.', note, widened, narrowed);
  const optionChanges = compareOptions(path, o, n, tablesBefore, tablesAfter, (kind, b, a) =>
    note(kind === 'widened' ? widened : narrowed, 'enum', b, a),
  );
  changes.push(...optionChanges);
  const only = (keywords: string[], values: Schema) =>
    Object.fromEntries(keywords.map((k) => [k, values[k]]));
  if (widened.length) {
    changes.push({
      path,
      kind: 'type-widened',
      compatible: true,
      before: only(widened, beforeValues),
      after: only(widened, afterValues),
      message: text(
        `字段 ${path} 放宽：${widened.join('、')}`,
        `field ${path} accepts more: ${widened.join(', ')}`,
      ),
    });
  }
  if (narrowed.length) {
    changes.push({
      path,
      kind: 'type-narrowed',
      compatible: false,
      before: only(narrowed, beforeValues),
      after: only(narrowed, afterValues),
      message: text(
        `字段 ${path} 收紧：${narrowed.join('、')}，部分已存值可能不再有效`,
        `field ${path} accepts less: ${narrowed.join(', ')}; some stored values may no longer be valid`,
      ),
    });
  }

  for (const keyword of ['x-calculated', 'x-visible'] as const) {
    if (sameJson(o[keyword], n[keyword])) continue;
    const what =
      keyword === 'x-calculated'
        ? text('计算规则', 'calculation')
        : text('显示条件', 'visibility rule');
    changes.push({
      path,
      kind: 'rule-changed',
      compatible: false,
      before: o[keyword],
      after: n[keyword],
      message: text(
        `字段 ${path} 的${what.zh}（${keyword}）已修改`,
        `the ${what.en} (${keyword}) of field ${path} changed`,
      ),
    });
  }
  return changes;
}

function pick(schema: Schema, keys: readonly string[]): Schema {
  return Object.fromEntries(keys.filter((k) => k in schema).map((k) => [k, schema[k]]));
}

/** Type names a schema allows, or undefined for any. */
function typeSet(schema: Schema): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  return undefined;
}

/** Whether every type of `inner` is allowed by `outer` (an integer is a number). */
function covers(outer: string[] | undefined, inner: string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((t) => outer.includes(t) || (t === 'integer' && outer.includes('number')));
}

function compareConstraints(
  o: Schema,
  n: Schema,
  prefix: string,
  note: (list: string[], keyword: string, before: unknown, after: unknown) => void,
  widened: string[],
  narrowed: string[],
) {
  const typesBefore = typeSet(o);
  const typesAfter = typeSet(n);
  if (!sameJson(typesBefore, typesAfter)) {
    const wider = covers(typesAfter, typesBefore);
    note(wider ? widened : narrowed, `${prefix}type`, o.type, n.type);
  }
  const bound = (keyword: string, tighter: (b: number, a: number) => boolean) => {
    const b = o[keyword];
    const a = n[keyword];
    if (sameJson(a, b)) return;
    if (typeof a !== 'number' && typeof b !== 'number') return;
    const narrows = typeof b !== 'number' || (typeof a === 'number' && tighter(b, a));
    note(narrows ? narrowed : widened, `${prefix}${keyword}`, b, a);
  };
  for (const keyword of LOWER_BOUNDS) bound(keyword, (b, a) => a > b);
  for (const keyword of UPPER_BOUNDS) bound(keyword, (b, a) => a < b);
  for (const keyword of EXACT_CONSTRAINTS) {
    if (sameJson(o[keyword], n[keyword])) continue;
    note(
      n[keyword] === undefined ? widened : narrowed,
      `${prefix}${keyword}`,
      o[keyword],
      n[keyword],
    );
  }
  if (o.uniqueItems !== n.uniqueItems) {
    note(
      n.uniqueItems === true ? narrowed : widened,
      `${prefix}uniqueItems`,
      o.uniqueItems,
      n.uniqueItems,
    );
  }
}

/** The options of a field (of its items for an array), code → zh label; undefined if free. */
function optionsOf(schema: Schema, tables: Tables): Map<string, string> | undefined {
  const target = schema.type === 'array' && isObject(schema.items) ? schema.items : schema;
  const id = target['x-code-table'] ?? schema['x-code-table'];
  const table = typeof id === 'string' && Object.hasOwn(tables, id) ? tables[id] : undefined;
  const labels = new Map(table?.codes.map((c) => [c.code, c.label.zh]) ?? []);
  let codes: string[] | undefined;
  if (Array.isArray(target.enum)) codes = target.enum.map(String);
  else if (Array.isArray(target.oneOf) && target.oneOf.every((o) => isObject(o) && 'const' in o)) {
    codes = (target.oneOf as Schema[]).map((o) => String(o.const));
    for (const o of target.oneOf as Schema[])
      if (typeof o.title === 'string') labels.set(String(o.const), o.title);
  } else if (table) codes = table.codes.filter((c) => !c.deprecated).map((c) => c.code);
  if (!codes) return undefined;
  return new Map(codes.map((c) => [c, labels.get(c) ?? c]));
}

function compareOptions(
  path: string,
  o: Schema,
  n: Schema,
  tablesBefore: Tables,
  tablesAfter: Tables,
  constraint: (kind: 'widened' | 'narrowed', before: unknown, after: unknown) => void,
): FormChange[] {
  const before = optionsOf(o, tablesBefore);
  const after = optionsOf(n, tablesAfter);
  if (!before && !after) return [];
  if (!before || !after) {
    constraint(
      after ? 'narrowed' : 'widened',
      before && [...before.keys()],
      after && [...after.keys()],
    );
    return [];
  }
  const codeOfLabel = new Map([...after].map(([code, label]) => [label, code]));
  const recoded: Record<string, string> = {};
  const removed: string[] = [];
  const relabelled: string[] = [];
  for (const [code, label] of before) {
    const now = codeOfLabel.get(label);
    if (now !== undefined && now !== code) recoded[code] = now;
    else if (!after.has(code)) removed.push(code);
    else if (after.get(code) !== label) relabelled.push(code);
  }
  const targets = new Set(Object.values(recoded));
  const addedCodes = [...after.keys()].filter((c) => !before.has(c) && !targets.has(c));
  const changes: FormChange[] = [];
  if (addedCodes.length)
    changes.push({
      path,
      kind: 'option-added',
      compatible: true,
      codes: addedCodes,
      after: addedCodes,
      message: text(
        `字段 ${path} 新增选项 ${addedCodes.join('、')}`,
        `field ${path} offers new options ${addedCodes.join(', ')}`,
      ),
    });
  if (removed.length)
    changes.push({
      path,
      kind: 'option-removed',
      compatible: false,
      codes: removed,
      before: removed,
      message: text(
        `字段 ${path} 删除选项 ${removed.join('、')}，已存的这些值不再有效`,
        `field ${path} no longer offers ${removed.join(', ')}: stored values using them become invalid`,
      ),
    });
  const pairs = Object.entries(recoded);
  if (pairs.length)
    changes.push({
      path,
      kind: 'option-recoded',
      compatible: false,
      map: recoded,
      before: Object.keys(recoded),
      after: Object.values(recoded),
      message: text(
        `字段 ${path} 选项改码：${pairs.map(([a, b]) => `${a}→${b}`).join('、')}`,
        `field ${path} options recoded: ${pairs.map(([a, b]) => `${a}→${b}`).join(', ')}`,
      ),
    });
  if (relabelled.length)
    changes.push({
      path,
      kind: 'label-changed',
      compatible: true,
      before: Object.fromEntries(relabelled.map((c) => [c, before.get(c)])),
      after: Object.fromEntries(relabelled.map((c) => [c, after.get(c)])),
      message: text(
        `字段 ${path} 选项 ${relabelled.join('、')} 的名称已修改`,
        `the labels of options ${relabelled.join(', ')} of field ${path} changed`,
      ),
    });
  return changes;
}

/** Form-level rules by id: added or changed (beyond the message) is breaking, removed is not. */
function compareRules(before: readonly FormRule[], after: readonly FormRule[]): FormChange[] {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const changes: FormChange[] = [];
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(id);
    const a = now.get(id);
    if (sameJson(a, b)) continue;
    const path = `/rules/${id}`;
    if (!b || !a) {
      changes.push({
        path,
        kind: 'rule-changed',
        compatible: !a,
        before: b,
        after: a,
        message: a
          ? text(
              `新增规则 ${id}，已存数据可能不满足它`,
              `rule ${id} was added: stored data may fail it`,
            )
          : text(`规则 ${id} 已删除`, `rule ${id} was removed`),
      });
      continue;
    }
    const messageOnly = sameJson({ ...a, message: null }, { ...b, message: null });
    changes.push({
      path,
      kind: 'rule-changed',
      compatible: messageOnly,
      before: b,
      after: a,
      message: messageOnly
        ? text(`规则 ${id} 的提示已修改`, `the message of rule ${id} changed`)
        : text(
            `规则 ${id} 已修改，已存数据可能不满足它`,
            `rule ${id} changed: stored data may fail it`,
          ),
    });
  }
  return changes;
}
