import type { ValidateFunction } from 'ajv';
import { compileSchemaSafely } from '../limits/compileSchemaSafely.js';
import { reasonOf } from '../limits/guardValidate.js';
import type { SchemaLimits } from '../limits/schemaLimits.js';
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import { checkRule } from '../rules/checkRule.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import {
  evaluateRule,
  isTruthy,
  RuleError,
  systemClock,
  type RuleClock,
} from '../rules/evaluateRule.js';
import type { CodeTable, FormDefinition, FormRule } from '../types/generated.js';
import type { Ajv2020 } from '../validation/createAjv.js';
import {
  RULE_FAILED,
  toFormErrors,
  validationFailed,
  type FormError,
} from '../validation/formErrors.js';
import type { CompiledForm, FieldInfo, Locale, ProcessResult } from './CompiledForm.js';
import { FormDefinitionError, type DefinitionProblem } from './FormDefinitionError.js';
import { fingerprint } from './fingerprint.js';
import {
  deleteAt,
  escapeSegment,
  getAt,
  isObject,
  setAt,
  walkFields,
  type FieldNode,
} from './schemaWalk.js';

export interface CompileFormOptions {
  /** Code tables the form's x-code-table keywords name, by id. */
  codeTables?: Readonly<Record<string, CodeTable>>;
  limits?: Partial<SchemaLimits>;
}

interface RuleField {
  node: FieldNode;
  rule: unknown;
}

const clone = <T>(value: T): T => structuredClone(value);

/** Fills in code-table options: `enum` from the table, checked when the schema lists its own. */
function applyCodeTables(
  fields: FieldNode[],
  codeTables: Readonly<Record<string, CodeTable>>,
  problems: DefinitionProblem[],
) {
  for (const field of fields) {
    const target =
      field.schema.type === 'array' && isObject(field.schema.items)
        ? field.schema.items
        : field.schema;
    const id = (target['x-code-table'] ?? field.schema['x-code-table']) as string | undefined;
    if (id === undefined) continue;
    const table = codeTables[id];
    if (!table) {
      problems.push({
        path: `/schema${schemaPointer(field)}/x-code-table`,
        code: 'code-table-unknown',
        message: { zh: `代码表 "${id}" 不存在`, en: `code table "${id}" is not known` },
      });
      continue;
    }
    const codes = table.codes.filter((c) => !c.deprecated).map((c) => c.code);
    if (Array.isArray(target.enum)) {
      const extra = (target.enum as unknown[]).filter((c) => !codes.includes(String(c)));
      if (extra.length) {
        problems.push({
          path: `/schema${schemaPointer(field)}/enum`,
          code: 'code-not-in-table',
          message: {
            zh: `选项 ${extra.join('、')} 不在代码表 "${id}" 中`,
            en: `options ${extra.join(', ')} are not in code table "${id}"`,
          },
        });
      }
    } else {
      target.enum = codes;
    }
  }
}

function schemaPointer(field: FieldNode): string {
  return field.segments
    .map((s) => (s === '-' ? '/items' : `/properties/${escapeSegment(s)}`))
    .join('');
}

function localized(schema: Record<string, unknown>): { zh: string; en: string } | undefined {
  if (typeof schema.title !== 'string') return undefined;
  const en = typeof schema['x-title-en'] === 'string' ? schema['x-title-en'] : schema.title;
  return { zh: schema.title, en };
}

/**
 * Compiles a form definition: checks it against its meta-schema and the hostile-schema limits,
 * checks every rule, resolves code tables, compiles the Ajv validator once, and returns a
 * CompiledForm whose `process` is the single path data takes, in the browser and on the server.
 * Throws FormDefinitionError listing every problem found.
 */
