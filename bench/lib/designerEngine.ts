/**
 * The engine as `formwork start` runs it, but serving /designer/ from BENCH_DESIGNER_DIST (a copy
 * the bench made of the designer's build), so a rebuild of designer/dist by other work in the
 * tree during the run neither swaps the bundle under the page nor changes the sizes measured.
 * Prints the same "running at" line on stderr; stops on SIGTERM.
 */
import { loadConfig } from '../../engine/src/config/loadConfig.js';
import { createLogger } from '../../engine/src/logging/createLogger.js';
import { Engine } from '../../engine/src/server/Engine.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const engine = await Engine.start(
  { ...config, webApps: { designer: process.env.BENCH_DESIGNER_DIST } },
  logger,
);
process.stderr.write(`Formwork is running at ${engine.url}/ (database: ${engine.database.kind})\n`);
process.once('SIGTERM', () => {
  void engine.stop().then(() => process.exit(0));
});
