import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordByCaller, recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import { requireRowVersion, staleRowVersion } from '../http/preconditions.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import { ROLE_DEFINITIONS } from '../access/roles.js';
import { ruleClock } from '../clock.js';
import { enrollmentDetailsProblem } from '../schedules/enrollmentDetails.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';

/**
 * The national programmes: offered wherever residents are enrolled (enrollments have always
 * recorded them). Any other programme is one a province's overlay added (`add-program`), offered
 * only where the release serving the resident's clinic has it.
 */
export const PROGRAMS = ['hypertension', 'diabetes', 'pregnancy'] as const;
/** A programme id: a national one or an overlay's. */
export type Program = string;
/** The shape of a programme id (the `program` meta-schema's and the database's check). */
export const PROGRAM_ID = /^[a-z][a-z0-9-]{1,63}$/;

interface Row {
  id: string;
  subject_id: string;
  program: Program;
  org_code: string;
  org_path: string;
  enrolled_on: string | Date;
  ended_on: string | Date | null;
  end_reason: string | null;
  details: Record<string, unknown> | string;
  responsible_user_id: string | null;
  row_version: number;
  created_at: string | Date;
  updated_at: string | Date | null;
}

interface SubjectRow {
  id: string;
  sex: string;
  birth_date: string | Date;
  org_code: string;
  org_path: string;
}

export interface Enrollment {
  id: string;
  subjectId: string;
  program: Program;
  orgCode: string;
  enrolledOn: string;
  endedOn: string | null;
  endReason: string | null;
  details: Record<string, unknown>;
  /** The doctor responsible for the resident in this programme (责任医生); null when none. */
  responsibleUserId: string | null;
  rowVersion: number;
  createdAt: string;
  updatedAt: string | null;
}

const isoDate = (value: string | Date) =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
const isoTime = (value: string | Date) => new Date(value).toISOString();

/** True for a real calendar date written YYYY-MM-DD. */
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

function view(row: Row): Enrollment {
  return {
    id: row.id,
    subjectId: row.subject_id,
    program: row.program,
    orgCode: row.org_code,
    enrolledOn: isoDate(row.enrolled_on),
    endedOn: row.ended_on === null ? null : isoDate(row.ended_on),
    endReason: row.end_reason,
    details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
    responsibleUserId: row.responsible_user_id,
    rowVersion: row.row_version,
    createdAt: isoTime(row.created_at),
    updatedAt: row.updated_at === null ? null : isoTime(row.updated_at),
  };
}

/** Roles whose holders capture records: those a resident may be given to as responsible doctor. */
const CAPTURING_ROLES = ROLE_DEFINITIONS.filter((r) =>
  r.permissions.includes('records.capture'),
).map((r) => r.key);

/**
 * What else follows the responsible doctor of an enrollment: the due items of its schedules
 * (their doctor and team), changed in the reassignment's transaction.
 */
export interface ResponsibleFollowers {
  reassign(enrollmentId: string, userId: string, transaction: Transaction): Promise<void>;
}

function invalid(path: string, keyword: string, message: string) {
  return new HttpError(422, 'validation_failed', message, {
    errors: [{ path, keyword, message }],
  });
}

/**
 * Enrollments of residents in programs (hypertension, diabetes, a pregnancy episode, or a
 * province's own programme where its release offers it): at most one active enrollment per
 * resident and program. They drive schedules and reminders: each has a
 * responsible doctor (the user who enrolled the resident, until reassigned), and each creation,
 * end and reassignment writes an outbox event (`enrollment.created`, `enrollment.ended`,
 * `enrollment.reassigned`) in its transaction. Who may enroll or see them follows the resident:
 * inside the caller's scope, else 404 (audited).
 */
export class EnrollmentService {
  constructor(
    readonly deps: {
      database: Database;
      orgs: OrgUnitStore;
      audit: AuditTrail;
      clock: Clock;
      /** The due items whose responsible doctor follows the enrollment's. */
      followers?: ResponsibleFollowers;
      /** The releases whose schedules say which details are dates. */
      catalog?: ReleaseCatalog;
    },
  ) {}

  /** Today on the clinic's wall (China Standard Time), as the schedules and rules count it. */
  private today() {
    return ruleClock(this.deps.clock).today();
  }

