/**
 * The one API a plugin gets. Plugins import only this module (`@formwork/engine/plugin-api`);
 * the lint forbids them any other way into the engine. Later issues extend it with submission
 * and publication hooks and UI extension points.
 */
import type { Logger } from '../logging/createLogger.js';
import type { OutboxEvent } from '../submissions/Outbox.js';
import type { RouteDefinition, RouteRequest } from '../http/defineRoute.js';
import type {
  DocumentSignature,
  DocumentSigner,
  SignatureVerification,
  SignerRef,
} from '../signing/DocumentSigner.js';
import type { WorkflowService } from '../workflows/ServiceRegistry.js';
import type { ReminderHook } from '../reminders/Reminder.js';
import type { Indicator } from '@formwork/definitions';
import type { OrgLevel } from '../access/roles.js';

export { defineRoute } from '../http/defineRoute.js';
export type { RouteAccess, RouteDefinition, RouteRequest } from '../http/defineRoute.js';
export { HttpError } from '../http/HttpError.js';
export type { OutboxEvent } from '../submissions/Outbox.js';
export type {
  DocumentSignature,
  DocumentSigner,
  SignatureStatus,
  SignatureVerification,
  SignerRef,
} from '../signing/DocumentSigner.js';
export { canonicalJson } from '../audit/canonicalJson.js';
/**
 * The engine's terminal progress bar for a plugin's CLI command: `update(done, total)` redraws
 * `[#####     ] 50% 5000/10000` at most ten times a second on a terminal and writes nothing
 * otherwise; `finish(done, total)` ends its line.
 */
export { ProgressBar, type ProgressStream } from '../cli/ProgressBar.js';
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
   * server, no start or stop hooks: register only) and calls `run(args)`, whose result is the exit
   * code. With `needs: 'database'` the CLI first opens the configured database (never creating
   * one; its migrations must be current) with its releases, so `api.readModel` answers during
   * `run`, and closes it afterwards; without it there is no database. Names are lower-case words
   * and hyphens and may not take an engine command's name or another plugin's.
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
  /**
   * A durable outbox consumer (consumer `plugin:<slug>:<name>` in `outbox_cursors`): the engine
   * reads committed events in commit order every WORKFLOW_POLL_MS (0: never; tests call
   * `Engine.pluginConsumers[i].poll()`), hands those of `topics` to `handle` in batches of at most
   * `batchSize` (default 500) and moves the cursor past a batch only after `handle` resolved (events
   * of other topics are passed over). At least once: a handler that throws is logged and retried
   * with backoff (1 s doubling to 5 min) and the cursor does not move; a process that dies
   * mid-batch reads it again — so make `handle` idempotent (e.g. by submission id and revision).
   * Topics the engine writes: `submission.created`, `submission.amended`, `submission.migrated`
   * (payload: submissionId, subjectId, enrollmentId, formKey, formVersion, releaseId, orgCode,
   * revision, authorId, at, data — personal values sealed as `{ $sealed, kind }`),
   * `enrollment.created`, `enrollment.ended`, `enrollment.reassigned` (enrollmentId, subjectId,
   * program, orgCode, enrolledOn, endedOn, responsibleUserId). Names are lower-case words and
   * hyphens, one each per plugin. Returns a handle whose `backlog()` says how far behind it is.
   */
  outboxConsumer(definition: OutboxConsumerDefinition): OutboxConsumerHandle;
  /**
   * Read-only facts for reporting: enrollments and residents (no names, ID numbers, phones or
   * other personal values), org paths and the fields of a released form. Only while the engine
   * runs, or in a plugin's CLI command that `needs: 'database'` (not during register()).
   */
  readonly readModel: ReadModel;
  /**
   * A health check: `GET /api/health` shows its answer under `plugins.<slug>` (public, like the
   * rest of it: say nothing sensitive). A plugin `degraded` leaves the engine's status `ok` (the
   * engine serves forms); a check that throws or takes over 2 s reads as degraded. One per plugin.
   */
  health(check: () => Promise<PluginHealth> | PluginHealth): void;
  /** Runs after the engine is listening. */
  onStart(hook: () => Promise<void> | void): void;
  /** Runs during graceful shutdown, before the database closes, in reverse order of start. */
  onStop(hook: () => Promise<void> | void): void;
}

