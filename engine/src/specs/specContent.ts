import { createHash } from 'node:crypto';
import {
  applyOverlay,
  type BaseSpec,
  type Overlay,
  type OverlayProblem,
} from '@formwork/definitions';
import { canonicalJson } from '../audit/canonicalJson.js';
import { releaseId, type Program, type Release, type ReleaseProgram } from './Release.js';

/**
 * What a spec version stores: a BaseSpec, with the schedules and indicators that read its forms
 * (and any programmes it declares).
 */
export type SpecContent = BaseSpec;

export const NATIONAL = '100000';

/** SHA-256 of the canonical JSON (RFC 8785) of a value, hex. */
export const contentHash = (value: unknown) =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * The org path of a jurisdiction from its GB/T 2260 code (province XX0000, city XXYY00, county
 * XXYYZZ, all under the nation 100000): what a caller's scope must cover to act for it.
 */
export function jurisdictionPath(code: string): string {
  if (code === NATIONAL) return `/${NATIONAL}/`;
  const chain = [NATIONAL, `${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  return `/${[...new Set(chain)].join('/')}/`;
}

/**
 * The national base declares no programmes as data (its published versions predate `programs`):
 * its programmes are the ones its schedules name, under the id enrollments have always recorded
 * (the maternal schedules' programme is the pregnancy episode). A programme the spec declares
 * (`programs`, an overlay's `add-program`) is its own id and carries its own title.
 */
const NATIONAL_PROGRAMS: Record<string, { id: Program; title: { zh: string; en: string } }> = {
  hypertension: { id: 'hypertension', title: { zh: '高血压患者健康管理', en: 'Hypertension' } },
  diabetes: { id: 'diabetes', title: { zh: '2型糖尿病患者健康管理', en: 'Type 2 diabetes' } },
  maternal: { id: 'pregnancy', title: { zh: '孕产妇健康管理', en: 'Pregnancy' } },
};

/** The enrollment programme a schedule's `program` means in a spec. */
function programOfSchedule(spec: BaseSpec, scheduleProgram: string): Program | undefined {
  if (Object.hasOwn(spec.programs ?? {}, scheduleProgram)) return scheduleProgram;
  return Object.hasOwn(NATIONAL_PROGRAMS, scheduleProgram)
    ? NATIONAL_PROGRAMS[scheduleProgram]!.id
    : undefined;
}

/**
 * Program of each form that belongs to one: the form each schedule names, and each form of a
 * programme the spec declares.
 */
export function programsOf(content: BaseSpec): Record<string, Program> {
  const result: Record<string, Program> = {};
  for (const schedule of Object.values(content.schedules ?? {})) {
    const program = programOfSchedule(content, schedule.program);
    if (program) result[schedule.form] = program;
  }
  for (const program of Object.values(content.programs ?? {}))
    for (const form of program.forms) result[form] = program.id;
  return result;
}

/**
 * The programmes an effective spec offers: the national ones its schedules run (hypertension,
 * diabetes, pregnancy, in that order), then those it declares (`source` says whether the base or
 * the overlay brought them), each with its forms.
 */
export function programmesOf(base: BaseSpec, effective: BaseSpec): ReleaseProgram[] {
  const programs = programsOf(effective);
  const formsOf = (id: string) =>
    Object.keys(programs)
      .filter((form) => programs[form] === id)
      .sort();
  const result: ReleaseProgram[] = [];
  const seen = new Set<string>();
  const scheduled = new Set(Object.values(effective.schedules ?? {}).map((s) => s.program));
  for (const [scheduleProgram, national] of Object.entries(NATIONAL_PROGRAMS)) {
    if (!scheduled.has(scheduleProgram) || Object.hasOwn(effective.programs ?? {}, scheduleProgram))
      continue;
    seen.add(national.id);
    result.push({ ...national, forms: formsOf(national.id), source: 'base' });
  }
  for (const program of Object.values(effective.programs ?? {})) {
    if (seen.has(program.id)) continue;
    seen.add(program.id);
    result.push({
      id: program.id,
      title: program.title,
      forms: formsOf(program.id),
      source: Object.hasOwn(base.programs ?? {}, program.id) ? 'base' : 'overlay',
    });
  }
  return result;
}

/** The BaseSpec part of stored content (what overlays, the form compiler and the workflows see). */
export function baseSpecOf(content: SpecContent): BaseSpec {
  return {
    spec: content.spec,
    version: content.version,
    forms: content.forms,
    codeTables: content.codeTables,
    parameters: content.parameters,
    workflows: content.workflows,
    ...(content.triggers ? { triggers: content.triggers } : {}),
    ...(content.schedules ? { schedules: content.schedules } : {}),
    ...(content.indicators ? { indicators: content.indicators } : {}),
    ...(content.programs ? { programs: content.programs } : {}),
  };
}

export class OverlayProblems extends Error {
  constructor(readonly problems: OverlayProblem[]) {
    super(problems.map((p) => `${p.path} ${p.code}: ${p.message.en}`).join('; '));
  }
}

/** The effective spec of a base version with an optional overlay version on top. */
export async function compileRelease(
  base: SpecContent,
  jurisdiction: string,
  overlay?: Overlay,
): Promise<Release> {
  const baseRef = { spec: base.spec, version: base.version };
  const baseSpec = baseSpecOf(base);
  let effective = baseSpec;
  if (overlay) {
    const { spec, problems } = await applyOverlay(effective, overlay);
    if (problems.length) throw new OverlayProblems(problems);
    effective = spec;
  }
  const overlayRef = overlay ? { key: overlay.key, version: overlay.version } : undefined;
  return {
    id: releaseId(baseRef, overlayRef),
    jurisdiction,
    base: baseRef,
    ...(overlayRef ? { overlay: overlayRef } : {}),
    spec: effective,
    programs: programsOf(effective),
    programmes: programmesOf(baseSpec, effective),
    usage: { schedules: effective.schedules ?? {}, indicators: effective.indicators ?? {} },
  };
}

/** What a release pins: ids, versions and content hashes of everything it serves. */
export interface ReleaseManifest {
  id: string;
  jurisdiction: string;
  base: { spec: string; version: string; contentHash: string };
  overlay: { key: string; version: string; contentHash: string } | null;
  forms: Record<string, { version: string; hash: string }>;
  codeTables: Record<string, { version: string | null; hash: string }>;
  workflows: Record<string, { hash: string }>;
  parameters: { hash: string };
  /** The effective schedules, indicators and declared programmes (an overlay's among them). */
  schedules: Record<string, { hash: string }>;
  indicators: Record<string, { hash: string }>;
  programs: Record<string, { hash: string }>;
  createdAt: string;
}

export function releaseManifest(
  release: Release,
  hashes: { base: string; overlay?: string },
  createdAt: Date,
): ReleaseManifest {
  const { spec } = release;
  const map = <T, R>(record: Record<string, T>, f: (value: T) => R) =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, f(record[key]!)]),
    );
  return {
    id: release.id,
    jurisdiction: release.jurisdiction,
    base: { ...release.base, contentHash: hashes.base },
    overlay: release.overlay ? { ...release.overlay, contentHash: hashes.overlay ?? '' } : null,
    forms: map(spec.forms, (form) => ({ version: form.version, hash: contentHash(form) })),
    codeTables: map(spec.codeTables, (table) => ({
      version: (table as { version?: string }).version ?? null,
      hash: contentHash(table),
    })),
    workflows: map(spec.workflows, (xml) => ({ hash: contentHash(xml) })),
    parameters: { hash: contentHash(spec.parameters) },
    schedules: map(spec.schedules ?? {}, (schedule) => ({ hash: contentHash(schedule) })),
    indicators: map(spec.indicators ?? {}, (indicator) => ({ hash: contentHash(indicator) })),
    programs: map(spec.programs ?? {}, (program) => ({ hash: contentHash(program) })),
    createdAt: createdAt.toISOString(),
  };
}
