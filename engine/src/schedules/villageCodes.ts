import type { Transaction } from 'sequelize';
import { QueryTypes } from 'sequelize';
import type { Database } from '../database/Database.js';

/** Village of each clinic path, per process: the org tree changes once a year at most. */
const known = new Map<string, string | null>();

/**
 * The village (the division at village level of the current year's org tree) each org path lies
 * in, or null (a township health centre's own residents): what the worklist counts and filters
 * by. Looked up once per path and process, all unknown paths of a batch in one statement.
 */
export async function villageCodes(
  database: Database,
  orgPaths: readonly string[],
  transaction: Transaction,
): Promise<Map<string, string | null>> {
  const unknown = [...new Set(orgPaths)].filter((p) => !known.has(p));
  if (unknown.length) {
    const pairs = unknown.flatMap((path) => {
      const segments = path.split('/').filter(Boolean);
      return segments.map((_, i) => [path, `/${segments.slice(0, i + 1).join('/')}/`] as const);
    });
    const rows = await database.sequelize.query<{ org_path: string; code: string }>(
      `SELECT p.org_path, u.code
       FROM unnest($1::text[], $2::text[]) AS p(org_path, prefix)
       JOIN org_units u ON u.year = (SELECT max(year) FROM org_units) AND u.path = p.prefix
       WHERE u.level = 'village' AND u.kind = 'division'`,
      {
        bind: [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (known.size > 100_000) known.clear();
    for (const path of unknown) known.set(path, null);
    for (const row of rows) known.set(row.org_path, row.code);
  }
  return new Map(orgPaths.map((p) => [p, known.get(p) ?? null]));
}
