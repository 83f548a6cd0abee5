import { QueryTypes } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { TaskService } from './TaskService.js';
import type { WorkflowRuntime } from './WorkflowRuntime.js';
import {
  taskView,
  UUID,
  type InstanceStatus,
  type TaskRow,
  type TaskView,
} from './workflowRows.js';

/** The most open instances one resident's list answers with (the newest). */
export const RESIDENT_WORKFLOWS_LIMIT = 50;

/** An open instance of a resident's: what it is, where it stands, and its open tasks. */
export interface ResidentWorkflow {
  id: string;
  definitionKey: string;
  /** The process's name as its BPMN gives it (e.g. `双向转诊 Two-way referral`). */
  name: string;
  releaseId: string;
  status: InstanceStatus;
  startedAt: string;
  updatedAt: string;
  /** Its open and claimed tasks, the oldest first; none while it waits for a timer or message. */
  tasks: (Omit<TaskView, 'completedAt' | 'completedBy' | 'submissionId'> & {
    /** The caller may work it now: their role over its org, and open or claimed by them. */
    mayWork: boolean;
  })[];
}

/** A row of the listing: the instance's columns, its open tasks as JSON (timestamps as text). */
interface Listed {
  id: string;
  definition_key: string;
  release_id: string;
  status: InstanceStatus;
  started_at: string;
  updated_at: string;
  tasks: (Omit<TaskRow, 'due_at' | 'created_at' | 'completed_at'> & {
    due_at: string | null;
    created_at: string;
    completed_at: string | null;
  })[];
}

/**
 * A resident's open workflows (referrals, consultations: whatever the release's BPMN runs for
 * them), for the resident's page.
 */
export class ResidentWorkflows {
  constructor(private readonly runtime: WorkflowRuntime) {}

  /**
   * The open instances (running, waiting or with an incident) of the resident, newest first, each
   * with its open tasks — or undefined when no such resident is inside `orgPatterns` (the
   * caller's scope as LIKE patterns). One statement: the resident in scope, the instances and
   * their tasks.
   */
  async open(
    subjectId: string,
    orgPatterns: string[],
    caller: Caller,
  ): Promise<ResidentWorkflow[] | undefined> {
    if (!UUID.test(subjectId)) return undefined;
    const [row] = await this.runtime.deps.database.sequelize.query<{ instances: Listed[] }>(
      `SELECT (SELECT coalesce(json_agg(x ORDER BY x.started_at DESC, x.id), '[]'::json) FROM (
           SELECT i.id, i.definition_key, i.release_id, i.status, i.started_at, i.updated_at,
             (SELECT coalesce(json_agg(t ORDER BY t.created_at, t.id), '[]'::json)
                FROM workflow_tasks t
                WHERE t.instance_id = i.id AND t.status IN ('open', 'claimed')) AS tasks
           FROM workflow_instances i
           WHERE i.subject_id = s.id AND i.status IN ('running', 'waiting', 'incident')
           ORDER BY i.started_at DESC, i.id LIMIT $3) x) AS instances
       FROM subjects s WHERE s.id = $1 AND s.org_path LIKE ANY($2::text[])`,
      {
        bind: [subjectId, orgPatterns, RESIDENT_WORKFLOWS_LIMIT],
        type: QueryTypes.SELECT,
      },
    );
    if (!row) return undefined;
    return Promise.all(
      row.instances.map(async (instance) => ({
        id: instance.id,
        definitionKey: instance.definition_key,
        name: await this.processName(instance),
        releaseId: instance.release_id,
        status: instance.status,
        startedAt: new Date(instance.started_at).toISOString(),
        updatedAt: new Date(instance.updated_at).toISOString(),
        tasks: instance.tasks.map((json) => {
          const task: TaskRow = {
            ...json,
            due_at: json.due_at === null ? null : new Date(json.due_at),
            created_at: new Date(json.created_at),
            completed_at: json.completed_at === null ? null : new Date(json.completed_at),
          };
          const view = taskView(task);
          return {
            id: view.id,
            instanceId: view.instanceId,
            elementId: view.elementId,
            name: view.name,
            formKey: view.formKey,
            candidateRole: view.candidateRole,
            candidateOrgPath: view.candidateOrgPath,
            assigneeId: view.assigneeId,
            status: view.status,
            dueAt: view.dueAt,
            version: view.version,
            createdAt: view.createdAt,
            mayWork:
              TaskService.mayWork(caller, task) &&
              (task.status === 'open' || task.assignee_id === caller.user.id),
          };
        }),
      })),
    );
  }

  /** The BPMN's name of the process; its key when the release is no longer loaded. */
  private async processName(row: { release_id: string; definition_key: string }) {
    const release = this.runtime.deps.catalog.get(row.release_id);
    if (!release || !Object.hasOwn(release.spec.workflows, row.definition_key))
      return row.definition_key;
    return (await this.runtime.definitions.get(release, row.definition_key)).name;
  }
}
