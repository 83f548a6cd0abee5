import type { Indicator, Overlay, Schedule } from '@formwork/definitions';
import {
  listOverlays,
  readBaseSpec,
  readJsonFolder,
  readOverlay,
} from '@formwork/seed/lib/readSpec';
import { QueryTypes } from 'sequelize';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import { releaseId, type Release } from './Release.js';
import {
  compileRelease,
  contentHash,
  NATIONAL,
  releaseManifest,
  type SpecContent,
} from './specContent.js';

/**
 * The national base versions the seed ships, oldest first (the last is current): 3.0.0 as first
 * published (records are pinned to it) and 3.0.1, the printed spec (seed/national-phs/3.0.1/CHANGES.md).
 */
export const SEED_BASE_VERSIONS = ['3.0.0', '3.0.1'] as const;

/**
 * The upgrade demonstration's versions, oldest first: a made-up spec (`upgrade-demo`, not
 * national) that shows rebasing, the semantic diff and data migration (seed/upgrade-demo/).
 */
export const UPGRADE_DEMO_VERSIONS = ['3.0.0', '3.1.0', '3.1.1'] as const;

/** A line of base versions the seed ships with the overlays on them. */
export interface SeedLine {
  spec: string;
  /** Oldest first. */
  versions: readonly string[];
  /** Whether the line's newest releases become current (the national line) or never (the demonstration). */
  current: boolean;
  /** The content of each version; by default read from seed/<spec>/<version>. */
  content?: (version: string) => SpecContent;
  /** The overlays on the line, by key then version; by default the seed's overlays naming `spec`. */
  overlays?: () => Overlay[];
}

export const NATIONAL_LINE: SeedLine = {
  spec: 'national-phs',
  versions: SEED_BASE_VERSIONS,
  current: true,
};
export const UPGRADE_DEMO: SeedLine = {
  spec: 'upgrade-demo',
  versions: UPGRADE_DEMO_VERSIONS,
  current: false,
};
const LINES = new Map([NATIONAL_LINE, UPGRADE_DEMO].map((line) => [line.spec, line]));

/**
 * Releases an earlier seed made current that the national line's current releases replace: the
 * upgrade demonstration's versions, once shipped as national-phs 3.1.0 and 3.1.1, and the
 * provinces' 1.1.0 on them. They stay stored and readable.
 */
export const EARLIER_SEED_RELEASES = [
  'national-phs@3.1.0',
  'national-phs@3.1.1',
  'national-phs@3.1.1+fujian@1.1.0',
  'national-phs@3.1.1+yunnan@1.1.0',
] as const;

/** A spec version of the seed as the database stores it: the BaseSpec, schedules, indicators. */
export function seedSpecContent(spec: string, version: string): SpecContent {
  const byId = <T extends { id: string }>(folder: string) =>
    Object.fromEntries(
      [...readJsonFolder<T>(spec, version, folder).values()].map((item) => [item.id, item]),
    );
  return {
    ...readBaseSpec(spec, version),
    schedules: byId<Schedule>('schedules'),
    indicators: byId<Indicator>('indicators'),
  };
}

/** The seed's overlays of `spec`, by key then version. */
function seedOverlays(spec: string): Overlay[] {
  return listOverlays()
    .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }))
    .map((ref) => readOverlay(ref.key, ref.version))
    .filter((overlay) => overlay.base.spec === spec);
}

/** The seed's line of `spec` (national-phs or upgrade-demo). */
function seedLine(spec: string): SeedLine {
  const line = LINES.get(spec);
  if (!line) throw new Error(`the seed ships no spec ${spec}`);
  return line;
}

/**
 * The releases the seed ships for `spec` (the national line, or `upgrade-demo`), compiled from
 * the files (no database): each base version for the whole country, and each overlay version
 * over the base version it names. Within a jurisdiction of the national line the last one listed
 * is the current one.
 */
export async function seedReleases(spec = NATIONAL_LINE.spec): Promise<Release[]> {
  const releases: Release[] = [];
  const contents = new Map<string, SpecContent>();
  for (const version of seedLine(spec).versions) {
    const content = seedSpecContent(spec, version);
    contents.set(version, content);
    releases.push(await compileRelease(content, NATIONAL));
  }
  for (const overlay of seedOverlays(spec)) {
    const base = contents.get(overlay.base.version) ?? seedSpecContent(spec, overlay.base.version);
    releases.push(await compileRelease(base, overlay.jurisdiction.code, overlay));
  }
  return releases;
}

