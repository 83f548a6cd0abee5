import type { LocalizedText } from './BpmnLintResult.js';
import { checkAttributes } from './checkAttributes.js';
import { checkCondition } from './checkCondition.js';
import { checkRuleProperty } from './checkRuleProperty.js';
import { checkTimer } from './checkTimer.js';
import { describeElement, typeLabel } from './elementLabels.js';
import {
  childElements,
  elementProperty,
  elementsProperty,
  idOf,
  isSet,
  stringProperty,
  type ModdleElement,
} from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';
import {
  CODE_CAMUNDA_ATTRIBUTES,
  NONE_EVENT,
  SUPPORTED_BPMN_SUBSET,
  UNSUPPORTED_BPMN_REASONS,
} from './supportedElements.js';

/** Diagram interchange (shapes, edges, labels): ignored. */
const DIAGRAM_PREFIXES = ['bpmndi:', 'di:', 'dc:'];

/** Parts of an element that have no shape of their own: problems go to the element. */
const PARTS = new Set([
  'bpmn:ExtensionElements',
  'bpmn:Documentation',
  'bpmn:Expression',
  'bpmn:FormalExpression',
]);

const LISTENERS = new Set(['camunda:TaskListener', 'camunda:ExecutionListener', 'camunda:Script']);

const BOUNDARY_HOSTS = new Set(['bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:ReceiveTask']);

/** Whether problems inside `element` are reported on it (it has an id and a shape). */
function ownsProblems(element: ModdleElement): boolean {
  const type = element.$type;
  return (
    type.startsWith('bpmn:') &&
    !PARTS.has(type) &&
    !type.endsWith('EventDefinition') &&
    idOf(element) !== null
  );
}

interface Visit {
  element: ModdleElement;
  /** The nearest enclosing element that owns problems. */
  owner: ModdleElement | null;
}

/** Names `element` inside its owner: "用户任务 X 的任务监听器" / "task listener of user task X". */
function describeIn(element: ModdleElement, owner: ModdleElement | null): LocalizedText {
  if (!owner || owner === element) return describeElement(element);
  const ownerText = describeElement(owner);
  const label = typeLabel(element.$type);
  return { zh: `${ownerText.zh}的${label.zh}`, en: `${label.en} of ${ownerText.en}` };
}

function reportUnsupported(
  element: ModdleElement,
  owner: ModdleElement | null,
  problems: ProblemCollector,
): void {
  const type = element.$type;
  const ownerId = owner ? idOf(owner) : null;
  const what = describeIn(element, owner);
  if (type === 'bpmn:ScriptTask') {
    problems.add('script-task', ownerId, {
      zh: `${what.zh}是脚本任务；平台从不执行元数据中的脚本，请改用服务任务（camunda:topic）`,
      en: `${what.en} is a script task; scripts from metadata are never run, use a service task (camunda:topic)`,
    });
    return;
  }
  if (LISTENERS.has(type)) {
    problems.add('script-listener', ownerId, {
      zh: `${what.zh}会执行脚本、Java 类或表达式，不允许；请用服务任务（camunda:topic）`,
      en: `${what.en} runs a script, Java class or expression, which is not allowed; use a service task (camunda:topic)`,
    });
    return;
  }
  const reason = UNSUPPORTED_BPMN_REASONS[type];
  const foreign = !type.startsWith('bpmn:') && !type.startsWith('camunda:');
  problems.add('unsupported-element', ownerId, {
    zh: `${what.zh}不在支持的子集内${foreign ? '（来自其他建模工具的扩展）' : ''}${reason ? `：${reason.zh}` : ''}`,
    en: `${what.en} is outside the supported subset${foreign ? ' (an extension from another modelling tool)' : ''}${reason ? `: ${reason.en}` : ''}`,
  });
  if (type === 'bpmn:ConditionalEventDefinition') {
    const condition = elementProperty(element, 'condition');
    if (condition) checkCondition(condition, ownerId, what, problems);
  }
}

