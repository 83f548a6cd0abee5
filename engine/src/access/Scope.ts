import type { BusinessLine } from './roles.js';

export interface ScopeEntry {
  /** Org path of the grant's unit, '/350000/350100/350102/' (subtree = every path with this prefix). */
  orgPath: string;
  line: BusinessLine;
}

/**
 * Where a caller may use one permission: the union of the org subtrees (and business lines) of
 * the grants that carry it. Record queries are filtered by it in SQL; single records are checked
 * with `covers`.
 */
export class Scope {
  constructor(readonly entries: readonly ScopeEntry[]) {}

  /** True when the unit at `orgPath` (and, if given, the record's business line) is inside. */
  covers(orgPath: string, line?: BusinessLine): boolean {
    return this.entries.some(
      (e) =>
        orgPath.startsWith(e.orgPath) &&
        (line === undefined || e.line === line || e.line === 'admin'),
    );
  }

  /** LIKE patterns for `column LIKE ANY($n)`: one per subtree. */
  likePatterns(): string[] {
    return [...new Set(this.entries.map((e) => `${e.orgPath.replace(/[\\%_]/g, '\\$&')}%`))];
  }
}
