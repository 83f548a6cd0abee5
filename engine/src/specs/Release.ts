import type { BaseSpec, Indicator, Schedule } from '@formwork/definitions';

/** Which program's enrollment a form's submissions belong to. */
export type Program = 'hypertension' | 'diabetes' | 'pregnancy';

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
  /** The effective spec: forms, code tables, parameters and workflows. */
  spec: BaseSpec;
  /** Program of each form that belongs to one (from the spec's schedules). */
  programs: Readonly<Record<string, Program>>;
  /** The base's schedules and indicators: what the semantic diff reports as using a field. */
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