export function compileForm(
  ajv: Ajv2020,
  definition: unknown,
  options: CompileFormOptions = {},
): CompiledForm {
  const key =
    isObject(definition) && typeof definition.key === 'string' ? definition.key : '(unnamed)';
  const metaProblems = validateMetadata('form-definition', definition);
  if (metaProblems.length) {
    throw new FormDefinitionError(
      key,
      metaProblems.map((e) => ({ path: e.path, code: `meta:${e.keyword}`, message: e.message })),
    );
  }
  const def = clone(definition) as FormDefinition;
  const problems: DefinitionProblem[] = [];
  const schema = def.schema as Record<string, unknown>;
  if (schema.type !== 'object') {
    problems.push({
      path: '/schema/type',
      code: 'root-not-object',
      message: {
        zh: '表单数据的根必须是 object',
        en: 'the root of form data must be type "object"',
      },
    });
  }

  const nodes = walkFields(schema);
  applyCodeTables(nodes, options.codeTables ?? {}, problems);

  const calculated: RuleField[] = [];
  const conditional: RuleField[] = [];
  for (const node of nodes) {
    for (const [keyword, list] of [
      ['x-calculated', calculated],
      ['x-visible', conditional],
    ] as const) {
      if (!(keyword in node.schema)) continue;
      const at = `/schema${schemaPointer(node)}/${keyword}`;
      if (node.inArray) {
        problems.push({
          path: at,
          code: 'rule-in-array',
          message: {
            zh: `${keyword} 不支持用于数组元素内的字段`,
            en: `${keyword} is not supported on fields inside array items`,
          },
        });
        continue;
      }
      for (const p of checkRule(node.schema[keyword])) {
        problems.push({ path: `${at}${p.path}`, code: 'rule-invalid', message: p.message });
      }
      list.push({ node, rule: node.schema[keyword] });
    }
  }
  const orderedCalculated = orderCalculated(calculated, problems);
  const fieldPaths = new Set(nodes.map((n) => n.path));
  (def.rules ?? []).forEach((rule, i) => {
    for (const part of ['when', 'assert'] as const) {
      if (part in rule) {
        for (const p of checkRule(rule[part])) {
          problems.push({
            path: `/rules/${i}/${part}${p.path}`,
            code: 'rule-invalid',
            message: p.message,
          });
        }
      }
    }
    if (rule.path !== '' && !fieldPaths.has(rule.path)) {
      problems.push({
        path: `/rules/${i}/path`,
        code: 'rule-path-unknown',
        message: {
          zh: `规则 ${rule.id} 指向不存在的字段 ${rule.path}`,
          en: `rule ${rule.id} points at no field: ${rule.path}`,
        },
      });
    }
  });

  // A field shown only under a condition is required only while shown: its `required` entry is
  // taken out of the schema and checked here instead.
  const conditionallyRequired = conditional.filter((c) => c.node.required);
  for (const { node } of conditionallyRequired) {
    const name = node.segments[node.segments.length - 1]!;
    node.parent.required = (node.parent.required as string[]).filter((r) => r !== name);
  }

  let validate: ValidateFunction | undefined;
  if (!problems.length) {
    const compiled = compileSchemaSafely(ajv, schema, options.limits);
    if (compiled.ok) validate = compiled.validate;
    else for (const p of compiled.problems) problems.push({ ...p, path: `/schema${p.path}` });
  }
  if (problems.length || !validate) throw new FormDefinitionError(key, problems);

  const fields: FieldInfo[] = nodes.map((node) => ({
    path: node.path,
    title: localized(node.schema),
    type: typeof node.schema.type === 'string' ? node.schema.type : undefined,
    required: node.required,
    ...(typeof node.schema['x-de'] === 'string' ? { dataElement: node.schema['x-de'] } : {}),
    ...(typeof node.schema['x-unit'] === 'string' ? { unit: node.schema['x-unit'] } : {}),
    ...(typeof node.schema['x-code-table'] === 'string'
      ? { codeTable: node.schema['x-code-table'] }
      : {}),
    ...(typeof node.schema['x-sensitive'] === 'string'
      ? { sensitive: node.schema['x-sensitive'] }
      : {}),
    locked: node.schema['x-locked'] === true,
    calculated: 'x-calculated' in node.schema,
    conditional: 'x-visible' in node.schema,
  }));
  const titles = new Map(fields.map((f) => [f.path, f.title]));
  const rules: readonly FormRule[] = def.rules ?? [];
  const check = validate;

  const labelled = (error: FormError): FormError => {
    const title = titles.get(error.path);
    if (!title || error.keyword.startsWith('x-rule:')) return error;
    return {
      ...error,
      message: { zh: `${title.zh}：${error.message.zh}`, en: `${title.en}: ${error.message.en}` },
    };
  };

  /** A field's title for a message, or its pointer alone when it has none. */
  const fieldName = (path: string) => {
    const title = titles.get(path);
    return title
      ? { zh: `${title.zh}（${path}）`, en: `${title.en} (${path})` }
      : { zh: path, en: path };
  };

  function process(input: unknown, clock: RuleClock = systemClock): ProcessResult {
    if (!isObject(input)) {
      return {
        valid: false,
        data: {},
        hidden: [],
        errors: [
          {
            path: '',
            keyword: 'type',
            message: { zh: '数据必须是对象', en: 'data must be an object' },
          },
        ],
      };
    }
    let data: Record<string, unknown>;
    try {
      data = clone(input);
    } catch (error) {
      // structuredClone overflows the stack on data nested some thousands deep: bad input.
      return { valid: false, data: {}, hidden: [], errors: [validationFailed(reasonOf(error))] };
    }
    const errors: FormError[] = [];
    // Calculated fields are always recomputed, never trusted from the client, in dependency
    // order (a field computed from another computed field comes after it). One that cannot be
    // computed is left out and fails the record.
    for (const { node, rule } of orderedCalculated) {
      const result = attempt(rule, data, clock);
      if (result.ok) {
        setAt(data, node.segments, result.value);
        continue;
      }
      deleteAt(data, node.segments);
      const name = fieldName(node.path);
      errors.push({
        path: node.path,
        keyword: RULE_FAILED,
        message: {
          zh: `${name.zh}的计算公式（x-calculated）无法求值：${result.reason}`,
          en: `the formula (x-calculated) of ${name.en} could not be evaluated: ${result.reason}`,
        },
      });
    }
    // A field is hidden (and its value dropped) only when its visibility rule says false; one
    // whose rule cannot be evaluated stays shown, keeps its value and fails the record.
    const hidden: string[] = [];
    for (const { node, rule } of conditional) {
      if (hidden.some((h) => node.path.startsWith(`${h}/`))) continue;
      const result = attempt(rule, data, clock);
      if (!result.ok) {
        const name = fieldName(node.path);
        errors.push({
          path: node.path,
          keyword: RULE_FAILED,
          message: {
            zh: `${name.zh}的显示条件（x-visible）无法求值，字段保持显示、数据保留：${result.reason}`,
            en: `the visibility rule (x-visible) of ${name.en} could not be evaluated; the field stays shown and its value is kept: ${result.reason}`,
          },
        });
      } else if (!isTruthy(result.value)) {
        deleteAt(data, node.segments);
        hidden.push(node.path);
      }
    }
    if (!check(data)) {
      const reported = toFormErrors(check.errors ?? []).map(labelled);
      // A false without an error to show would read as a pass: never let it.
      errors.push(
        ...(reported.length
          ? reported
          : [validationFailed({ zh: '校验器未给出错误', en: 'the validator gave no error' })]),
      );
    }
    for (const { node } of conditionallyRequired) {
      if (hidden.includes(node.path)) continue;
      if (!isObject(getAt(data, node.segments.slice(0, -1)))) continue;
      if (getAt(data, node.segments) === undefined) {
        const name = node.segments[node.segments.length - 1]!;
        errors.push(
          labelled({
            path: node.path,
            keyword: 'required',
            message: { zh: `应当有必需属性 ${name}`, en: `must have required property ${name}` },
          }),
        );
      }
    }
    // A form rule applies where its `when` holds; a `when` or `assert` that cannot be evaluated
    // is an error naming the rule, never a skipped check or the rule's own message.
    for (const rule of rules) {
      if (hidden.some((h) => rule.path === h || rule.path.startsWith(`${h}/`))) continue;
      const failed = (part: 'when' | 'assert', reason: string): FormError => ({
        path: rule.path,
        keyword: RULE_FAILED,
        message: {
          zh: `规则 ${rule.id} 的${part === 'when' ? '适用条件' : '校验条件'}（${part}）无法求值：${reason}`,
          en: `rule ${rule.id}: its "${part}" could not be evaluated: ${reason}`,
        },
      });
      if ('when' in rule) {
        const when = attempt(rule.when, data, clock);
        if (!when.ok) {
          errors.push(failed('when', when.reason));
          continue;
        }
        if (!isTruthy(when.value)) continue;
      }
      const assert = attempt(rule.assert, data, clock);
      if (!assert.ok) errors.push(failed('assert', assert.reason));
      else if (!isTruthy(assert.value)) {
        errors.push({ path: rule.path, keyword: `x-rule:${rule.id}`, message: rule.message });
      }
    }
    return { valid: errors.length === 0, data, errors, hidden };
  }

  const renderCache = new Map<Locale, ReturnType<CompiledForm['render']>>();
  function render(locale: Locale) {
    let rendered = renderCache.get(locale);
    if (!rendered) {
      rendered = renderFor(schema, def.uiSchema ?? {}, options.codeTables ?? {}, locale);
      renderCache.set(locale, rendered);
    }
    return clone(rendered);
  }

  return {
    key: def.key,
    version: def.version,
    fingerprint: fingerprint(JSON.stringify(definition)),
    fields,
    schema,
    rules,
    process,
    render,
  };
}

