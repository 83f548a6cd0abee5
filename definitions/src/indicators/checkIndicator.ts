import type { ValidateFunction } from 'ajv';
import { codeTableOf } from '../forms/codeTableOf.js';
import { walkFields } from '../forms/schemaWalk.js';
import { metaSchemas } from '../metaschemas/index.js';
import { checkRule } from '../rules/checkRule.js';
import { comparedCodes } from '../rules/comparedCodes.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import type {
  CodeTable,
  FactIndicator,
  FilterIndicator,
  FormDefinition,
  ParameterSet,
} from '../types/generated.js';
import { createAjv } from '../validation/createAjv.js';
import { toFormErrors, type LocalizedMessage } from '../validation/formErrors.js';
import { indicatorReads } from './indicatorReads.js';

/** What an indicator is checked against: the spec version (or effective release) it belongs to. */
export interface IndicatorSpec {
  forms: Readonly<Record<string, FormDefinition>>;
  codeTables: Readonly<Record<string, CodeTable>>;
  parameters: ParameterSet;
}

export const INDICATOR_PROBLEM_CODES = [
  'indicator-invalid',
  'rule-invalid',
  'form-unknown',
  'field-unknown',
  'date-field-not-date',
  'weight-not-integer',
  'code-unknown',
  'fact-unknown',
  'fact-not-record',
  'placement-in-period',
  'placement-on-subjects',
  'variable-unknown',
  'variable-dynamic',
  'parameter-unknown',
  'parameter-undeclared',
  'parameter-unread',
  'data-element-unread',
  'data-element-unlisted',
] as const;
export type IndicatorProblemCode = (typeof INDICATOR_PROBLEM_CODES)[number];

export interface IndicatorCheckProblem {
  /** JSON pointer into the indicator. */
  path: string;
  code: IndicatorProblemCode;
  message: LocalizedMessage;
}

let validators: { fact: ValidateFunction; filter: ValidateFunction } | undefined;

