import type { BaseSpec, Indicator, Schedule } from '@formwork/definitions';

/**
 * A programme residents are enrolled in, by id as enrollments record it: the national ones
 * (hypertension, diabetes, pregnancy) or one a province's overlay added (`add-program`).
 */
export type Program = string;

/** A programme a release offers: what enrollment, the worklist and the forms list name. */
export interface ReleaseProgram {
  id: Program;
  title: { zh: string; en: string };
  /** Forms whose submissions belong to the resident's enrollment in it. */
  forms: string[];
  /** `base` for a programme of the base spec, `overlay` for one the jurisdiction's overlay added. */
  source: 'base' | 'overlay';
}

/**
 * A published, immutable effective spec for a jurisdiction: a base spec version, optionally with
 * a provincial overlay version compiled on top. Submissions are pinned to one.
 */
export interface Release {
  /** e.g. `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
  id: string;
  /** Org unit code the release serves (100000 for the nation, 350000 for Fujian). */
  jurisdiction: string;
  base: { spec: string; version: string };
  overlay?: { key: string; version: string };
  /** The effective spec: forms, code tables, parameters, workflows, schedules, indicators. */
  spec: BaseSpec;
  /** Program of each form that belongs to one (the spec's schedules and declared programmes). */
  programs: Readonly<Record<string, Program>>;
  /** The programmes the release offers, the overlay's after the base's. */
  programmes: readonly ReleaseProgram[];
  /**
   * The effective schedules and indicators (the base's and the overlay's): what the schedules
   * run and what the semantic diff reports as using a field.
   */
  usage?: {
    schedules: Readonly<Record<string, Schedule>>;
    indicators: Readonly<Record<string, Indicator>>;
  };
}

/** `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
export function releaseId(
  base: { spec: string; version: string },
  overlay?: { key: string; version: string },
) {
  return `${base.spec}@${base.version}${overlay ? `+${overlay.key}@${overlay.version}` : ''}`;
}
