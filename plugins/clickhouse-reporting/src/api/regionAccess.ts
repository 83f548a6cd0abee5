import type { ReadModel, ReadModelOrgUnit } from '@formwork/engine/plugin-api';

/** The part of the engine's Scope a report needs: which org subtrees the caller may read. */
export interface ReportScope {
  readonly entries: readonly { orgPath: string }[];
  covers(orgPath: string): boolean;
}

/** The region is outside the caller's scope (403 `region_forbidden`). */
export class RegionForbidden extends Error {
  override name = 'RegionForbidden';
  constructor() {
    super('该区划不在您的管辖范围内 / The region is outside your jurisdiction');
  }
}

/** A unit's org path as Scope keeps it: `/100000/350000/`. */
export const scopePath = (unit: Pick<ReadModelOrgUnit, 'path'>) => `/${unit.path.join('/')}/`;

/** The caller's highest unit: the scope entry nearest the root (the first by code on a tie). */
export function defaultRegionCode(scope: ReportScope): string | undefined {
  const codes = scope.entries
    .map((e) => e.orgPath.split('/').filter(Boolean))
    .filter((path) => path.length)
    .sort((a, b) => a.length - b.length || a.at(-1)!.localeCompare(b.at(-1)!));
  return codes[0]?.at(-1);
}

/**
 * The region a report is for: the unit of `code` (default: the caller's highest unit) in the
 * newest org tree; undefined when there is no such unit. Throws RegionForbidden for a unit
 * outside the scope.
 */
export async function resolveRegion(
  readModel: Pick<ReadModel, 'orgUnits'>,
  scope: ReportScope,
  code: string | undefined,
): Promise<ReadModelOrgUnit | undefined> {
  const wanted = code ?? defaultRegionCode(scope);
  if (wanted === undefined) throw new RegionForbidden();
  const [unit] = await readModel.orgUnits({ codes: [wanted] });
  if (!unit) return undefined;
  if (!scope.covers(scopePath(unit))) throw new RegionForbidden();
  return unit;
}
