/**
 * The one API a plugin gets. Plugins import only this module (`@formwork/engine/plugin-api`);
 * the lint forbids them any other way into the engine. Later issues extend it with submission
 * and publication hooks and UI extension points.
 */
import type { Logger } from '../logging/createLogger.js';
import type { RouteDefinition, RouteRequest } from '../http/defineRoute.js';
import type {
  DocumentSignature,
  DocumentSigner,
  SignatureVerification,
  SignerRef,
} from '../signing/DocumentSigner.js';
import type { WorkflowService } from '../workflows/ServiceRegistry.js';
import type { ReminderHook } from '../reminders/Reminder.js';

export { defineRoute } from '../http/defineRoute.js';
export type { RouteAccess, RouteDefinition, RouteRequest } from '../http/defineRoute.js';
export { HttpError } from '../http/HttpError.js';
export type {
  DocumentSignature,
  DocumentSigner,
  SignatureStatus,
  SignatureVerification,
  SignerRef,
} from '../signing/DocumentSigner.js';
export { canonicalJson } from '../audit/canonicalJson.js';
export type { JsonValue } from '../audit/canonicalJson.js';
export type { CompletedTask, ServiceCall, WorkflowService } from '../workflows/ServiceRegistry.js';
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
   * The document signer (the CA signing plugin): when one is registered, the engine signs through
   * it each published release's manifest (as the platform, purpose `release`), every revision of
   * a submission of a form marked `x-signable: true` (as the user who stores it; a signer that
   * throws fails the submission with 502 `signature_failed`, nothing stored), and the audit
   * trail's head (as the platform, purpose `audit-head`; AUDIT_SIGN_INTERVAL_MS and
   * `POST /api/audit/head-signatures`); it also verifies them. At most one plugin may register
   * one. The engine builds the content; the signer signs the canonical JSON (RFC 8785) of
   * `{ content, certificate, signedAt }` (see DocumentSigner).
   */
  signer(signer: DocumentSigner): void;
  /**
   * Signatures of stored submissions, for a plugin's workflow service (e.g. `sign-report`, with
   * `call.lastTask`). Inside a workflow service they run in the step's transaction. Only while
   * the engine runs (not in a plugin's CLI command).
   */
  readonly signatures: PluginSignatures;
  /**
   * Adds a CLI subcommand: `formwork <name> …args` loads the configured plugins (PLUGINS; no
   * database, no server: register only) and calls `run(args)`, whose result is the exit code.
   * Names are lower-case words and hyphens and may not take an engine command's name or another
   * plugin's.
   */
  command(definition: PluginCommand): void;
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

/** What `api.signatures` offers a plugin. */
export interface PluginSignatures {
  /**
   * Signs the submission's current revision as `as` (e.g. the user who completed the task that
   * wrote it) and stores the signature beside it, append-only. Idempotent: when that revision is
   * already signed, its stored signature is returned and nothing is signed again. Throws an
   * HttpError: 404 unknown submission, 503 `signer_unavailable` without a signer, 502
   * `signature_failed` when the signer throws (nothing stored).
   */
  signSubmission(submissionId: string, as: SignerRef): Promise<DocumentSignature>;
  /**
   * The verification of the submission's newest signature (`unsigned` when it has none, or its
   * current revision is not the one signed). No access check: it is the plugin's to make.
   */
  verifySubmission(submissionId: string): Promise<SignatureVerification>;
}

/** A CLI subcommand a plugin adds (`api.command`). */
export interface PluginCommand {
  /** `formwork <name>`: lower-case words and hyphens, e.g. `ca`, `sign`, `verify`. */
  name: string;
  /** One line for `formwork --help`. */
  description: string;
  /** The arguments, e.g. `sign --key KEY --cert CERT FILE` (shown by `formwork <name> --help`). */
  usage: string;
  /** Runs with the arguments after the name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
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
