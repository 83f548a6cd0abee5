import { IndicatorError } from '@formwork/definitions';
import type { SqlParams } from './SqlParams.js';
import {
  boolValue,
  chooseValue,
  dateOfDay,
  dayValue,
  nullValue,
  numberValue,
  textValue,
  type SqlValue,
} from './sqlValues.js';

/**
 * Where a rule is compiled: which variables it may read (as SQL) and where it sits in the
 * indicator, for messages.
 */
export interface RuleScope {
  indicatorId: string;
  /** JSON pointer of the rule in the indicator, e.g. /numerator/where */
  at: string;
  params: SqlParams;
  /** The SQL of a `var` path, or undefined when the scope has no such variable. */
  variable(path: string): SqlValue | undefined;
  /** The day number `today` reads: the period's last day, as the evaluator's clock. */
  today: string;
}

/** The JsonLogic operations this compiler translates (the rest throw an IndicatorError). */
export const SUPPORTED_OPERATIONS = [
  'var',
  'and',
  'or',
  '!',
  '!!',
  'if',
  '?:',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'today',
  'daysBetween',
  'addDays',
  'addWeeks',
  'gestationalDays',
  'gestationalWeeks',
  'ageAt',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function ruleError(scope: RuleScope, zh: string, en: string): never {
  throw new IndicatorError({
    zh: `指标 ${scope.indicatorId} 的规则 ${scope.at} 无法编译为 SQL：${zh}`,
    en: `indicator ${scope.indicatorId}: the rule at ${scope.at} cannot be compiled to SQL: ${en}`,
  });
}

/** Compiles a JsonLogic rule to SQL values, with the reference evaluator's meaning. */
export function compileRule(rule: unknown, scope: RuleScope): SqlValue {
  if (rule === null || rule === undefined) return nullValue();
  if (typeof rule === 'boolean') return boolValue(rule ? '1' : '0');
  if (typeof rule === 'number') {
    if (!Number.isFinite(rule)) ruleError(scope, `非有限数 ${rule}`, `a number that is not finite`);
    return numberValue(scope.params.add(rule, 'Float64'));
  }
  if (typeof rule === 'string') return textValue(scope.params.add(rule, 'String'));
  if (Array.isArray(rule)) {
    return ruleError(
      scope,
      '数组只能作为 in 的第二个参数',
      'an array is only read as the list of `in`',
    );
  }
  if (!isObject(rule)) return ruleError(scope, '无法识别的值', 'a value it does not recognise');
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    return ruleError(
      scope,
      '一个运算对象只能有一个运算符',
      'an operation object has exactly one operator',
    );
  }
  const op = keys[0]!;
  const raw = rule[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const arg = (i: number) => compileRule(args[i], scope);
  const arity = (...allowed: number[]) => {
    if (!allowed.includes(args.length)) {
      ruleError(
        scope,
        `运算符 ${op} 需要 ${allowed.join(' 或 ')} 个参数，收到 ${args.length} 个`,
        `operator ${op} takes ${allowed.join(' or ')} arguments, got ${args.length}`,
      );
    }
  };
  switch (op) {
    case 'var':
      return variable(args, scope);
    case 'and':
    case 'or': {
      if (args.length === 0) arity(1, 2);
      const parts = args.map((_, i) => arg(i).truthy());
      return boolValue(`toUInt8(${parts.join(op === 'and' ? ' AND ' : ' OR ')})`);
    }
    case '!':
      arity(1);
      return boolValue(`toUInt8(NOT ${arg(0).truthy()})`);
    case '!!':
      arity(1);
      return boolValue(arg(0).truthy());
    case 'if':
    case '?:': {
      if (args.length < 2) arity(2, 3);
      const conditions: string[] = [];
      const branches: SqlValue[] = [];
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        conditions.push(arg(i).truthy());
        branches.push(arg(i + 1));
      }
      return chooseValue(conditions, branches, i < args.length ? arg(i) : nullValue());
    }
    case '<':
    case '<=':
      arity(2, 3);
      return compare(
        op,
        args.map((_, i) => arg(i)),
        scope,
      );
    case '>':
    case '>=':
      arity(2);
      // a > b is b < a, with the same missing check (comparisons.ts).
      return compare(op === '>' ? '<' : '<=', [arg(1), arg(0)], scope);
    case 'in':
      arity(2);
      return inList(arg(0), args[1], scope);
    case 'today':
      return dayValue(scope.today);
    case 'daysBetween':
      arity(2);
      return numberValue(`toFloat64(${daysBetween(arg(0), arg(1))})`);
    case 'addDays':
    case 'addWeeks': {
      arity(2);
      const date = arg(0).day();
      const n = arg(1).number();
      const days = op === 'addWeeks' ? `(${n}) * 7` : `(${n})`;
      // A whole number of days only (addDays gives null otherwise).
      return dayValue(`if(${days} = floor(${days}), ${date} + toInt32(${days}), NULL)`);
    }
    case 'gestationalDays':
    case 'gestationalWeeks': {
      arity(2);
      const d = daysBetween(arg(0), arg(1));
      const value = op === 'gestationalWeeks' ? `intDiv(${d}, 7)` : d;
      return numberValue(`if(${d} >= 0, toFloat64(${value}), NULL)`);
    }
    case 'ageAt': {
      arity(2);
      const birth = arg(0).day();
      const on = arg(1).day();
      const b = dateOfDay(birth);
      const d = dateOfDay(on);
      const md = (x: string) => `(toMonth(${x}) * 100 + toDayOfMonth(${x}))`;
      return numberValue(
        `if(${on} >= ${birth}, toFloat64(toYear(${d}) - toYear(${b}) - if(${md(d)} < ${md(b)}, 1, 0)), NULL)`,
      );
    }
    default:
      return ruleError(
        scope,
        `不支持运算符 ${op}（支持：${SUPPORTED_OPERATIONS.join(', ')}）`,
        `operator ${op} is not supported (supported: ${SUPPORTED_OPERATIONS.join(', ')})`,
      );
  }
}

