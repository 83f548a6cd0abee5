import { ALLOWED_OPERATIONS } from './allowedOperations.js';

export interface RuleProblem {
  /** JSON pointer into the rule. */
  path: string;
  message: { zh: string; en: string };
}

export const RULE_LIMITS = { maxDepth: 48, maxNodes: 5000 } as const;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Checks that a JsonLogic rule uses only allowed operations, reads data through harmless `var`
 * paths and stays within size limits. Every rule from metadata passes through here before it is
 * stored or evaluated; json-logic-js's `method` (which calls JavaScript methods) and `log` are
 * refused, so no rule can run code.
 */
export function checkRule(rule: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  let nodes = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: rule, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (++nodes > RULE_LIMITS.maxNodes) {
      problems.push({
        path: '',
        message: {
          zh: `规则过大（超过 ${RULE_LIMITS.maxNodes} 个节点）`,
          en: `rule is too large (over ${RULE_LIMITS.maxNodes} nodes)`,
        },
      });
      break;
    }
    if (depth > RULE_LIMITS.maxDepth) {
      problems.push({
        path,
        message: {
          zh: `规则嵌套过深（超过 ${RULE_LIMITS.maxDepth} 层）`,
          en: `rule is nested too deeply (over ${RULE_LIMITS.maxDepth} levels)`,
        },
      });
      continue;
    }
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        problems.push({ path, message: { zh: '数值无效', en: 'number is not finite' } });
      }
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}/${i}`, depth: depth + 1 }),
      );
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      problems.push({
        path,
        message: {
          zh: `规则对象必须只有一个运算符（实际 ${keys.length} 个键）`,
          en: `a rule object must have exactly one operator (found ${keys.length} keys)`,
        },
      });
      continue;
    }
    const op = keys[0]!;
    const operandPath = `${path}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!ALLOWED_OPERATIONS.has(op)) {
      problems.push({
        path: operandPath,
        message: {
          zh: `不支持的运算符 "${op}"`,
          en: `operator "${op}" is not allowed`,
        },
      });
      continue;
    }
    const operand = (value as Record<string, unknown>)[op];
    if (op === 'var') {
      const target = Array.isArray(operand) ? operand[0] : operand;
      if (typeof target === 'string') {
        const bad = target.split('.').find((segment) => FORBIDDEN_SEGMENTS.has(segment));
        if (bad) {
          problems.push({
            path: operandPath,
            message: { zh: `变量路径不能包含 "${bad}"`, en: `var path may not contain "${bad}"` },
          });
          continue;
        }
      } else if (target !== undefined && target !== null && typeof target !== 'number') {
        problems.push({
          path: operandPath,
          message: { zh: 'var 的参数必须是字符串路径', en: 'var takes a string path' },
        });
        continue;
      }
    }
    stack.push({ value: operand, path: operandPath, depth: depth + 1 });
  }
  return problems;
}
