import { describeElement } from './elementLabels.js';
import { elementProperty, elementsProperty, idOf, type ModdleElement } from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';

const FLOW_NODE = /(?:Event|Task|Gateway|SubProcess|Transaction|CallActivity)$/;

const EVENT_GATEWAY_TARGETS = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:ReceiveTask']);

interface Flow {
  flow: ModdleElement;
  source: ModdleElement;
  target: ModdleElement;
}

/**
 * The rules about one process's graph: start and end events, where conditions may sit, default
 * flows, event-based gateway targets and reachability. Elements are the process's own flow
 * elements (sub-processes are outside the subset).
 */
export function checkProcess(process: ModdleElement, problems: ProblemCollector): void {
  const processId = idOf(process);
  const what = describeElement(process);
  const elements = elementsProperty(process, 'flowElements');
  const nodes = elements.filter((element) => FLOW_NODE.test(element.$type));
  const starts = nodes.filter((node) => node.$type === 'bpmn:StartEvent');
  if (starts.length === 0) {
    problems.add('no-start-event', processId, {
      zh: `${what.zh}没有开始事件`,
      en: `${what.en} has no start event`,
    });
  }
  if (!nodes.some((node) => node.$type === 'bpmn:EndEvent')) {
    problems.add('no-end-event', processId, {
      zh: `${what.zh}没有结束事件`,
      en: `${what.en} has no end event`,
    });
  }

  const flows: Flow[] = [];
  for (const flow of elements) {
    if (flow.$type !== 'bpmn:SequenceFlow') continue;
    const source = elementProperty(flow, 'sourceRef');
    const target = elementProperty(flow, 'targetRef');
    if (source && target) flows.push({ flow, source, target });
  }
  const outgoing = new Map<ModdleElement, Flow[]>();
  for (const entry of flows) {
    const exits = outgoing.get(entry.source);
    if (exits) exits.push(entry);
    else outgoing.set(entry.source, [entry]);
  }

  for (const { flow, source } of flows) {
    if (elementProperty(flow, 'conditionExpression') && source.$type !== 'bpmn:ExclusiveGateway') {
      problems.add('condition-misplaced', idOf(flow), {
        zh: `${describeElement(flow).zh}从${describeElement(source).zh}出发却带有条件；条件只能写在排他网关的出口上`,
        en: `${describeElement(flow).en} leaves ${describeElement(source).en} but carries a condition; conditions belong only on flows leaving an exclusive gateway`,
      });
    }
  }

  for (const gateway of nodes) {
    const exits = outgoing.get(gateway) ?? [];
    if (gateway.$type === 'bpmn:ExclusiveGateway') {
      checkExclusiveGateway(gateway, exits, problems);
    } else if (gateway.$type === 'bpmn:EventBasedGateway') {
      for (const { target } of exits) {
        if (EVENT_GATEWAY_TARGETS.has(target.$type)) continue;
        problems.add('event-gateway-target-invalid', idOf(target), {
          zh: `${describeElement(gateway).zh}通向${describeElement(target).zh}；事件网关只能通向定时器/消息捕获事件或接收任务`,
          en: `${describeElement(gateway).en} leads to ${describeElement(target).en}; an event-based gateway leads only to timer/message catch events or receive tasks`,
        });
      }
    }
  }

  if (starts.length > 0) checkReachability(nodes, starts, outgoing, problems);
}

function checkExclusiveGateway(
  gateway: ModdleElement,
  exits: readonly Flow[],
  problems: ProblemCollector,
): void {
  const what = describeElement(gateway);
  const defaultFlow = elementProperty(gateway, 'default');
  if (defaultFlow) {
    if (!exits.some(({ flow }) => flow === defaultFlow)) {
      problems.add('default-flow-invalid', idOf(gateway), {
        zh: `${what.zh}的默认流 ${describeElement(defaultFlow).zh}不是它的出口`,
        en: `${what.en}: its default ${describeElement(defaultFlow).en} does not leave it`,
      });
    } else if (elementProperty(defaultFlow, 'conditionExpression')) {
      problems.add('default-flow-with-condition', idOf(defaultFlow), {
        zh: `${describeElement(defaultFlow).zh}是${what.zh}的默认流，不能带条件`,
        en: `${describeElement(defaultFlow).en} is the default flow of ${what.en} and may not carry a condition`,
      });
    }
  }
  if (exits.length < 2) return;
  for (const { flow } of exits) {
    if (flow === defaultFlow || elementProperty(flow, 'conditionExpression')) continue;
    problems.add('gateway-condition-missing', idOf(flow), {
      zh: `${what.zh}有多个出口，但${describeElement(flow).zh}既不是默认流也没有条件`,
      en: `${what.en} has several exits, but ${describeElement(flow).en} is neither the default nor conditional`,
    });
  }
}

/** Flow nodes no start event leads to (through flows and boundary events) get a warning. */
function checkReachability(
  nodes: readonly ModdleElement[],
  starts: readonly ModdleElement[],
  outgoing: ReadonlyMap<ModdleElement, readonly Flow[]>,
  problems: ProblemCollector,
): void {
  const boundaries = new Map<ModdleElement, ModdleElement[]>();
  for (const node of nodes) {
    const host = node.$type === 'bpmn:BoundaryEvent' && elementProperty(node, 'attachedToRef');
    if (!host) continue;
    const attached = boundaries.get(host);
    if (attached) attached.push(node);
    else boundaries.set(host, [node]);
  }
  const reached = new Set<ModdleElement>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const next = [
      ...(outgoing.get(node) ?? []).map(({ target }) => target),
      ...(boundaries.get(node) ?? []),
    ];
    for (const target of next) {
      if (reached.has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  for (const node of nodes) {
    if (reached.has(node) || node.$type === 'bpmn:BoundaryEvent') continue;
    problems.add('unreachable', idOf(node), {
      zh: `从任何开始事件都无法到达${describeElement(node).zh}`,
      en: `${describeElement(node).en} cannot be reached from any start event`,
    });
  }
}
