import { AuditTrail } from '../audit/AuditTrail.js';
import { systemClock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { createLogger } from '../logging/createLogger.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { diffReleases } from '../specs/specDiff.js';
import { ReleaseStore } from '../specs/ReleaseStore.js';
import { SpecStore } from '../specs/SpecStore.js';
import { openDatabaseToRead } from './readDatabase.js';

export interface SpecCommandOptions {
  /** Where the output goes (stdout); tests pass their own. */
  out?: NodeJS.WritableStream;
}

/**
 * Opens the database to read (never creating one, migrating or importing anything) with a
 * SpecStore and its catalog of the stored releases.
 */
async function withSpecs(
  config: EngineConfig,
  work: (specs: SpecStore, database: Database, catalog: ReleaseCatalog) => Promise<number>,
): Promise<number> {
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await openDatabaseToRead(config, { logger, schema: 'current' });
  try {
    const catalog = new ReleaseCatalog([]);
    const audit = new AuditTrail(database, systemClock);
    const releases = new ReleaseStore({ database, audit, clock: systemClock, catalog });
    const specs = new SpecStore({ database, audit, clock: systemClock, releases });
    await specs.reloadCatalog();
    return await work(specs, database, catalog);
  } catch (err) {
    if (err instanceof HttpError) {
      process.stderr.write(`formwork: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

/** Left-aligned columns (CJK counts double), a header and a rule. */
export function table(header: string[], rows: string[][]): string {
  const width = (text: string) =>
    [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
    .join('\n')
    .concat('\n');
}

/** `formwork spec list`: spec versions, overlay versions and releases with their status. */
export function specListCommand(config: EngineConfig, options: SpecCommandOptions = {}) {
  const out = options.out ?? process.stdout;
  return withSpecs(config, async (specs) => {
    const versions = [...(await specs.list('spec', {})), ...(await specs.list('overlay', {}))];
    out.write(
      table(
        ['kind', 'key@version', 'jurisdiction', 'base', 'status', 'published'],
        versions.map((v) => [
          v.kind,
          `${v.key}@${v.version}`,
          v.jurisdiction,
          'base' in v && v.base ? `${v.base.spec}@${v.base.version}` : '',
          v.status + (v.status === 'in-review' && v.approved ? ' (approved)' : ''),
          v.publishedAt ?? '',
        ]),
      ),
    );
    out.write('\n');
    const releases = await specs.releases.listReleases();
    out.write(
      table(
        ['release', 'jurisdiction', 'status', 'current', 'signed', 'manifest sha-256'],
        releases.map((r) => [
          r.id,
          r.jurisdiction,
          r.status,
          r.current ? 'yes' : '',
          r.signature ? r.signature.algorithm : '',
          r.manifestHash.slice(0, 16),
        ]),
      ),
    );
    return 0;
  });
}

/** `formwork spec diff <from> <to> [--form key]`: the classified changes as a table. */
export function specDiffCommand(
  config: EngineConfig,
  from: string,
  to: string,
  opts: { form?: string | undefined } & SpecCommandOptions = {},
) {
  const out = opts.out ?? process.stdout;
  return withSpecs(config, async (specs, database, catalog) => {
    const diff = await diffReleases(database, catalog, from, to, opts.form, (id) =>
      specs.releases.unreleased(id),
    );
    const rows: string[][] = [];
    for (const [form, changes] of Object.entries(diff.forms.changes)) {
      for (const c of changes) {
        const used = Object.entries(c.usages)
          .filter(([, list]) => list.length)
          .map(([kind, list]) => `${kind}: ${list.join(', ')}`)
          .join('; ');
        rows.push([
          form,
          c.path || '(form)',
          c.kind,
          c.compatible ? 'yes' : 'NO',
          String(c.submissions ?? 0),
          used,
          c.message.en,
        ]);
      }
    }
    out.write(`${diff.from} → ${diff.to}: ${diff.compatible ? 'compatible' : 'NOT compatible'}\n`);
    for (const [label, keys] of [
      ['forms added', diff.forms.added],
      ['forms removed', diff.forms.removed],
      ['code tables changed', diff.codeTables.changed],
      ['workflows changed', diff.workflows.changed],
    ] as const)
      if (keys.length) out.write(`${label}: ${keys.join(', ')}\n`);
    for (const p of diff.parameters) out.write(`parameter: ${p.message.en}\n`);
    out.write(
      table(
        ['form', 'path', 'change', 'compatible', 'submissions', 'used by', 'description'],
        rows,
      ),
    );
    return 0;
  });
}

/** `formwork spec rebase <overlay> <version> --to <base>`: carried operations and conflicts (nothing stored). */
export function specRebaseCommand(
  config: EngineConfig,
  key: string,
  version: string,
  opts: { to: string } & SpecCommandOptions,
) {
  const out = opts.out ?? process.stdout;
  return withSpecs(config, async (specs) => {
    const { overlay, result, conflicts } = await specs.previewRebase(key, version, opts.to);
    out.write(
      `${key}@${version}: ${overlay.base.spec}@${overlay.base.version} → ${opts.to}: ${result.carried.length} carried, ${conflicts.length} conflict(s)\n`,
    );
    out.write(
      table(
        ['#', 'op', 'outcome', 'base change', 'reason'],
        overlay.operations.map((op, index) => {
          const conflict = conflicts.find((c) => c.index === index);
          const target = 'path' in op && op.path !== undefined ? ` ${op.form ?? ''}${op.path}` : '';
          return [
            String(index),
            `${op.op}${target}`,
            conflict ? `CONFLICT (${conflict.code})` : 'carried',
            conflict?.baseChange.description.en ?? '',
            conflict?.reason.en ?? '',
          ];
        }),
      ),
    );
    out.write(
      'Nothing was stored: POST /api/overlays/{key}/versions/{version}/rebase makes the draft.\n',
    );
    return 0;
  });
}
