import { checkRule } from '../rules/checkRule.js';
import type { LocalizedText } from './BpmnLintResult.js';
import { stringProperty, type ModdleElement } from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';

/**
 * The camunda:property names whose value the engine evaluates as JsonLogic: `completeWhen` (what a
 * user task's completion must satisfy), `candidateOrgPath` (the org a task goes to) and
 * `correlationKey` (the business key a thrown message goes to).
 */
export const RULE_PROPERTIES: ReadonlySet<string> = new Set([
  'completeWhen',
  'candidateOrgPath',
  'correlationKey',
]);

/**
 * Checks a camunda:property the engine evaluates as JsonLogic, like a condition: valid JSON that
 * checkRule accepts. Problems are reported on `ownerId` (the task or event carrying it).
 */
export function checkRuleProperty(
  property: ModdleElement,
  ownerId: string | null,
  owner: LocalizedText,
  problems: ProblemCollector,
): void {
  const name = stringProperty(property, 'name') ?? '';
  if (!RULE_PROPERTIES.has(name)) return;
  let rule: unknown;
  try {
    rule = JSON.parse(stringProperty(property, 'value') ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.add('condition-invalid-json', ownerId, {
      zh: `${owner.zh}的扩展属性 ${name} 应为 JsonLogic，但不是合法 JSON：${reason}`,
      en: `${owner.en}: the extension property ${name} must be JsonLogic but is not valid JSON: ${reason}`,
    });
    return;
  }
  for (const problem of checkRule(rule)) {
    const at = problem.path ? ` (${problem.path})` : '';
    problems.add('condition-not-jsonlogic', ownerId, {
      zh: `${owner.zh}的扩展属性 ${name} 的 JsonLogic 不被允许${at}：${problem.message.zh}`,
      en: `${owner.en}: the JsonLogic of extension property ${name} is not allowed${at}: ${problem.message.en}`,
    });
  }
}
