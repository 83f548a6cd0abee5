import fs from 'node:fs';
import path from 'node:path';
import type { AnyRouteDefinition } from '../http/defineRoute.js';
import type { RouteRegistry } from '../http/RouteRegistry.js';
import type { Logger } from '../logging/createLogger.js';
import {
  PLUGIN_API_VERSION,
  type FormworkPlugin,
  type OutboxConsumerDefinition,
  type PluginApi,
  type ReadModel,
  type PluginCommand,
  type PluginHealth,
  type PluginManifest,
  type PluginSignatures,
  type ReminderHook,
  type WorkflowService,
} from './pluginApi.js';
import { SERVICE_NAME as WORKFLOW_SERVICE_NAME } from '../workflows/ServiceRegistry.js';
import type { DocumentSigner } from '../signing/DocumentSigner.js';
import type { PluginOutboxConsumer } from './PluginOutboxConsumer.js';

/** A plugin's outbox consumer (`api.outboxConsumer`), and the runner the engine made of it. */
export interface OutboxConsumerRegistration {
  /** `plugin:<slug>:<name>` */
  consumer: string;
  plugin: string;
  definition: OutboxConsumerDefinition;
  /** Set by the engine once it runs. */
  runner?: PluginOutboxConsumer;
}

/** The most events a plugin's consumer may take per batch. */
export const MAX_CONSUMER_BATCH = 10_000;

/** What a plugin's CLI subcommand may be called. */
export const COMMAND_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export class PluginLoadError extends Error {
  override name = 'PluginLoadError';
  constructor(
    readonly plugin: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`插件加载失败 / Plugin ${plugin} failed to load: ${reason}`, options);
  }
}

type Hook = () => Promise<void> | void;

const SLUG = /^[a-z][a-z0-9-]{1,40}$/;

function checkPlugin(specifier: string, exported: unknown): FormworkPlugin {
  const plugin = exported as Partial<FormworkPlugin> | undefined;
  if (!plugin || typeof plugin !== 'object') {
    throw new PluginLoadError(specifier, 'the module does not export `plugin`');
  }
  const manifest = plugin.manifest as Partial<PluginManifest> | undefined;
  if (!manifest || typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new PluginLoadError(specifier, 'its manifest needs a name and a version');
  }
  if (typeof manifest.slug !== 'string' || !SLUG.test(manifest.slug)) {
    throw new PluginLoadError(
      specifier,
      `manifest.slug must match ${SLUG} (got "${manifest.slug}")`,
    );
  }
  if (manifest.apiVersion !== PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      specifier,
      `it was written for plugin API ${manifest.apiVersion}; this engine provides ${PLUGIN_API_VERSION}`,
    );
  }
  if (typeof plugin.register !== 'function') {
    throw new PluginLoadError(specifier, 'it does not export a register(api) function');
  }
  return plugin as FormworkPlugin;
}

export interface LoadedPlugin {
  manifest: PluginManifest;
  routes: string[];
}

/**
 * Loads plugins by package name (or file URL), checks their manifests and calls `register` with
 * a PluginApi. Any failure stops the start with a PluginLoadError naming the plugin: an engine
 * that silently runs without its CA signing or device plugin is worse than one that does not start.
 */
export class PluginHost {
  readonly loaded: LoadedPlugin[] = [];
  /** The document signer a plugin registered (`api.signer`), if any, and which plugin did. */
  signer: DocumentSigner | undefined;
  signerPlugin: string | undefined;
  /** CLI subcommands plugins registered (`api.command`), by name. */
  readonly commands = new Map<string, { command: PluginCommand; plugin: string }>();
  /**
   * What `api.signatures` does: set by the engine once its services exist. Unset (a CLI command
   * loads plugins without a database), calling it throws.
   */
  signatures: PluginSignatures | undefined;
  /** Workflow services plugins registered, by name, with the plugin that did. */
  readonly workflowServices = new Map<string, { service: WorkflowService; plugin: string }>();
  /** Reminder hooks (`api.onReminder`), by the plugin that registered each. */
  readonly reminderHooks = new Map<string, ReminderHook>();
  /** Outbox consumers (`api.outboxConsumer`), in the order registered. */
  readonly outboxConsumers: OutboxConsumerRegistration[] = [];
  /**
   * What `api.readModel` reads: set by the engine once its services exist, or by the CLI for a
   * command that `needs: 'database'`. Unset (any other CLI command), calling it throws.
   */
  readModel: ReadModel | undefined;
  /** Health checks (`api.health`), by plugin slug. */
  readonly healthChecks = new Map<string, () => Promise<PluginHealth> | PluginHealth>();
  readonly #startHooks: Hook[] = [];
  readonly #stopHooks: Hook[] = [];

