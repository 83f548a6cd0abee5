import { walkFields } from '../forms/schemaWalk.js';
import { indicatorUsesField } from '../indicators/indicatorUsesField.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import { scheduleFieldReads } from '../schedules/scheduleFieldReads.js';
import type { FormDefinition, Indicator, Schedule, Trigger } from '../types/generated.js';

/** The metadata that may read a form's fields. */
export interface UsageSpec {
  forms: Readonly<Record<string, FormDefinition>>;
  schedules?: Readonly<Record<string, Schedule>>;
  indicators?: Readonly<Record<string, Indicator>>;
  /** BPMN 2.0 XML by workflow key. */
  workflows?: Readonly<Record<string, string>>;
  /** Which submissions start which workflow, by trigger id. */
  triggers?: Readonly<Record<string, Trigger>>;
}

/** What uses one field of a form, each list sorted. */
export interface FieldUsages {
  /** Form rule ids, and `x-calculated:/path` / `x-visible:/path` of fields whose rule reads it. */
  rules: string[];
  /** Schedule ids whose rules read it (scheduleFieldReads). */
  schedules: string[];
  /** Indicator ids whose filters read it or which list its data element. */
  indicators: string[];
  /** Workflow keys whose condition expressions name it (text heuristic, see below). */
  workflows: string[];
  /** Trigger ids of the form whose condition or start variables read it. */
  triggers: string[];
}

/** Whether a rule variable (a pointer) reads the field at `path`, a part of it or all of it. */
function reads(variable: string, path: string): boolean {
  return (
    variable === '*' ||
    variable === path ||
    variable.startsWith(`${path}/`) ||
    path.startsWith(`${variable}/`)
  );
}

const readsAny = (rules: unknown[], path: string) =>
  rules.some((rule) => rule !== undefined && [...ruleVariables(rule)].some((v) => reads(v, path)));

/**
 * Who uses the field at `path` of form `formKey`:
 * - rules: the form's own rules (`when`, `assert`, or reported at the field) and the
 *   x-calculated / x-visible rules of its fields that read it (ruleVariables);
 * - schedules whose rules read it: the dates and conditions of the form's records, the anchors,
 *   occurrences, ends and suggestions over them (scheduleFieldReads);
 * - indicators that read it through a fact over the form, or list its `x-de` data element in
 *   `dataElements` (indicatorUsesField: both the FactIndicators and 3.0.0's filters);
 * - workflows, by a text heuristic (no BPMN parsing here): the XML names the form
 *   (`formKey="<formKey>"`) and one of its `conditionExpression`s contains the field's dotted
 *   path as a whole word (`"var":"sbp"`, `${sbp}`). Process variables not copied from the form
 *   under the same name are missed; a same-named variable from another source is over-reported;
 * - triggers of the form whose condition or start variables read it, or a calculated field
 *   computed from it (a changed field may change which submissions start a workflow, or what it
 *   starts with).
 */
export function fieldUsages(spec: UsageSpec, formKey: string, path: string): FieldUsages {
  const form = Object.hasOwn(spec.forms, formKey) ? spec.forms[formKey] : undefined;
  const usages: FieldUsages = {
    rules: [],
    schedules: [],
    indicators: [],
    workflows: [],
    triggers: [],
  };
  if (!form) return usages;
  const fields = walkFields(form.schema);
  const dataElement = fields.find((f) => f.path === path)?.schema['x-de'];

  for (const rule of form.rules ?? []) {
    if (rule.path === path || readsAny([rule.when, rule.assert], path)) usages.rules.push(rule.id);
  }
  for (const field of fields) {
    for (const keyword of ['x-calculated', 'x-visible'] as const) {
      if (keyword in field.schema && field.path !== path && readsAny([field.schema[keyword]], path))
        usages.rules.push(`${keyword}:${field.path}`);
    }
  }

  for (const [id, schedule] of Object.entries(spec.schedules ?? {})) {
    if ([...scheduleFieldReads(schedule, formKey)].some((v) => reads(v, path)))
      usages.schedules.push(id);
  }

  for (const [id, indicator] of Object.entries(spec.indicators ?? {})) {
    if (indicatorUsesField(indicator, formKey, path, dataElement)) usages.indicators.push(id);
  }

  const dotted = path.slice(1).split('/').join('.');
  const word = new RegExp(`(^|[^\\w.])${escapeRegExp(dotted)}($|[^\\w])`);
  const formKeyAttribute = `formKey="${formKey}"`;
  for (const [key, xml] of Object.entries(spec.workflows ?? {})) {
    if (!xml.includes(formKeyAttribute)) continue;
    const conditions = [...xml.matchAll(/<(?:\w+:)?conditionExpression\b[^>]*>([\s\S]*?)</g)];
    if (conditions.some((m) => word.test(m[1]!))) usages.workflows.push(key);
  }

  // A trigger reading a calculated field (urgentReferral) uses what that field is computed from.
  const read = [
    path,
    ...fields
      .filter(
        (f) =>
          'x-calculated' in f.schema &&
          f.path !== path &&
          readsAny([f.schema['x-calculated']], path),
      )
      .map((f) => f.path),
  ];
  for (const [id, trigger] of Object.entries(spec.triggers ?? {})) {
    if (trigger.form !== formKey) continue;
    const rules = [trigger.condition, ...Object.values(trigger.variables ?? {})];
    if (read.some((p) => readsAny(rules, p))) usages.triggers.push(id);
  }

  for (const list of Object.values(usages)) list.sort();
  return usages;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
