import path from 'node:path';
import { ProgressBar, type PluginCommand, type ProgressStream } from '@formwork/engine/plugin-api';
import type { Backfill } from '../loading/Backfill.js';
import type { ReportingStore } from '../store/ReportingStore.js';

export const REPORTS_USAGE = 'reports backfill [--restart] [--batch N]';

export interface ReportsCommandDeps {
  /** A store of the command's own (not the engine's): opened once, its retry cancelled. */
  store: ReportingStore;
  /** The command's backfill, loading `pageSize` submissions per saved page. */
  backfill: (pageSize: number) => Backfill;
  /** The plugin's data directory, for the message naming a locked chDB. */
  dataDir: () => string;
  out?: NodeJS.WritableStream;
  progress?: ProgressStream;
  /** Where SIGINT/SIGTERM are listened to (tests pass their own emitter). */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * chDB's answer when it cannot open its data directory: another process holds it (chDB writes
 * its own "Cannot lock file … Another server instance" line to stderr and throws this).
 */
const LOCKED = /Failed to create connection|Cannot lock file|Another server instance/i;

/**
 * `formwork reports backfill [--restart] [--batch N]`: loads every stored submission and enrollment into the
 * reporting tables (Backfill), with a progress bar on a terminal and one `progress done/total`
 * line per page otherwise. Resumable: Ctrl-C stops after the page being loaded, a kill at any
 * moment loses at most that page, and the next run continues from the saved position;
 * `--restart` loads everything again (counted once all the same); `--batch` sets the submissions
 * per page (1 to 10000, default 1000), each page one saved position. Exit 0 when done, 1 when
 * stopped or the store cannot open (an embedded chDB a running engine holds: stop it, or let it
 * catch up by itself), 2 for a wrong argument.
 */
export function reportsCommand(deps: () => ReportsCommandDeps): PluginCommand {
  return {
    name: 'reports',
    description: 'reporting tables (统计报表): backfill loads every stored submission, resumable',
    usage: REPORTS_USAGE,
    needs: 'database',
    run: (args) => runReports(deps(), args),
  };
}

async function runReports(deps: ReportsCommandDeps, args: string[]): Promise<number> {
  const out = deps.out ?? process.stdout;
  const progress = deps.progress ?? process.stderr;
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    progress.write(`formwork: ${parsed}; usage: formwork ${REPORTS_USAGE}\n`);
    return 2;
  }
  const { restart, batch } = parsed;
  const { store } = deps;
  const backfill = deps.backfill(batch);
  await store.start();
  const opened = store.status();
  if (!opened.available) {
    await store.close();
    progress.write(
      LOCKED.test(opened.error ?? '')
        ? `formwork: 报表库无法打开，多半正被运行中的引擎占用 / the embedded reporting store ${path.join(deps.dataDir(), 'chdb')} cannot be opened, most likely because a running engine holds it: ` +
            'stop it (then run this again), or let it catch up by itself — it backfills in the background when it starts ' +
            '(GET /api/plugins/reporting/status shows backfill)\n'
        : `formwork: 报表库不可用 / the reporting store (${opened.mode}) is unavailable: ${opened.error}\n`,
    );
    return 1;
  }
  const signals = deps.signals ?? process;
  const onSignal = () => backfill.stop();
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  const bar = new ProgressBar(progress);
  try {
    const saved = restart ? undefined : await backfill.saved();
    if (saved && !saved.done)
      progress.write(`resuming backfill: ${saved.loaded}/${saved.total} submissions loaded\n`);
    const started = performance.now();
    const result = await backfill.run({
      restart,
      onProgress: (done, total) => {
        if (progress.isTTY) bar.update(done, total);
        else progress.write(`progress ${done}/${total}\n`);
      },
    });
    if (result.alreadyDone) {
      out.write(
        `已完成 / backfill already done: ${result.loaded} submissions (run with --restart to load everything again)\n`,
      );
      return 0;
    }
    bar.finish(result.loaded, result.total);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(result.submissionsThisRun / seconds) : 0;
    out.write(
      [
        `已载入 / submissions loaded: ${result.loaded} of ${result.total} (${result.status}${result.resumed ? ', resumed' : ''})`,
        `本次 / this run: ${result.submissionsThisRun} submissions, ${result.enrollmentsThisRun} enrollments`,
        `用时 / took ${seconds.toFixed(1)} s (${rate} submissions/s)`,
        '',
      ].join('\n'),
    );
    if (result.status !== 'done') {
      progress.write('stopped: run `formwork reports backfill` again to resume\n');
      return 1;
    }
    return 0;
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
    await store.close();
  }
}

/** `backfill [--restart] [--batch N]`, or the problem in zh and en naming the argument. */
function parseArgs(args: string[]): { restart: boolean; batch: number } | string {
  const [sub, ...rest] = args;
  if (sub !== 'backfill')
    return `未知子命令 / unknown subcommand ${JSON.stringify(sub ?? '')} (only backfill)`;
  let restart = false;
  let batch = 1_000;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--restart') restart = true;
    else if (arg === '--batch') {
      const n = Number(rest[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 10_000)
        return '--batch 须为 1 到 10000 的整数 / --batch must be an integer from 1 to 10000';
      batch = n;
    } else return `未知参数 / unknown argument ${JSON.stringify(arg)}`;
  }
  return { restart, batch };
}
