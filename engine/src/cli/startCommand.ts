import type { EngineConfig } from '../config/EngineConfig.js';
import { createLogger } from '../logging/createLogger.js';
import { Engine } from '../server/Engine.js';
import { ensureWebAppBuilt, WebAppBuildError } from './webAppBuild.js';

/**
 * `formwork start`: makes sure the web apps' builds are fresh, then runs until SIGTERM or
 * SIGINT and stops gracefully (a second signal forces).
 */
export async function startCommand(config: EngineConfig): Promise<number> {
  const logger = createLogger(config.logLevel);
  // The web apps are built by `npm install` (root `prepare`); rebuilt here when stale.
  try {
    await ensureWebAppBuilt();
  } catch (err) {
    if (!(err instanceof WebAppBuildError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  const engine = await Engine.start(config, logger);
  process.stderr.write(
    `Formwork 已启动 / Formwork is running at ${engine.url}/ ` +
      `(database: ${engine.database.kind}${config.databaseUrl ? '' : `, data: ${config.dataDir}`})\n`,
  );
  return new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      signalled = true;
      logger.info({ signal }, 'signal received');
      engine.stop().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