/**
 * Imports the seed's national line into the database unless it is there, and with
 * `upgradeDemo` (the demo world) the upgrade demonstration too (see importLine). The national
 * line serves: national-phs@3.0.1 for the country, national-phs@3.0.1+fujian@1.2.0 and
 * national-phs@3.0.1+yunnan@1.2.0 for the provinces. Idempotent.
 */
export async function importSeed(
  database: Database,
  clock: Clock,
  options: { upgradeDemo?: boolean } = {},
): Promise<{ imported: string[] }> {
  const national = await importLine(database, clock, NATIONAL_LINE);
  if (!options.upgradeDemo) return national;
  const demo = await importUpgradeDemo(database, clock);
  return { imported: [...national.imported, ...demo.imported] };
}

/**
 * Imports the upgrade demonstration (spec `upgrade-demo` 3.0.0, 3.1.0, 3.1.1 and the overlays
 * `demo-fujian`, `demo-yunnan` on it) unless it is there: published and readable, never current.
 * The engine does it in the demo world; a test that needs the demonstration calls it (then
 * reloads the catalog).
 */
export function importUpgradeDemo(
  database: Database,
  clock: Clock,
): Promise<{ imported: string[] }> {
  return importLine(database, clock, UPGRADE_DEMO);
}

/**
 * Imports a line of the seed unless it is there: every base version of the line as a published
 * spec version, every seed overlay on it as a published overlay version, and a published
 * release for each. In the national line the newest base version and each province's newest
 * overlay version are current, unless the jurisdiction already has a current release the seed did
 * not ship (one published through the API stays current); a current release of an older seed
 * (an older version of the line, or one of EARLIER_SEED_RELEASES) gives way to the newer one, so
 * a database seeded before keeps every old release readable and serves the new one. No release of
 * the demonstration is ever current. When every release of the line is stored it only reads the
 * ids. Recorded in spec_transitions (action `import`, no actor), not in the audit trail.
 */
export async function importLine(
  database: Database,
  clock: Clock,
  line: SeedLine,
): Promise<{ imported: string[] }> {
  const { spec, versions } = line;
  const read = line.content ?? ((version: string) => seedSpecContent(spec, version));
  const overlays = line.overlays?.() ?? seedOverlays(spec);
  const ids = [
    ...versions.map((version) => releaseId({ spec, version })),
    ...overlays.map((o) => releaseId(o.base, o)),
  ];
  /** The seed's releases a current one of this line may replace. */
  const replaceable = [...ids, ...(line.current ? EARLIER_SEED_RELEASES : [])];
  const { sequelize } = database;
  const stored = await sequelize.query<{ id: string }>(
    'SELECT id FROM releases WHERE id = ANY($1::text[])',
    { bind: [ids], type: QueryTypes.SELECT },
  );
  if (stored.length === ids.length) {
    await restoreKeyOrder(database, spec, versions, overlays, read);
    return { imported: [] };
  }

  const now = clock.now();
  const contents = new Map<string, SpecContent>();
  const plan: {
    release: Release;
    base: SpecContent;
    overlay?: Overlay;
    current: boolean;
  }[] = [];
  versions.forEach((version, i) => {
    contents.set(version, read(version));
    plan.push({
      release: undefined as unknown as Release,
      base: contents.get(version)!,
      current: line.current && i === versions.length - 1,
    });
  });
  const lastOf = new Map(overlays.map((o) => [o.jurisdiction.code, o]));
  for (const overlay of overlays) {
    const base = contents.get(overlay.base.version) ?? read(overlay.base.version);
    contents.set(overlay.base.version, base);
    plan.push({
      release: undefined as unknown as Release,
      base,
      overlay,
      current: line.current && lastOf.get(overlay.jurisdiction.code) === overlay,
    });
  }
  for (const item of plan) {
    item.release = await compileRelease(
      item.base,
      item.overlay?.jurisdiction.code ?? NATIONAL,
      item.overlay,
    );
  }

  const imported: string[] = [];
  await database.transaction(async (transaction) => {
    const q = (sql: string, bind: unknown[]) =>
      sequelize.query<{ key: string }>(sql, { bind, type: QueryTypes.SELECT, transaction });
    const transition = (kind: string, key: string, version: string) =>
      q(
        `INSERT INTO spec_transitions (kind, key, version, action, from_status, to_status, reason, at)
         VALUES ($1, $2, $3, 'import', NULL, 'published', 'seed', $4) RETURNING kind AS key`,
        [kind, key, version, now],
      );
    for (const [version, content] of contents) {
      const [row] = await q(
        `INSERT INTO spec_versions (spec, version, jurisdiction, content, content_hash, status,
           created_at, updated_at, published_at)
         VALUES ($1, $2, $3, $4::json, $5, 'published', $6, $6, $6)
         ON CONFLICT DO NOTHING RETURNING spec AS key`,
        [spec, version, NATIONAL, JSON.stringify(content), contentHash(content), now],
      );
      if (row) await transition('spec', spec, version);
    }
    for (const overlay of overlays) {
      const [row] = await q(
        `INSERT INTO overlay_versions (key, version, jurisdiction, base_spec, base_version, content,
           content_hash, status, created_at, updated_at, published_at)
         VALUES ($1, $2, $3, $4, $5, $6::json, $7, 'published', $8, $8, $8)
         ON CONFLICT DO NOTHING RETURNING key`,
        [
          overlay.key,
          overlay.version,
          overlay.jurisdiction.code,
          overlay.base.spec,
          overlay.base.version,
          JSON.stringify(overlay),
          contentHash(overlay),
          now,
        ],
      );
      if (row) await transition('overlay', overlay.key, overlay.version);
    }
    // Non-current first, so a current one is only refused when the jurisdiction already has one
    // the seed did not ship; an older seed release that is current gives way.
    for (const item of [...plan].sort((a, b) => Number(a.current) - Number(b.current))) {
      const { release } = item;
      if (item.current)
        await q(
          `UPDATE releases SET current = false
           WHERE jurisdiction = $1 AND current AND id = ANY($2::text[]) AND id <> $3
             AND NOT EXISTS (SELECT 1 FROM releases WHERE id = $3)
           RETURNING id AS key`,
          [release.jurisdiction, replaceable, release.id],
        );
      const manifest = releaseManifest(
        release,
        {
          base: contentHash(item.base),
          ...(item.overlay ? { overlay: contentHash(item.overlay) } : {}),
        },
        now,
      );
      const [row] = await q(
        `INSERT INTO releases (id, jurisdiction, base_spec, base_version, overlay_key,
           overlay_version, status, manifest, manifest_hash, current, published_at)
         SELECT $1, $2, $3, $4, $5, $6, 'published', $7::jsonb, $8,
           $9 AND NOT EXISTS (SELECT 1 FROM releases WHERE jurisdiction = $2 AND current), $10
         ON CONFLICT DO NOTHING RETURNING id AS key`,
        [
          release.id,
          release.jurisdiction,
          release.base.spec,
          release.base.version,
          release.overlay?.key ?? null,
          release.overlay?.version ?? null,
          canonicalJson(manifest),
          contentHash(manifest),
          item.current,
          now,
        ],
      );
      if (row) {
        imported.push(release.id);
        await transition('release', release.id, '-');
      }
    }
  });
  await restoreKeyOrder(database, spec, versions, overlays, read);
  return { imported };
}