/** The meta-schema's two kinds, each alone: a FactIndicator gets the errors of its own shape. */
function kindValidators() {
  if (!validators) {
    const ajv = createAjv();
    ajv.addSchema(metaSchemas.indicator);
    const id = metaSchemas.indicator.$id;
    validators = {
      fact: ajv.getSchema(`${id}#/$defs/FactIndicator`)!,
      filter: ajv.getSchema(`${id}#/$defs/FilterIndicator`)!,
    };
  }
  return validators;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const pointerOf = (path: string) => path.replace(/^\//, '').split('/').join('.');

/**
 * Checks an indicator against the spec it belongs to, as a reporting engine compiling it
 * would: the meta-schema (of the kind it is), every rule through checkRule, and for a
 * FactIndicator that every form and field it reads exists (dates are dates, a weight an
 * integer), codes compared with a coded field are codes of its table (visitMode in ["1","2"]
 * against `visit-mode`), facts, variables and parameters it reads are declared and exist, it
 * declares no parameter it does not read, placement and weight name a first/latest fact not
 * limited to the period, and `dataElements` lists exactly the data elements of the fields it
 * reads. [] when it is fine. A FilterIndicator (3.0.0) gets the meta-schema, its filters,
 * forms and parameters checked.
 */
export function checkIndicator(indicator: unknown, spec: IndicatorSpec): IndicatorCheckProblem[] {
  const fact = isObject(indicator) && 'facts' in indicator;
  const validate = fact ? kindValidators().fact : kindValidators().filter;
  if (!validate(indicator)) {
    return toFormErrors(validate.errors ?? []).map((e) => ({
      path: e.path,
      code: 'indicator-invalid',
      message: {
        zh: `指标不符合元模式（${fact ? 'FactIndicator' : 'FilterIndicator'}）：${e.path || '/'} ${e.message.zh}`,
        en: `the indicator does not conform to its meta-schema (${fact ? 'FactIndicator' : 'FilterIndicator'}): ${e.path || '/'} ${e.message.en}`,
      },
    }));
  }
  return fact
    ? checkFactIndicator(indicator as unknown as FactIndicator, spec)
    : checkFilterIndicator(indicator as unknown as FilterIndicator, spec);
}

function ruleProblems(rule: unknown, at: string): IndicatorCheckProblem[] {
  return checkRule(rule).map((p) => ({
    path: `${at}${p.path}`,
    code: 'rule-invalid',
    message: { zh: `${at}：${p.message.zh}`, en: `${at}: ${p.message.en}` },
  }));
}

function parameterProblems(
  declared: readonly string[],
  read: ReadonlySet<string>,
  spec: IndicatorSpec,
): IndicatorCheckProblem[] {
  const problems: IndicatorCheckProblem[] = [];
  const known = new Set(spec.parameters.parameters.map((p) => p.key));
  declared.forEach((key, i) => {
    if (!known.has(key))
      problems.push({
        path: `/parameters/${i}`,
        code: 'parameter-unknown',
        message: {
          zh: `参数 ${key} 不在规范的参数集中`,
          en: `parameter ${key} is not in the spec's parameter set`,
        },
      });
    else if (!read.has(key))
      problems.push({
        path: `/parameters/${i}`,
        code: 'parameter-unread',
        message: {
          zh: `参数 ${key} 已声明但未被任何规则读取`,
          en: `parameter ${key} is declared but no rule reads it`,
        },
      });
  });
  for (const key of read) {
    if (!declared.includes(key))
      problems.push({
        path: '/parameters',
        code: 'parameter-undeclared',
        message: {
          zh: `规则读取参数 ${key}，但 parameters 未声明它`,
          en: `a rule reads parameter ${key}, which parameters does not declare`,
        },
      });
  }
  return problems;
}

function checkFilterIndicator(
  indicator: FilterIndicator,
  spec: IndicatorSpec,
): IndicatorCheckProblem[] {
  const problems: IndicatorCheckProblem[] = [];
  const read = new Set<string>();
  for (const part of ['numerator', 'denominator'] as const) {
    const count = indicator[part];
    problems.push(...ruleProblems(count.filter, `/${part}/filter`));
    (count.forms ?? []).forEach((form, i) => {
      if (!Object.hasOwn(spec.forms, form)) problems.push(formUnknown(`/${part}/forms/${i}`, form));
    });
    for (const v of ruleVariables(count.filter))
      if (v.startsWith('/parameters/')) read.add(v.slice('/parameters/'.length));
  }
  const known = new Set(spec.parameters.parameters.map((p) => p.key));
  (indicator.parameters ?? []).forEach((key, i) => {
    if (!known.has(key))
      problems.push({
        path: `/parameters/${i}`,
        code: 'parameter-unknown',
        message: {
          zh: `参数 ${key} 不在规范的参数集中`,
          en: `parameter ${key} is not in the spec's parameter set`,
        },
      });
  });
  return problems;
}

function formUnknown(path: string, form: string): IndicatorCheckProblem {
  return {
    path,
    code: 'form-unknown',
    message: { zh: `表单 ${form} 不在规范中`, en: `form ${form} is not in the spec` },
  };
}

/** The field at a pointer in a form, if the form has it. */
function fieldOf(form: FormDefinition | undefined, path: string) {
  if (!form) return undefined;
  return walkFields(form.schema).find((f) => f.path === path)?.schema;
}

function checkFactIndicator(
  indicator: FactIndicator,
  spec: IndicatorSpec,
): IndicatorCheckProblem[] {
  const problems: IndicatorCheckProblem[] = [];
  const facts = indicator.facts;
  const hasFact = (name: string) => Object.hasOwn(facts, name) && facts[name] !== undefined;
  const parametersRead = new Set<string>();

  // Forms of each fact.
  for (const [name, fact] of Object.entries(facts)) {
    fact?.forms.forEach((form, i) => {
      if (!Object.hasOwn(spec.forms, form))
        problems.push(formUnknown(`/facts/${name}/forms/${i}`, form));
    });
  }

  // Rules and the variables they read.
  const rules: { at: string; rule: unknown; fact?: string }[] = [
    { at: '/numerator/where', rule: indicator.numerator.where },
    ...Object.entries(facts)
      .filter(([, fact]) => fact?.where !== undefined)
      .map(([name, fact]) => ({ at: `/facts/${name}/where`, rule: fact!.where, fact: name })),
  ];
  for (const { at, rule, fact } of rules) {
    const invalid = ruleProblems(rule, at);
    problems.push(...invalid);
    if (invalid.length) continue;
    for (const variable of ruleVariables(rule)) {
      const segments = variable.slice(1).split('/');
      const root = segments[0];
      const unknown = () =>
        problems.push({
          path: at,
          code: 'variable-unknown',
          message: {
            zh: `${at} 读取 ${pointerOf(variable)}：${fact ? '事实条件只能读取 record.* 与 parameters.*' : '分子条件只能读取 facts.*、subject.birthDate/sex、period.start/end 与 parameters.*'}`,
            en: `${at} reads ${pointerOf(variable)}: ${fact ? 'a fact’s "where" reads only record.* and parameters.*' : 'the numerator reads only facts.*, subject.birthDate/sex, period.start/end and parameters.*'}`,
          },
        });
      if (variable === '*') {
        problems.push({
          path: at,
          code: 'variable-dynamic',
          message: {
            zh: `${at} 含无路径的 var（读取全部数据），无法检查或编译为 SQL`,
            en: `${at} has a var without a path (all the data): it cannot be checked or compiled to SQL`,
          },
        });
      } else if (root === 'parameters' && segments.length === 2) {
        parametersRead.add(segments[1]!);
      } else if (fact !== undefined) {
        if (root !== 'record' || segments.length < 2) unknown();
      } else if (root === 'facts' && segments.length >= 2) {
        const name = segments[1]!;
        if (!hasFact(name))
          problems.push({
            path: at,
            code: 'fact-unknown',
            message: {
              zh: `${at} 读取未声明的事实 ${name}`,
              en: `${at} reads fact ${name}, which facts does not declare`,
            },
          });
        else if (segments.length > 2 && facts[name]!.aggregate === 'count')
          problems.push(notRecord(at, name));
      } else if (
        !(
          root === 'subject' &&
          segments.length === 2 &&
          ['birthDate', 'sex'].includes(segments[1]!)
        ) &&
        !(root === 'period' && segments.length === 2 && ['start', 'end'].includes(segments[1]!))
      ) {
        unknown();
      }
    }
  }

  // Placement and weight.
  const { placedBy, weight } = indicator.denominator;
  if (placedBy && indicator.denominator.of === 'subjects')
    problems.push({
      path: '/denominator/placedBy',
      code: 'placement-on-subjects',
      message: {
        zh: '在管患者（of = subjects）按年内在管的登记计入，不能再用 placedBy 定位',
        en: 'a population of subjects is placed by enrollments active in the period; placedBy applies to enrollments only',
      },
    });
  for (const [at, ref] of [
    ['/denominator/placedBy', placedBy],
    ['/denominator/weight', weight],
  ] as const) {
    if (!ref) continue;
    if (!hasFact(ref.fact))
      problems.push({
        path: `${at}/fact`,
        code: 'fact-unknown',
        message: {
          zh: `${at} 指向未声明的事实 ${ref.fact}`,
          en: `${at} names fact ${ref.fact}, which facts does not declare`,
        },
      });
    else if (facts[ref.fact]!.aggregate === 'count')
      problems.push(notRecord(`${at}/fact`, ref.fact));
    else if (at === '/denominator/placedBy' && facts[ref.fact]!.inPeriod)
      problems.push({
        path: `${at}/fact`,
        code: 'placement-in-period',
        message: {
          zh: `定位统计期的事实 ${ref.fact} 不能只取统计期内的记录（inPeriod 应为 false）`,
          en: `fact ${ref.fact}, which places members in the period, cannot itself be limited to the period (inPeriod must be false)`,
        },
      });
  }

  // Fields read: they exist; dates are dates, weights integers; codes are codes.
  const dataElementsRead = new Set<string>();
  for (const read of indicatorReads(indicator)) {
    if (read.path === '*') continue;
    const forms = read.forms.filter((f) => Object.hasOwn(spec.forms, f));
    const found = forms
      .map((key) => ({ key, field: fieldOf(spec.forms[key], read.path) }))
      .filter((f): f is { key: string; field: Record<string, unknown> } => f.field !== undefined);
    const name = read.path.slice(1).split('/').join('.');
    const isDateField = read.at.endsWith('/date');
    const missing = isDateField ? forms.filter((key) => !found.some((f) => f.key === key)) : [];
    if ((!found.length && forms.length) || missing.length)
      problems.push({
        path: read.at,
        code: 'field-unknown',
        message: {
          zh: `${read.at} 读取的字段 ${name} 不在表单 ${(missing.length ? missing : forms).join('、')} 中`,
          en: `${read.at} reads field ${name}, which form ${(missing.length ? missing : forms).join(', ')} does not have`,
        },
      });
    for (const { key, field } of found) {
      const de = field['x-de'];
      if (typeof de === 'string') dataElementsRead.add(de);
      if ((isDateField || read.at === '/denominator/placedBy') && field.format !== 'date')
        problems.push({
          path: read.at,
          code: 'date-field-not-date',
          message: {
            zh: `${read.at}：表单 ${key} 的 ${name} 不是日期字段（format: date）`,
            en: `${read.at}: ${name} of form ${key} is not a date field (format: date)`,
          },
        });
      if (read.at === '/denominator/weight' && field.type !== 'integer')
        problems.push({
          path: read.at,
          code: 'weight-not-integer',
          message: {
            zh: `${read.at}：表单 ${key} 的 ${name} 不是整数字段`,
            en: `${read.at}: ${name} of form ${key} is not an integer field`,
          },
        });
    }
  }
  for (const { at, rule, fact } of rules) {
    for (const { variable, codes } of comparedCodes(rule)) {
      const segments = variable.split('.');
      const factName = fact ?? (segments[0] === 'facts' ? segments[1] : undefined);
      const fieldSegments = fact
        ? segments[0] === 'record'
          ? segments.slice(1)
          : []
        : segments.slice(2);
      if (!factName || !hasFact(factName) || !fieldSegments.length) continue;
      const path = `/${fieldSegments.join('/')}`;
      for (const key of facts[factName]!.forms) {
        const field = fieldOf(spec.forms[key], path);
        const tableId = field && codeTableOf(field);
        const table =
          tableId && Object.hasOwn(spec.codeTables, tableId) ? spec.codeTables[tableId] : undefined;
        if (!table) continue;
        const known = new Set(table.codes.map((c) => c.code));
        for (const code of codes) {
          if (typeof code === 'string' && known.has(code)) continue;
          problems.push({
            path: at,
            code: 'code-unknown',
            message: {
              zh: `${at} 将 ${variable} 与 ${JSON.stringify(code)} 比较，但它不是代码表 ${tableId} 的代码（表单 ${key}；代码为字符串：${[...known].join('、')}）`,
              en: `${at} compares ${variable} with ${JSON.stringify(code)}, which is not a code of table ${tableId} (form ${key}; codes are strings: ${[...known].join(', ')})`,
            },
          });
        }
      }
    }
  }

  problems.push(...parameterProblems(indicator.parameters ?? [], parametersRead, spec));

  const listed = indicator.dataElements ?? [];
  listed.forEach((de, i) => {
    if (!dataElementsRead.has(de))
      problems.push({
        path: `/dataElements/${i}`,
        code: 'data-element-unread',
        message: {
          zh: `数据元 ${de} 已列出，但指标读取的字段都不是它`,
          en: `data element ${de} is listed, but no field the indicator reads carries it`,
        },
      });
  });
  for (const de of dataElementsRead) {
    if (!listed.includes(de))
      problems.push({
        path: '/dataElements',
        code: 'data-element-unlisted',
        message: {
          zh: `指标读取数据元 ${de} 的字段，但 dataElements 未列出它`,
          en: `the indicator reads a field of data element ${de}, which dataElements does not list`,
        },
      });
  }
  return problems;
}

function notRecord(path: string, name: string): IndicatorCheckProblem {
  return {
    path,
    code: 'fact-not-record',
    message: {
      zh: `事实 ${name} 是计数（count），没有字段可读`,
      en: `fact ${name} is a count: it has no fields to read`,
    },
  };
}
