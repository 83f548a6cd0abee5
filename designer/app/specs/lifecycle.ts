import type { ImpactedChange, SpecDiff } from '@formwork/definitions';
import type { components } from '../../../runtime/app/api/schema.js';

/**
 * What the review and publishing screens know of a spec or overlay version's lifecycle, read from
 * the engine's answers (GET /api/specs, /api/overlays, /api/releases): pure functions, no I/O.
 */
export type VersionSummary = components['schemas']['SpecVersionSummary'];
export type Version = components['schemas']['SpecVersion'];
export type ReleaseSummary = components['schemas']['ReleaseSummary'];
export type VersionKind = VersionSummary['kind'];

/** GET /api/diff: the semantic diff of two releases, each form change with its impact. */
export interface ReleaseDiff extends Omit<SpecDiff, 'forms'> {
  from: string;
  to: string;
  forms: Omit<SpecDiff['forms'], 'changes'> & {
    changes: Record<string, ImpactedChange[]>;
    submissions: Record<string, number>;
  };
}

/** A version's state as people speak of it: a draft sent back by a reviewer is "returned". */
export type DisplayState =
  'draft' | 'returned' | 'in-review' | 'approved' | 'published' | 'deprecated';

export function displayState(v: VersionSummary): DisplayState {
  if (v.status === 'draft') return v.submittedAt && v.reviewComment ? 'returned' : 'draft';
  if (v.status === 'in-review') return v.approved ? 'approved' : 'in-review';
  return v.status;
}

/** The release id naming a version's content: `spec@1.0.0`, `spec@3.0.1+fujian@1.2.0`. */
export function releaseIdOf(v: Pick<VersionSummary, 'kind' | 'key' | 'version' | 'base'>): string {
  if (v.kind === 'overlay' && v.base)
    return `${v.base.spec}@${v.base.version}+${v.key}@${v.version}`;
  return `${v.key}@${v.version}`;
}

/** Orders semantic versions (a pre-release before its release); 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = a.split(/-(.*)/s);
  const [coreB = '', preB] = b.split(/-(.*)/s);
  const partsA = coreA.split('.').map(Number);
  const partsB = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (diff) return diff;
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

const RELEASED = new Set(['published', 'deprecated']);

/**
 * The version a reviewer compares `v` with: the newest earlier version of the same spec or overlay
 * that was published, else the newest earlier one in any state; undefined for a first version.
 */
export function previousVersion(
  v: VersionSummary,
  all: readonly VersionSummary[],
): VersionSummary | undefined {
  const earlier = all
    .filter(
      (o) => o.kind === v.kind && o.key === v.key && compareVersions(o.version, v.version) < 0,
    )
    .sort((a, b) => compareVersions(b.version, a.version));
  return earlier.find((o) => RELEASED.has(o.status)) ?? earlier[0];
}

export interface DiffPair {
  against: 'previous' | 'base';
  from: string;
  to: string;
}

/**
 * What a version can be compared with (GET /api/diff?from&to): its previous version, and for an
 * overlay its national base alone (what the province changes of the nation's forms).
 */
export function diffPairs(v: VersionSummary, all: readonly VersionSummary[]): DiffPair[] {
  const to = releaseIdOf(v);
  const pairs: DiffPair[] = [];
  const previous = previousVersion(v, all);
  if (previous) pairs.push({ against: 'previous', from: releaseIdOf(previous), to });
  if (v.kind === 'overlay' && v.base) {
    pairs.push({ against: 'base', from: `${v.base.spec}@${v.base.version}`, to });
  }
  return pairs;
}

/** The release made of a published version, if any. */
export function releaseOf(
  v: VersionSummary,
  releases: readonly ReleaseSummary[],
): ReleaseSummary | undefined {
  return releases.find((r) =>
    v.kind === 'overlay'
      ? r.overlay?.key === v.key && r.overlay.version === v.version
      : !r.overlay && r.base.spec === v.key && r.base.version === v.version,
  );
}

export type Action = 'submit' | 'approve' | 'return' | 'publish' | 'createRelease' | 'deprecate';

/**
 * The steps offered to a user with `permissions` on `v` in its state. Who may not take them
 * (the author approving or publishing their own: four eyes; outside their jurisdiction) is the
 * engine's to say, and the screen shows its answer.
 */
export function availableActions(
  v: VersionSummary,
  permissions: readonly string[],
  hasRelease: boolean,
): Action[] {
  const can = (p: string) => permissions.includes(p);
  const actions: Action[] = [];
  if (v.status === 'draft' && can('forms.design')) actions.push('submit');
  if (v.status === 'in-review' && can('specs.review')) {
    if (!v.approved) actions.push('approve');
    actions.push('return');
  }
  if (v.status === 'in-review' && v.approved && can('specs.publish')) actions.push('publish');
  if (v.status === 'published' && !hasRelease && can('specs.publish'))
    actions.push('createRelease');
  if (v.status === 'published' && can('specs.publish')) actions.push('deprecate');
  return actions;
}

/** Newest first by the moment that matters for the list (last edit). */
export function byUpdatedDesc(a: VersionSummary, b: VersionSummary): number {
  return b.updatedAt.localeCompare(a.updatedAt);
}
