import { ProgressBar } from './ProgressBar.js';
import { QueryTypes } from 'sequelize';
import { AuditTrail } from '../audit/AuditTrail.js';
import { RecordChains } from '../audit/RecordChains.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { createLogger } from '../logging/createLogger.js';
import { openDatabaseToRead } from './readDatabase.js';
import { verifySignedHeads } from '../signing/verifySignedHeads.js';
import { loadCliPlugins } from './pluginCommands.js';

export interface AuditVerifyCommandOptions {
  batchSize?: number;
  /** Where the progress goes (stderr); tests pass their own. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `formwork audit verify`: recomputes the whole audit chain, then every record chain (one per
 * county: the writes of residents' records), and prints the result as JSON on stdout: the audit
 * chain's result as before (`checked`, and `seq`, `problem`, `message` when it fails), `records`
 * the record chains' (`chains`, `checked`, and `chain`, `seq`, `problem`, `message` when one
 * fails), `ok` true only when both hold. Exits 0 when both hold, 1 naming each first row at
 * fault. Runs no migrations and never creates a database (readDatabase.ts). On the embedded
 * PGlite the engine must be stopped first (the data directory lock says so).
 *
 * Then the signed heads (`signedHeads`: `checked`, `newestSeq`, `ok`, `message`): it loads the
 * configured plugins (register only) for their signer, and checks every stored signature of the
 * audit head against the chain as it is now (signing/verifySignedHeads.ts), which catches a chain
 * a superuser rewrote end to end, naming the signed seq.
 */
export async function auditVerifyCommand(
  config: EngineConfig,
  options: AuditVerifyCommandOptions = {},
): Promise<number> {
  const progress = options.progress ?? process.stderr;
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await openDatabaseToRead(config, { logger, notice: progress, schema: 'any' });
  try {
    const [tables] = await database.sequelize.query<{ missing: string[] }>(
      `SELECT array_remove(ARRAY[
         CASE WHEN to_regclass('audit_events') IS NULL THEN 'audit_events' END,
         CASE WHEN to_regclass('audit_head') IS NULL THEN 'audit_head' END,
         CASE WHEN to_regclass('record_audit_events') IS NULL THEN 'record_audit_events' END,
         CASE WHEN to_regclass('record_audit_heads') IS NULL THEN 'record_audit_heads' END],
         NULL) AS missing`,
      { type: QueryTypes.SELECT },
    );
    const missing = tables?.missing ?? [];
    if (missing.length) {
      process.stderr.write(
        `formwork: 审计表缺失 / the audit tables are missing (${missing.join(', ')}): run \`formwork migrate\` on a new database or one whose schema is behind; on one that had them, they were dropped\n`,
      );
      return 1;
    }
    // The signer of the signed heads; a plugin that does not load stops the command, naming it.
    const plugins = await loadCliPlugins(config, logger);
    const trail = await timed(progress, '审计链已检查 / audit chain checked', (onProgress) =>
      new AuditTrail(database).verify({ batchSize: options.batchSize, onProgress }),
    );
    const records = await timed(
      progress,
      '记录审计链已检查 / record chains checked',
      (onProgress) =>
        new RecordChains(database).verify({ batchSize: options.batchSize, onProgress }),
    );
    const signedHeads = await verifySignedHeads(database, plugins.signer, {
      batchSize: options.batchSize,
    });
    progress.write(
      `已签名链头已检查 / signed heads checked: ${signedHeads.checked}${
        signedHeads.newestSeq === null ? '' : ` (newest at seq ${signedHeads.newestSeq})`
      }\n`,
    );
    const result = {
      ...trail,
      ok: trail.ok && records.ok && signedHeads.ok,
      records,
      signedHeads,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!trail.ok) process.stderr.write(`formwork: ${trail.message}\n`);
    if (!records.ok) process.stderr.write(`formwork: ${records.message}\n`);
    if (!signedHeads.ok) process.stderr.write(`formwork: ${signedHeads.message}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

/** Runs one verification with a progress bar and a summary line (rows, seconds, rows/s). */
async function timed<T extends { checked: number; chains?: number }>(
  progress: NodeJS.WritableStream & { isTTY?: boolean },
  /** zh / en */
  what: string,
  verify: (onProgress: (checked: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const bar = new ProgressBar(progress);
  const started = performance.now();
  let rows = 0;
  const result = await verify((checked, total) => {
    rows = total;
    bar.update(checked, total);
  });
  bar.finish(result.checked, rows);
  const seconds = (performance.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(result.checked / seconds) : result.checked;
  const chains = result.chains === undefined ? '' : ` in ${result.chains} chains`;
  progress.write(
    `${what}: ${result.checked}/${rows} rows${chains} in ${seconds.toFixed(1)} s (${rate} rows/s)\n`,
  );
  return result;
}
