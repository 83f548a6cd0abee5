import { ProgressBar } from './ProgressBar.js';
import { QueryTypes } from 'sequelize';
import { AuditTrail } from '../audit/AuditTrail.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { createLogger } from '../logging/createLogger.js';
import { openDatabaseToRead } from './readDatabase.js';

export interface AuditVerifyCommandOptions {
  batchSize?: number;
  /** Where the progress goes (stderr); tests pass their own. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `formwork audit verify`: recomputes the whole audit chain and prints the result as JSON on
 * stdout; exits 0 when it holds, 1 naming the first row at fault. Runs no migrations and never
 * creates a database (readDatabase.ts). On the
 * embedded PGlite the engine must be stopped first (the data directory lock says so).
 */
export async function auditVerifyCommand(
  config: EngineConfig,
  options: AuditVerifyCommandOptions = {},
): Promise<number> {
  const progress = options.progress ?? process.stderr;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabaseToRead(config, { logger, notice: progress, schema: 'any' });
  try {
    const [tables] = await database.sequelize.query<{ missing: string[] }>(
      `SELECT array_remove(ARRAY[
         CASE WHEN to_regclass('audit_events') IS NULL THEN 'audit_events' END,
         CASE WHEN to_regclass('audit_head') IS NULL THEN 'audit_head' END], NULL) AS missing`,
      { type: QueryTypes.SELECT },
    );
    const missing = tables?.missing ?? [];
    if (missing.length) {
      process.stderr.write(
        `formwork: 审计表缺失 / the audit tables are missing (${missing.join(', ')}): run \`formwork migrate\` on a new database; on one that had them, they were dropped\n`,
      );
      return 1;
    }
    const bar = new ProgressBar(progress);
    const started = performance.now();
    let rows = 0;
    const result = await new AuditTrail(database).verify({
      batchSize: options.batchSize,
      onProgress: (checked, total) => {
        rows = total;
        bar.update(checked, total);
      },
    });
    bar.finish(result.checked, rows);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(result.checked / seconds) : result.checked;
    progress.write(
      `审计链已检查 / audit chain checked: ${result.checked}/${rows} rows in ${seconds.toFixed(1)} s (${rate} rows/s)\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.ok) process.stderr.write(`formwork: ${result.message}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}
