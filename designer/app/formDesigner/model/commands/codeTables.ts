import { validateMetadata, type CodeTable } from '@formwork/definitions';
import { fail, problem } from '../DesignProblem.js';
import type { FormDocument } from '../FormDocument.js';
import { assign, deepFreeze, isObject, type JsonObject } from '../immutable.js';
import { lockedCodeTables } from '../locks.js';
import { toPointer } from '../pointer.js';

function checked(table: CodeTable): CodeTable {
  const problems = validateMetadata('code-table', table);
  if (problems.length)
    fail(
      'invalid',
      ...problems.map((p) =>
        problem(
          'code-table-invalid',
          `/codeTables/${table?.id ?? ''}${p.path}`,
          p.message.zh,
          p.message.en,
        ),
      ),
    );
  const codes = new Set<string>();
  for (const [i, c] of table.codes.entries()) {
    if (codes.has(c.code))
      fail(
        'invalid',
        problem(
          'code-duplicate',
          `/codeTables/${table.id}/codes/${i}/code`,
          `代码 ${c.code} 重复`,
          `code ${c.code} appears twice`,
        ),
      );
    codes.add(c.code);
  }
  return deepFreeze(structuredClone(table));
}

/** Creates a code table (zh/en labels, codes) the form's choice fields can then use. */
export function createCodeTable(document: FormDocument, table: CodeTable): FormDocument {
  if (isObject(table) && Object.hasOwn(document.codeTables, table.id))
    fail(
      'conflict',
      problem(
        'code-table-exists',
        `/codeTables/${table.id}`,
        `代码表 ${table.id} 已存在`,
        `code table ${table.id} already exists`,
      ),
    );
  return Object.freeze({
    ...document,
    codeTables: assign(document.codeTables, { [table.id]: checked(table) }),
  });
}

/**
 * Replaces a code table's title and codes (same id). Refused for a table a field locked by the
 * base uses (as `definitions`' overlays refuse adding options to it). Lint then shows fields
 * whose listed options left the table.
 */
export function updateCodeTable(document: FormDocument, table: CodeTable): FormDocument {
  if (!Object.hasOwn(document.codeTables, table.id))
    fail(
      'not_found',
      problem(
        'code-table-unknown',
        `/codeTables/${table.id}`,
        `代码表 ${table.id} 不存在`,
        `code table ${table.id} is not known`,
      ),
    );
  const lockedBy = lockedCodeTables(document).get(table.id);
  if (lockedBy !== undefined)
    fail(
      'forbidden',
      problem(
        'locked',
        `/codeTables/${table.id}`,
        `代码表 ${table.id} 被 ${document.base!.name} 锁定的字段 ${lockedBy} 使用，不能修改`,
        `code table ${table.id} is used by field ${lockedBy}, locked by ${document.base!.name}: it may not be changed`,
        { field: lockedBy },
      ),
    );
  return Object.freeze({
    ...document,
    codeTables: assign(document.codeTables, { [table.id]: checked(table) }),
  });
}

/** The fields of the form that take their options from a code table. */
export function codeTableUsage(document: FormDocument, id: string): string[] {
  const used: string[] = [];
  const visit = (schema: JsonObject, segments: string[]) => {
    const items = isObject(schema.items) ? schema.items : undefined;
    if (segments.length && (schema['x-code-table'] === id || items?.['x-code-table'] === id))
      used.push(toPointer(segments));
    if (isObject(schema.properties))
      for (const [name, child] of Object.entries(schema.properties))
        if (isObject(child)) visit(child, [...segments, name]);
    if (items && items.type === 'object') visit(items, [...segments, '-']);
  };
  visit(document.definition.schema as JsonObject, []);
  return used;
}

/** Every code table the form uses, by id. */
export function usedCodeTables(document: FormDocument): string[] {
  const ids = new Set<string>();
  const visit = (schema: JsonObject) => {
    for (const node of [schema, isObject(schema.items) ? schema.items : {}])
      if (typeof node['x-code-table'] === 'string') ids.add(node['x-code-table']);
    if (isObject(schema.properties))
      for (const child of Object.values(schema.properties)) if (isObject(child)) visit(child);
    if (isObject(schema.items)) visit(schema.items);
  };
  visit(document.definition.schema as JsonObject);
  return [...ids];
}
