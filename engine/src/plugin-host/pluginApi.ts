/**
 * The one API a plugin gets. Plugins import only this module (`@formwork/engine/plugin-api`);
 * the lint forbids them any other way into the engine. Later issues extend it with submission
 * and publication hooks and UI extension points.
 */
import type { Logger } from '../logging/createLogger.js';
import type { RouteDefinition, RouteRequest } from '../http/defineRoute.js';
import type { ReleaseSigner } from '../specs/ReleaseSigner.js';
import type { WorkflowService } from '../workflows/ServiceRegistry.js';
import type { ReminderHook } from '../reminders/Reminder.js';

export { defineRoute } from '../http/defineRoute.js';
export type { RouteAccess, RouteDefinition, RouteRequest } from '../http/defineRoute.js';
export { HttpError } from '../http/HttpError.js';
export type { ReleaseSigner } from '../specs/ReleaseSigner.js';
export type { ServiceCall, WorkflowService } from '../workflows/ServiceRegistry.js';
export type { Reminder, ReminderHook, ReminderMoment } from '../reminders/Reminder.js';

/** Version of this API; a plugin names the version it was written against. */
export const PLUGIN_API_VERSION = 1;

export interface PluginManifest {
  /** npm package name, e.g. @formwork/plugin-devices */
  name: string;
  /** Short name used in URLs: routes live under /api/plugins/<slug>/ */
  slug: string;
  version: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  /** The PLUGIN_API_VERSION the plugin was written against. */
  apiVersion: number;
}

/** What the engine hands a plugin's `register`. */
export interface PluginApi {
  readonly manifest: PluginManifest;
  /** A logger whose lines carry the plugin's name. */
  readonly logger: Logger;
  /** Where the plugin may keep files of its own (DATA_DIR/plugins/<slug>), created on demand. */
  readonly dataDir: string;
  /** Engine settings a plugin may read. */
  readonly settings: { readonly clickhouseUrl: string | undefined };
  /**
   * Adds a route under /api/plugins/<slug>/. `path` is relative to that prefix ('/' or
   * '/readings/:id'). It appears in the OpenAPI document like the engine's own routes.
   */
  route<R extends RouteRequest>(route: RouteDefinition<R>): void;
  /**
   * Signs published releases (the CA signing plugin): when one is registered, each release's
   * manifest is signed as canonical JSON (RFC 8785) and the signature stored with it. At most
   * one plugin may register a signer.
   */
  releaseSigner(signer: ReleaseSigner): void;
  /**
   * Adds a workflow service BPMN names in `camunda:topic` (e.g. `sign-report`, `notify`). It
   * replaces the engine's built-in of that name (the built-ins only record that they ran); two
   * plugins may not register the same name. A service that throws opens an incident.
   */
  workflowService(name: string, service: WorkflowService): void;
  /**
   * Called for every reminder that fires (a due item's due-soon or overdue moment), e.g. to send
   * the responsible doctor or the resident an SMS. Delivered after the reminder committed, at
   * least once: a hook that throws is retried with backoff (each failure recorded in
   * `reminder_deliveries`), and a process that dies during the call leaves it to another — so
   * make it idempotent by `reminder.id`. One hook per plugin.
   */
  onReminder(hook: ReminderHook): void;
  /** Runs after the engine is listening. */
  onStart(hook: () => Promise<void> | void): void;
  /** Runs during graceful shutdown, before the database closes, in reverse order of start. */
  onStop(hook: () => Promise<void> | void): void;
}

/** What a plugin package exports as `plugin`. */
export interface FormworkPlugin {
  manifest: PluginManifest;
  register(api: PluginApi): Promise<void> | void;
}

/** Identity function for typing a plugin module. */
export function definePlugin(plugin: FormworkPlugin): FormworkPlugin {
  return plugin;
}
