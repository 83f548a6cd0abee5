import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { SavedState } from './WorkflowSession.js';

/**
 * The rows of the workflow tables (migration 0010) as the runtime reads them, their API views,
 * and the errors every part of the runtime shares.
 */

export type InstanceStatus = 'running' | 'waiting' | 'completed' | 'cancelled' | 'incident';

export interface InstanceRow {
  id: string;
  definition_key: string;
  release_id: string;
  state: SavedState | null;
  status: InstanceStatus;
  version: number;
  business_key: string | null;
  subject_id: string | null;
  org_code: string;
  org_path: string;
  variables: Record<string, unknown>;
  started_at: Date;
  updated_at: Date;
}

export interface TaskRow {
  id: string;
  instance_id: string;
  element_id: string;
  execution_id: string;
  name: string;
  form_key: string | null;
  candidate_role: string | null;
  candidate_org_path: string;
  assignee_id: string | null;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  due_at: Date | null;
  version: number;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  submission_id: string | null;
}

export const taskView = (t: TaskRow) => ({
  id: t.id,
  instanceId: t.instance_id,
  elementId: t.element_id,
  name: t.name,
  formKey: t.form_key,
  candidateRole: t.candidate_role,
  candidateOrgPath: t.candidate_org_path,
  assigneeId: t.assignee_id,
  status: t.status,
  dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
  version: t.version,
  createdAt: new Date(t.created_at).toISOString(),
  completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null,
  completedBy: t.completed_by,
  submissionId: t.submission_id,
});
export type TaskView = ReturnType<typeof taskView>;

export const instanceView = (r: InstanceRow) => ({
  id: r.id,
  definitionKey: r.definition_key,
  releaseId: r.release_id,
  status: r.status,
  version: r.version,
  businessKey: r.business_key,
  subjectId: r.subject_id,
  orgCode: r.org_code,
  variables: r.variables,
  startedAt: new Date(r.started_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
export type InstanceView = ReturnType<typeof instanceView>;

/** Who acts: a user id, or a named system actor (timer, outbox, message). */
export type Actor = string;

export const conflict = (code: string, zh: string, en: string, details?: unknown) =>
  new HttpError(409, code, `${zh} / ${en}`, details);
export const taskNotFound = () => new HttpError(404, 'not_found', '任务不存在 / No such task');
export const instanceNotFound = () =>
  new HttpError(404, 'not_found', '流程实例不存在 / No such workflow instance');

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A SELECT (or … RETURNING) inside `transaction`, rows typed as T. */
export function select<T extends object>(
  database: Database,
  sql: string,
  bind: unknown[],
  transaction: Transaction,
) {
  return database.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction });
}
