import { QueryTypes } from 'sequelize';
import { maskPhone } from '@formwork/definitions';
import type { Caller } from '../access/Caller.js';
import { recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { PHONE_CONTEXT } from '../subjects/SubjectService.js';
import { openName } from '../subjects/residentName.js';
import { daysBetween } from './DueItemWriter.js';

export const WORKLIST_GROUPS = ['mine', 'team', 'institution', 'region'] as const;
export const WORKLIST_STATUSES = ['overdue', 'due-soon', 'done'] as const;
export const WORKLIST_PERIODS = ['month', 'quarter', 'year'] as const;
export type WorklistGroup = (typeof WORKLIST_GROUPS)[number];
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];
export type WorklistPeriod = (typeof WORKLIST_PERIODS)[number];

export interface WorklistQuery {
  group: WorklistGroup;
  /** region: the division or institution whose subtree to list (default: the whole scope). */
  org?: string | undefined;
  statuses: WorklistStatus[];
  program?: string | undefined;
  village?: string | undefined;
  period: WorklistPeriod;
  limit: number;
  offset: number;
}

export interface WorklistItem {
  id: string;
  /** Grows when a date or the status of the item changes. */
  version: number;
  status: WorklistStatus;
  /** Days since it became overdue, that day counted as 1; null unless overdue. */
  daysOverdue: number | null;
  resident: { id: string; name: string; phone: string | null };
  program: string;
  orgCode: string;
  villageCode: string | null;
  responsibleUserId: string | null;
  /** The form to open: its key and version on the release the item was computed on. */
  form: { key: string; version: string | null; release: string };
  occurrence: { schedule: string; id: string; title: { zh: string; en: string } };
  windowStart: string;
  windowEnd: string;
  dueDate: string;
  dueSoonDate: string;
  overdueDate: string;
  expiresOn: string | null;
  doneOn: string | null;
}

export interface Worklist {
  today: string;
  group: WorklistGroup;
  /** The period whose done items are counted and listed. */
  period: { kind: WorklistPeriod; from: string; to: string };
  total: number;
  limit: number;
  offset: number;
  items: WorklistItem[];
  counts: {
    byStatus: Record<WorklistStatus, number>;
    byProgram: { program: string; count: number }[];
    byVillage: { villageCode: string | null; name: string | null; count: number }[];
  };
}

interface ItemJson {
  id: string;
  version: number;
  phase: WorklistStatus;
  subject_id: string;
  name_enc: string | null;
  name: string | null;
  phone_enc: string | null;
  program: string;
  org_code: string;
  village_code: string | null;
  responsible_user_id: string | null;
  form_key: string;
  release_id: string;
  schedule_id: string;
  occurrence_id: string;
  title: { zh: string; en: string };
  window_start: string;
  window_end: string;
  due_date: string;
  due_soon_date: string;
  overdue_date: string;
  expires_on: string | null;
  done_on: string | null;
}

