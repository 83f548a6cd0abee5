import type { FormDefinition } from '@formwork/definitions';
import type { FormDocument } from './FormDocument.js';
import { fail, problem, type DesignProblem } from './DesignProblem.js';
import { fieldAt, fieldName, type FieldAt } from './fields.js';
import { isObject, sameJson, type JsonObject } from './immutable.js';
import { schemaPointer } from './pointer.js';

/**
 * Locks are the base's, as `definitions`' overlays read them (`x-locked: true` on a field of the
 * base form): such a field keeps its meaning — it may only be tightened (a higher minimum, a
 * lower maximum) or made required, and reordered where it is. Relabelling, changing its help,
 * type, code table, data element, unit, pattern, visibility or calculation, unlocking, moving it
 * to another group and removing it are refused, as are changes to a code table such a field
 * uses. A form with no base has no locks: its author sets `x-locked` for those deriving from it.
 */
export interface FieldLock {
  field: string;
  /** The base that locks it (`national-phs@3.0.1`). */
  by: string;
}

/** The lock on a field, if its base locks it. */
export function lockOf(document: FormDocument, path: string): FieldLock | undefined {
  const base = document.base;
  if (!base) return undefined;
  const field = fieldAt(base.definition, path);
  return field?.schema['x-locked'] === true ? { field: path, by: base.name } : undefined;
}

/** The `locked` problem for an action on a locked field. */
export function lockedProblem(
  document: FormDocument,
  field: Pick<FieldAt, 'schema' | 'name' | 'path'>,
  action: { zh: string; en: string },
  lock: FieldLock,
): DesignProblem {
  const name = fieldName(field);
  return problem(
    'locked',
    schemaPointer(field.path),
    `字段 ${name.zh} 由 ${lock.by} 锁定（x-locked），不能${action.zh}`,
    `field ${name.en} is locked by ${lock.by} (x-locked) and may not be ${action.en}`,
    { field: field.path },
  );
}

/** Refuses (DesignError `locked`) when the base locks the field. */
export function assertUnlocked(
  document: FormDocument,
  field: Pick<FieldAt, 'schema' | 'name' | 'path'>,
  action: { zh: string; en: string },
): void {
  const lock = lockOf(document, field.path);
  if (lock) fail('forbidden', lockedProblem(document, field, action, lock));
}

/** Ids of the code tables a locked field of the base takes its options from. */
export function lockedCodeTables(document: FormDocument): Map<string, string> {
  const tables = new Map<string, string>();
  if (!document.base) return tables;
  const visit = (schema: JsonObject, path: string) => {
    if (schema['x-locked'] === true) {
      const items = isObject(schema.items) ? schema.items : {};
      for (const id of [schema['x-code-table'], items['x-code-table']])
        if (typeof id === 'string' && !tables.has(id)) tables.set(id, path);
    }
    if (isObject(schema.properties))
      for (const [name, child] of Object.entries(schema.properties))
        if (isObject(child)) visit(child, `${path}/${name}`);
    if (isObject(schema.items)) visit(schema.items, `${path}/-`);
  };
  visit(document.base.definition.schema as JsonObject, '');
  return tables;
}

const LOWER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;

/** Whether `next` keeps `was` (a locked field's schema) apart from tightening its bounds. */
function keepsLockedField(was: JsonObject, next: JsonObject): boolean {
  const keys = new Set([...Object.keys(was), ...Object.keys(next)]);
  for (const key of keys) {
    if (key === 'properties' || key === 'items') continue; // children are checked themselves
    const a = was[key];
    const b = next[key];
    if ((LOWER as readonly string[]).includes(key)) {
      if (a === undefined) continue;
      if (typeof b !== 'number' || typeof a !== 'number' || b < a) return false;
    } else if ((UPPER as readonly string[]).includes(key)) {
      if (a === undefined) continue;
      if (typeof b !== 'number' || typeof a !== 'number' || b > a) return false;
    } else if (!sameJson(a, b)) return false;
  }
  const wasItems = isObject(was.items) ? { ...was.items, properties: undefined } : undefined;
  const nextItems = isObject(next.items) ? { ...next.items, properties: undefined } : undefined;
  return (
    sameJson(wasItems, nextItems) ||
    (!!wasItems && !!nextItems && keepsLockedField(wasItems, nextItems))
  );
}

/**
 * Problems of a whole new definition (a JSON edit) against the base's locks: each locked field
 * must still be there, in the same group, keeping its meaning (bounds may only tighten).
 */
export function checkLocks(
  document: FormDocument,
  definition: Readonly<FormDefinition>,
): DesignProblem[] {
  const base = document.base;
  if (!base) return [];
  const problems: DesignProblem[] = [];
  const visit = (schema: JsonObject, path: string) => {
    if (isObject(schema.properties))
      for (const [name, child] of Object.entries(schema.properties)) {
        if (!isObject(child)) continue;
        const childPath = `${path}/${name}`;
        if (child['x-locked'] === true) {
          const now = fieldAt(definition, childPath);
          const lock = { field: childPath, by: base.name };
          const field = { schema: child, name, path: childPath };
          if (!now) {
            problems.push(
              lockedProblem(document, field, { zh: '删除或移动', en: 'removed or moved' }, lock),
            );
          } else if (!keepsLockedField(child, now.schema)) {
            problems.push(
              lockedProblem(
                document,
                field,
                {
                  zh: '修改（只能收紧范围或设为必填）',
                  en: 'changed (only tightened or made required)',
                },
                lock,
              ),
            );
          }
        }
        visit(child, childPath);
      }
    if (isObject(schema.items)) visit(schema.items, `${path}/-`);
  };
  visit(base.definition.schema as JsonObject, '');
  return problems;
}