  async create(
    subjectId: string,
    input: {
      program: Program;
      enrolledOn: string;
      orgCode?: string | undefined;
      details?: Record<string, unknown> | undefined;
    },
    caller: Caller,
    scope: Scope,
    meta: RequestContext,
  ): Promise<Enrollment> {
    const subject = await this.subject(subjectId);
    if (!subject || !scope.covers(subject.org_path)) return this.outside(subjectId, caller, meta);
    const today = this.today();
    if (!isCalendarDate(input.enrolledOn))
      throw invalid('/enrolledOn', 'format', '入组日期无效 / enrolledOn is not a date');
    if (input.enrolledOn > today)
      throw invalid('/enrolledOn', 'future', '入组日期不能晚于今天 / enrolledOn is in the future');
    if (input.enrolledOn < isoDate(subject.birth_date)) {
      throw invalid(
        '/enrolledOn',
        'before-birth',
        '入组日期早于出生日期 / enrolledOn is before the resident was born',
      );
    }
    const details = input.details ?? {};
    if (input.program === 'pregnancy') {
      if (subject.sex !== 'female') {
        throw invalid(
          '/program',
          'sex',
          '孕产期管理仅适用于女性居民 / Only a female resident can have a pregnancy episode',
        );
      }
    }
    let org = { code: subject.org_code, path: subject.org_path };
    if (input.orgCode !== undefined && input.orgCode !== subject.org_code) {
      const unit = await this.deps.orgs.get(input.orgCode);
      if (!unit)
        throw new HttpError(
          422,
          'unknown_org_unit',
          `机构代码不存在 / No org unit ${input.orgCode}`,
        );
      if (!scope.covers(unit.path)) {
        await recordDenial(
          this.deps.audit,
          caller,
          meta,
          { reason: 'org-out-of-scope', orgCode: unit.code },
          { targetType: 'subject', targetId: subjectId, subjectId },
        );
        throw new HttpError(
          403,
          'out_of_scope',
          `机构 ${unit.code} 不在您的管辖范围内 / Org unit ${unit.code} is outside your scope`,
        );
      }
      org = { code: unit.code, path: unit.path };
    }
    this.checkProgram(input.program, org);
    this.checkDetails(input.program, org.path, { enrolledOn: input.enrolledOn, details });
    const { sequelize } = this.deps.database;
    return this.deps.database.transaction(async (transaction) => {
      const [rows] = await sequelize.query(
        `INSERT INTO enrollments (id, subject_id, program, org_code, org_path, enrolled_on, details,
           created_at, created_by, responsible_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
         ON CONFLICT (subject_id, program) WHERE ended_on IS NULL DO NOTHING
         RETURNING *`,
        {
          bind: [
            randomUUID(),
            subjectId,
            input.program,
            org.code,
            org.path,
            input.enrolledOn,
            JSON.stringify(details),
            this.deps.clock.now(),
            caller.user.id,
            caller.user.id,
          ],
          transaction,
        },
      );
      const row = (rows as Row[])[0];
      if (!row) {
        const active = await this.active(subjectId, input.program, transaction);
        throw new HttpError(
          409,
          'already_enrolled',
          '该居民已在此项目管理中 / The resident is already enrolled in this program',
          { enrollmentId: active?.id ?? null },
        );
      }
      await this.event('enrollment.created', row, transaction);
      await this.audit(
        'enrollment.create',
        caller,
        meta,
        row,
        { program: row.program },
        transaction,
      );
      return view(row);
    });
  }

  /** A resident's enrollments, newest first, ended ones included (audited as a view of the resident). */
  async list(subjectId: string, caller: Caller, scope: Scope, meta: RequestContext) {
    const subject = await this.subject(subjectId);
    if (!subject || !scope.covers(subject.org_path)) return this.outside(subjectId, caller, meta);
    const [rows] = await this.deps.database.sequelize.query(
      `SELECT * FROM enrollments WHERE subject_id = $1
       ORDER BY enrolled_on DESC, created_at DESC, id`,
      { bind: [subjectId] },
    );
    await recordByCaller(this.deps.audit, caller, meta, {
      action: 'subject.view',
      targetType: 'subject',
      targetId: subjectId,
      subjectId,
      details: { via: 'enrollments' },
    });
    return (rows as Row[]).map(view);
  }

