import type { CodeTable, FormDefinition, ParameterSet } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { diffForms } from './diffForms.js';
import type { FormChange } from './FormChange.js';
import { sameJson } from './sameJson.js';

/** A spec version or a compiled release as far as a diff needs it (a BaseSpec fits). */
export interface DiffableSpec {
  forms: Readonly<Record<string, FormDefinition>>;
  codeTables?: Readonly<Record<string, CodeTable>>;
  parameters?: ParameterSet;
  /** BPMN 2.0 XML by workflow key. */
  workflows?: Readonly<Record<string, string>>;
}

/** Keys present only in the new version, only in the old one, and in both but different. */
export interface KeyedChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface CodeTableChange {
  id: string;
  added: string[];
  removed: string[];
  /** Codes whose label changed. */
  relabelled: string[];
  /** Codes newly deprecated (no longer offered). */
  deprecated: string[];
  /** Codes no longer deprecated. */
  restored: string[];
}

export interface ParameterChange {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  message: LocalizedMessage;
}

export interface SpecDiff {
  forms: KeyedChanges & {
    /** The changes of every form in both versions that has some, by form key. */
    changes: Record<string, FormChange[]>;
  };
  codeTables: KeyedChanges & { changes: CodeTableChange[] };
  parameters: ParameterChange[];
  /** Workflows compared as XML text. */
  workflows: KeyedChanges;
  /** Whether every change is compatible (no form change breaking, nothing removed). */
  compatible: boolean;
}

function keyed<T>(
  before: Readonly<Record<string, T>>,
  after: Readonly<Record<string, T>>,
  same: (a: T, b: T) => boolean,
): KeyedChanges {
  const oldKeys = Object.keys(before).sort();
  const newKeys = Object.keys(after).sort();
  return {
    added: newKeys.filter((k) => !Object.hasOwn(before, k)),
    removed: oldKeys.filter((k) => !Object.hasOwn(after, k)),
    changed: oldKeys.filter((k) => Object.hasOwn(after, k) && !same(before[k]!, after[k]!)),
  };
}

/**
 * The differences between two versions of a spec (or two releases): per form the semantic
 * changes of `diffForms` (options from each side's code tables), forms, code tables and
 * workflows added, removed or changed, and parameters added, removed or changed (value or any
 * other property). Workflows are compared as text: any difference in the XML is a change.
 */
export function diffSpecs(before: DiffableSpec, after: DiffableSpec): SpecDiff {
  const tablesBefore = before.codeTables ?? {};
  const tablesAfter = after.codeTables ?? {};
  const formKeys = keyed(before.forms, after.forms, sameJson);
  const changes: Record<string, FormChange[]> = {};
  for (const key of Object.keys(before.forms).sort()) {
    if (!Object.hasOwn(after.forms, key)) continue;
    const list = diffForms(before.forms[key]!, after.forms[key]!, {
      codeTablesBefore: tablesBefore,
      codeTablesAfter: tablesAfter,
    });
    if (list.length) changes[key] = list;
  }
  // A form whose JSON is identical may still change through a code table it names.
  formKeys.changed = Object.keys(changes).sort();

  const tableKeys = keyed(tablesBefore, tablesAfter, sameJson);
  const tableChanges = tableKeys.changed.map((id) =>
    codeTableChange(tablesBefore[id]!, tablesAfter[id]!),
  );
  const parameters = parameterChanges(before.parameters, after.parameters);
  const workflows = keyed(before.workflows ?? {}, after.workflows ?? {}, (a, b) => a === b);
  const compatible =
    formKeys.removed.length === 0 &&
    Object.values(changes).every((list) => list.every((c) => c.compatible)) &&
    tableKeys.removed.length === 0 &&
    tableChanges.every((t) => t.removed.length === 0 && t.deprecated.length === 0) &&
    parameters.every((p) => p.kind !== 'removed') &&
    workflows.removed.length === 0;
  return {
    forms: { ...formKeys, changes },
    codeTables: { ...tableKeys, changes: tableChanges },
    parameters,
    workflows,
    compatible,
  };
}

function codeTableChange(before: CodeTable, after: CodeTable): CodeTableChange {
  const old = new Map(before.codes.map((c) => [c.code, c]));
  const now = new Map(after.codes.map((c) => [c.code, c]));
  const both = [...old.keys()].filter((c) => now.has(c));
  return {
    id: after.id,
    added: [...now.keys()].filter((c) => !old.has(c)),
    removed: [...old.keys()].filter((c) => !now.has(c)),
    relabelled: both.filter((c) => !sameJson(old.get(c)!.label, now.get(c)!.label)),
    deprecated: both.filter((c) => !old.get(c)!.deprecated && now.get(c)!.deprecated),
    restored: both.filter((c) => old.get(c)!.deprecated && !now.get(c)!.deprecated),
  };
}

function parameterChanges(before?: ParameterSet, after?: ParameterSet): ParameterChange[] {
  const old = new Map((before?.parameters ?? []).map((p) => [p.key, p]));
  const now = new Map((after?.parameters ?? []).map((p) => [p.key, p]));
  const changes: ParameterChange[] = [];
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const b = old.get(key);
    const a = now.get(key);
    if (sameJson(a, b)) continue;
    if (!a || !b) {
      changes.push({
        key,
        kind: a ? 'added' : 'removed',
        before: b?.value,
        after: a?.value,
        message: a
          ? { zh: `新增参数 ${key}`, en: `parameter ${key} was added` }
          : { zh: `参数 ${key} 已删除`, en: `parameter ${key} was removed` },
      });
      continue;
    }
    changes.push({
      key,
      kind: 'changed',
      before: b.value,
      after: a.value,
      message:
        a.value === b.value
          ? { zh: `参数 ${key} 的定义已修改`, en: `the definition of parameter ${key} changed` }
          : {
              zh: `参数 ${key} 从 ${String(b.value)} 改为 ${String(a.value)}`,
              en: `parameter ${key} changed from ${String(b.value)} to ${String(a.value)}`,
            },
    });
  }
  return changes;
}
