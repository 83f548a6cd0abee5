import { applyOverlay, type Schedule } from '@formwork/definitions';
import {
  listOverlays,
  readBaseSpec,
  readJsonFolder,
  readOverlay,
} from '@formwork/seed/lib/readSpec';
import { releaseId, type Program, type Release } from './Release.js';

const NATIONAL = '100000';
/** The national base versions the seed ships, oldest first (the last is current). */
export const SEED_BASE_VERSIONS = ['3.0.0', '3.1.0'] as const;
const PROGRAM_OF_SCHEDULE: Record<string, Program> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  maternal: 'pregnancy',
};

function programs(spec: string, version: string): Record<string, Program> {
  const result: Record<string, Program> = {};
  for (const schedule of readJsonFolder<Schedule>(spec, version, 'schedules').values()) {
    const program = PROGRAM_OF_SCHEDULE[schedule.program];
    if (program) result[schedule.form] = program;
  }
  return result;
}

/**
 * The releases the seed ships: each national base version for the whole country, and each
 * provincial overlay version over the base version it names. Within a jurisdiction the last one
 * listed is the current one (the newest base; each province's newest overlay).
 */
export async function seedReleases(spec = 'national-phs'): Promise<Release[]> {
  const releases: Release[] = [];
  for (const version of SEED_BASE_VERSIONS) {
    const base = readBaseSpec(spec, version);
    releases.push({
      id: releaseId(base),
      jurisdiction: NATIONAL,
      base: { spec, version },
      spec: base,
      programs: programs(spec, version),
    });
  }
  const overlays = listOverlays().sort((a, b) =>
    a.version.localeCompare(b.version, 'en', { numeric: true }),
  );
  for (const ref of overlays) {
    const overlay = readOverlay(ref.key, ref.version);
    if (overlay.base.spec !== spec) continue;
    const base = readBaseSpec(spec, overlay.base.version);
    const { spec: effective, problems } = await applyOverlay(base, overlay);
    if (problems.length) {
      throw new Error(
        `overlay ${overlay.key}@${overlay.version} does not apply: ${problems
          .map((p) => `${p.path} ${p.message.en}`)
          .join('; ')}`,
      );
    }
    releases.push({
      id: releaseId(base, ref),
      jurisdiction: overlay.jurisdiction.code,
      base: { spec, version: overlay.base.version },
      overlay: ref,
      spec: effective,
      programs: programs(spec, overlay.base.version),
    });
  }
  return releases;
}
