import { walkFields } from '../forms/schemaWalk.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import type { FormDefinition, Indicator, Schedule } from '../types/generated.js';

/** The metadata that may read a form's fields. */
export interface UsageSpec {
  forms: Readonly<Record<string, FormDefinition>>;
  schedules?: Readonly<Record<string, Schedule>>;
  indicators?: Readonly<Record<string, Indicator>>;
  /** BPMN 2.0 XML by workflow key. */
  workflows?: Readonly<Record<string, string>>;
}

/** What uses one field of a form, each list sorted. */
export interface FieldUsages {
  /** Form rule ids, and `x-calculated:/path` / `x-visible:/path` of fields whose rule reads it. */
  rules: string[];
  /** Schedule ids whose occurrence conditions or offsets read it. */
  schedules: string[];
  /** Indicator ids whose filters read it or which list its data element. */
  indicators: string[];
  /** Workflow keys whose condition expressions name it (text heuristic, see below). */
  workflows: string[];
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
 * - schedules of the form whose occurrence `when` or `offset` read it;
 * - indicators: a numerator or denominator counting the form whose filter reads the field directly
 *   or through one aggregate prefix (`latest.sbp`, `first.visitDate`; never `parameters.*`), or
 *   that lists the field's `x-de` data element in `dataElements`;
 * - workflows, by a text heuristic (no BPMN parsing here): the XML names the form
 *   (`formKey="<formKey>"`) and one of its `conditionExpression`s contains the field's dotted
 *   path as a whole word (`"var":"sbp"`, `${sbp}`). Process variables not copied from the form
 *   under the same name are missed; a same-named variable from another source is over-reported.
 */
export function fieldUsages(spec: UsageSpec, formKey: string, path: string): FieldUsages {
  const form = Object.hasOwn(spec.forms, formKey) ? spec.forms[formKey] : undefined;
  const usages: FieldUsages = { rules: [], schedules: [], indicators: [], workflows: [] };
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
    if (schedule.form !== formKey) continue;
    if (schedule.occurrences.some((o) => readsAny([o.when, o.offset], path)))
      usages.schedules.push(id);
  }

  for (const [id, indicator] of Object.entries(spec.indicators ?? {})) {
    const counts = [indicator.numerator, indicator.denominator].filter((c) =>
      c.forms?.includes(formKey),
    );
    const listed =
      counts.length > 0 &&
      typeof dataElement === 'string' &&
      (indicator.dataElements ?? []).includes(dataElement);
    const filtered = counts.some((c) =>
      [...ruleVariables(c.filter)].some(
        (v) =>
          reads(v, path) ||
          (!v.startsWith('/parameters/') && stripFirst(v) !== '' && reads(stripFirst(v), path)),
      ),
    );
    if (listed || filtered) usages.indicators.push(id);
  }

  const dotted = path.slice(1).split('/').join('.');
  const word = new RegExp(`(^|[^\\w.])${escapeRegExp(dotted)}($|[^\\w])`);
  const formKeyAttribute = `formKey="${formKey}"`;
  for (const [key, xml] of Object.entries(spec.workflows ?? {})) {
    if (!xml.includes(formKeyAttribute)) continue;
    const conditions = [...xml.matchAll(/<(?:\w+:)?conditionExpression\b[^>]*>([\s\S]*?)</g)];
    if (conditions.some((m) => word.test(m[1]!))) usages.workflows.push(key);
  }

  for (const list of Object.values(usages)) list.sort();
  return usages;
}

/** '/latest/sbp' → '/sbp' ('' when there is a single segment). */
function stripFirst(pointer: string): string {
  const at = pointer.indexOf('/', 1);
  return at === -1 ? '' : pointer.slice(at);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