function daysBetween(from: SqlValue, to: SqlValue): string {
  return `(${to.day()} - ${from.day()})`;
}

function variable(args: unknown[], scope: RuleScope): SqlValue {
  if (args.length !== 1 || typeof args[0] !== 'string' || args[0] === '') {
    return ruleError(
      scope,
      'var 只支持一个非空路径字符串（不支持默认值）',
      'var takes one non-empty path string (no default value)',
    );
  }
  const value = scope.variable(args[0]);
  if (!value) {
    return ruleError(scope, `未知变量 ${args[0]}`, `unknown variable ${args[0]}`);
  }
  return value;
}

/**
 * JsonLogic's ordering with the platform's missing check (comparisons.ts): false when any
 * operand is missing. JavaScript compares two strings as strings and anything else as numbers,
 * so each pair is compiled by what its operands are: a number (or a truth value) on either side
 * compares numbers; dates (addDays, a date field beside one) compare days; two strings compare
 * as strings. Two record fields of unknown type are refused rather than guessed.
 */
function compare(op: '<' | '<=', values: SqlValue[], scope: RuleScope): SqlValue {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < values.length; i++) {
    const a = values[i]!;
    const b = values[i + 1]!;
    const kinds = [a.kind, b.kind];
    if (kinds.includes('null')) return boolValue('0');
    let left: string;
    let right: string;
    if (kinds.some((k) => k === 'number' || k === 'bool')) {
      [left, right] = [a.number(), b.number()];
    } else if (kinds.includes('day')) {
      [left, right] = [a.day(), b.day()];
    } else if (kinds.every((k) => k === 'text')) {
      // An empty string is missing.
      [left, right] = [`nullIf(${a.text()}, '')`, `nullIf(${b.text()}, '')`];
    } else {
      return ruleError(
        scope,
        `比较 ${op} 的两个操作数类型不明（${kinds.join(', ')}）：请与数字或日期比较`,
        `comparison ${op} between operands of unknown type (${kinds.join(', ')}): compare with a number or a date`,
      );
    }
    pairs.push(`(${left} ${op} ${right})`);
  }
  return boolValue(`toUInt8(coalesce(${pairs.join(' AND ')}, 0))`);
}

/** `in` with a literal list: strict equality with one of its strings or numbers. */
function inList(needle: SqlValue, list: unknown, scope: RuleScope): SqlValue {
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return ruleError(
      scope,
      'in 的第二个参数必须是字符串或数字的字面量数组',
      'the second argument of `in` must be a literal array of strings or numbers',
    );
  }
  const strings = list.filter((x): x is string => typeof x === 'string');
  const numbers = list.filter((x): x is number => typeof x === 'number');
  return boolValue(
    needle.inList(
      scope.params.add(strings, 'Array(String)'),
      scope.params.add(numbers, 'Array(Float64)'),
    ),
  );
}