/** A plugin's health as `GET /api/health` shows it. */
export interface PluginHealth {
  status: 'ok' | 'degraded';
  /** Short figures a monitor reads, e.g. `{ lagSeconds: 3 }`. */
  detail?: Readonly<Record<string, string | number | boolean | null>>;
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

/** What `api.outboxConsumer` takes. */
export interface OutboxConsumerDefinition {
  /** Lower-case words and hyphens; the cursor is kept as `plugin:<slug>:<name>`. */
  name: string;
  /** The topics handed to `handle`, e.g. `['submission.created', 'submission.amended']`. */
  topics: readonly string[];
  /** At most this many events read per batch (1 to 10000; default 500). */
  batchSize?: number;
  /** Handles a batch of events of `topics`, in commit order; throw to have it read again. */
  handle(events: OutboxEvent[]): Promise<void>;
}

/** How far behind a consumer is. */
export interface OutboxBacklog {
  /** When the newest event of its topics was committed (null: none yet). */
  newestCommittedAt: string | null;
  /** When the event its cursor points at was committed (null: it has not moved yet). */
  newestHandledAt: string | null;
  /** Whether events of its topics wait after its cursor. */
  behind: boolean;
  /** Newest committed minus newest handled, in seconds (0 when not behind). */
  lagSeconds: number;
}

/** What `api.outboxConsumer` returns. */
export interface OutboxConsumerHandle {
  /** `plugin:<slug>:<name>`. */
  readonly consumer: string;
  /** How far behind it is (only while the engine runs). */
  backlog(): Promise<OutboxBacklog>;
}

/** Which rows a read-model read returns: those with the ids, or a page in id order after `after`. */
export type ReadModelQuery = { ids: readonly string[] } | { after?: string; limit: number };

/** An enrollment as reports see it. */
export interface ReadModelEnrollment {
  id: string;
  subjectId: string;
  program: string;
  /** YYYY-MM-DD */
  enrolledOn: string;
  endedOn: string | null;
  orgCode: string;
  /** The org path's codes, national first. */
  orgPath: string[];
  /** The responsible doctor (a user id). */
  responsibleUserId: string | null;
  /** The row's version: rises with every change. */
  version: number;
}

/** A resident as reports see them: no name, ID number, phone or address. */
export interface ReadModelSubject {
  id: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: string;
  orgCode: string;
  orgPath: string[];
  version: number;
}

/** A field of a released form, as the compiler describes it. */
export interface FormFieldFacts {
  /** JSON pointer into the data, e.g. `/sbp`. */
  path: string;
  /** Its `x-de` data element, when it has one. */
  dataElement?: string;
  /** Marked `x-sensitive` (name, ID number, phone, address): stored sealed, never report it. */
  personal: boolean;
}

/** What `api.readModel` offers a plugin (read-only, no access check: the plugin makes its own). */
export interface ReadModel {
  /** Enrollments by id, or a page of at most `limit` (≤ 10000) in id order after `after`. */
  enrollments(query: ReadModelQuery): Promise<ReadModelEnrollment[]>;
  /** Residents by id, or a page in id order after `after`. */
  subjects(query: ReadModelQuery): Promise<ReadModelSubject[]>;
  /** The org path codes (national first) of each known code, in the newest org tree holding it. */
  orgPaths(codes: readonly string[]): Promise<Record<string, string[]>>;
  /**
   * The fields of a form of a release (undefined: no such release or form); a form that does not
   * compile throws 409 `form_broken`.
   */
  formFields(releaseId: string, formKey: string): FormFieldFacts[] | undefined;
  /**
   * The release new records at an org unit are captured on (a province's inside the province,
   * else the national one): its indicators and parameter values. Undefined for an unknown code.
   */
  releaseFor(orgCode: string): Promise<ReadModelRelease | undefined>;
  /** Org units of the newest tree: those with the codes, or the children of `parentCode`, by code. */
  orgUnits(
    query: { codes: readonly string[] } | { parentCode: string },
  ): Promise<ReadModelOrgUnit[]>;
  /**
   * Stored submissions as their newest revision, a page of at most `limit` (≤ 10000) in id order
   * after `after`: what a `submission.*` outbox event carries (personal values sealed), for a
   * plugin that loads what was stored before it listened (a backfill).
   */
  submissions(query: { after?: string; limit: number }): Promise<ReadModelSubmission[]>;
  /** How many submissions are stored (a backfill's total). */
  submissionCount(): Promise<number>;
}

/** A release as reports see it. */
export interface ReadModelRelease {
  /** e.g. `national-phs@3.0.1+fujian@1.2.0` */
  id: string;
  /** The org code it serves (100000 for the nation, 350000 for Fujian). */
  jurisdiction: string;
  /** The effective indicators (the base's and the overlay's), by id. */
  indicators: Readonly<Record<string, Indicator>>;
  /** Effective parameter values by key (a province's included). */
  parameters: Readonly<Record<string, unknown>>;
  /** The programmes it offers. */
  programmes: readonly { id: string; title: { zh: string; en: string } }[];
}

/** An org unit (division or institution) of the newest org tree. */
export interface ReadModelOrgUnit {
  code: string;
  name: string;
  nameEn: string;
  level: OrgLevel;
  kind: 'division' | 'institution';
  parentCode: string | null;
  /** The codes from the national root to the unit itself. */
  path: string[];
}

/** A stored submission in its newest revision: the payload of its `submission.*` event. */
export interface ReadModelSubmission {
  submissionId: string;
  subjectId: string;
  enrollmentId: string | null;
  formKey: string;
  formVersion: string;
  releaseId: string;
  orgCode: string;
  revision: number;
  authorId: string;
  /** When the newest revision was stored (ISO). */
  at: string;
  /** The data, personal values sealed as `{ $sealed, kind }`. */
  data: Record<string, unknown>;
}

/** A CLI subcommand a plugin adds (`api.command`). */
export interface PluginCommand {
  /** `formwork <name>`: lower-case words and hyphens, e.g. `ca`, `sign`, `verify`. */
  name: string;
  /** One line for `formwork --help`. */
  description: string;
  /** The arguments, e.g. `sign --key KEY --cert CERT FILE` (shown by `formwork <name> --help`). */
  usage: string;
  /**
   * `'database'`: the CLI opens the engine's configured database before `run` (an embedded one
   * held by a running engine fails with the data directory's lock message, exit 1, before `run`)
   * and `api.readModel` reads it; omitted, the command gets no database.
   */
  needs?: 'database';
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