  constructor(
    private readonly registry: RouteRegistry,
    private readonly logger: Logger,
    private readonly dataDir: string,
    private readonly settings: PluginApi['settings'],
    /** Command names a plugin may not take (the engine's own). */
    private readonly reservedCommands: readonly string[] = [],
  ) {}

  #signatures(): PluginSignatures {
    if (!this.signatures)
      throw new Error(
        'api.signatures is available while the engine runs, not in a CLI command or during register()',
      );
    return this.signatures;
  }

  #readModel(): ReadModel {
    if (!this.readModel)
      throw new Error(
        "api.readModel is available while the engine runs or in a CLI command that needs: 'database', not during register()",
      );
    return this.readModel;
  }

  /** Checks and keeps a plugin's outbox consumer. */
  #outboxConsumer(manifest: PluginManifest, definition: OutboxConsumerDefinition) {
    const name = definition?.name;
    if (typeof name !== 'string' || !COMMAND_NAME.test(name))
      throw new Error(`outbox consumer names are lower-case words and hyphens (got "${name}")`);
    if (
      !Array.isArray(definition.topics) ||
      !definition.topics.length ||
      !definition.topics.every((t) => typeof t === 'string' && t.length > 0)
    )
      throw new Error(`outbox consumer "${name}" needs a list of topics`);
    const batch = definition.batchSize;
    if (
      batch !== undefined &&
      !(Number.isInteger(batch) && batch >= 1 && batch <= MAX_CONSUMER_BATCH)
    )
      throw new Error(`outbox consumer "${name}": batchSize must be 1 to ${MAX_CONSUMER_BATCH}`);
    if (typeof definition.handle !== 'function')
      throw new Error(`outbox consumer "${name}" needs a handle(events) function`);
    const consumer = `plugin:${manifest.slug}:${name}`;
    if (this.outboxConsumers.some((c) => c.consumer === consumer))
      throw new Error(`${manifest.name} already registered outbox consumer "${name}"`);
    const registration: OutboxConsumerRegistration = {
      consumer,
      plugin: manifest.name,
      definition,
    };
    this.outboxConsumers.push(registration);
    return {
      consumer,
      backlog: () => {
        if (!registration.runner)
          throw new Error('an outbox consumer runs only while the engine runs');
        return registration.runner.backlog();
      },
    };
  }

  async load(specifiers: readonly string[]): Promise<void> {
    const slugs = new Set<string>();
    for (const specifier of specifiers) {
      let module: { plugin?: unknown };
      try {
        module = (await import(specifier)) as { plugin?: unknown };
      } catch (err) {
        throw new PluginLoadError(specifier, (err as Error).message, { cause: err });
      }
      const plugin = checkPlugin(specifier, module.plugin);
      if (slugs.has(plugin.manifest.slug)) {
        throw new PluginLoadError(specifier, `slug "${plugin.manifest.slug}" is already taken`);
      }
      slugs.add(plugin.manifest.slug);
      const loaded: LoadedPlugin = { manifest: plugin.manifest, routes: [] };
      try {
        await plugin.register(this.apiFor(plugin.manifest, loaded));
      } catch (err) {
        throw new PluginLoadError(specifier, `register() threw: ${(err as Error).message}`, {
          cause: err,
        });
      }
      this.loaded.push(loaded);
      this.logger.info(
        { plugin: plugin.manifest.name, version: plugin.manifest.version },
        'plugin loaded',
      );
    }
  }

  private apiFor(manifest: PluginManifest, loaded: LoadedPlugin): PluginApi {
    const prefix = `/api/plugins/${manifest.slug}`;
    const dataDir = path.join(this.dataDir, 'plugins', manifest.slug);
    let dataDirReady = false;
    return {
      manifest,
      logger: this.logger.child({ plugin: manifest.name }),
      get dataDir() {
        if (!dataDirReady) fs.mkdirSync(dataDir, { recursive: true });
        dataDirReady = true;
        return dataDir;
      },
      settings: this.settings,
      route: (route) => {
        if (!route.path.startsWith('/')) {
          throw new Error(`plugin route paths start with "/" (got "${route.path}")`);
        }
        const full = route.path === '/' ? prefix : `${prefix}${route.path}`;
        const mounted: AnyRouteDefinition = {
          ...route,
          path: full,
          operationId: `${manifest.slug}.${route.operationId}`,
          tags: route.tags.length ? route.tags : [`plugin:${manifest.slug}`],
        };
        this.registry.add(mounted);
        loaded.routes.push(`${route.method.toUpperCase()} ${full}`);
      },
      signer: (signer) => {
        if (this.signer) throw new Error(`${this.signerPlugin} already registered a signer`);
        if (
          typeof signer?.algorithm !== 'string' ||
          !signer.algorithm ||
          typeof signer.sign !== 'function' ||
          typeof signer.verify !== 'function'
        )
          throw new Error(
            'a signer needs an algorithm and sign(content, as) and verify(content, signature) functions',
          );
        this.signer = signer;
        this.signerPlugin = manifest.name;
      },
      signatures: {
        signSubmission: (submissionId, as) => this.#signatures().signSubmission(submissionId, as),
        verifySubmission: (submissionId) => this.#signatures().verifySubmission(submissionId),
      },
      command: (command) => {
        const name = command?.name;
        if (typeof name !== 'string' || !COMMAND_NAME.test(name))
          throw new Error(`command names are lower-case words and hyphens (got "${name}")`);
        if (typeof command.run !== 'function')
          throw new Error(`command "${name}" needs a run(args) function`);
        if (typeof command.description !== 'string' || typeof command.usage !== 'string')
          throw new Error(`command "${name}" needs a description and a usage`);
        if (command.needs !== undefined && command.needs !== 'database')
          throw new Error(`command "${name}": needs is 'database' or omitted`);
        if (this.reservedCommands.includes(name)) throw new Error(`"${name}" is an engine command`);
        const taken = this.commands.get(name);
        if (taken) throw new Error(`${taken.plugin} already registered command "${name}"`);
        this.commands.set(name, { command, plugin: manifest.name });
      },
      workflowService: (name, service) => {
        if (!WORKFLOW_SERVICE_NAME.test(name))
          throw new Error(
            `workflow service names are lower-case words and hyphens (got "${name}")`,
          );
        if (typeof service !== 'function')
          throw new Error(`workflow service "${name}" must be a function`);
        const taken = this.workflowServices.get(name);
        if (taken) throw new Error(`${taken.plugin} already registered workflow service "${name}"`);
        this.workflowServices.set(name, { service, plugin: manifest.name });
      },
      onReminder: (hook) => {
        if (typeof hook !== 'function') throw new Error('a reminder hook must be a function');
        if (this.reminderHooks.has(manifest.name))
          throw new Error(`${manifest.name} already registered a reminder hook`);
        this.reminderHooks.set(manifest.name, hook);
      },
      outboxConsumer: (definition) => this.#outboxConsumer(manifest, definition),
      readModel: {
        enrollments: (query) => this.#readModel().enrollments(query),
        subjects: (query) => this.#readModel().subjects(query),
        orgPaths: (codes) => this.#readModel().orgPaths(codes),
        formFields: (releaseId, formKey) => this.#readModel().formFields(releaseId, formKey),
        releaseFor: (orgCode) => this.#readModel().releaseFor(orgCode),
        orgUnits: (query) => this.#readModel().orgUnits(query),
        submissions: (query) => this.#readModel().submissions(query),
        submissionCount: () => this.#readModel().submissionCount(),
      },
      health: (check) => {
        if (typeof check !== 'function') throw new Error('a health check must be a function');
        if (this.healthChecks.has(manifest.slug))
          throw new Error(`${manifest.name} already registered a health check`);
        this.healthChecks.set(manifest.slug, check);
      },
      onStart: (hook) => void this.#startHooks.push(hook),
      onStop: (hook) => void this.#stopHooks.push(hook),
    };
  }

  async start(): Promise<void> {
    for (const hook of this.#startHooks) await hook();
  }

  /** Runs every stop hook (in reverse), logging failures rather than stopping the shutdown. */
  async stop(): Promise<void> {
    for (const hook of [...this.#stopHooks].reverse()) {
      try {
        await hook();
      } catch (err) {
        this.logger.error({ err }, 'plugin stop hook failed');
      }
    }
  }
}
