import { checkSchemaLimits, type LocalizedText } from '@formwork/definitions';
import { fail, problem, type DesignProblem } from '../DesignProblem.js';
import { fieldName, requireField, type FieldAt } from '../fields.js';
import type { FormDocument } from '../FormDocument.js';
import { isObject, sameJson, type JsonObject } from '../immutable.js';
import { lockOf, lockedProblem } from '../locks.js';
import type { DeviceKind } from '../palette/index.js';
import { schemaPointer } from '../pointer.js';
import { setRequired, updateFieldSchema } from './schemaEdits.js';

/**
 * What the property panel changes on a field. Absent: unchanged; `null`: removed.
 * `minimum`/`maximum` bound a number's value, a text's length or a list's number of items.
 */
export interface FieldPatch {
  label?: Partial<LocalizedText>;
  help?: Partial<LocalizedText> | null;
  required?: boolean;
  minimum?: number | null;
  maximum?: number | null;
  pattern?: string | null;
  /** The code table of a choice field (it must exist: create it first with createCodeTable). */
  codeTable?: string;
  dataElement?: string | null;
  unit?: string | null;
  /** `x-locked`: whether forms deriving from this one may change the field. */
  locked?: boolean;
  device?: { kind: DeviceKind; reading: string } | null;
}

export type FieldProperty = keyof FieldPatch;

const DATA_ELEMENT = /^DE\d{2}\.\d{2}\.\d{3}\.\d{2}$/;

/** The schema keywords `minimum` / `maximum` set for a field of this type. */
function boundKeywords(schema: JsonObject): [string, string] | undefined {
  if (schema.type === 'number' || schema.type === 'integer') return ['minimum', 'maximum'];
  if (schema.type === 'string' && schema.format === undefined && !('x-code-table' in schema))
    return ['minLength', 'maxLength'];
  if (schema.type === 'array') return ['minItems', 'maxItems'];
  return undefined;
}

