import {
  compileForm,
  createAjv,
  FormDefinitionError,
  ruleVariables,
  type CompiledForm,
  type FormDefinition,
} from '@formwork/definitions';
import { problem, type DesignProblem, type RuleRef } from './DesignProblem.js';
import { fieldAt } from './fields.js';
import type { CodeTables, FormDocument } from './FormDocument.js';
import { isObject, type JsonObject } from './immutable.js';
import { checkLocks } from './locks.js';
import { fieldOfPointer, pointerTokens, schemaPointer, toPointer } from './pointer.js';

/**
 * What `definitions` says of a document — the form compiler's problems (meta-schema, limits
 * against hostile schemas, rule checks, code tables, rules pointing at no field, calculation
 * cycles), the base's locks, and as warnings rules that read no field of the form — each mapped
 * to the field and the rule it concerns, so the UI shows it there.
 */
export interface LintReport {
  ok: boolean;
  problems: readonly DesignProblem[];
  /** Problems by field path (`/sbp`, `/medications/-/drugName`). */
  byField: ReadonlyMap<string, readonly DesignProblem[]>;
  /** Problems by rule: `visible:/sbp`, `calculated:/bmi`, `rule:dbp-below-sbp`. */
  byRule: ReadonlyMap<string, readonly DesignProblem[]>;
  /** Problems of the form as a whole (no field, no rule). */
  form: readonly DesignProblem[];
  /** The compiled form when there is no error (for the preview). */
  compiled?: CompiledForm;
}

/** The key of a rule in `LintReport.byRule`. */
export const ruleKey = (rule: RuleRef): string =>
  rule.kind === 'rule' ? `rule:${rule.id}` : `${rule.kind}:${rule.field}`;

/** The field and rule a pointer into a definition concerns. */
export function locate(
  definition: Readonly<FormDefinition>,
  pointer: string,
): { field?: string; rule?: RuleRef } {
  const tokens = pointerTokens(pointer);
  if (tokens[0] === 'rules' && tokens[1] !== undefined) {
    const rule = definition.rules?.[Number(tokens[1])];
    if (!rule) return {};
    const part = (['when', 'assert', 'path'] as const).find((p) => p === tokens[2]) ?? 'rule';
    const field = rule.path !== '' && fieldAt(definition, rule.path) ? rule.path : undefined;
    return { rule: { kind: 'rule', id: rule.id, part }, ...(field ? { field } : {}) };
  }
  const field = fieldOfPointer(pointer);
  if (!field) return {};
  const i = tokens.findIndex((t) => t === 'x-visible' || t === 'x-calculated');
  if (i > 0 && tokens[0] === 'schema') {
    const at = fieldOfPointer(toPointer(tokens.slice(0, i)));
    const kind = tokens[i] === 'x-visible' ? 'visible' : 'calculated';
    if (at) return { field: at, rule: { kind, field: at } };
  }
  return { field };
}

/**
 * One validator factory for a run of compiles: creating one costs tens of milliseconds, and Ajv
 * keeps every schema it compiled, so it is replaced after COMPILES_PER_AJV compiles.
 */
const COMPILES_PER_AJV = 50;
let shared: { ajv: ReturnType<typeof createAjv>; uses: number } | undefined;
function ajvForCompile() {
  if (!shared || shared.uses >= COMPILES_PER_AJV) shared = { ajv: createAjv(), uses: 0 };
  shared.uses++;
  return shared.ajv;
}

/** Compiles a definition as the engine will (default limits; the code tables given). */
export function compileProblems(
  definition: unknown,
  codeTables: CodeTables,
): { compiled?: CompiledForm; problems: DesignProblem[] } {
  try {
    return { compiled: compileForm(ajvForCompile(), definition, { codeTables }), problems: [] };
  } catch (error) {
    if (error instanceof FormDefinitionError)
      return {
        problems: error.problems.map((p) => ({
          path: p.path,
          code: p.code,
          severity: 'error' as const,
          message: p.message,
        })),
      };
    const reason =
      error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
    return {
      problems: [
        problem(
          'compile-failed',
          '',
          `表单无法编译：${reason}`,
          `the form cannot be compiled: ${reason}`,
        ),
      ],
    };
  }
}

