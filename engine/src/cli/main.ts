import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config/loadConfig.js';
import { DataDirLockedError } from '../database/DataDirLock.js';
import { PluginLoadError } from '../plugin-host/PluginHost.js';
import { NoDatabaseError } from './readDatabase.js';
import { auditVerifyCommand } from './auditCommand.js';
import { configCommand } from './configCommand.js';
import { lintBpmnCommand, lintFormCommand } from './lintCommands.js';
import { migrateCommand } from './migrateCommand.js';
import { migrateDataCommand } from './migrateDataCommand.js';
import { seedCommand } from './seedCommand.js';
import { schedulesRebuildCommand } from './schedulesCommand.js';
import { specDiffCommand, specListCommand, specRebaseCommand } from './specCommands.js';
import { startCommand } from './startCommand.js';
import { ENGINE_COMMANDS } from './engineCommands.js';
import { pluginCommandsHelp, runPluginCommand } from './pluginCommands.js';

/** Errors whose message says everything an operator needs: printed without a stack. */
const OPERATOR_ERRORS = [ConfigError, DataDirLockedError, NoDatabaseError, PluginLoadError];

/** Runs the formwork CLI and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // A command the engine does not know may be a plugin's (api.command): load the plugins, run it.
  const first = argv[2];
  if (first !== undefined && !first.startsWith('-') && !ENGINE_COMMANDS.includes(first)) {
    return handled(() => runPluginCommand(loadConfig(), first, argv.slice(3)));
  }
  const program = new Command()
    .name('formwork')
    .description('Formwork engine: 基本公共卫生服务平台 / basic public-health services platform')
    .exitOverride()
    .showHelpAfterError();

  let exitCode = 0;
  const run = (action: () => Promise<number>) => async () => {
    exitCode = await action();
  };
  program
    .command('start')
    .description('start the engine (embedded PGlite unless DATABASE_URL is set)')
    .action(run(() => startCommand(loadConfig())));
  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(run(() => migrateCommand(loadConfig())));
  program
    .command('migrate-data')
    .description(
      'execute a ready data migration plan (or resume its interrupted run), with a progress bar on stderr',
    )
    .argument('<planId>', 'the migration plan (POST /api/data-migrations)')
    .option('--batch <rows>', 'records per batch', positiveInteger, 5000)
    .option('--dry-run', 'count clean and failing records without writing (JSON)', false)
    .action(async (planId: string, opts: { batch: number; dryRun: boolean }) => {
      exitCode = await migrateDataCommand(loadConfig(), planId, opts);
    });
  program
    .command('config')
    .description('print the configuration variables and their effective values')
    .action(run(() => configCommand(loadConfig())));

  const audit = program.command('audit').description('the audit trail (审计日志)');
  audit
    .command('verify')
    .description(
      "recompute the audit hash chain and every county's record chain; prints JSON, exits 1 naming the first altered row (stop an embedded engine first)",
    )
    .option('--batch-size <rows>', 'rows read per query', positiveInteger, 1000)
    .action(async (opts: { batchSize: number }) => {
      exitCode = await auditVerifyCommand(loadConfig(), { batchSize: opts.batchSize });
    });

  const schedules = program
    .command('schedules')
    .description('due items of the spec’s schedules (随访计划与工作清单)');
  schedules
    .command('rebuild')
    .description(
      'recompute every active enrollment’s due items on the release serving its clinic (e.g. after a new release), with a progress bar on stderr; resumes an interrupted rebuild',
    )
    .option('--release <id>', 'only the enrollments this current release serves')
    .option('--batch <n>', 'enrollments per batch (one transaction each)', positiveInteger, 500)
    .action(async (opts: { release?: string; batch: number }) => {
      exitCode = await schedulesRebuildCommand(loadConfig(), opts);
    });

  program
    .command('seed')
    .description(
      'add generated demo residents to the local demo database, enrolled in their programmes, with a year of follow-up visits stored as submissions',
    )
    .option('--demo', 'the demo org tree and its village clinics (required)', false)
    .option('--patients <n>', 'residents to generate', positiveInteger, 1000)
    .option('--seed <n>', 'seed of the generator (same seed, same residents)', positiveInteger, 1)
    .action(async (opts: { demo: boolean; patients: number; seed: number }) => {
      exitCode = await seedCommand(loadConfig(), opts);
    });

  const spec = program
    .command('spec')
    .description('spec versions, overlays and releases (规范、地方调整与发布)');
  spec
    .command('list')
    .description('spec and overlay versions with their status, and the releases')
    .action(run(() => specListCommand(loadConfig())));
  spec
    .command('diff')
    .description('semantic diff between two releases: each change classified, with its impact')
    .argument(
      '<fromRelease>',
      'e.g. upgrade-demo@3.0.0 (the upgrade demonstration) or national-phs@3.0.0',
    )
    .argument('<toRelease>', 'e.g. upgrade-demo@3.1.0 or national-phs@3.0.1')
    .option('--form <key>', 'only this form')
    .action(async (from: string, to: string, opts: { form?: string }) => {
      exitCode = await specDiffCommand(loadConfig(), from, to, opts);
    });
  spec
    .command('rebase')
    .description(
      'rebase an overlay version onto another base version: carried operations and conflicts (nothing stored)',
    )
    .argument('<overlayKey>', 'e.g. fujian, or demo-fujian (the upgrade demonstration)')
    .argument('<version>', 'e.g. 1.0.0')
    .requiredOption(
      '--to <baseVersion>',
      'the base version of the same spec to rebase onto, e.g. 3.0.1 (or 3.1.0 for demo-fujian)',
    )
    .action(async (key: string, version: string, opts: { to: string }) => {
      exitCode = await specRebaseCommand(loadConfig(), key, version, opts);
    });

  program
    .command('lint-form')
    .description(
      'check form definitions (JSON); prints one JSON result per file, exits 1 on errors',
    )
    .argument('<files...>', 'form definition files')
    .option('--code-tables <files...>', 'code table files (one table or an array per file)', [])
    .action((files: string[], opts: { codeTables: string[] }) => {
      exitCode = lintFormCommand(files, opts.codeTables);
    });
  program
    .command('lint-bpmn')
    .description('check BPMN files against the supported subset; JSON per file, exits 1 on errors')
    .argument('<files...>', 'BPMN 2.0 XML files')
    .action(async (files: string[]) => {
      exitCode = await lintBpmnCommand(files);
    });

  const rest = argv.slice(2);
  if (rest.length === 0 || (rest.length === 1 && ['--help', '-h', 'help'].includes(rest[0]!))) {
    // Cheap enough: the plugins are imported and registered, nothing else.
    let extra = '';
    try {
      extra = await pluginCommandsHelp(loadConfig());
    } catch {
      // a bad configuration is reported by the command that needs it
    }
    if (extra) program.addHelpText('after', extra);
  }

  return handled(async () => {
    try {
      await program.parseAsync(argv);
    } catch (err) {
      if (err instanceof CommanderError) return err.exitCode;
      throw err;
    }
    return exitCode;
  });
}

/** Runs a command, printing an operator error without a stack and anything else with one. */
async function handled(action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (err) {
    if (OPERATOR_ERRORS.some((type) => err instanceof type)) {
      process.stderr.write(`formwork: ${(err as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`formwork: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}