/**
 * Orders calculated fields so each comes after the calculated fields it reads; a cycle is a
 * definition problem.
 */
function orderCalculated(calculated: RuleField[], problems: DefinitionProblem[]): RuleField[] {
  const byPath = new Map(calculated.map((c) => [c.node.path, c]));
  const reads = new Map(
    calculated.map((c) => {
      const vars = [...ruleVariables(c.rule)];
      const deps = calculated.filter(
        (other) =>
          other !== c &&
          vars.some(
            (v) => v === '*' || v === other.node.path || v.startsWith(`${other.node.path}/`),
          ),
      );
      return [c.node.path, deps.map((d) => d.node.path)];
    }),
  );
  const ordered: RuleField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (path: string, trail: string[]): void => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'visiting') {
      problems.push({
        path: `/schema${schemaPointer(byPath.get(path)!.node)}/x-calculated`,
        code: 'calculation-cycle',
        message: {
          zh: `计算字段循环依赖：${[...trail, path].join(' → ')}`,
          en: `calculated fields depend on each other in a cycle: ${[...trail, path].join(' → ')}`,
        },
      });
      return;
    }
    state.set(path, 'visiting');
    for (const dep of reads.get(path) ?? []) visit(dep, [...trail, path]);
    state.set(path, 'done');
    ordered.push(byPath.get(path)!);
  };
  for (const c of calculated) visit(c.node.path, []);
  return ordered;
}

