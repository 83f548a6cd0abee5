import { AuditTrail } from '../audit/AuditTrail.js';
import { systemClock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { RouteRegistry } from '../http/RouteRegistry.js';
import { createLogger, type Logger } from '../logging/createLogger.js';
import { bundledPlugins } from '../plugin-host/bundledPlugins.js';
import { PluginHost, PluginLoadError } from '../plugin-host/PluginHost.js';
import { PluginReadModel } from '../plugin-host/PluginReadModel.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { ReleaseStore } from '../specs/ReleaseStore.js';
import { ENGINE_COMMANDS } from './engineCommands.js';
import { openDatabaseToRead } from './readDatabase.js';

/**
 * The configured plugins (PLUGINS, else every bundled one) registered for a CLI command: no
 * database, no server, no start or stop hooks — `register` only. What they registered (their
 * signer, their commands) is on the host.
 */
export async function loadCliPlugins(config: EngineConfig, logger?: Logger): Promise<PluginHost> {
  const host = new PluginHost(
    new RouteRegistry(),
    logger ?? createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr),
    config.dataDir,
    { clickhouseUrl: config.clickhouseUrl },
    ENGINE_COMMANDS,
  );
  await host.load(config.plugins ?? bundledPlugins);
  return host;
}

/**
 * `formwork <name> …args` for a command a plugin registered (`api.command`): loads the plugins,
 * runs it and returns its exit code; `formwork <name> --help` prints its usage. An unknown name
 * is an error naming the commands there are (exit 1).
 */
export async function runPluginCommand(
  config: EngineConfig,
  name: string,
  args: string[],
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  let host: PluginHost;
  try {
    host = await loadCliPlugins(config);
  } catch (err) {
    if (!(err instanceof PluginLoadError)) throw err;
    out.stderr.write(
      `formwork: 未知命令 / unknown command '${name}' — the plugins that might add it could not be loaded: ${err.message}\n`,
    );
    return 1;
  }
  const found = host.commands.get(name);
  if (!found) {
    const known = [...ENGINE_COMMANDS.filter((c) => c !== 'help'), ...host.commands.keys()];
    out.stderr.write(
      `formwork: 未知命令 / unknown command '${name}' (commands: ${known.join(', ')}; see formwork --help)\n`,
    );
    return 1;
  }
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    out.stdout.write(
      `Usage: formwork ${found.command.usage}\n\n${found.command.description}\n(plugin ${found.plugin})\n`,
    );
    return 0;
  }
  if (found.command.needs !== 'database') return found.command.run(args);
  return withReadModel(config, host, out.stderr, () => found.command.run(args));
}

/**
 * Runs `action` with `host.readModel` reading the configured database: opened without creating
 * one (migrations current, else a NoDatabaseError saying to migrate), the releases loaded for
 * forms' fields; closed afterwards. An embedded database a running engine holds fails here with
 * the data directory's lock message.
 */
async function withReadModel(
  config: EngineConfig,
  host: PluginHost,
  notice: NodeJS.WritableStream,
  action: () => Promise<number>,
): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, notice);
  const database = await openDatabaseToRead(config, { logger, notice, schema: 'current' });
  try {
    const catalog = new ReleaseCatalog([]);
    await new ReleaseStore({
      database,
      audit: new AuditTrail(database, systemClock),
      clock: systemClock,
      catalog,
    }).reloadCatalog();
    host.readModel = new PluginReadModel({ database, catalog });
    return await action();
  } finally {
    host.readModel = undefined;
    await database.close();
  }
}

/** "Plugin commands:" lines for `formwork --help`; empty when no plugin adds one or they fail to load. */
export async function pluginCommandsHelp(config: EngineConfig): Promise<string> {
  let host: PluginHost;
  try {
    host = await loadCliPlugins(config, createLogger('silent'));
  } catch {
    return '';
  }
  if (!host.commands.size) return '';
  const names = [...host.commands.keys()].sort();
  const width = Math.max(...names.map((n) => n.length));
  return `\nPlugin commands:\n${names
    .map((n) => `  ${n.padEnd(width)}  ${host.commands.get(n)!.command.description}`)
    .join('\n')}\n`;
}
