import { createHash } from 'node:crypto';
import {
  applyOverlay,
  type BaseSpec,
  type Indicator,
  type Overlay,
  type OverlayProblem,
  type Schedule,
} from '@formwork/definitions';
import { canonicalJson } from '../audit/canonicalJson.js';
import { releaseId, type Program, type Release } from './Release.js';

/** What a spec version stores: a BaseSpec plus the schedules and indicators that read its forms. */
export type SpecContent = BaseSpec & {
  schedules?: Record<string, Schedule>;
  indicators?: Record<string, Indicator>;
};

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

const PROGRAM_OF_SCHEDULE: Record<string, Program> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  maternal: 'pregnancy',
};

/** Program of each form that belongs to one (from the spec's schedules). */
export function programsOf(content: SpecContent): Record<string, Program> {
  const result: Record<string, Program> = {};
  for (const schedule of Object.values(content.schedules ?? {})) {
    const program = PROGRAM_OF_SCHEDULE[schedule.program];
    if (program) result[schedule.form] = program;
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
  let effective = baseSpecOf(base);
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
    programs: programsOf(base),
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
    createdAt: createdAt.toISOString(),
  };
}