  /** Ends an active enrollment when `expectedRowVersion` (If-Match) is the stored one. */
  async end(
    id: string,
    expectedRowVersion: number | undefined,
    input: { endedOn: string; reason: string },
    caller: Caller,
    scope: Scope,
    meta: RequestContext,
  ): Promise<Enrollment> {
    const found = await this.row(id);
    const subject = found && (await this.subject(found.subject_id));
    if (!found || !subject || !scope.covers(subject.org_path)) {
      await recordDenial(
        this.deps.audit,
        caller,
        meta,
        { reason: 'not-found-or-out-of-scope' },
        { targetType: 'enrollment', targetId: id },
      );
      throw new HttpError(404, 'not_found', '项目管理记录不存在 / No such enrollment');
    }
    requireRowVersion(expectedRowVersion);
    if (!isCalendarDate(input.endedOn))
      throw invalid('/endedOn', 'format', '结案日期无效 / endedOn is not a date');
    if (input.endedOn > this.today())
      throw invalid('/endedOn', 'future', '结案日期不能晚于今天 / endedOn is in the future');
    const { sequelize } = this.deps.database;
    return this.deps.database.transaction(async (transaction) => {
      const [locked] = await sequelize.query('SELECT * FROM enrollments WHERE id = $1 FOR UPDATE', {
        bind: [id],
        transaction,
      });
      const row = (locked as Row[])[0]!;
      if (row.row_version !== expectedRowVersion)
        throw staleRowVersion(row.row_version, expectedRowVersion!);
      if (row.ended_on !== null) {
        throw new HttpError(
          409,
          'already_ended',
          '该项目管理已结案 / This enrollment has already ended',
        );
      }
      if (input.endedOn < isoDate(row.enrolled_on)) {
        throw invalid(
          '/endedOn',
          'before-enrolled-on',
          '结案日期早于入组日期 / endedOn is before enrolledOn',
        );
      }
      const [rows] = await sequelize.query(
        `UPDATE enrollments SET ended_on = $3, end_reason = $4, row_version = row_version + 1,
           updated_at = $5, updated_by = $6
         WHERE id = $1 AND row_version = $2
         RETURNING *`,
        {
          bind: [
            id,
            expectedRowVersion,
            input.endedOn,
            input.reason,
            this.deps.clock.now(),
            caller.user.id,
          ],
          transaction,
        },
      );
      const ended = (rows as Row[])[0]!;
      await this.event('enrollment.ended', ended, transaction);
      await this.audit(
        'enrollment.end',
        caller,
        meta,
        ended,
        { program: ended.program },
        transaction,
      );
      return view(ended);
    });
  }

  /**
   * Gives an active enrollment another responsible doctor when `expectedRowVersion` (If-Match) is
   * the stored one: an active user holding a role that captures records over the resident's
   * clinic (so the due items stay within what they may work), else 422. The enrollment's due
   * items follow in the same transaction; audited as `enrollment.reassign`.
   */
  async reassign(
    id: string,
    expectedRowVersion: number | undefined,
    input: { userId: string },
    caller: Caller,
    scope: Scope,
    meta: RequestContext,
  ): Promise<Enrollment> {
    const found = await this.row(id);
    const subject = found && (await this.subject(found.subject_id));
    if (!found || !subject || !scope.covers(subject.org_path)) {
      await recordDenial(
        this.deps.audit,
        caller,
        meta,
        { reason: 'not-found-or-out-of-scope' },
        { targetType: 'enrollment', targetId: id },
      );
      throw new HttpError(404, 'not_found', '项目管理记录不存在 / No such enrollment');
    }
    requireRowVersion(expectedRowVersion);
    const { sequelize } = this.deps.database;
    const [user] = (
      await sequelize.query(
        `SELECT u.id, u.active,
           EXISTS (SELECT 1 FROM role_grants g
             WHERE g.user_id = u.id AND g.revoked_at IS NULL AND g.role = ANY($2::text[])
               AND starts_with($3, g.org_path)) AS covers
         FROM users u WHERE u.id = $1`,
        { bind: [input.userId, CAPTURING_ROLES, found.org_path] },
      )
    )[0] as { id: string; active: boolean; covers: boolean }[];
    if (!user?.active)
      throw invalid(
        '/userId',
        'user',
        '责任医生须为在用的用户 / the responsible doctor must be an active user',
      );
    if (!user.covers)
      throw invalid(
        '/userId',
        'scope',
        `该用户无权在居民所属机构 ${found.org_code} 录入记录，不能作为其责任医生 / the user holds no grant to capture records at the resident's clinic ${found.org_code}, so cannot be the responsible doctor`,
      );
    return this.deps.database.transaction(async (transaction) => {
      const [locked] = await sequelize.query('SELECT * FROM enrollments WHERE id = $1 FOR UPDATE', {
        bind: [id],
        transaction,
      });
      const row = (locked as Row[])[0]!;
      if (row.row_version !== expectedRowVersion)
        throw staleRowVersion(row.row_version, expectedRowVersion!);
      if (row.ended_on !== null)
        throw new HttpError(
          409,
          'already_ended',
          '该项目管理已结案 / This enrollment has already ended',
        );
      const [rows] = await sequelize.query(
        `UPDATE enrollments SET responsible_user_id = $2, row_version = row_version + 1,
           updated_at = $3, updated_by = $4
         WHERE id = $1 RETURNING *`,
        { bind: [id, input.userId, this.deps.clock.now(), caller.user.id], transaction },
      );
      const updated = (rows as Row[])[0]!;
      await this.deps.followers?.reassign(id, input.userId, transaction);
      await this.event('enrollment.reassigned', updated, transaction);
      await this.audit(
        'enrollment.reassign',
        caller,
        meta,
        updated,
        { program: updated.program, from: row.responsible_user_id, to: input.userId },
        transaction,
      );
      return view(updated);
    });
  }

