import type { FormChange } from '../diff/FormChange.js';
import { isObject, walkFields } from '../forms/schemaWalk.js';
import type {
  CodeTable,
  FormDefinition,
  MigrationDecision,
  MigrationPlan,
  MigrationStep,
} from '../types/generated.js';
import { knownConversion } from './knownConversion.js';

export interface PlanMigrationForms {
  before: FormDefinition;
  after: FormDefinition;
  /** Code tables of the new version: lists the codes a recode may choose from. */
  codeTablesAfter?: Readonly<Record<string, CodeTable>>;
}

/** Steps run renames first (later steps use new paths), drops last. */
const STEP_ORDER: readonly MigrationStep['op'][] = [
  'rename',
  'recode',
  'convert-unit',
  'transform',
  'set-default',
  'drop',
];

const stepPath = (s: MigrationStep) => (s.op === 'rename' ? s.to : s.path);

/**
 * Drafts the migration of stored submissions from `forms.before` to `forms.after` out of their
 * diff (`diffForms`). What follows from the diff becomes a step; what a person must decide is a
 * decision (`required` ones block completion), its step left incomplete until `completePlan`:
 * - field-renamed → rename; option-recoded → recode with the map;
 * - option-removed → recode, and a required `recode-table` decision (old code → new code);
 * - unit-changed → convert-unit, with a required `unit-conversion` decision unless the
 *   conversion is known (knownConversion); rounded to whole numbers for an integer field;
 * - a new required field or required-added → set-default with the schema `default`, else a
 *   required `default-value` decision (calculated fields are recomputed and need none);
 * - field-removed → drop (the original payload keeps the value), and an optional
 *   `rename-or-drop` decision when fields were added, in case it was renamed;
 * - type-narrowed → an optional `transform` decision (JsonLogic over the old record).
 * Compatible changes need nothing.
 */
export function planMigration(
  changes: readonly FormChange[],
  forms: PlanMigrationForms,
): MigrationPlan {
  const { before, after } = forms;
  const fields = new Map(walkFields(after.schema).map((f) => [f.path, f]));
  const steps: MigrationStep[] = [];
  const decisions: MigrationDecision[] = [];
  const recodes = new Map<string, Extract<MigrationStep, { op: 'recode' }>>();
  const recodeAt = (path: string) => {
    let step = recodes.get(path);
    if (!step) {
      step = { op: 'recode', path, map: {} };
      recodes.set(path, step);
      steps.push(step);
    }
    return step;
  };
  const decide = (
    code: MigrationDecision['code'],
    path: string,
    required: boolean,
    zh: string,
    en: string,
    choices?: string[],
  ) =>
    decisions.push({
      id: `${code}:${path}`,
      code,
      path,
      required,
      message: { zh, en },
      ...(choices ? { choices } : {}),
    });
  const addedPaths = changes
    .filter((c) => c.kind === 'field-added')
    .map((c) => c.path)
    .sort();

  for (const change of changes) {
    const { path } = change;
    const field = fields.get(path);
    switch (change.kind) {
      case 'field-renamed':
        steps.push({ op: 'rename', from: change.from!, to: change.to! });
        break;
      case 'option-recoded':
        Object.assign(recodeAt(path).map, change.map);
        break;
      case 'option-removed': {
        recodeAt(path);
        const codes = change.codes ?? [];
        decide(
          'recode-table',
          path,
          true,
          `字段 ${path} 删除了选项 ${codes.join('、')}：请为每个旧代码指定新代码`,
          `field ${path} no longer offers ${codes.join(', ')}: map each old code to a code still offered`,
          optionCodes(field?.schema, forms.codeTablesAfter),
        );
        break;
      }
      case 'unit-changed': {
        const fromUnit = typeof change.before === 'string' ? change.before : undefined;
        const toUnit = typeof change.after === 'string' ? change.after : undefined;
        const known = knownConversion(fromUnit, toUnit, { path, schema: field?.schema });
        steps.push({
          op: 'convert-unit',
          path,
          ...(fromUnit !== undefined ? { fromUnit } : {}),
          ...(toUnit !== undefined ? { toUnit } : {}),
          ...(known ?? {}),
          ...(field?.schema.type === 'integer' ? { decimals: 0 } : {}),
        });
        if (!known)
          decide(
            'unit-conversion',
            path,
            true,
            `字段 ${path} 的单位从 ${fromUnit ?? '无'} 改为 ${toUnit ?? '无'}：请给出换算（新值 = 旧值 × 系数 + 偏移）`,
            `the unit of field ${path} changed from ${fromUnit ?? 'none'} to ${toUnit ?? 'none'}: give the conversion (new = old × factor + offset)`,
          );
        break;
      }
      case 'field-added':
      case 'required-added': {
        if (change.compatible && change.kind === 'field-added') break;
        if (!field || 'x-calculated' in field.schema) break;
        if ('default' in field.schema) {
          steps.push({ op: 'set-default', path, value: structuredClone(field.schema.default) });
          break;
        }
        steps.push({ op: 'set-default', path });
        decide(
          'default-value',
          path,
          true,
          `字段 ${path} 现为必填：请给出没有该值的已存数据应填入的值`,
          `field ${path} is now required: give the value stored data without it gets`,
          optionCodes(field.schema, forms.codeTablesAfter),
        );
        break;
      }
      case 'field-removed': {
        steps.push({ op: 'drop', path });
        if (addedPaths.length)
          decide(
            'rename-or-drop',
            path,
            false,
            `字段 ${path} 已删除：如果它改名为新增字段之一，请指明；否则其值只保留在原始数据中`,
            `field ${path} was removed: if it was renamed to one of the added fields say which; else its values stay in the original payload only`,
            addedPaths,
          );
        break;
      }
      case 'type-narrowed':
        decide(
          'transform',
          path,
          false,
          `字段 ${path} 的定义收紧：可给出 JsonLogic 转换（针对旧记录求值），使已存值符合新定义`,
          `field ${path} accepts less now: a JsonLogic transform (evaluated over the old record) may fit stored values to it`,
        );
        break;
      default:
        break;
    }
  }
  steps.sort(
    (a, b) =>
      STEP_ORDER.indexOf(a.op) - STEP_ORDER.indexOf(b.op) ||
      (stepPath(a) < stepPath(b) ? -1 : stepPath(a) > stepPath(b) ? 1 : 0),
  );
  decisions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    form: after.key,
    fromVersion: before.version,
    toVersion: after.version,
    steps,
    decisions,
  };
}

/** The codes a field (or its array items) offers in the new version, when known. */
function optionCodes(
  schema: Record<string, unknown> | undefined,
  tables: Readonly<Record<string, CodeTable>> | undefined,
): string[] | undefined {
  if (!schema) return undefined;
  const target = schema.type === 'array' && isObject(schema.items) ? schema.items : schema;
  if (Array.isArray(target.enum)) return target.enum.map(String);
  const id = target['x-code-table'];
  const table =
    typeof id === 'string' && tables && Object.hasOwn(tables, id) ? tables[id] : undefined;
  return table?.codes.filter((c) => !c.deprecated).map((c) => c.code);
}
