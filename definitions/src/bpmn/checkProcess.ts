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
  checkWaitlessLoops(nodes, outgoing, problems);
}

/** Where an instance stops until someone or something acts (and the runtime saves it). */
const WAIT_STATES = new Set([
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ReceiveTask',
  'bpmn:IntermediateCatchEvent',
]);

/**
 * A loop of sequence flows through no wait state never reaches a point where the instance can
 * be saved: it would run for ever inside one step (and hold the engine). Each such loop is an
 * error naming its elements. Iterative depth-first search: no recursion on hostile input.
 */
function checkWaitlessLoops(
  nodes: readonly ModdleElement[],
  outgoing: ReadonlyMap<ModdleElement, readonly Flow[]>,
  problems: ProblemCollector,
): void {
  const inGraph = new Set(nodes.filter((node) => !WAIT_STATES.has(node.$type)));
  const state = new Map<ModdleElement, 'open' | 'done'>();
  const loops = new Map<string, string[]>();
  for (const root of inGraph) {
    if (state.has(root)) continue;
    const path: ModdleElement[] = [];
    const exits: Iterator<Flow>[] = [];
    const enter = (node: ModdleElement) => {
      state.set(node, 'open');
      path.push(node);
      exits.push((outgoing.get(node) ?? [])[Symbol.iterator]());
    };
    enter(root);
    while (path.length > 0) {
      const next = exits[exits.length - 1]!.next();
      if (next.done) {
        state.set(path.pop()!, 'done');
        exits.pop();
        continue;
      }
      const { target } = next.value;
      if (!inGraph.has(target)) continue;
      const seen = state.get(target);
      if (seen === undefined) enter(target);
      else if (seen === 'open') {
        const ids = path.slice(path.indexOf(target)).map((node) => idOf(node) ?? node.$type);
        loops.set([...ids].sort().join(' '), ids);
      }
    }
  }
  for (const ids of loops.values()) {
    const loop = [...ids, ids[0]].join(' → ');
    problems.add('loop-without-wait', ids[0]!, {
      zh: `循环 ${loop} 中没有等待点（用户任务、人工任务、接收任务或捕获事件），会无限运行`,
      en: `the loop ${loop} has no wait state (user, manual or receive task, catch event) and would run for ever`,
    });
  }
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