/** First day of the period containing `today`. */
function periodStart(today: string, kind: WorklistPeriod): string {
  const [year, month] = [today.slice(0, 4), Number(today.slice(5, 7))];
  if (kind === 'year') return `${year}-01-01`;
  if (kind === 'month') return `${today.slice(0, 7)}-01`;
  return `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

/**
 * The frontline's home screen: due items that are due soon or overdue today, and those done in
 * the period, for the caller's own residents (`mine`: the responsible doctor), their team (the
 * responsible doctor works at the caller's org unit), their institution (residents managed at
 * the caller's org unit) or a region (a subtree inside their scope) — always within their
 * `records.read` scope, filtered in SQL. One statement gives the page (by urgency: overdue by
 * days overdue, then due soon by due date, then done, latest first), the total and the counts by
 * status, programme and village (each count leaves out its own filter, so the tabs and chips
 * show what choosing them would give). The resident is shown as the residents API shows one
 * (the name to whoever may see the record, the phone masked); each resident shown is audited
 * as viewed (`subject.view`, via worklist), as the residents' search does.
 */
/** Worklist items of one status, programme and village: what every count is summed from. */
interface Cell {
  phase: WorklistStatus;
  program: string;
  village_code: string | null;
  n: number;
}

/**
 * The total and the counts by status, programme and village from the cells. Each count leaves
 * out its own filter (the tabs show every status within the programme and village chosen, the
 * chips every programme or village within the statuses chosen); the total keeps them all.
 */
function countCells(
  cells: readonly Cell[],
  query: Pick<WorklistQuery, 'statuses' | 'program' | 'village'>,
) {
  const statusOk = (c: Cell) => query.statuses.includes(c.phase);
  const programOk = (c: Cell) => !query.program || c.program === query.program;
  const villageOk = (c: Cell) => !query.village || c.village_code === query.village;
  const byStatus: Record<WorklistStatus, number> = { overdue: 0, 'due-soon': 0, done: 0 };
  const byProgram = new Map<string, number>();
  const byVillage = new Map<string | null, number>();
  let total = 0;
  for (const c of cells) {
    if (programOk(c) && villageOk(c)) byStatus[c.phase] += c.n;
    if (statusOk(c) && villageOk(c))
      byProgram.set(c.program, (byProgram.get(c.program) ?? 0) + c.n);
    if (statusOk(c) && programOk(c))
      byVillage.set(c.village_code, (byVillage.get(c.village_code) ?? 0) + c.n);
    if (statusOk(c) && programOk(c) && villageOk(c)) total += c.n;
  }
  const ascending = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  return {
    total,
    byStatus,
    byProgram: [...byProgram]
      .sort(([a], [b]) => ascending(a, b))
      .map(([program, count]) => ({ program, count })),
    byVillage: [...byVillage]
      .sort(([a], [b]) => ascending(a, b))
      .map(([villageCode, count]) => ({ villageCode, count })),
  };
}

export class WorklistService {
  constructor(
    private readonly deps: {
      database: Database;
      audit: AuditTrail;
      orgs: OrgUnitStore;
      cipher: PersonalDataCipher;
      clock: Clock;
      catalog: ReleaseCatalog;
    },
  ) {}

  async list(
    query: WorklistQuery,
    caller: Caller,
    scope: Scope,
    request: RequestContext,
  ): Promise<Worklist> {
    const today = ruleClock(this.deps.clock).today();
    const from = periodStart(today, query.period);
    const bind: unknown[] = [];
    const $ = (value: unknown, cast = '') => `$${bind.push(value)}${cast}`;

    let group: string;
    if (query.group === 'mine') group = `d.responsible_user_id = ${$(caller.user.id, '::uuid')}`;
    else if (query.group === 'team') group = `d.team_code = ${$(caller.user.orgCode)}`;
    else if (query.group === 'institution') group = `d.org_code = ${$(caller.user.orgCode)}`;
    else if (query.org) {
      const unit = await this.deps.orgs.get(query.org);
      if (!unit)
        throw new HttpError(
          422,
          'unknown_org_unit',
          `机构代码不存在：${query.org} / No org unit ${query.org}`,
          { errors: [{ path: '/query/org', keyword: 'org', message: 'unknown org unit' }] },
        );
      if (!scope.covers(unit.path)) {
        await recordDenial(
          this.deps.audit,
          caller,
          request,
          { reason: 'org-out-of-scope', orgCode: unit.code, via: 'worklist' },
          { targetType: 'org-unit', targetId: unit.code },
        );
        throw new HttpError(
          403,
          'out_of_scope',
          `机构 ${unit.code} 不在您的管辖范围内 / Org unit ${unit.code} is outside your scope`,
        );
      }
      group = `d.org_path LIKE ${$(`${unit.path.replace(/[\\%_]/g, '\\$&')}%`)}`;
    } else group = 'true';

    // Narrow rows from the covering scope indexes (migration 0016): open items due soon by now
    // and not expired, and the items done in the period, each branch an index-only scan.
    const inScope = `d.org_path LIKE ANY(${$(scope.likePatterns(), '::text[]')}) AND ${group}`;
    const base = `SELECT d.id, d.program, d.village_code, d.overdue_date, d.due_date,
          NULL::date AS done_on,
          CASE WHEN d.overdue_date <= ${$(today, '::date')} THEN 'overdue' ELSE 'due-soon' END
            AS phase
        FROM due_items d
        WHERE d.status = 'open' AND ${inScope} AND d.due_soon_date <= ${$(today, '::date')}
          AND (d.expires_on IS NULL OR d.expires_on >= ${$(today, '::date')})
      UNION ALL
      SELECT d.id, d.program, d.village_code, NULL::date, NULL::date, d.done_on, 'done'
        FROM due_items d
        WHERE d.status = 'done' AND ${inScope} AND d.done_on >= ${$(from, '::date')}
          AND d.done_on <= ${$(today, '::date')}`;
    const byStatus = `phase = ANY(${$(query.statuses, '::text[]')})`;
    const byProgram = query.program ? `program = ${$(query.program)}` : 'true';
    const byVillage = query.village ? `village_code = ${$(query.village)}` : 'true';
    const [row] = await this.deps.database.sequelize.query<{
      items: ItemJson[];
      cells: Cell[];
      villageNames: Record<string, string> | null;
    }>(
      `WITH base AS MATERIALIZED (${base}),
       page AS (
         SELECT id, phase FROM base WHERE ${byStatus} AND ${byProgram} AND ${byVillage}
         ORDER BY CASE phase WHEN 'overdue' THEN 0 WHEN 'due-soon' THEN 1 ELSE 2 END,
             CASE WHEN phase = 'overdue' THEN overdue_date END,
             CASE WHEN phase = 'due-soon' THEN due_date END,
             done_on DESC, id
         LIMIT ${$(query.limit, '::int')} OFFSET ${$(query.offset, '::int')}),
       shown AS (
         SELECT d.id, d.version, d.subject_id, d.program, d.schedule_id, d.occurrence_id,
           d.title, d.release_id, d.form_key, d.org_code, d.village_code, d.responsible_user_id,
           d.window_start::text AS window_start, d.window_end::text AS window_end,
           d.due_date::text AS due_date, d.due_soon_date::text AS due_soon_date,
           d.overdue_date::text AS overdue_date, d.expires_on::text AS expires_on,
           d.done_on::text AS done_on, p.phase,
           row_number() OVER (ORDER BY
             CASE p.phase WHEN 'overdue' THEN 0 WHEN 'due-soon' THEN 1 ELSE 2 END,
             CASE WHEN p.phase = 'overdue' THEN d.overdue_date END,
             CASE WHEN p.phase = 'due-soon' THEN d.due_date END,
             d.done_on DESC, d.id) AS rn
         FROM page p JOIN due_items d ON d.id = p.id),
       -- One pass for every count: items by status × programme × village (a few dozen cells).
       cells AS (SELECT phase, program, village_code, count(*)::int AS n
                 FROM base GROUP BY phase, program, village_code)
       SELECT
         (SELECT coalesce(json_agg(json_build_object(
             'id', p.id, 'version', p.version, 'phase', p.phase, 'subject_id', p.subject_id,
             'name_enc', s.name_enc, 'name', s.name, 'phone_enc', s.phone_enc,
             'program', p.program, 'org_code', p.org_code, 'village_code', p.village_code,
             'responsible_user_id', p.responsible_user_id, 'form_key', p.form_key,
             'release_id', p.release_id, 'schedule_id', p.schedule_id,
             'occurrence_id', p.occurrence_id, 'title', p.title,
             'window_start', p.window_start, 'window_end', p.window_end,
             'due_date', p.due_date, 'due_soon_date', p.due_soon_date,
             'overdue_date', p.overdue_date, 'expires_on', p.expires_on, 'done_on', p.done_on)
           ORDER BY p.rn), '[]'::json)
          FROM shown p JOIN subjects s ON s.id = p.subject_id) AS items,
         (SELECT coalesce(json_agg(c), '[]'::json) FROM cells c) AS cells,
         (SELECT json_object_agg(u.code, u.name) FROM org_units u
           WHERE u.year = (SELECT max(year) FROM org_units)
             AND u.code IN (SELECT village_code FROM cells)) AS "villageNames"`,
      { bind, type: QueryTypes.SELECT },
    );
    const items = row!.items.map((item) => this.item(item, today));
    // Audited as the residents' other lists are: each resident shown, once, as viewed.
    await this.deps.audit.recordAll(
      [...new Set(items.map((i) => i.resident.id))].map((subjectId) => ({
        action: 'subject.view',
        outcome: 'success',
        targetType: 'subject',
        targetId: subjectId,
        subjectId,
        actorUserId: caller.user.id,
        actorUsername: caller.user.username,
        orgUnitCode: caller.user.orgCode,
        requestId: request.requestId,
        ip: request.ip ?? null,
        details: { via: 'worklist', group: query.group, ...(query.org ? { org: query.org } : {}) },
      })),
    );
    const counts = countCells(row!.cells, query);
    return {
      today,
      group: query.group,
      period: { kind: query.period, from, to: today },
      total: counts.total,
      limit: query.limit,
      offset: query.offset,
      items,
      counts: {
        byStatus: counts.byStatus,
        byProgram: counts.byProgram,
        byVillage: counts.byVillage.map((v) => ({
          ...v,
          name: v.villageCode ? (row!.villageNames?.[v.villageCode] ?? null) : null,
        })),
      },
    };
  }

  private item(row: ItemJson, today: string): WorklistItem {
    const { cipher } = this.deps;
    const phone = row.phone_enc ? cipher.decrypt(row.phone_enc, PHONE_CONTEXT) : null;
    return {
      id: row.id,
      version: row.version,
      status: row.phase,
      daysOverdue: row.phase === 'overdue' ? daysBetween(row.overdue_date, today) + 1 : null,
      resident: {
        id: row.subject_id,
        name: openName(cipher, row),
        phone: phone === null ? null : maskPhone(phone),
      },
      program: row.program,
      orgCode: row.org_code,
      villageCode: row.village_code,
      responsibleUserId: row.responsible_user_id,
      form: {
        key: row.form_key,
        version: this.deps.catalog.get(row.release_id)?.spec.forms[row.form_key]?.version ?? null,
        release: row.release_id,
      },
      occurrence: { schedule: row.schedule_id, id: row.occurrence_id, title: row.title },
      windowStart: row.window_start,
      windowEnd: row.window_end,
      dueDate: row.due_date,
      dueSoonDate: row.due_soon_date,
      overdueDate: row.overdue_date,
      expiresOn: row.expires_on,
      doneOn: row.done_on,
    };
  }
}
