import { BPMN_PROBLEM_CODES, type BpmnLintResult, type BpmnProblem } from '@formwork/definitions';

/**
 * Where a workflow lives and where it is saved, as pure functions over the engine's answers: a
 * spec version holds its workflows by key (`content.workflows`); an overlay version changes its
 * base's with `add-workflow` / `replace-workflow` operations. No I/O, no Vue.
 */

export interface SpecContentLike {
  workflows?: Record<string, string>;
  forms?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WorkflowOperation {
  op: 'add-workflow' | 'replace-workflow';
  workflow: string;
  bpmn: string;
}

export interface OverlayLike {
  key: string;
  version: string;
  base: { spec: string; version: string };
  operations: { op: string; workflow?: string; bpmn?: string }[];
  [key: string]: unknown;
}

function isWorkflowOperation(op: OverlayLike['operations'][number]): op is WorkflowOperation {
  return (
    (op.op === 'add-workflow' || op.op === 'replace-workflow') &&
    typeof op.workflow === 'string' &&
    typeof op.bpmn === 'string'
  );
}

/** The workflows an overlay version runs: its base's, with its own added or replaced (last wins). */
export function effectiveWorkflows(
  base: SpecContentLike,
  overlay: OverlayLike,
): Record<string, string> {
  const workflows = { ...(base.workflows ?? {}) };
  for (const op of overlay.operations)
    if (isWorkflowOperation(op)) workflows[op.workflow] = op.bpmn;
  return workflows;
}

/** A spec version's content with `key`'s BPMN replaced (or added). */
export function specWithWorkflow(
  content: SpecContentLike,
  key: string,
  xml: string,
): SpecContentLike {
  return { ...content, workflows: { ...(content.workflows ?? {}), [key]: xml } };
}

/**
 * An overlay with `key`'s BPMN set: the overlay's own operation on that workflow is replaced in
 * place; else one is appended, `replace-workflow` when the base has the workflow, `add-workflow`
 * when it does not.
 */
export function overlayWithWorkflow(
  overlay: OverlayLike,
  baseHasWorkflow: boolean,
  key: string,
  xml: string,
): OverlayLike {
  let found = false;
  const operations = overlay.operations.map((op) => {
    if (!isWorkflowOperation(op) || op.workflow !== key) return op;
    found = true;
    return { ...op, bpmn: xml };
  });
  if (!found)
    operations.push({
      op: baseHasWorkflow ? 'replace-workflow' : 'add-workflow',
      workflow: key,
      bpmn: xml,
    });
  return { ...overlay, operations };
}

/** The next minor version: 1.2.0 → 1.3.0. */
export function nextMinor(version: string): string {
  const [major = 0, minor = 0] = version.split(/[.-]/).map(Number);
  return `${major}.${minor + 1}.0`;
}

export interface LintView {
  /** Every problem, errors first, each with its severity. */
  problems: (BpmnProblem & { severity: 'error' | 'warning'; unsupported: boolean })[];
  /** Problems that say the file uses what the engine cannot run, element by element. */
  unsupported: (BpmnProblem & { severity: 'error' | 'warning'; unsupported: boolean })[];
  /** Element id → the worst severity of its problems (for the diagram's markers). */
  byElement: Map<string, 'error' | 'warning'>;
}

/** The lint's result arranged for the screen: the list, what cannot run, markers by element. */
export function lintView(result: BpmnLintResult): LintView {
  const problems = [
    ...result.errors.map((p) => ({ ...p, severity: 'error' as const })),
    ...result.warnings.map((p) => ({ ...p, severity: 'warning' as const })),
  ].map((p) => ({ ...p, unsupported: BPMN_PROBLEM_CODES[p.code]?.unsupported ?? false }));
  const byElement = new Map<string, 'error' | 'warning'>();
  for (const p of problems) {
    if (!p.elementId) continue;
    if (byElement.get(p.elementId) !== 'error') byElement.set(p.elementId, p.severity);
  }
  return { problems, unsupported: problems.filter((p) => p.unsupported), byElement };
}

/**
 * Problems the engine listed when it refused to store a version (422 `spec_invalid`:
 * `path: /workflows/<key>#<elementId>`), for the workflow `key`: element ids to mark.
 */
export function refusedElements(details: unknown, key: string): string[] {
  const list = (details as { errors?: unknown; problems?: unknown } | undefined) ?? {};
  const problems = Array.isArray(list.errors)
    ? list.errors
    : Array.isArray(list.problems)
      ? list.problems
      : [];
  const prefix = `/workflows/${key}#`;
  return problems.flatMap((p) => {
    const path = (p as { path?: unknown }).path;
    return typeof path === 'string' && path.startsWith(prefix) ? [path.slice(prefix.length)] : [];
  });
}

/** A flow element of a process (task, event, gateway): what an instance can wait at. */
export interface FlowElement {
  id: string;
  /** As the engine names types: `bpmn:UserTask`. */
  type: string;
  name: string;
}

const NOT_FLOW_NODES = new Set([
  'sequenceFlow',
  'laneSet',
  'textAnnotation',
  'association',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'extensionElements',
  'documentation',
]);

/** The flow elements of a BPMN document's processes, in document order (DOMParser: the browser's). */
export function flowElementsOf(xml: string, parser: DOMParser = new DOMParser()): FlowElement[] {
  const doc = parser.parseFromString(xml, 'application/xml');
  const found: FlowElement[] = [];
  const processes = Array.from(doc.getElementsByTagName('*')).filter(
    (e) => e.localName === 'process',
  );
  for (const process of processes) {
    for (const child of Array.from(process.children)) {
      const id = child.getAttribute('id');
      if (!id || NOT_FLOW_NODES.has(child.localName)) continue;
      const local = child.localName;
      found.push({
        id,
        type: `bpmn:${local.charAt(0).toUpperCase()}${local.slice(1)}`,
        name: child.getAttribute('name') ?? '',
      });
    }
  }
  return found;
}

/**
 * The mapping a migration starts from: each element instances wait at mapped to the element of
 * the same id in the target when it has one of the same type, else left empty ('') to choose.
 */
export function defaultMapping(
  waitingAt: readonly string[],
  source: readonly FlowElement[],
  target: readonly FlowElement[],
): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const id of waitingAt) {
    const from = source.find((e) => e.id === id);
    const same = target.find((e) => e.id === id);
    mapping[id] = same && (!from || from.type === same.type) ? id : '';
  }
  return mapping;
}

/** The target elements an element may be mapped to: those of its type (any, when unknown). */
export function mappingOptions(
  id: string,
  source: readonly FlowElement[],
  target: readonly FlowElement[],
): FlowElement[] {
  const type = source.find((e) => e.id === id)?.type;
  return type ? target.filter((e) => e.type === type) : [...target];
}

/** The engine's 422 `incomplete_mapping` details: element, what is wrong, how many instances. */
export function mappingProblemsOf(
  details: unknown,
): { elementId: string; problem: string; instances: number }[] {
  const problems = (details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((p) => {
    const { elementId, problem, instances } = (p ?? {}) as Record<string, unknown>;
    return typeof elementId === 'string'
      ? [
          {
            elementId,
            problem: typeof problem === 'string' ? problem : '',
            instances: typeof instances === 'number' ? instances : 0,
          },
        ]
      : [];
  });
}
