/** What a workflow service gets: the instance's variables and the calling element. */
export interface ServiceCall {
  instanceId: string;
  elementId: string;
  /** The element's name in the BPMN (its id when it has none). */
  elementName?: string;
  /** camunda:property values of the element (e.g. a notification template). */
  properties: Readonly<Record<string, string>>;
  variables: Readonly<Record<string, unknown>>;
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
    this.add('sign-report', (call) => {
      call.record('report-signed', {});
      return { reportSigned: true };
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