/**
 * A seed version stored before migration 0020 lost its keys' order (a jsonb column sorts them,
 * and a form's field order is its schema's key order): written again as the seed's text. Such a
 * row is the one whose text is exactly jsonb's rendering of its value (JSON.stringify writes no
 * space after ':' as jsonb does); it is rewritten only where the stored value is the same JSON
 * value, which is all the published guard lets through. (`$3::text` first: a parameter cast
 * to both json and jsonb would be taken as jsonb, whose text is the sorted one.)
 */
async function restoreKeyOrder(
  database: Database,
  spec: string,
  versions: readonly string[],
  overlays: readonly Overlay[],
  read: (version: string) => SpecContent,
): Promise<void> {
  const { sequelize } = database;
  const sorted = await sequelize.query<{ kind: 'spec' | 'overlay'; key: string; version: string }>(
    `SELECT 'spec' AS kind, spec AS key, version FROM spec_versions
      WHERE spec = $1 AND version = ANY($2::text[]) AND content::text = content::jsonb::text
     UNION ALL
     SELECT 'overlay', key, version FROM overlay_versions
      WHERE key || '@' || version = ANY($3::text[]) AND content::text = content::jsonb::text`,
    {
      bind: [spec, versions, overlays.map((o) => `${o.key}@${o.version}`)],
      type: QueryTypes.SELECT,
    },
  );
  for (const row of sorted) {
    const content =
      row.kind === 'spec'
        ? read(row.version)
        : overlays.find((o) => o.key === row.key && o.version === row.version);
    await sequelize.query(
      `UPDATE ${row.kind === 'spec' ? 'spec_versions' : 'overlay_versions'} SET content = $3::text::json
        WHERE ${row.kind === 'spec' ? 'spec' : 'key'} = $1 AND version = $2
          AND content::jsonb = $3::text::jsonb`,
      { bind: [row.key, row.version, JSON.stringify(content)] },
    );
  }
}
