/** A user task an instance completed: where, with which submission, by whom. */
export interface CompletedTask {
  /** The user task's id in the BPMN. */
  elementId: string;
  /** The submission its form wrote (null for a task without a form or one it only reviewed). */
  submissionId: string | null;
  completedBy: { userId: string; username: string };
}

/** What a workflow service gets: the instance's variables and the calling element. */
export interface ServiceCall {
  instanceId: string;
  elementId: string;
  /** The element's name in the BPMN (its id when it has none). */
  elementName?: string;
  /** camunda:property values of the element (e.g. a notification template). */
  properties: Readonly<Record<string, string>>;
  variables: Readonly<Record<string, unknown>>;
  /**
   * The instance's most recently completed user task, if any (e.g. the specialist's report task
   * before `sign-report`): sign its submission with
   * `api.signatures.signSubmission(call.lastTask.submissionId, { kind: 'user', ...completedBy })`.
   */
  lastTask?: CompletedTask;
  /** Writes a line into the instance's history. */
  record(event: string, details?: Record<string, unknown>): void;
}

/** A service: returns variables to merge into the instance (or nothing); throws on failure. */
export type WorkflowService = (
  call: ServiceCall,
) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

/** What a service may be called: lower-case words joined by hyphens (`sign-report`). */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Services BPMN refers to by name (`camunda:topic`). Code registers them (built-ins here,
 * plugins through the plugin API); nothing about a service is stored in an instance's state.
 */
export class ServiceRegistry {
  readonly #services = new Map<string, WorkflowService>();

  /**
   * `scheduleFollowUp`: the engine's `schedule-follow-up`, which writes the due item the BPMN
   * names (schedules/scheduleFollowUp.ts); without it (a runtime on its own, in tests) the
   * service only records that it ran. `notify`: the engine's, which writes in-app notifications
   * (reminders/notifyService.ts); without it, it only records that it ran.
   */
  constructor(builtins: { scheduleFollowUp?: WorkflowService; notify?: WorkflowService } = {}) {
    const notify: WorkflowService = (call) => {
      call.record('notified', {
        ...(call.properties.template ? { template: call.properties.template } : {}),
      });
    };
    this.add('notify', builtins.notify ?? notify);
    this.add('escalate', (call) => {
      call.record('escalated', { ...call.properties });
    });
    this.add(
      'schedule-follow-up',
      builtins.scheduleFollowUp ??
        ((call) => {
          call.record('follow-up-scheduled', {});
        }),
    );
    // Signing is the CA signing plugin's (it registers `sign-report`): without it, the step
    // fails and opens an incident, never a silent "signed".
    this.add('sign-report', () => {
      throw new Error(
        '未注册 CA 签名插件，报告无法签名 / No CA signing plugin registers the workflow service "sign-report": the report cannot be signed (load @formwork/plugin-ca-signing, then retry the incident)',
      );
    });
  }

  /** Adds (or replaces) a service. */
  add(name: string, service: WorkflowService): void {
    if (!SERVICE_NAME.test(name)) throw new Error(`bad workflow service name ${name}`);
    this.#services.set(name, service);
  }

  get(name: string): WorkflowService | undefined {
    return this.#services.get(name);
  }

  get names(): string[] {
    return [...this.#services.keys()].sort();
  }
}