  /** The resident's active enrollment in `program`, if any (for submissions and schedules). */
  async active(
    subjectId: string,
    program: Program,
    transaction?: Transaction,
  ): Promise<Enrollment | undefined> {
    const [rows] = await this.deps.database.sequelize.query(
      'SELECT * FROM enrollments WHERE subject_id = $1 AND program = $2 AND ended_on IS NULL',
      { bind: [subjectId, program], transaction },
    );
    const row = (rows as Row[])[0];
    return row ? view(row) : undefined;
  }

  private async subject(id: string): Promise<SubjectRow | undefined> {
    const [rows] = await this.deps.database.sequelize.query(
      'SELECT id, sex, birth_date, org_code, org_path FROM subjects WHERE id = $1',
      { bind: [id] },
    );
    return (rows as SubjectRow[])[0];
  }

  private async row(id: string): Promise<Row | undefined> {
    const [rows] = await this.deps.database.sequelize.query(
      'SELECT * FROM enrollments WHERE id = $1',
      { bind: [id] },
    );
    return (rows as Row[])[0];
  }

  private async outside(subjectId: string, caller: Caller, meta: RequestContext): Promise<never> {
    await recordDenial(
      this.deps.audit,
      caller,
      meta,
      { reason: 'not-found-or-out-of-scope' },
      { targetType: 'subject', targetId: subjectId },
    );
    throw new HttpError(404, 'not_found', '居民档案不存在 / No such resident');
  }

  /** The release serving an org path, if the catalog has one. */
  private releaseServing(orgPath: string): Release | undefined {
    try {
      return this.deps.catalog?.forOrgPath(orgPath);
    } catch {
      return undefined;
    }
  }

  /**
   * The programme must be offered where the resident is managed: a national one anywhere, a
   * province's own (an overlay's `add-program`) only where the release serving the clinic has
   * it — else 422 `program_not_offered` naming the programme, the release and what it offers.
   */
  private checkProgram(program: Program, org: { code: string; path: string }) {
    if ((PROGRAMS as readonly string[]).includes(program)) return;
    const release = this.releaseServing(org.path);
    if (release?.programmes.some((p) => p.id === program)) return;
    const offered = [...new Set([...PROGRAMS, ...(release?.programmes.map((p) => p.id) ?? [])])];
    const where = release ? release.id : '—';
    throw new HttpError(
      422,
      'program_not_offered',
      `项目 "${program}" 不在服务机构 ${org.code} 的发布版本（${where}）中，不能入组；可入组的项目：${offered.join('、')} / Programme "${program}" is not offered by the release serving org unit ${org.code} (${where}); offered: ${offered.join(', ')}`,
      { program, orgCode: org.code, releaseId: release?.id ?? null, offered },
    );
  }

  /**
   * The details must let the programme's schedules (on the release serving the clinic) date the
   * enrollment: a date they read from them (a pregnancy's last menstrual period, say) that is no
   * date is refused with 422 naming the schedule, rather than leaving nothing due.
   */
  private checkDetails(
    program: Program,
    orgPath: string,
    enrollment: { enrolledOn: string; details: Record<string, unknown> },
  ) {
    const release = this.releaseServing(orgPath);
    if (!release) return;
    const problem = enrollmentDetailsProblem(
      release,
      program,
      enrollment,
      ruleClock(this.deps.clock),
    );
    if (problem)
      throw invalid(
        '/details',
        'date',
        `随访计划 ${problem.schedule}（记录集 ${problem.records}）从入组详情中读出的不是日期：${JSON.stringify(problem.value)} / schedule ${problem.schedule} (record set ${problem.records}) reads no date from the details: ${JSON.stringify(problem.value)}`,
      );
  }

  /** The outbox event of a change (schedules recompute the enrollment's due items from it). */
  private event(topic: string, row: Row, transaction: Transaction) {
    const payload = {
      enrollmentId: row.id,
      subjectId: row.subject_id,
      program: row.program,
      orgCode: row.org_code,
      enrolledOn: isoDate(row.enrolled_on),
      endedOn: row.ended_on === null ? null : isoDate(row.ended_on),
      responsibleUserId: row.responsible_user_id,
    };
    return this.deps.database.sequelize.query(
      `INSERT INTO outbox (topic, aggregate_id, aggregate_version, payload)
       VALUES ($1, $2, $3, $4::jsonb)`,
      { bind: [topic, row.id, row.row_version, JSON.stringify(payload)], transaction },
    );
  }

  private audit(
    action: AuditAction,
    caller: Caller,
    meta: RequestContext,
    row: Row,
    details: AuditDetails,
    transaction: Transaction,
  ) {
    const event = {
      action,
      targetType: 'enrollment',
      targetId: row.id,
      subjectId: row.subject_id,
      details,
    };
    return recordByCaller(this.deps.audit, caller, meta, event, transaction);
  }
}