type Attempt = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Evaluates a rule that passed checkRule at compile time. It can still fail on odd data (see
 * evaluateRule); the caller turns that into an error of the result, never into null or false.
 */
function attempt(rule: unknown, data: unknown, clock: RuleClock): Attempt {
  try {
    return { ok: true, value: evaluateRule(rule, data, clock) };
  } catch (error) {
    return { ok: false, reason: error instanceof RuleError ? error.reason : String(error) };
  }
}

/** Labels in the locale; coded options as oneOf const/title so @rjsf/core shows their labels. */
function renderFor(
  schema: Record<string, unknown>,
  uiSchema: Record<string, unknown>,
  codeTables: Readonly<Record<string, CodeTable>>,
  locale: Locale,
) {
  const out = clone(schema);
  const visit = (node: Record<string, unknown>) => {
    if (locale === 'en' && typeof node['x-title-en'] === 'string') node.title = node['x-title-en'];
    const tableId = node['x-code-table'];
    if (typeof tableId === 'string' && Array.isArray(node.enum) && codeTables[tableId]) {
      const labels = new Map(codeTables[tableId]!.codes.map((c) => [c.code, c.label[locale]]));
      node.oneOf = (node.enum as string[]).map((code) => ({
        const: code,
        title: labels.get(code) ?? code,
      }));
      delete node.enum;
    }
    if (isObject(node.properties)) {
      for (const child of Object.values(node.properties)) if (isObject(child)) visit(child);
    }
    if (isObject(node.items)) visit(node.items);
  };
  visit(out);
  return { schema: out, uiSchema: clone(uiSchema) };
}
