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
  dueAt: string | null;
  createdAt: string;
  version: number;
}

export async function listTasks(): Promise<TaskItem[]> {
  const { tasks } = await ok(api.GET('/api/tasks'));
  return tasks as unknown as TaskItem[];
}
