import type { LocalizedText } from './BpmnLintResult.js';
import { checkRule } from '../rules/checkRule.js';
import { isSet, stringProperty, type ModdleElement } from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';

/** The one condition language: JsonLogic, checked by checkRule and evaluated by evaluateRule. */
export const CONDITION_LANGUAGE = 'jsonlogic';

/** Languages that run code (scripts, or expression languages that can call methods). */
const SCRIPT_LANGUAGES = new Set([
  'javascript',
  'js',
  'ecmascript',
  'es6',
  'nashorn',
  'graal.js',
  'graaljs',
  'typescript',
  'ts',
  'groovy',
  'python',
  'jython',
  'ruby',
  'jruby',
  'juel',
  'mvel',
  'spel',
  'kotlin',
  'lua',
  'php',
  'beanshell',
  'bsh',
  'shell',
  'sh',
]);

/** "text/x-groovy", "application/javascript" and "JavaScript" all name a script language. */
function isScriptLanguage(language: string): boolean {
  const name = language
    .trim()
    .toLowerCase()
    .replace(/^(?:text|application)\//, '')
    .replace(/^x-/, '');
  return SCRIPT_LANGUAGES.has(name);
}

/**
 * Checks one condition (a sequence flow's conditionExpression or a conditional event's
 * condition): it must be JsonLogic that checkRule accepts. Problems are reported on `ownerId`
 * and name `owner`.
 */
export function checkCondition(
  condition: ModdleElement,
  ownerId: string | null,
  owner: LocalizedText,
  problems: ProblemCollector,
): void {
  const language = stringProperty(condition, 'language')?.trim();
  if (isSet(condition, 'resource')) {
    problems.add('script-condition', ownerId, {
      zh: `${owner.zh}的条件从 camunda:resource 加载脚本；条件必须是 language="${CONDITION_LANGUAGE}" 的 JsonLogic`,
      en: `${owner.en}: the condition loads a script from camunda:resource; conditions must be JsonLogic with language="${CONDITION_LANGUAGE}"`,
    });
    return;
  }
  if (!language) {
    problems.add('script-condition', ownerId, {
      zh: `${owner.zh}的条件没有写 language，会被当作表达式执行；条件必须是 language="${CONDITION_LANGUAGE}" 的 JsonLogic`,
      en: `${owner.en}: the condition has no language, so it would run as an expression; conditions must be JsonLogic with language="${CONDITION_LANGUAGE}"`,
    });
    return;
  }
  if (isScriptLanguage(language)) {
    problems.add('script-condition', ownerId, {
      zh: `${owner.zh}的条件是 ${language} 脚本；平台不执行脚本，条件必须是 language="${CONDITION_LANGUAGE}" 的 JsonLogic`,
      en: `${owner.en}: the condition is a ${language} script; no script is ever run, conditions must be JsonLogic with language="${CONDITION_LANGUAGE}"`,
    });
    return;
  }
  if (language !== CONDITION_LANGUAGE) {
    problems.add(
      'condition-not-jsonlogic',
      ownerId,
      {
        zh: `${owner.zh}的条件语言是 "${language}"；条件必须是 language="${CONDITION_LANGUAGE}" 的 JsonLogic`,
        en: `${owner.en}: the condition language is "${language}"; conditions must be JsonLogic with language="${CONDITION_LANGUAGE}"`,
      },
      true,
    );
    return;
  }
  const body = stringProperty(condition, 'body') ?? '';
  let rule: unknown;
  try {
    rule = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.add('condition-invalid-json', ownerId, {
      zh: `${owner.zh}的 JsonLogic 条件不是合法 JSON：${reason}`,
      en: `${owner.en}: the JsonLogic condition is not valid JSON: ${reason}`,
    });
    return;
  }
  for (const problem of checkRule(rule)) {
    const at = problem.path ? ` (${problem.path})` : '';
    problems.add('condition-not-jsonlogic', ownerId, {
      zh: `${owner.zh}的 JsonLogic 条件不被允许${at}：${problem.message.zh}`,
      en: `${owner.en}: the JsonLogic condition is not allowed${at}: ${problem.message.en}`,
    });
  }
}