function checkEvent(event: ModdleElement, problems: ProblemCollector): void {
  const type = event.$type;
  const allowed = SUPPORTED_BPMN_SUBSET[type]?.eventDefinitions ?? [NONE_EVENT];
  const id = idOf(event);
  const what = describeElement(event);
  const definitions = elementsProperty(event, 'eventDefinitions');
  if (elementsProperty(event, 'eventDefinitionRefs').length > 0 || definitions.length > 1) {
    problems.add('unsupported-element', id, {
      zh: `${what.zh}有多个或引用的事件定义；每个事件只能有一个内联定义`,
      en: `${what.en} has several or referenced event definitions; an event has at most one, inline`,
    });
    return;
  }
  const [definition] = definitions;
  if (!definition) {
    if (!allowed.includes(NONE_EVENT)) {
      problems.add('unsupported-element', id, {
        zh: `${what.zh}没有事件定义；须为${allowed.map((t) => typeLabel(t).zh).join('或')}`,
        en: `${what.en} has no event definition; it needs a ${allowed.map((t) => typeLabel(t).en).join(' or ')}`,
      });
    }
    return;
  }
  // Definitions outside the subset altogether are reported when the walk reaches them.
  if (SUPPORTED_BPMN_SUBSET[definition.$type] && !allowed.includes(definition.$type)) {
    const kinds = allowed.map((t) => (t === NONE_EVENT ? { zh: '空', en: 'none' } : typeLabel(t)));
    problems.add('unsupported-element', id, {
      zh: `${what.zh}不能带${typeLabel(definition.$type).zh}；允许：${kinds.map((k) => k.zh).join('、')}`,
      en: `${what.en} cannot carry a ${typeLabel(definition.$type).en}; allowed: ${kinds.map((k) => k.en).join(', ')}`,
    });
  }
  if (type === 'bpmn:BoundaryEvent') {
    const host = elementProperty(event, 'attachedToRef');
    if (!host || !BOUNDARY_HOSTS.has(host.$type)) {
      problems.add('boundary-attachment-invalid', id, {
        zh: `${what.zh}附着在${host ? describeElement(host).zh : '（无）'}上；边界事件只能附着在用户任务、服务任务或接收任务上`,
        en: `${what.en} is attached to ${host ? describeElement(host).en : 'nothing'}; boundary events attach only to user, service or receive tasks`,
      });
    }
  }
}

function checkServiceLike(task: ModdleElement, problems: ProblemCollector): void {
  // A Java class or expression is already service-task-code; one problem per cause.
  if (CODE_CAMUNDA_ATTRIBUTES.some((name) => isSet(task, name))) return;
  const what = describeElement(task);
  const type = stringProperty(task, 'type');
  if (type !== undefined && type !== 'external') {
    problems.add('service-task-without-service', idOf(task), {
      zh: `${what.zh}的 camunda:type="${type}" 无效；服务由 camunda:topic 指定，camunda:type 只能是 external 或省略`,
      en: `${what.en} has camunda:type="${type}"; services are named by camunda:topic, and camunda:type may only be external or absent`,
    });
    return;
  }
  if (!stringProperty(task, 'topic')?.trim()) {
    problems.add('service-task-without-service', idOf(task), {
      zh: `${what.zh}没有 camunda:topic；请用它指定一个已注册的服务`,
      en: `${what.en} has no camunda:topic; name a registered service with it`,
    });
  }
}

function checkMessageRef(
  element: ModdleElement,
  owner: ModdleElement | null,
  problems: ProblemCollector,
): void {
  if (elementProperty(element, 'messageRef')) return;
  const what = describeIn(element, owner);
  problems.add('message-ref-missing', owner ? idOf(owner) : idOf(element), {
    zh: `${what.zh}没有 messageRef；请指定它等待或发送的消息`,
    en: `${what.en} has no messageRef; name the message it waits for or sends`,
  });
}

