import { pinyin } from 'pinyin-pro';
import type { Sequelize, Transaction } from 'sequelize';
import { HttpError } from '../http/HttpError.js';

/** The last serial a division can give: the health record number has five digits for it. */
export const HEALTH_RECORD_SERIAL_MAX = 99_999;
export const HEALTH_RECORD_NUMBER_PATTERN = /^\d{17}$/;

/** Lowercase pinyin initials of a name (张三丰 → 'zsf'; surnames read as surnames: 单 → 's'). */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The 12-digit division code a resident's health record number starts with: the division of
 * the institution (its village or township; a county hospital's county), padded right with zeros.
 */
export function recordDivision(orgPath: string): string {
  const code = orgPath
    .split('/')
    .filter((segment) => /^\d+$/.test(segment))
    .at(-1);
  if (!code) throw new Error(`org path ${orgPath} names no division`);
  return code.padEnd(12, '0').slice(0, 12);
}

/** 居民健康档案编号: 12-digit division code + 5-digit serial within the division. */
export function healthRecordNumber(division: string, serial: number): string {
  return `${division}${String(serial).padStart(5, '0')}`;
}

/**
 * Reserves `count` serials in each division (one upsert for all of them, divisions locked in
 * code order until the transaction ends) and returns the first serial reserved in each.
 */
export async function reserveSerials(
  sequelize: Sequelize,
  counts: ReadonlyMap<string, number>,
  transaction: Transaction,
): Promise<Map<string, number>> {
  const divisions = [...counts.keys()].sort();
  if (!divisions.length) return new Map();
  const [rows] = await sequelize.query(
    `INSERT INTO health_record_counters (division, last)
     SELECT division, n FROM unnest($1::text[], $2::int[]) AS t(division, n)
     ON CONFLICT (division) DO UPDATE SET last = health_record_counters.last + EXCLUDED.last
     RETURNING division, last`,
    { bind: [divisions, divisions.map((d) => counts.get(d)!)], transaction },
  );
  const first = new Map<string, number>();
  for (const { division, last } of rows as { division: string; last: number }[]) {
    if (last > HEALTH_RECORD_SERIAL_MAX) {
      throw new HttpError(
        409,
        'health_record_numbers_exhausted',
        `行政区划 ${division} 的健康档案编号已用尽 / No health record numbers left in division ${division}`,
      );
    }
    first.set(division, last - counts.get(division)! + 1);
  }
  return first;
}
