import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { evaluateRule } from '@formwork/definitions';
import type { CompletedTask, ServiceRegistry } from './ServiceRegistry.js';
import type { WorkflowDefinition } from './WorkflowDefinitions.js';
import { safeErrorMessage } from '../logging/safeError.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- bpmn-engine's element APIs are untyped */

/** Something the engine is waiting for, as the step left it. */
export interface Postponed {
  elementId: string;
  executionId: string;
  type: string;
}

export interface WaitEvent {
  elementId: string;
  executionId: string;
  type: string;
}

export interface TimerEvent {
  elementId: string;
  executionId: string;
  /** Milliseconds from now. */
  timeoutMs: number;
}

export interface HistoryLine {
  event: string;
  elementId: string | null;
  details: Record<string, unknown>;
}

/** A message a throw event of this instance sent (to other instances waiting for it). */
export interface ThrownMessage {
  elementId: string;
  name: string;
}

/** What one step (start, or recover + act) did, for the runtime to persist. */
export interface StepResult {
  state: SavedState;
  variables: Record<string, unknown>;
  waits: WaitEvent[];
  timers: TimerEvent[];
  timedOut: Set<string>;
  postponed: Postponed[];
  completed: boolean;
  failure: { elementId: string | null; error: string } | undefined;
  history: HistoryLine[];
  thrown: ThrownMessage[];
}

/** bpmn-engine's getState() without the definition source and without idle elements. */
export type SavedState = Record<string, any>;

/**
 * How long one engine call may take. A step runs inside a database transaction holding a pooled
 * connection (on PGlite, the only transaction): an engine call that never settles must fail the
 * step, not hold the database forever.
 */
export const STEP_DEADLINE_MS = 10_000;

async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`workflow engine: ${what} did not finish in ${STEP_DEADLINE_MS} ms`)),
      STEP_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Timers that never fire in memory: due timers are rows, fired by the TimerPoller. */
const quietTimers = () => {
  const never = { setTimeout: () => ({}), clearTimeout: () => undefined };
  return { ...never, executing: [], register: () => never };
};

/**
 * Conditions are JsonLogic (ARCHITECTURE decision 1): a `conditionExpression` with
 * language="jsonlogic" is evaluated with definitions' evaluateRule over the instance variables.
 * Any other language is refused (the lint rejects it before it gets here).
 */
export function jsonLogicScripts() {
  const scripts = new Map<string, { execute(context: any, callback: any): void }>();
  return {
    register({ id, type, behaviour }: any) {
      if (type !== 'bpmn:SequenceFlow' || !behaviour.conditionExpression) return undefined;
      const { language, body } = behaviour.conditionExpression;
      if (String(language).toLowerCase() !== 'jsonlogic') {
        throw new Error(`${id}: only JsonLogic conditions run (got ${String(language)})`);
      }
      const rule = JSON.parse(body) as unknown;
      const script = {
        execute(context: any, callback: any) {
          try {
            const variables = context.environment?.variables ?? {};
            callback(null, Boolean(evaluateRule(rule, variables)));
          } catch (err) {
            callback(err);
          }
        },
      };
      scripts.set(id, script);
      return script;
    },
    getScript(_language: string, { id }: { id: string }) {
      return scripts.get(id);
    },
  };
}

/** Removes the definition source (re-attached from the release) and elements never touched. */
export function pruneState(state: any): SavedState {
  for (const definition of state.definitions ?? []) {
    delete definition.source;
    for (const process of definition.execution?.processes ?? []) {
      const execution = process.execution;
      if (!execution) continue;
      execution.children = (execution.children ?? []).filter((c: any) => c.status);
      execution.flows = (execution.flows ?? []).filter((f: any) => f.broker);
    }
  }
  return state;
}

export interface SessionOptions {
  definition: WorkflowDefinition;
  services: ServiceRegistry;
  instanceId: string;
  /** The instance's most recently completed user task (ServiceCall.lastTask). */
  lastTask?: CompletedTask | undefined;
}

