import { Engine } from 'bpmn-engine';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { HttpError } from '../http/HttpError.js';
import type { Release } from '../specs/Release.js';

/** What the runtime needs to know about one BPMN element (read once, with camunda: attributes). */
export interface ElementInfo {
  id: string;
  type: string;
  name: string;
  formKey?: string;
  /** camunda:candidateGroups: the role key whose holders may work the task. */
  candidateRole?: string;
  assignee?: string;
  /** camunda:topic of a service or send task: the registered service it calls. */
  topic?: string;
  /** The message a receive task or message event waits for. */
  message?: { ref: string; name: string };
  timer?: boolean;
  /** A boundary event's host activity. */
  attachedTo?: string;
  properties: Record<string, string>;
}

/** A definition parsed once per release and key: the serialized context bpmn-engine reuses. */
export interface WorkflowDefinition {
  releaseId: string;
  key: string;
  /** The executable process's name as the BPMN gives it (e.g. `双向转诊 Two-way referral`), else the key. */
  name: string;
  /** moddle-context-serializer context, handed to every Engine as `sourceContext`. */
  sourceContext: unknown;
  elements: ReadonlyMap<string, ElementInfo>;
  /** Message name → message id (what `signal` takes). */
  messages: ReadonlyMap<string, string>;
}

interface Behaviour {
  name?: string;
  formKey?: string;
  candidateGroups?: string;
  assignee?: string;
  topic?: string;
  messageRef?: { id: string; name?: string };
  /** moddle-context-serializer names a boundary event's host `attachedTo`. */
  attachedTo?: { id: string };
  eventDefinitions?: { type: string; behaviour?: { messageRef?: { id: string; name?: string } } }[];
  extensionElements?: { values?: { $type: string; values?: { name: string; value: string }[] }[] };
}

interface SerializedContext {
  getActivities(): { id: string; type: string; behaviour: Behaviour }[];
  getProcesses(): { id: string; name?: string; behaviour?: { isExecutable?: boolean } }[];
}

function elementInfo(id: string, type: string, b: Behaviour): ElementInfo {
  const properties: Record<string, string> = {};
  for (const ext of b.extensionElements?.values ?? []) {
    if (ext.$type !== 'camunda:Properties') continue;
    for (const p of ext.values ?? []) properties[p.name] = p.value;
  }
  const info: ElementInfo = { id, type, name: b.name ?? id, properties };
  if (b.formKey) info.formKey = b.formKey;
  if (b.candidateGroups) info.candidateRole = b.candidateGroups.split(',')[0]!.trim();
  if (b.assignee) info.assignee = b.assignee;
  if (b.topic) info.topic = b.topic;
  const ref =
    b.messageRef ??
    b.eventDefinitions?.find((d) => d.type === 'bpmn:MessageEventDefinition')?.behaviour
      ?.messageRef;
  if (ref) info.message = { ref: ref.id, name: ref.name ?? ref.id };
  if (b.attachedTo) info.attachedTo = b.attachedTo.id;
  if (b.eventDefinitions?.some((d) => d.type === 'bpmn:TimerEventDefinition')) info.timer = true;
  return info;
}

/**
 * Parses each workflow of a release once (bpmn-moddle with the Camunda extension, through
 * bpmn-engine's own serializer) and keeps the context: instances never store the definition
 * source, it is re-attached from here on every recover.
 */
export class WorkflowDefinitions {
  readonly #cache = new Map<string, Promise<WorkflowDefinition>>();

  get(release: Release, key: string): Promise<WorkflowDefinition> {
    const cacheKey = `${release.id}\u0000${key}`;
    let found = this.#cache.get(cacheKey);
    if (!found) {
      if (!Object.hasOwn(release.spec.workflows, key)) throw unknownWorkflow(key, release.id);
      found = parse(release.id, key, release.spec.workflows[key]!);
      found.catch(() => this.#cache.delete(cacheKey));
      this.#cache.set(cacheKey, found);
    }
    return found;
  }
}

export async function parse(releaseId: string, key: string, xml: string) {
  const engine = new Engine({ source: xml, moddleOptions: { camunda: camundaSchema } });
  const [definition] = await engine.getDefinitions();
  if (!definition) throw new Error(`workflow ${key} of ${releaseId} has no definition`);
  const sourceContext = (definition.environment.options as { source: SerializedContext }).source;
  const elements = new Map<string, ElementInfo>();
  const messages = new Map<string, string>();
  for (const activity of sourceContext.getActivities()) {
    if (activity.type === 'bpmn:Message') {
      messages.set(activity.behaviour.name ?? activity.id, activity.id);
      continue;
    }
    elements.set(activity.id, elementInfo(activity.id, activity.type, activity.behaviour));
  }
  const processes = sourceContext.getProcesses();
  const process = processes.find((p) => p.behaviour?.isExecutable) ?? processes[0];
  const name = process?.name?.trim() || key;
  return { releaseId, key, name, sourceContext, elements, messages } satisfies WorkflowDefinition;
}

export function unknownWorkflow(key: string, releaseId: string): HttpError {
  return new HttpError(
    404,
    'not_found',
    `发布版本 ${releaseId} 中没有流程 ${key} / Release ${releaseId} has no workflow ${key}`,
  );
}