function checkSupported(
  element: ModdleElement,
  owner: ModdleElement | null,
  problems: ProblemCollector,
): void {
  const type = element.$type;
  const id = idOf(element);
  const ownerId = owner ? idOf(owner) : null;
  checkAttributes(element, ownerId, describeIn(element, owner), problems);
  if (SUPPORTED_BPMN_SUBSET[type]?.eventDefinitions) checkEvent(element, problems);
  switch (type) {
    case 'bpmn:Process':
      if (element['isExecutable'] !== true) {
        problems.add('not-executable', id, {
          zh: `${describeElement(element).zh}没有标记 isExecutable="true"；只运行可执行流程（可能是其他建模工具导出的文件）`,
          en: `${describeElement(element).en} is not marked isExecutable="true"; only executable processes run (perhaps an export from another modelling tool)`,
        });
      }
      break;
    case 'bpmn:UserTask':
      if (!stringProperty(element, 'formKey')?.trim()) {
        problems.add('user-task-without-form', id, {
          zh: `${describeElement(element).zh}没有 camunda:formKey；每个用户任务必须绑定一个表单`,
          en: `${describeElement(element).en} has no camunda:formKey; every user task must name its form`,
        });
      }
      break;
    case 'bpmn:ServiceTask':
    case 'bpmn:SendTask':
      checkServiceLike(element, problems);
      break;
    case 'bpmn:ReceiveTask':
      checkMessageRef(element, element, problems);
      break;
    case 'bpmn:MessageEventDefinition':
      checkMessageRef(element, owner, problems);
      break;
    case 'bpmn:TimerEventDefinition':
      checkTimer(element, ownerId, describeElement(owner ?? element), problems);
      break;
    case 'camunda:Property':
      checkRuleProperty(element, ownerId, describeElement(owner ?? element), problems);
      break;
    case 'bpmn:SequenceFlow': {
      const condition = elementProperty(element, 'conditionExpression');
      if (condition) checkCondition(condition, id, describeElement(element), problems);
      const source = elementProperty(element, 'sourceRef');
      const target = elementProperty(element, 'targetRef');
      // A dangling reference is already a parser warning on this flow.
      if ((!source || !target) && !problems.has('parser-warning', id)) {
        problems.add('sequence-flow-incomplete', id, {
          zh: `${describeElement(element).zh}缺少${source ? '' : ' sourceRef'}${target ? '' : ' targetRef'}`,
          en: `${describeElement(element).en} has no${source ? '' : ' sourceRef'}${target ? '' : ' targetRef'}`,
        });
      }
      break;
    }
  }
}

/**
 * Walks the whole semantic tree (not the diagram) once: every element must be in
 * SUPPORTED_BPMN_SUBSET with supported attributes, and each kind gets its own rules. Elements
 * outside the subset are reported once and not entered.
 */
export function checkElements(definitions: ModdleElement, problems: ProblemCollector): void {
  const ids = new Map<string, ModdleElement>();
  const stack: Visit[] = [{ element: definitions, owner: null }];
  while (stack.length > 0) {
    const { element, owner: enclosing } = stack.pop()!;
    const type = element.$type;
    if (DIAGRAM_PREFIXES.some((prefix) => type.startsWith(prefix))) continue;
    const owner = ownsProblems(element) ? element : enclosing;
    const id = type.startsWith('bpmn:') ? idOf(element) : null;
    if (id !== null) {
      const first = ids.get(id);
      if (first && first !== element && !problems.has('duplicate-id', id)) {
        problems.add('duplicate-id', id, {
          zh: `id "${id}" 被${describeElement(first).zh}和${describeElement(element).zh}同时使用`,
          en: `id "${id}" is used by both ${describeElement(first).en} and ${describeElement(element).en}`,
        });
      }
      if (!first) ids.set(id, element);
    }
    if (!SUPPORTED_BPMN_SUBSET[type]) {
      reportUnsupported(element, owner, problems);
      continue;
    }
    checkSupported(element, owner, problems);
    const children = childElements(element);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ element: children[i]!, owner });
  }
}
