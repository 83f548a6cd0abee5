import { api, ok } from '../api/index.js';

/**
 * A workflow task as GET /api/tasks lists it. The engine publishes WorkflowTask as an open object
 * (engine/src/workflows/workflowRows.ts taskView), so the app names the fields it reads here,
 * in one place, until the engine's schema types them.
 */
export interface TaskItem {
  id: string;
  instanceId: string;
  name: string;
  formKey: string | null;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  assigneeId: string | null;
  dueAt: string | null;
  createdAt: string;
  version: number;
}

/** One step of an instance's history (GET /api/workflows/instances/:id `history`). */
export interface HistoryStep {
  at: string;
  actorName: string | null;
  event: string;
  elementName: string | null;
}

export async function listTasks(): Promise<TaskItem[]> {
  const { tasks } = await ok(api.GET('/api/tasks'));
  return tasks as unknown as TaskItem[];
}

/**
 * Claims or releases a task as of the version the user saw (If-Match): someone else's claim or
 * completion in between is a 409, never silently overwritten.
 */
export async function moveTask(task: TaskItem, action: 'claim' | 'release'): Promise<TaskItem> {
  const path = action === 'claim' ? '/api/tasks/{id}/claim' : '/api/tasks/{id}/release';
  const moved = await ok(
    api.POST(path, {
      params: { path: { id: task.id } },
      headers: { 'If-Match': `"${task.version}"` },
    }),
  );
  return moved as unknown as TaskItem;
}

export async function instanceHistory(instanceId: string): Promise<HistoryStep[]> {
  const instance = await ok(
    api.GET('/api/workflows/instances/{id}', { params: { path: { id: instanceId } } }),
  );
  return ((instance as { history?: HistoryStep[] }).history ?? []) as HistoryStep[];
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
  'element.completed': 'tasks.event.elementCompleted',
  incident: 'tasks.event.incident',
};

export function eventKey(event: string): string | undefined {
  return EVENT_KEYS[event];
}
