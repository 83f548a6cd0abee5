import type { Transaction } from 'sequelize';
import type { OrgLevel } from '../access/roles.js';
import type { Database } from '../database/Database.js';

export interface OrgUnitInput {
  code: string;
  name: string;
  nameEn: string;
  level: OrgLevel;
  kind: 'division' | 'institution';
  institutionType?: string;
  parentCode?: string;
}

export interface OrgUnit extends OrgUnitInput {
  year: number;
  /** '/100000/350000/350100/' — the codes from the root, each followed by '/'. */
  path: string;
}

interface Row {
  year: number;
  code: string;
  name: string;
  name_en: string;
  level: OrgLevel;
  kind: 'division' | 'institution';
  institution_type: string | null;
  parent_code: string | null;
  path: string;
}

const toUnit = (r: Row): OrgUnit => ({
  year: r.year,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  level: r.level,
  kind: r.kind,
  ...(r.institution_type ? { institutionType: r.institution_type } : {}),
  ...(r.parent_code ? { parentCode: r.parent_code } : {}),
  path: r.path,
});

/**
 * The org tree (national → province → city → county → township → village, GB/T 2260 codes,
 * with institutions as typed units), one tree per year: administrative divisions change, and
 * reports use the tree of their year.
 */
export class OrgUnitStore {
  constructor(private readonly database: Database) {}

  /** Loads a year's tree (parents before children); existing units of that year are updated. */
  async saveTree(year: number, units: readonly OrgUnitInput[], transaction: Transaction) {
    const paths = new Map<string, string>();
    const byCode = new Map(units.map((u) => [u.code, u]));
    const pathOf = (code: string, trail: string[] = []): string => {
      const known = paths.get(code);
      if (known) return known;
      const unit = byCode.get(code);
      if (!unit) throw new Error(`org unit ${code} is not in the tree of ${year}`);
      if (trail.includes(code)) throw new Error(`org tree of ${year} has a cycle at ${code}`);
      const path = `${unit.parentCode ? pathOf(unit.parentCode, [...trail, code]) : '/'}${code}/`;
      paths.set(code, path);
      return path;
    };
    for (const unit of units) {
      await this.database.sequelize.query(
        `INSERT INTO org_units (year, code, name, name_en, level, kind, institution_type, parent_code, path)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (year, code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,
           level = EXCLUDED.level, kind = EXCLUDED.kind, institution_type = EXCLUDED.institution_type,
           parent_code = EXCLUDED.parent_code, path = EXCLUDED.path`,
        {
          bind: [
            year,
            unit.code,
            unit.name,
            unit.nameEn,
            unit.level,
            unit.kind,
            unit.institutionType ?? null,
            unit.parentCode ?? null,
            pathOf(unit.code),
          ],
          transaction,
        },
      );
    }
  }

  async currentYear(transaction?: Transaction): Promise<number | undefined> {
    const [rows] = await this.database.sequelize.query('SELECT max(year) AS year FROM org_units', {
      transaction,
    });
    const year = (rows as { year: number | null }[])[0]?.year;
    return year ?? undefined;
  }

  async get(code: string, transaction?: Transaction, year?: number): Promise<OrgUnit | undefined> {
    const y = year ?? (await this.currentYear(transaction));
    if (y === undefined) return undefined;
    const [rows] = await this.database.sequelize.query(
      'SELECT * FROM org_units WHERE year = $1 AND code = $2',
      { bind: [y, code], transaction },
    );
    const row = (rows as Row[])[0];
    return row ? toUnit(row) : undefined;
  }

  /** Units of a year whose path starts with one of the LIKE patterns (a Scope's subtrees). */
  async list(year: number, likePatterns?: readonly string[], transaction?: Transaction) {
    const [rows] = await this.database.sequelize.query(
      likePatterns
        ? 'SELECT * FROM org_units WHERE year = $1 AND path LIKE ANY($2::text[]) ORDER BY path'
        : 'SELECT * FROM org_units WHERE year = $1 ORDER BY path',
      { bind: likePatterns ? [year, likePatterns] : [year], transaction },
    );
    return (rows as Row[]).map(toUnit);
  }
}
