import { api, ok } from '../api/index.js';
import type { components } from '../api/schema.js';

/**
 * A workflow task as GET /api/tasks lists it: with its instance's resident and release, and its
 * BPMN element's properties (`decisionVariable` makes it a decision).
 */
export type TaskItem = components['schemas']['WorkflowTaskListed'];

/** One step of an instance's history (GET /api/workflows/instances/:id `history`). */
export interface HistoryStep {
  at: string;
  actorName: string | null;
  event: string;
  elementName: string | null;
}

export async function listTasks(): Promise<TaskItem[]> {
  const { tasks } = await ok(api.GET('/api/tasks'));
  return tasks;
}

/** One task of the user's worklist; undefined when it is no longer theirs to work (done, taken). */
export async function findTask(id: string): Promise<TaskItem | undefined> {
  return (await listTasks()).find((task) => task.id === id);
}

/**
 * Claims or releases a task as of the version the user saw (If-Match): someone else's claim or
 * completion in between is a 409, never silently overwritten.
 */
export async function moveTask(task: TaskItem, action: 'claim' | 'release'): Promise<void> {
  const path = action === 'claim' ? '/api/tasks/{id}/claim' : '/api/tasks/{id}/release';
  await ok(
    api.POST(path, {
      params: { path: { id: task.id } },
      headers: { 'If-Match': `"${task.version}"` },
    }),
  );
}

/** A workflow instance as GET /api/workflows/instances/:id gives it (the fields the app reads). */
export interface InstanceDetail {
  id: string;
  releaseId: string;
  status: string;
  subjectId: string | null;
  variables: Record<string, unknown>;
  tasks: {
    elementId: string;
    formKey: string | null;
    status: string;
    submissionId: string | null;
    completedAt: string | null;
  }[];
  history: HistoryStep[];
}

export async function instanceDetail(instanceId: string): Promise<InstanceDetail> {
  const instance = await ok(
    api.GET('/api/workflows/instances/{id}', { params: { path: { id: instanceId } } }),
  );
  return instance as unknown as InstanceDetail;
}

export async function instanceHistory(instanceId: string): Promise<HistoryStep[]> {
  return (await instanceDetail(instanceId)).history ?? [];
}

/**
 * What a decision task asks (its BPMN properties `decisionVariable` and `declineReasonVariable`),
 * or undefined when the task is not a decision.
 */
export function decisionOf(
  task: TaskItem,
): { variable: string; reasonVariable: string | undefined } | undefined {
  const variable = task.properties.decisionVariable;
  if (!variable) return undefined;
  return { variable, reasonVariable: task.properties.declineReasonVariable };
}

/**
 * The stored record of a form this instance captured at an earlier task (e.g. the township's
 * referral slip a county decision reviews): the latest completed task with that form.
 */
export function capturedSubmission(instance: InstanceDetail, formKey: string): string | undefined {
  return (
    instance.tasks
      .filter((t) => t.formKey === formKey && t.status === 'completed' && t.submissionId)
      .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''))
      .at(-1)?.submissionId ?? undefined
  );
}

/** The data elements (x-de) the resident's record answers: name and sex (GB/T 2261.1 codes). */
const RESIDENT_ELEMENTS: Record<string, (r: { name: string; sex: string }) => unknown> = {
  'DE02.01.039.00': (r) => r.name,
  'DE02.01.040.00': (r) => ({ male: '1', female: '2' })[r.sex],
};

/**
 * What a task's form can start from: the instance's variables for the form's fields of the same
 * name (e.g. an urgent referral's urgency and programme), and the resident's name and sex for the
 * fields bound to those data elements.
 */
export function prefill(
  schema: Readonly<Record<string, unknown>>,
  variables: Record<string, unknown>,
  resident?: { name: string; sex: string },
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const [field, definition] of Object.entries(properties)) {
    const element = (definition as { 'x-de'?: unknown })['x-de'];
    const fromResident =
      resident && typeof element === 'string' ? RESIDENT_ELEMENTS[element]?.(resident) : undefined;
    if (Object.hasOwn(variables, field)) data[field] = variables[field];
    else if (fromResident !== undefined) data[field] = fromResident;
  }
  return data;
}

/**
 * Completes a task as of the version the user saw (If-Match): with its form's record (`data`) or
 * the process variables a decision sets. A 409 (someone else completed or claimed it) and a 422
 * (the engine's field errors) come back as ApiError.
 */
export async function completeTask(
  task: TaskItem,
  body: { data?: Record<string, unknown>; variables?: Record<string, unknown> },
): Promise<void> {
  await ok(
    api.POST('/api/tasks/{id}/complete', {
      params: { path: { id: task.id } },
      headers: { 'If-Match': `"${task.version}"` },
      body,
    }),
  );
}

/** Instance events said in words (message keys); others are shown as the engine names them. */
const EVENT_KEYS: Record<string, string> = {
  'instance.started': 'tasks.event.instanceStarted',
  'instance.completed': 'tasks.event.instanceCompleted',
  'task.created': 'tasks.event.taskCreated',
  'task.claimed': 'tasks.event.taskClaimed',
  'task.released': 'tasks.event.taskReleased',
  'task.completed': 'tasks.event.taskCompleted',
  'timer.scheduled': 'tasks.event.timerScheduled',
  'timer.fired': 'tasks.event.timerFired',
  'message.received': 'tasks.event.messageReceived',
  notified: 'tasks.event.notified',
  'element.completed': 'tasks.event.elementCompleted',
  incident: 'tasks.event.incident',
};

export function eventKey(event: string): string | undefined {
  return EVENT_KEYS[event];
}
