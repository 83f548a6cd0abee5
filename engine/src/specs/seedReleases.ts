import fs from 'node:fs';
import path from 'node:path';
import {
  applyOverlay,
  type BaseSpec,
  type Overlay,
  type ParameterSet,
  type Schedule,
} from '@formwork/definitions';
import {
  readCodeTables,
  readForms,
  readJsonFolder,
  readWorkflows,
  SEED_ROOT,
  specDir,
} from '@formwork/seed/lib/readSpec';
import { releaseId, type Program, type Release } from './Release.js';

const NATIONAL = '100000';
const PROGRAM_OF_SCHEDULE: Record<string, Program> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  maternal: 'pregnancy',
};

function readBase(spec: string, version: string): BaseSpec {
  return {
    spec,
    version,
    forms: Object.fromEntries(readForms(spec, version)),
    codeTables: readCodeTables(spec, version),
    parameters: JSON.parse(
      fs.readFileSync(path.join(specDir(spec, version), 'parameters.json'), 'utf8'),
    ) as ParameterSet,
    workflows: Object.fromEntries(readWorkflows(spec, version)),
  };
}

function programs(spec: string, version: string): Record<string, Program> {
  const result: Record<string, Program> = {};
  for (const schedule of readJsonFolder<Schedule>(spec, version, 'schedules').values()) {
    const program = PROGRAM_OF_SCHEDULE[schedule.program];
    if (program) result[schedule.form] = program;
  }
  return result;
}

/** The newest overlay version of each province in seed/overlays/<key>/<version>.json. */
function latestOverlays(): Overlay[] {
  const dir = path.join(SEED_ROOT, 'overlays');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const versions = fs
        .readdirSync(path.join(dir, entry.name))
        .filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      const newest = versions.at(-1);
      return newest
        ? [JSON.parse(fs.readFileSync(path.join(dir, entry.name, newest), 'utf8')) as Overlay]
        : [];
    });
}

/**
 * The releases the seed ships: the national base spec for the whole country and one release per
 * provincial overlay (its newest version over the base version it names).
 */
export async function seedReleases(spec = 'national-phs', version = '3.0.0'): Promise<Release[]> {
  const base = readBase(spec, version);
  const formPrograms = programs(spec, version);
  const releases: Release[] = [
    {
      id: releaseId(base),
      jurisdiction: NATIONAL,
      base: { spec, version },
      spec: base,
      programs: formPrograms,
    },
  ];
  for (const overlay of latestOverlays()) {
    if (overlay.base.spec !== spec || overlay.base.version !== version) continue;
    const { spec: effective, problems } = await applyOverlay(base, overlay);
    if (problems.length) {
      throw new Error(
        `overlay ${overlay.key}@${overlay.version} does not apply: ${problems
          .map((p) => `${p.path} ${p.message.en}`)
          .join('; ')}`,
      );
    }
    const ref = { key: overlay.key, version: overlay.version };
    releases.push({
      id: releaseId(base, ref),
      jurisdiction: overlay.jurisdiction.code,
      base: { spec, version },
      overlay: ref,
      spec: effective,
      programs: formPrograms,
    });
  }
  return releases;
}
