import type { LocalizedText } from './BpmnLintResult.js';
import {
  descriptorProperties,
  isModdleElement,
  isSet,
  type ModdleElement,
} from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';
import {
  CODE_CAMUNDA_ATTRIBUTES,
  IGNORED_CAMUNDA_ATTRIBUTES,
  SUPPORTED_BPMN_SUBSET,
} from './supportedElements.js';

/** Namespaces the reader knows: their unknown attributes are already parser warnings. */
const KNOWN_PREFIXES = new Set(['bpmn', 'bpmndi', 'dc', 'di', 'camunda', 'xsi', 'xml', 'xmlns']);

const EXPRESSION = /[$#]\{/;

const shorten = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/**
 * Checks the extension attributes of one BPMN element: `camunda:` attributes must be in the
 * supported subset and hold no `${…}` expression, Java classes and expressions are refused, and
 * attributes from other tools' namespaces (activiti:class, flowable:expression, …) are outside
 * the subset. The definitions root may carry other tools' metadata attributes.
 */
export function checkAttributes(
  element: ModdleElement,
  ownerId: string | null,
  owner: LocalizedText,
  problems: ProblemCollector,
): void {
  const type = element.$type;
  if (!type.startsWith('bpmn:')) return;
  const allowed = new Set([
    ...IGNORED_CAMUNDA_ATTRIBUTES,
    ...(SUPPORTED_BPMN_SUBSET[type]?.camundaAttributes ?? []),
  ]);
  for (const property of descriptorProperties(element)) {
    if (property.ns?.prefix !== 'camunda' || property.isReference) continue;
    if (!isSet(element, property.name)) continue;
    const value = element[property.name];
    if (isModdleElement(value)) continue;
    const local = property.ns.localName ?? property.name;
    const attribute = `camunda:${local}="${shorten(value)}"`;
    if (CODE_CAMUNDA_ATTRIBUTES.includes(local)) {
      problems.add('service-task-code', ownerId, {
        zh: `${owner.zh}用 ${attribute} 指定 Java 类或表达式；平台从不执行代码，请用 camunda:topic 指定已注册服务`,
        en: `${owner.en} uses ${attribute}, a Java class or expression; no code is ever run, name a registered service with camunda:topic`,
      });
    } else if (type === 'bpmn:FormalExpression' && local === 'resource') {
      // checkCondition and checkTimer report a script resource in their own terms.
    } else if (!allowed.has(local)) {
      problems.add('unsupported-attribute', ownerId, {
        zh: `${owner.zh}的属性 ${attribute} 不在支持的子集内`,
        en: `${owner.en}: attribute ${attribute} is outside the supported subset`,
      });
    } else if (typeof value === 'string' && EXPRESSION.test(value)) {
      problems.add('expression-forbidden', ownerId, {
        zh: `${owner.zh}的属性 ${attribute} 含表达式；请写固定值`,
        en: `${owner.en}: attribute ${attribute} holds an expression; write a fixed value`,
      });
    }
  }
  if (type === 'bpmn:Definitions') return;
  for (const [name, value] of Object.entries(element.$attrs ?? {})) {
    const colon = name.indexOf(':');
    if (colon < 0 || KNOWN_PREFIXES.has(name.slice(0, colon))) continue;
    problems.add('unsupported-attribute', ownerId, {
      zh: `${owner.zh}带有其他工具的属性 ${name}="${shorten(value)}"，不在支持的子集内`,
      en: `${owner.en} carries ${name}="${shorten(value)}" from another tool, outside the supported subset`,
    });
  }
}