/**
 * One step of an instance in memory: build an engine from the cached definition, start or
 * recover + resume it, act (signal, fire a timer, correlate a message), let it run to its next
 * wait, take the state and drop the engine. Nothing here touches the database.
 */
export class WorkflowSession {
  readonly #engine: Engine;
  readonly #listener = new EventEmitter();
  readonly #pending = new Set<Promise<void>>();
  readonly #result: Omit<StepResult, 'state' | 'variables' | 'postponed' | 'completed'> = {
    waits: [],
    timers: [],
    timedOut: new Set(),
    failure: undefined,
    history: [],
    thrown: [],
  };
  #execution: any;
  /** Service outputs that arrived before start/resume returned the execution. */
  readonly #early: Record<string, unknown>[] = [];

  constructor(private readonly options: SessionOptions) {
    const call = (activity: any, callback: any) => this.#call(activity, callback);
    this.#engine = new Engine({
      name: options.instanceId,
      sourceContext: options.definition.sourceContext as any,
      scripts: jsonLogicScripts() as any,
      timers: quietTimers() as any,
      extensions: {
        services(activity: any) {
          if (activity.type === 'bpmn:ServiceTask' || activity.type === 'bpmn:SendTask') {
            activity.behaviour.Service = function Service() {
              return {
                execute: (_message: any, callback: any) => call(activity, callback),
              };
            };
          }
        },
      },
    } as any);
    const l = this.#listener;
    l.on('activity.wait', (api: any) => {
      // An event definition waits on behalf of its event: a boundary event's message wait
      // carries the event's own id, a nested one names its event as parent.
      const own = options.definition.elements.has(api.id) || !api.type.endsWith('EventDefinition');
      this.#result.waits.push({
        elementId: own ? api.id : (api.content?.parent?.id ?? api.id),
        executionId: own ? api.executionId : (api.content?.parent?.executionId ?? api.executionId),
        type: api.type,
      });
    });
    l.on('activity.timer', (api: any) => {
      const elementId = api.content?.parent?.id ?? api.id;
      this.#result.timers.push({
        elementId,
        executionId: api.content?.parent?.executionId ?? api.executionId,
        // bpmn-engine measures what is left of the duration on its own (real) clock, so a
        // millisecond may come or go between its start and this event; BPMN durations are whole
        // seconds, and due dates follow the engine's clock, so round to the second.
        timeoutMs: Math.max(0, Math.round(Number(api.content?.timeout ?? 0) / 1000) * 1000),
      });
    });
    l.on('activity.message', (api: any) => {
      // A message throw event (intermediate or end): the runtime delivers it to other instances.
      const info = options.definition.elements.get(api.id);
      if (info?.message && /ThrowEvent$|EndEvent$/.test(info.type)) {
        this.#result.thrown.push({ elementId: info.id, name: info.message.name });
      }
    });
    l.on('activity.timeout', (api: any) => {
      this.#result.timedOut.add(api.content?.parent?.id ?? api.id);
    });
    l.on('activity.end', (api: any) => {
      if (api.type.endsWith('EventDefinition')) return;
      this.#result.history.push({ event: 'element.completed', elementId: api.id, details: {} });
    });
    this.#engine.on('error', (err: Error) => {
      this.#result.failure ??= { elementId: null, error: safeErrorMessage(err) };
    });
  }

  #call(activity: any, callback: (err: Error | null, output?: unknown) => void) {
    const info = this.options.definition.elements.get(activity.id);
    const name = info?.topic ?? '';
    const service = this.options.services.get(name);
    const run = (async () => {
      try {
        if (!service) throw new Error(`no workflow service registered as "${name}"`);
        const output = await service({
          instanceId: this.options.instanceId,
          elementId: activity.id,
          elementName: info?.name ?? activity.id,
          properties: info?.properties ?? {},
          ...(this.options.lastTask ? { lastTask: this.options.lastTask } : {}),
          // A service right after the start event runs inside execute(), before the execution
          // is handed over: it reads the start variables from its own environment then.
          variables: this.#execution
            ? this.variables
            : ((activity.environment?.variables ?? {}) as Record<string, unknown>),
          record: (event, details = {}) =>
            this.#result.history.push({ event, elementId: activity.id, details }),
        });
        if (output && typeof output === 'object') {
          // The running process reads it at once (a gateway right after the service); every
          // other environment gets it now, or as soon as start/resume hands over the execution.
          Object.assign(activity.environment?.variables ?? {}, output);
          if (this.#execution) this.assign(output);
          else this.#early.push(output as Record<string, unknown>);
        }
        callback(null, output ?? {});
      } catch (err) {
        // The task stays executing (saved that way): an incident, retried by recover + resume.
        this.#result.failure ??= {
          elementId: activity.id,
          error: safeErrorMessage(err),
        };
      }
    })();
    this.#pending.add(run);
    void run.finally(() => this.#pending.delete(run));
  }

  get execution(): any {
    return this.#execution;
  }

  get variables(): Record<string, unknown> {
    return (this.#execution?.environment?.variables ?? {}) as Record<string, unknown>;
  }

  #assignEarly() {
    for (const output of this.#early.splice(0)) this.assign(output);
  }

  /** Merges variables into every environment the running elements read. */
  assign(values: Record<string, unknown>) {
    const execution = this.#execution;
    if (!execution) return;
    const targets = new Set<Record<string, unknown>>([execution.environment.variables]);
    for (const definition of execution.definitions ?? []) {
      targets.add(definition.environment.variables);
      for (const process of definition.getProcesses?.() ?? []) {
        targets.add(process.environment.variables);
      }
    }
    for (const target of targets) Object.assign(target, values);
  }

  /** Starts a new instance and runs it to its first wait. */
  async start(variables: Record<string, unknown>) {
    // bpmn-engine hands execute()'s variables to each definition's own environment only: put
    // them in the engine's too, so services, task rules and the saved variables see them.
    Object.assign((this.#engine as any).environment.variables, variables);
    this.#execution = await within(
      this.#engine.execute({ listener: this.#listener, variables } as any),
      'execute',
    );
    this.#assignEarly();
    await this.settle();
    this.#assignEarly();
  }

  /** Re-attaches the definition to saved state and resumes it (waits are announced again). */
  async resume(state: SavedState) {
    this.#engine.recover(structuredClone(state));
    this.#execution = await within(
      this.#engine.resume({ listener: this.#listener } as any),
      'resume',
    );
    this.#assignEarly();
    await this.settle();
    this.#assignEarly();
  }

  /** Lets asynchronous services finish (and whatever they start). */
  async settle() {
    for (let round = 0; round < 1000; round++) {
      if (!this.#pending.size) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.#pending.size) return;
      }
      await Promise.allSettled([...this.#pending]);
    }
  }

  postponed(): Postponed[] {
    return (this.#execution?.getPostponed() ?? [])
      .filter((api: any) => !String(api.type).startsWith('bpmn:SequenceFlow'))
      .map((api: any) => ({ elementId: api.id, executionId: api.executionId, type: api.type }));
  }

  /** Takes the state and drops the engine. */
  async finish(): Promise<StepResult> {
    await this.settle();
    const postponed = this.postponed();
    const raw = await within(this.#engine.getState(), 'getState');
    const variables = { ...this.variables };
    const completed = postponed.length === 0 && !this.#result.failure;
    // A finished engine never emits 'stop' again: stopping it would wait forever.
    if (this.#engine.state === 'running') await within(this.#engine.stop(), 'stop');
    this.#listener.removeAllListeners();
    return {
      ...this.#result,
      state: pruneState(raw),
      variables,
      postponed,
      completed,
    };
  }
}