/** Which keywords a patch touches, and whether a field the base locks may take the change. */
function lockAllows(field: FieldAt, patch: FieldPatch): boolean {
  const bounds = boundKeywords(field.schema);
  for (const key of Object.keys(patch) as FieldProperty[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (key === 'required') {
      if (value !== true && field.required) return false;
    } else if (key === 'minimum' || key === 'maximum') {
      const keyword = bounds?.[key === 'minimum' ? 0 : 1];
      const now = keyword ? field.schema[keyword] : undefined;
      if (value === null) {
        if (now !== undefined) return false;
      } else if (typeof now === 'number') {
        if (key === 'minimum' ? (value as number) < now : (value as number) > now) return false;
      }
    } else if (key === 'locked') {
      if (value !== true) return false;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Changes properties of a field (one panel edit: one command, one undo step). Refused, with
 * the problems, when a value is not one `definitions` accepts (a data element id, a pattern RE2
 * cannot run or that is too complex, a range upside down, a code table that does not exist) or
 * when the base locks the field and the change is more than tightening it or making it required.
 */
export function updateField(document: FormDocument, path: string, patch: FieldPatch): FormDocument {
  const definition = document.definition;
  const field = requireField(definition, path);
  const lock = lockOf(document, path);
  if (lock && !lockAllows(field, patch))
    fail(
      'forbidden',
      lockedProblem(
        document,
        field,
        { zh: '修改（只能收紧范围或设为必填）', en: 'changed (only tightened or made required)' },
        lock,
      ),
    );
  const at = schemaPointer(path);
  const problems: DesignProblem[] = [];
  const bad = (code: string, keyword: string, zh: string, en: string) =>
    problems.push(problem(code, `${at}/${keyword}`, zh, en, { field: path }));
  const name = fieldName(field);
  const changes: Record<string, unknown> = {};

  if (patch.label) {
    if (patch.label.zh !== undefined) {
      if (!patch.label.zh.trim() || patch.label.zh.length > 500)
        bad(
          'label-invalid',
          'title',
          '中文标签不能为空，最多 500 个字符',
          'the Chinese label must be 1–500 characters',
        );
      changes.title = patch.label.zh;
    }
    if (patch.label.en !== undefined) {
      if (patch.label.en.length > 200)
        bad(
          'label-invalid',
          'x-title-en',
          '英文标签最多 200 个字符',
          'the English label is at most 200 characters',
        );
      changes['x-title-en'] = patch.label.en === '' ? undefined : patch.label.en;
    }
  }
  if (patch.help !== undefined) {
    if (patch.help === null) {
      changes.description = undefined;
      changes['x-description-en'] = undefined;
    } else {
      if (patch.help.zh !== undefined) changes.description = patch.help.zh || undefined;
      if (patch.help.en !== undefined) changes['x-description-en'] = patch.help.en || undefined;
    }
  }
  if (patch.minimum !== undefined || patch.maximum !== undefined) {
    const bounds = boundKeywords(field.schema);
    if (!bounds) {
      bad(
        'range-not-applicable',
        'type',
        `${name.zh}没有可设置的范围`,
        `${name.en} has no range to set`,
      );
    } else {
      const [lowKey, highKey] = bounds;
      const low = patch.minimum === undefined ? field.schema[lowKey] : patch.minimum;
      const high = patch.maximum === undefined ? field.schema[highKey] : patch.maximum;
      for (const [keyword, value] of [
        [lowKey, patch.minimum],
        [highKey, patch.maximum],
      ] as const) {
        if (value === undefined) continue;
        if (value !== null && !Number.isFinite(value))
          bad('range-invalid', keyword, '范围必须是有限数值', 'a bound must be a finite number');
        else if (value !== null && lowKey !== 'minimum' && (!Number.isInteger(value) || value < 0))
          bad(
            'range-invalid',
            keyword,
            '长度和条数必须是非负整数',
            'lengths and counts must be whole numbers ≥ 0',
          );
        changes[keyword] = value ?? undefined;
      }
      if (typeof low === 'number' && typeof high === 'number' && low > high)
        bad(
          'empty-range',
          highKey,
          `最小值 ${low} 大于最大值 ${high}`,
          `the minimum ${low} is above the maximum ${high}`,
        );
    }
  }
  if (patch.pattern !== undefined) {
    if (field.schema.type !== 'string')
      bad(
        'pattern-not-applicable',
        'pattern',
        '只有文本字段可以设置格式',
        'only text fields take a pattern',
      );
    else if (patch.pattern !== null) {
      for (const p of checkSchemaLimits({ type: 'string', pattern: patch.pattern }))
        bad(p.code, 'pattern', p.message.zh, p.message.en);
    }
    changes.pattern = patch.pattern ?? undefined;
  }
  if (patch.dataElement !== undefined) {
    if (patch.dataElement !== null && !DATA_ELEMENT.test(patch.dataElement))
      bad(
        'data-element-invalid',
        'x-de',
        '数据元标识应形如 DE04.10.174.00',
        'a data element id looks like DE04.10.174.00',
      );
    changes['x-de'] = patch.dataElement ?? undefined;
  }
  if (patch.unit !== undefined) {
    if (patch.unit !== null && (patch.unit.length < 1 || patch.unit.length > 32))
      bad('unit-invalid', 'x-unit', '单位为 1–32 个字符', 'a unit is 1–32 characters');
    changes['x-unit'] = patch.unit || undefined;
  }
  if (patch.locked !== undefined) changes['x-locked'] = patch.locked ? true : undefined;
  if (patch.device !== undefined) {
    changes['x-device'] = patch.device ?? undefined;
  }
  let itemChanges: Record<string, unknown> | undefined;
  if (patch.codeTable !== undefined) {
    const table = document.codeTables[patch.codeTable];
    const multi = field.schema.type === 'array' && isObject(field.schema.items);
    if (!table)
      bad(
        'code-table-unknown',
        'x-code-table',
        `代码表 "${patch.codeTable}" 不存在`,
        `code table "${patch.codeTable}" is not known`,
      );
    else if (!multi && !('x-code-table' in field.schema))
      bad(
        'code-table-not-applicable',
        'x-code-table',
        `${name.zh}不是选择题`,
        `${name.en} is not a choice`,
      );
    if (multi) {
      itemChanges = { 'x-code-table': patch.codeTable, enum: undefined };
      if (table) changes.maxItems = table.codes.filter((c) => !c.deprecated).length;
    } else {
      changes['x-code-table'] = patch.codeTable;
      changes.enum = undefined;
    }
  }
  if (problems.length) fail('invalid', ...problems);

  let next = definition;
  if (Object.keys(changes).length || itemChanges) {
    next = updateFieldSchema(next, field, (schema) => {
      const copy: JsonObject = { ...schema };
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) delete copy[k];
        else copy[k] = v;
      }
      if (itemChanges && isObject(schema.items)) {
        const items: JsonObject = { ...schema.items };
        for (const [k, v] of Object.entries(itemChanges)) {
          if (v === undefined) delete items[k];
          else items[k] = v;
        }
        copy.items = items;
      }
      return sameJson(copy, schema) ? schema : copy;
    });
  }
  if (patch.required !== undefined)
    next = setRequired(next, field.container, field.name, patch.required);
  return next === definition ? document : Object.freeze({ ...document, definition: next });
}
