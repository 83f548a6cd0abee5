import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DEFAULT_HTTP_TIMEOUTS, type EngineConfig } from '../config/EngineConfig.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createHttpApp } from '../http/createHttpApp.js';
import { createHttpServer } from '../http/createHttpServer.js';
import { openApiDocument } from '../http/openApiDocument.js';
import { RouteRegistry } from '../http/RouteRegistry.js';
import { isBuilt, webAppsOf } from '../http/webApps.js';
import type { Logger } from '../logging/createLogger.js';
import { bundledPlugins } from '../plugin-host/bundledPlugins.js';
import { PluginHost } from '../plugin-host/PluginHost.js';
import { PluginOutboxConsumer } from '../plugin-host/PluginOutboxConsumer.js';
import { PluginReadModel } from '../plugin-host/PluginReadModel.js';
import { docsRoutes } from '../routes/docsRoutes.js';
import { healthRoutes } from '../routes/healthRoutes.js';
import { homeRoutes } from '../routes/homeRoutes.js';
import { pluginRoutes } from '../routes/pluginRoutes.js';
import { authRoutes } from '../routes/authRoutes.js';
import { orgRoutes } from '../routes/orgRoutes.js';
import { subjectRoutes } from '../routes/subjectRoutes.js';
import { enrollmentRoutes } from '../routes/enrollmentRoutes.js';
import { draftRoutes } from '../routes/draftRoutes.js';
import { formRoutes } from '../routes/formRoutes.js';
import { submissionRoutes } from '../routes/submissionRoutes.js';
import { dataMigrationRoutes } from '../routes/dataMigrationRoutes.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importSeed } from '../specs/seedReleases.js';
import { specRoutes } from '../routes/specRoutes.js';
import { releaseRoutes } from '../routes/releaseRoutes.js';
import { userRoutes } from '../routes/userRoutes.js';
import { auditRoutes } from '../routes/auditRoutes.js';
import { workflowRoutes } from '../routes/workflowRoutes.js';
import { TimerPoller } from '../workflows/TimerPoller.js';
import { OutboxWorker } from '../workflows/OutboxWorker.js';
import { ScheduleWorker } from '../schedules/ScheduleWorker.js';
import { worklistRoutes } from '../routes/worklistRoutes.js';
import { notificationRoutes } from '../routes/notificationRoutes.js';
import { ReminderDeliveries } from '../reminders/ReminderDeliveries.js';
import { ReminderPoller } from '../reminders/ReminderPoller.js';
import { systemClock, type Clock } from '../clock.js';
import { demoSignInSheet, seedDemo } from '../seeding/seedDemo.js';
import { seedPatients } from '../seeding/seedPatients.js';
import { sealResidentNames } from '../subjects/sealResidentNames.js';
import { Services } from './Services.js';
import { engineVersion } from '../version.js';
import { ENGINE_COMMANDS } from '../cli/engineCommands.js';

/** Residents the demo world starts with (more with `formwork seed --demo --patients N`). */
const DEMO_PATIENTS = 200;

/**
 * One engine process: database (embedded or server), migrations, plugins, HTTP server, and an
 * orderly stop. `Engine.start` brings it up; `stop` stops accepting connections, lets requests in
 * flight finish (up to SHUTDOWN_TIMEOUT_MS), runs plugin stop hooks and closes the database.
 */
export class Engine {
  #stopping: Promise<void> | undefined;
  /** Fires due workflow timers (WORKFLOW_POLL_MS). */
  timerPoller: TimerPoller | undefined;
  /** Starts workflows from the outbox (urgent referrals). */
  outboxWorker: OutboxWorker | undefined;
  /** Keeps due items current from the outbox (WORKFLOW_POLL_MS). */
  scheduleWorker: ScheduleWorker | undefined;
  /** Fires due-soon and overdue reminders and delivers their plugin hooks (REMINDER_POLL_MS). */
  reminderPoller: ReminderPoller | undefined;
  /** Plugins' outbox consumers (`api.outboxConsumer`, WORKFLOW_POLL_MS), in registration order. */
  pluginConsumers: PluginOutboxConsumer[] = [];