/** Warnings for rules reading a field the form does not have (a renamed or removed field). */
function unknownReads(definition: Readonly<FormDefinition>): DesignProblem[] {
  const problems: DesignProblem[] = [];
  const known = (path: string) => path === '*' || !!fieldAt(definition, path) || knownPrefix(path);
  // A read of an item inside a field (`symptoms.0`, `referral.reason` of an object) is a read of it.
  const knownPrefix = (path: string) => {
    const tokens = pointerTokens(path);
    for (let n = tokens.length - 1; n > 0; n--)
      if (fieldAt(definition, toPointer(tokens.slice(0, n)))) return true;
    return false;
  };
  const report = (logic: unknown, at: string, rule: RuleRef, field?: string) => {
    for (const read of ruleVariables(logic)) {
      if (known(read)) continue;
      problems.push({
        ...problem(
          'field-unknown',
          at,
          `规则读取的字段 ${read} 不存在`,
          `the rule reads ${read}, which is no field of the form`,
          { rule, ...(field ? { field } : {}) },
        ),
        severity: 'warning',
      });
    }
  };
  const visit = (schema: JsonObject, segments: string[]) => {
    if (isObject(schema.properties))
      for (const [name, child] of Object.entries(schema.properties)) {
        if (!isObject(child)) continue;
        const path = toPointer([...segments, name]);
        for (const keyword of ['x-visible', 'x-calculated'] as const)
          if (keyword in child)
            report(
              child[keyword],
              `${schemaPointer(path)}/${keyword}`,
              { kind: keyword === 'x-visible' ? 'visible' : 'calculated', field: path },
              path,
            );
        visit(child, [...segments, name]);
      }
    if (isObject(schema.items)) visit(schema.items, [...segments, '-']);
  };
  visit(definition.schema as JsonObject, []);
  (definition.rules ?? []).forEach((rule, i) => {
    const field = rule.path !== '' && fieldAt(definition, rule.path) ? rule.path : undefined;
    for (const part of ['when', 'assert'] as const)
      if (part in rule)
        report(rule[part], `/rules/${i}/${part}`, { kind: 'rule', id: rule.id, part }, field);
  });
  return problems;
}

const cache = new WeakMap<object, WeakMap<object, WeakMap<object, LintReport>>>();
const NO_BASE = {};

/**
 * Lints a document. Cached per definition, code tables and base: documents share them until
 * edited, so asking again after an undo costs nothing.
 */
export function lintDocument(document: FormDocument): LintReport {
  const byTables = cache.get(document.definition) ?? new WeakMap();
  cache.set(document.definition, byTables);
  const byBase = byTables.get(document.codeTables) ?? new WeakMap<object, LintReport>();
  byTables.set(document.codeTables, byBase);
  const cached = byBase.get(document.base ?? NO_BASE);
  if (cached) return cached;
  const { compiled, problems: compileErrors } = compileProblems(
    document.definition,
    document.codeTables,
  );
  const problems = [
    ...compileErrors.map((p) => ({ ...p, ...locate(document.definition, p.path) })),
    ...checkLocks(document, document.definition),
    ...unknownReads(document.definition),
  ];
  const report = groupProblems(problems, compiled);
  byBase.set(document.base ?? NO_BASE, report);
  return report;
}

/** Groups problems by field and by rule. */
export function groupProblems(problems: DesignProblem[], compiled?: CompiledForm): LintReport {
  const byField = new Map<string, DesignProblem[]>();
  const byRule = new Map<string, DesignProblem[]>();
  const form: DesignProblem[] = [];
  for (const p of problems) {
    if (p.field !== undefined) byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
    if (p.rule) byRule.set(ruleKey(p.rule), [...(byRule.get(ruleKey(p.rule)) ?? []), p]);
    if (p.field === undefined && !p.rule) form.push(p);
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, problems, byField, byRule, form, ...(ok && compiled ? { compiled } : {}) };
}