  private constructor(
    readonly config: EngineConfig,
    readonly logger: Logger,
    readonly database: Database,
    readonly registry: RouteRegistry,
    readonly plugins: PluginHost,
    readonly server: http.Server,
    readonly url: string,
    readonly services: Services,
  ) {}

  static async start(
    config: EngineConfig,
    logger: Logger,
    options: { clock?: Clock } = {},
  ): Promise<Engine> {
    const database = await Database.open({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      logger,
    });
    let plugins: PluginHost | undefined;
    try {
      const { applied } = await migrate(database, logger);
      if (applied.length) logger.info({ applied }, 'database migrated');
      await recordInstallation(database);
      const clock = options.clock ?? systemClock;
      // The national line always; the upgrade demonstration (never current) with the demo world.
      const seeded = await importSeed(database, clock, { upgradeDemo: config.demo });
      if (seeded.imported.length) logger.info({ releases: seeded.imported }, 'seed specs imported');
      const catalog = new ReleaseCatalog([]);
      const services = new Services(database, config, logger, clock, catalog);
      // Needs the data key, which migrations do not have: names stored in clear before 0012.
      await sealResidentNames(database, services.cipher, logger);
      await services.specs.reloadCatalog();
      if (config.demo) {
        const demo = await seedDemo(services);
        if (demo.created) {
          const patients = await seedPatients(services, { patients: DEMO_PATIENTS, seed: 1 });
          logger.info(
            { users: demo.users.length, residents: patients.inserted },
            'demo world seeded',
          );
        }
        process.stderr.write(demoSignInSheet(demo.users));
      }

      const registry = new RouteRegistry();
      plugins = new PluginHost(
        registry,
        logger,
        config.dataDir,
        { clickhouseUrl: config.clickhouseUrl },
        ENGINE_COMMANDS,
      );
      plugins.signatures = services.signatures;
      plugins.readModel = new PluginReadModel({ database, catalog: services.catalog });
      const webApps = webAppsOf(config.webApps);
      const built = new Set(webApps.filter(isBuilt).map((app) => app.mount));
      for (const route of homeRoutes({
        app: built.has('/app/'),
        designer: built.has('/designer/'),
      }))
        registry.add(route);
      for (const route of healthRoutes(database, engineVersion, plugins.healthChecks))
        registry.add(route);
      for (const route of pluginRoutes(plugins.loaded)) registry.add(route);
      const totpEnabled = async (userId: string) =>
        (await services.users.findById(userId))?.totpEnabled ?? false;
      for (const route of authRoutes(services.auth, totpEnabled)) registry.add(route);
      for (const route of userRoutes(services.userAdmin)) registry.add(route);
      for (const route of orgRoutes(services.orgs)) registry.add(route);
      for (const route of subjectRoutes(services.subjects)) registry.add(route);
      for (const route of enrollmentRoutes(services.enrollments)) registry.add(route);
      for (const route of worklistRoutes(services.worklist)) registry.add(route);
      for (const route of notificationRoutes(services.notifications)) registry.add(route);
      for (const route of formRoutes(services.catalog, services.orgs)) registry.add(route);
      for (const route of submissionRoutes(services.submissions)) registry.add(route);
      for (const route of draftRoutes(services.drafts)) registry.add(route);
      for (const route of dataMigrationRoutes(services.dataMigrations)) registry.add(route);
      for (const route of auditRoutes(services.audit, services.orgs, {
        signer: services.auditHeads,
        signing: services.signing,
      }))
        registry.add(route);
      for (const route of workflowRoutes(
        services.workflows,
        services.orgs,
        services.submissions,
        services.subjects,
        services.audit,
      ))
        registry.add(route);
      for (const route of specRoutes(services.specs)) registry.add(route);
      for (const route of releaseRoutes(services.specs, services.database, services.catalog))
        registry.add(route);
      const openApi: { document?: unknown } = {};
      for (const route of docsRoutes(() => openApi.document)) registry.add(route);
      await plugins.load(config.plugins ?? bundledPlugins);
      services.signing.signer = plugins.signer;
      if (plugins.signer)
        logger.info(
          { plugin: plugins.signerPlugin, algorithm: plugins.signer.algorithm },
          'signer registered',
        );
      for (const [name, { service, plugin }] of plugins.workflowServices) {
        services.workflows.services.add(name, service);
        logger.info({ plugin, service: name }, 'workflow service registered');
      }
      openApi.document = openApiDocument(registry.routes, {
        title: 'Formwork API',
        version: engineVersion,
        description:
          'Formwork engine API. Errors are JSON `{ error: { code, message, details } }`; messages are zh-CN, then English.',
      });

      const app = createHttpApp({
        registry,
        gate: services.gate,
        logger,
        bodyLimitBytes: config.bodyLimitBytes,
        webApps,
      });
      const server = createHttpServer(
        app.callback(),
        {
          headersTimeoutMs: config.headersTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs,
          requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs,
          keepAliveTimeoutMs: config.keepAliveTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs,
        },
        logger,
      );
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const engine = new Engine(
        config,
        logger,
        database,
        registry,
        plugins,
        server,
        `http://${host}:${port}`,
        services,
      );
      await plugins.start();
      // Off unless configured (loadConfig defaults WORKFLOW_POLL_MS to 1000; tests poll by hand).
      const pollMs = config.workflowPollMs ?? 0;
      engine.timerPoller = new TimerPoller(services.workflows, { intervalMs: pollMs, logger });
      engine.outboxWorker = new OutboxWorker(services.workflows, services.outbox, {
        intervalMs: pollMs,
        logger,
      });
      engine.scheduleWorker = new ScheduleWorker(
        {
          database,
          catalog: services.catalog,
          clock: services.clock,
          writer: services.dueItems,
        },
        { intervalMs: pollMs, logger },
      );
      const deliveries = new ReminderDeliveries({
        database,
        clock: services.clock,
        node: `${process.pid}-${randomUUID().slice(0, 8)}`,
        logger,
      });
      for (const [plugin, hook] of plugins.reminderHooks) deliveries.hooks.set(plugin, hook);
      engine.reminderPoller = new ReminderPoller(
        {
          database,
          clock: services.clock,
          notifications: services.notifications,
          deliveries,
          logger,
        },
        { intervalMs: config.reminderPollMs ?? 0 },
      );
      for (const registration of plugins.outboxConsumers) {
        registration.runner = new PluginOutboxConsumer(
          registration.consumer,
          registration.definition,
          {
            database,
            outbox: services.outbox,
            clock: services.clock,
            logger: logger.child({ plugin: registration.plugin }),
          },
        );
        engine.pluginConsumers.push(registration.runner);
        registration.runner.start(pollMs);
      }
      engine.timerPoller.start();
      engine.reminderPoller.start();
      engine.outboxWorker.start();
      engine.scheduleWorker.start();
      // Only with a signer (AuditHeadSigner.start checks); tests sign by hand.
      services.auditHeads.start(config.auditSignIntervalMs ?? 0);
      logger.info({ url: engine.url, database: database.kind }, 'engine listening');
      return engine;
    } catch (err) {
      await plugins?.stop();
      await database.close();
      throw err;
    }
  }

  /** Graceful stop; calling it again returns the same promise. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.logger.info('engine stopping: no new connections, finishing requests in flight');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const idleSweep = setInterval(() => this.server.closeIdleConnections(), 100);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([closed, timedOut]);
    clearInterval(idleSweep);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn('shutdown timeout: closing connections still open');
      this.server.closeAllConnections();
      await closed;
    }
    await this.timerPoller?.stop();
    await this.reminderPoller?.stop();
    await this.outboxWorker?.stop();
    await this.scheduleWorker?.stop();
    for (const consumer of this.pluginConsumers) await consumer.stop();
    await this.services.auditHeads.stop();
    await this.services.dataMigrations.stop();
    await this.plugins.stop();
    await this.database.close();
    this.logger.info('engine stopped');
  }
}

/** Remembers this installation's id and first start (kept across restarts). */
async function recordInstallation(database: Database): Promise<void> {
  await database.sequelize.query(
    `INSERT INTO formwork_system (key, value) VALUES
       ('installation', jsonb_build_object('id', $1::text, 'firstStartedAt', now()))
     ON CONFLICT (key) DO NOTHING`,
    { bind: [randomUUID()] },
  );
}
