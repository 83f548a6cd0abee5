import { createHash, randomUUID } from 'node:crypto';
import { BaseError, QueryTypes, type Transaction } from 'sequelize';
import {
  computeDueItems,
  dueItemAt,
  ScheduleError,
  type DueInput,
  type DueItem,
  type DueResult,
  type ScheduleV2,
} from '@formwork/definitions';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import { safeErrorMessage } from '../logging/safeError.js';
import type { PersonalFormData } from '../security/PersonalFormData.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { releaseParameters, schedulesFor, type RunningSchedule } from './programSchedules.js';
import { villageCodes } from './villageCodes.js';

interface EnrollmentRow {
  id: string;
  subject_id: string;
  program: string;
  org_code: string;
  org_path: string;
  enrolled_on: string;
  ended_on: string | null;
  end_reason: string | null;
  details: Record<string, unknown>;
  responsible_user_id: string | null;
}

interface SubmissionRow {
  id: string;
  subject_id: string;
  enrollment_id: string | null;
  form_key: string;
  revision: number;
  payload: Record<string, unknown>;
  created_at: Date | string;
}

interface StateRow {
  enrollment_id: string;
  schedule_id: string;
  fingerprint: string;
  revision: number;
}

/** A due item as stored (dates as YYYY-MM-DD). */
export interface DueItemRow {
  id: string;
  enrollment_id: string;
  subject_id: string;
  program: string;
  schedule_id: string;
  occurrence_id: string;
  title: { zh: string; en: string };
  release_id: string;
  form_key: string;
  org_code: string;
  org_path: string;
  village_code: string | null;
  responsible_user_id: string | null;
  anchor_id: string;
  anchor_date: string;
  anchor_record: string | null;
  window_start: string;
  window_end: string;
  due_date: string;
  due_soon_date: string;
  overdue_date: string;
  expires_on: string | null;
  status: 'open' | 'done' | 'ended';
  required: number;
  counted: number;
  done_on: string | null;
  done_by: string[];
  end_id: string | null;
  end_reason: { zh: string; en: string } | null;
  ended_on: string | null;
  workflow_instance_id: string | null;
  computed_revision: number;
}

/** The columns of a stored row read back, dates as text. */
const ITEM_COLUMNS = `id, enrollment_id, subject_id, program, schedule_id, occurrence_id, title,
  release_id, form_key, org_code, org_path, village_code, responsible_user_id, anchor_id,
  anchor_date::text AS anchor_date, anchor_record, window_start::text AS window_start,
  window_end::text AS window_end, due_date::text AS due_date,
  due_soon_date::text AS due_soon_date, overdue_date::text AS overdue_date,
  expires_on::text AS expires_on, status, required, counted, done_on::text AS done_on, done_by,
  end_id, end_reason, ended_on::text AS ended_on, workflow_instance_id, computed_revision`;

/** The record set of the jsonb_to_recordset that writes rows (every column but the team). */
const ITEM_RECORD = `id uuid, enrollment_id uuid, subject_id uuid, program text, schedule_id text,
  occurrence_id text, title jsonb, release_id text, form_key text, org_code text, org_path text,
  village_code text, responsible_user_id uuid, anchor_id text, anchor_date date,
  anchor_record text, window_start date, window_end date, due_date date, due_soon_date date,
  overdue_date date, expires_on date, status text, required integer, counted integer,
  done_on date, done_by jsonb, end_id text, end_reason jsonb, ended_on date,
  workflow_instance_id uuid, computed_revision integer`;

/** What a change of these makes a new version of an item (the reminders follow the version). */
const VERSIONED = [
  'title',
  'release_id',
  'form_key',
  'window_start',
  'window_end',
  'due_date',
  'due_soon_date',
  'overdue_date',
  'expires_on',
  'status',
  'counted',
  'done_on',
  'end_id',
  'ended_on',
];

export interface RecomputeOptions {
  /** The outbox event the recomputation follows (kept in schedule_states.source_event). */
  sourceEvent?: string | null;
}

export interface RecomputeOutcome {
  /** Enrollments looked at. */
  enrollments: number;
  /** Schedules whose inputs had changed and were computed again. */
  computed: number;
  /** Schedules that could not be computed (recorded in schedule_states.error). */
  failed: number;
}

/** What `pin` did for a workflow's follow-up. */
export type PinOutcome =
  | { outcome: 'scheduled'; item: DueItemRow }
  | { outcome: 'not-enrolled' | 'not-applicable'; enrollmentId: string | null };

/** One enrollment's inputs for its schedules. */
interface Inputs {
  enrollment: EnrollmentRow;
  release: Release;
  running: RunningSchedule[];
  fingerprint: string;
  input(running: RunningSchedule): DueInput;
}

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/**
 * The one writer of due items and schedule states (STYLE.md 3). `recompute` computes the
 * schedules of a batch of enrollments with computeDueItems — on the release now serving each
 * enrollment's clinic, from the resident's submissions of the forms each schedule reads — and
 * writes what changed in the caller's transaction, in a fixed number of statements per batch:
 *
 * - a schedule whose inputs (release, enrollment, the records it reads and their revisions, the
 *   year) are those it was last computed from (`fingerprint`) is left alone: reading an event
 *   twice, or a rebuild over unchanged data, writes nothing;
 * - an item of the result is inserted or updated in place (its `version` grows when a date or
 *   the status changes);
 * - the result holds this year's done items of earlier anchors too (computeDueItems' history:
 *   a routine visit done stays listed as done this period after the next one is due), so the
 *   items are a function of the records, whatever order they came in; an open item the result
 *   no longer has (a later record moved its anchor, an amended date) is deleted — unless a
 *   workflow pinned it (`pin`): that one is asked again from its own anchor (dueItemAt) and
 *   stays until it is done;
 * - when the schedule has ended (失访, death, delivery, the enrollment ended), its open items are
 *   kept as ended with the reason and leave the worklist; when it runs again they go;
 * - a schedule that cannot be computed keeps its items and records the error in its state;
 * - done items from before this year are dropped.
 *
 * Enrollments are locked (FOR NO KEY UPDATE) for the transaction, so two engines or a rebuild
 * never compute one enrollment at once; submissions may still be stored meanwhile.
 */
export class DueItemWriter {
  constructor(
    private readonly deps: {
      database: Database;
      catalog: ReleaseCatalog;
      personal: PersonalFormData;
      clock: Clock;
      logger?: Logger;
    },
  ) {}

  private q<T extends object>(sql: string, bind: unknown[], transaction: Transaction) {
    return this.deps.database.sequelize.query<T>(sql, {
      bind,
      type: QueryTypes.SELECT,
      transaction,
    });
  }

  private today(): string {
    return ruleClock(this.deps.clock).today();
  }

  /** Recomputes the due items of these enrollments (see the class comment). */
  async recompute(
    enrollmentIds: readonly string[],
    transaction: Transaction,
    options: RecomputeOptions = {},
  ): Promise<RecomputeOutcome> {
    const ids = [...new Set(enrollmentIds)].sort();
    const outcome: RecomputeOutcome = { enrollments: 0, computed: 0, failed: 0 };
    if (!ids.length) return outcome;
    const today = this.today();
    const history = historyOf(today);
    const loaded = await this.load(ids, transaction);
    outcome.enrollments = loaded.length;
    if (!loaded.length) return outcome;
    const states = new Map(
      (
        await this.q<StateRow>(
          `SELECT enrollment_id, schedule_id, fingerprint, revision FROM schedule_states
           WHERE enrollment_id = ANY($1::uuid[])`,
          [ids],
          transaction,
        )
      ).map((s) => [`${s.enrollment_id}/${s.schedule_id}`, s]),
    );
    const existing = await this.q<DueItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM due_items
       WHERE enrollment_id = ANY($1::uuid[]) AND status <> 'done'`,
      [ids],
      transaction,
    );
    const villages = await villageCodes(
      this.deps.database,
      loaded.map((l) => l.enrollment.org_path),
      transaction,
    );

    const writes: DueItemRow[] = [];
    const deletes: string[] = [];
    const stateRows: Record<string, unknown>[] = [];
    const droppedStates: [string, string][] = [];
    for (const inputs of loaded) {
      const { enrollment, release } = inputs;
      const mine = existing.filter((r) => r.enrollment_id === enrollment.id);
      const running = new Set(inputs.running.map((r) => r.schedule.id));
      for (const row of mine) if (!running.has(row.schedule_id)) deletes.push(row.id);
      for (const [key, state] of states)
        if (key.startsWith(`${enrollment.id}/`) && !running.has(state.schedule_id))
          droppedStates.push([enrollment.id, state.schedule_id]);
      for (const schedule of inputs.running) {
        const id = schedule.schedule.id;
        const state = states.get(`${enrollment.id}/${id}`);
        if (state?.fingerprint === inputs.fingerprint) continue;
        const revision = (state?.revision ?? 0) + 1;
        outcome.computed++;
        const input = inputs.input(schedule);
        let result: DueResult | undefined;
        let error: { message: string; schedule?: string; path?: string; record?: string | null } = {
          message: '',
        };
        try {
          result = computeDueItems(schedule.schedule, input, { history });
        } catch (err) {
          if (err instanceof BaseError) throw err;
          outcome.failed++;
          error =
            err instanceof ScheduleError
              ? { message: err.message, path: err.path, record: err.record }
              : { message: safeErrorMessage(err) };
          this.deps.logger?.warn(
            { enrollmentId: enrollment.id, schedule: id, err },
            'a schedule could not be computed',
          );
        }
        stateRows.push({
          enrollment_id: enrollment.id,
          schedule_id: id,
          release_id: release.id,
          fingerprint: inputs.fingerprint,
          revision,
          computed_on: today,
          source_event: options.sourceEvent ?? null,
          recompute_on: schedule.yearly ? `${Number(today.slice(0, 4)) + 1}-01-01` : null,
          ended: result?.ended ?? null,
          suggestions: result?.suggestions ?? [],
          error: result ? null : error,
        });
        if (!result) continue;
        const base = {
          enrollment,
          release,
          village: villages.get(enrollment.org_path) ?? null,
          revision,
        };
        const previous = mine.filter((r) => r.schedule_id === id);
        this.plan(schedule.schedule, input, result, previous, base, writes, deletes);
      }
    }
    await this.write(writes, transaction);
    await this.deps.database.sequelize.query(
      `DELETE FROM due_items WHERE id = ANY($1::uuid[])
         OR (enrollment_id = ANY($2::uuid[]) AND status = 'done' AND done_on < $3::date)`,
      { bind: [deletes, ids, `${today.slice(0, 4)}-01-01`], transaction },
    );
    if (droppedStates.length)
      await this.deps.database.sequelize.query(
        `DELETE FROM schedule_states s USING unnest($1::uuid[], $2::text[]) AS d(e, k)
         WHERE s.enrollment_id = d.e AND s.schedule_id = d.k`,
        {
          bind: [droppedStates.map((d) => d[0]), droppedStates.map((d) => d[1])],
          transaction,
        },
      );
    if (stateRows.length)
      await this.deps.database.sequelize.query(
        `INSERT INTO schedule_states (enrollment_id, schedule_id, release_id, fingerprint,
           revision, computed_at, computed_on, source_event, recompute_on, ended, suggestions,
           error)
         SELECT enrollment_id, schedule_id, release_id, fingerprint, revision, $2::timestamptz,
           computed_on, source_event, recompute_on, ended, suggestions, error
         FROM jsonb_to_recordset($1::jsonb) AS x(enrollment_id uuid, schedule_id text,
           release_id text, fingerprint text, revision integer, computed_on date,
           source_event bigint, recompute_on date, ended jsonb, suggestions jsonb, error jsonb)
         ON CONFLICT (enrollment_id, schedule_id) DO UPDATE SET
           release_id = EXCLUDED.release_id, fingerprint = EXCLUDED.fingerprint,
           revision = EXCLUDED.revision, computed_at = EXCLUDED.computed_at,
           computed_on = EXCLUDED.computed_on, source_event = EXCLUDED.source_event,
           recompute_on = EXCLUDED.recompute_on, ended = EXCLUDED.ended,
           suggestions = EXCLUDED.suggestions, error = EXCLUDED.error`,
        { bind: [JSON.stringify(stateRows), this.deps.clock.now()], transaction },
      );
    return outcome;
  }

  /**
   * What one computed schedule changes: the result's items written, the previous open items it
   * no longer has resolved (done, pinned, or deleted), ended items kept as ended.
   */
  private plan(
    schedule: ScheduleV2,
    input: DueInput,
    result: DueResult,
    previous: DueItemRow[],
    base: { enrollment: EnrollmentRow; release: Release; village: string | null; revision: number },
    writes: DueItemRow[],
    deletes: string[],
  ) {
    const key = (r: { occurrence_id: string; anchor_date: string }) =>
      `${r.occurrence_id}/${r.anchor_date}`;
    const byKey = new Map(previous.map((r) => [key(r), r]));
    if (result.ended) {
      for (const row of previous)
        writes.push({
          ...row,
          status: 'ended',
          end_id: result.ended.id,
          end_reason: result.ended.reason,
          ended_on: result.ended.date,
          done_on: null,
          computed_revision: base.revision,
        });
      return;
    }
    const kept = new Set<string>();
    for (const item of result.items) {
      const row = rowOf(item, base);
      const before = byKey.get(key(row));
      if (before) {
        row.id = before.id;
        row.workflow_instance_id = before.workflow_instance_id;
      }
      kept.add(key(row));
      writes.push(row);
    }
    for (const row of previous) {
      if (kept.has(key(row))) continue;
      // What a later record moved on from is in the result when it was done (the history);
      // only a workflow's pinned item is asked again from its own anchor.
      if (row.status === 'ended' || !row.workflow_instance_id) {
        deletes.push(row.id);
        continue;
      }
      let item: DueItem | null = null;
      try {
        item = dueItemAt(schedule, input, row.occurrence_id, {
          date: row.anchor_date,
          record: row.anchor_record,
        });
      } catch (err) {
        if (!(err instanceof ScheduleError)) throw err;
      }
      if (item) {
        const next = rowOf(item, base);
        next.id = row.id;
        next.workflow_instance_id = row.workflow_instance_id;
        writes.push(next);
      } else deletes.push(row.id);
    }
  }

  /** Inserts or updates rows by (enrollment, schedule, occurrence, anchor date). */
  private async write(rows: DueItemRow[], transaction: Transaction) {
    if (!rows.length) return;
    const changed = VERSIONED.map((c) => `d.${c}`).join(', ');
    const incoming = VERSIONED.map((c) => `EXCLUDED.${c}`).join(', ');
    await this.deps.database.sequelize.query(
      `INSERT INTO due_items AS d (id, enrollment_id, subject_id, program, schedule_id,
         occurrence_id, title, release_id, form_key, org_code, org_path, village_code,
         responsible_user_id, team_code, anchor_id, anchor_date, anchor_record, window_start,
         window_end, due_date, due_soon_date, overdue_date, expires_on, status, required, counted,
         done_on, done_by, end_id, end_reason, ended_on, workflow_instance_id, computed_revision,
         version, created_at, updated_at)
       SELECT x.id, x.enrollment_id, x.subject_id, x.program, x.schedule_id, x.occurrence_id,
         x.title, x.release_id, x.form_key, x.org_code, x.org_path, x.village_code,
         x.responsible_user_id, u.org_code, x.anchor_id, x.anchor_date, x.anchor_record,
         x.window_start, x.window_end, x.due_date, x.due_soon_date, x.overdue_date, x.expires_on,
         x.status, x.required, x.counted, x.done_on, x.done_by, x.end_id, x.end_reason,
         x.ended_on, x.workflow_instance_id, x.computed_revision, 1, $2::timestamptz,
         $3::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS x(${ITEM_RECORD})
       LEFT JOIN users u ON u.id = x.responsible_user_id
       ON CONFLICT (enrollment_id, schedule_id, occurrence_id, anchor_date) DO UPDATE SET
         title = EXCLUDED.title, release_id = EXCLUDED.release_id, form_key = EXCLUDED.form_key,
         org_code = EXCLUDED.org_code, org_path = EXCLUDED.org_path,
         village_code = EXCLUDED.village_code, responsible_user_id = EXCLUDED.responsible_user_id,
         team_code = EXCLUDED.team_code, anchor_id = EXCLUDED.anchor_id,
         anchor_record = EXCLUDED.anchor_record, window_start = EXCLUDED.window_start,
         window_end = EXCLUDED.window_end, due_date = EXCLUDED.due_date,
         due_soon_date = EXCLUDED.due_soon_date, overdue_date = EXCLUDED.overdue_date,
         expires_on = EXCLUDED.expires_on, status = EXCLUDED.status,
         required = EXCLUDED.required, counted = EXCLUDED.counted, done_on = EXCLUDED.done_on,
         done_by = EXCLUDED.done_by, end_id = EXCLUDED.end_id,
         end_reason = EXCLUDED.end_reason, ended_on = EXCLUDED.ended_on,
         workflow_instance_id = coalesce(EXCLUDED.workflow_instance_id, d.workflow_instance_id),
         computed_revision = EXCLUDED.computed_revision,
         version = d.version + CASE WHEN (${changed}) IS DISTINCT FROM (${incoming})
           THEN 1 ELSE 0 END,
         updated_at = EXCLUDED.updated_at`,
      { bind: [JSON.stringify(rows), this.deps.clock.now(), this.deps.clock.now()], transaction },
    );
  }

  /**
   * A follow-up a workflow names (the built-in service `schedule-follow-up`): the occurrence of
   * the resident's schedule counted from `anchorDate`, written as a due item pinned to the
   * workflow instance — it stays on the worklist until a record satisfies it (or the schedule
   * ends), even when the schedule's own anchor moves on. The enrollment is the resident's active
   * one whose programme runs the schedule on the release serving its clinic.
   */
  async pin(
    request: {
      subjectId: string;
      scheduleId: string;
      occurrenceId: string;
      anchorDate: string;
      instanceId: string;
    },
    transaction: Transaction,
  ): Promise<PinOutcome> {
    const active = await this.q<{ id: string; program: string; org_path: string }>(
      `SELECT id, program, org_path FROM enrollments
       WHERE subject_id = $1 AND ended_on IS NULL ORDER BY id`,
      [request.subjectId],
      transaction,
    );
    const target = active.find((e) => {
      try {
        return schedulesFor(this.deps.catalog.forOrgPath(e.org_path), e.program).some(
          (r) => r.schedule.id === request.scheduleId,
        );
      } catch {
        return false;
      }
    });
    if (!target) return { outcome: 'not-enrolled', enrollmentId: null };
    const [inputs] = await this.load([target.id], transaction);
    const running = inputs!.running.find((r) => r.schedule.id === request.scheduleId)!;
    const input = inputs!.input(running);
    const ended = computeDueItems(running.schedule, input).ended;
    const item = dueItemAt(running.schedule, input, request.occurrenceId, {
      date: request.anchorDate,
    });
    if (!item) return { outcome: 'not-applicable', enrollmentId: target.id };
    const [state] = await this.q<{ revision: number }>(
      'SELECT revision FROM schedule_states WHERE enrollment_id = $1 AND schedule_id = $2',
      [target.id, request.scheduleId],
      transaction,
    );
    const villages = await villageCodes(
      this.deps.database,
      [inputs!.enrollment.org_path],
      transaction,
    );
    const row = rowOf(item, {
      enrollment: inputs!.enrollment,
      release: inputs!.release,
      village: villages.get(inputs!.enrollment.org_path) ?? null,
      revision: state?.revision ?? 0,
    });
    row.workflow_instance_id = request.instanceId;
    if (ended)
      Object.assign(row, {
        status: 'ended',
        done_on: null,
        end_id: ended.id,
        end_reason: ended.reason,
        ended_on: ended.date,
      });
    await this.write([row], transaction);
    const [stored] = await this.q<DueItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM due_items WHERE enrollment_id = $1 AND schedule_id = $2
         AND occurrence_id = $3 AND anchor_date = $4::date`,
      [target.id, request.scheduleId, request.occurrenceId, row.anchor_date],
      transaction,
    );
    return { outcome: 'scheduled', item: stored! };
  }

  /** The responsible doctor (and so the team) of an enrollment's due items changes with it. */
  async reassign(enrollmentId: string, userId: string, transaction: Transaction): Promise<void> {
    await this.deps.database.sequelize.query(
      `UPDATE due_items SET responsible_user_id = $2,
         team_code = (SELECT org_code FROM users WHERE id = $2), version = version + 1,
         updated_at = $3
       WHERE enrollment_id = $1 AND status <> 'ended'`,
      { bind: [enrollmentId, userId, this.deps.clock.now()], transaction },
    );
  }

  /**
   * The enrollments (locked) with the release serving each, the schedules their programme runs
   * and the resident's submissions of the forms those read: the submissions recorded under the
   * enrollment, and those recorded under none (referral slips, facts) from its first day on.
   */
  private async load(ids: string[], transaction: Transaction): Promise<Inputs[]> {
    const enrollments = await this.q<EnrollmentRow>(
      `SELECT id, subject_id, program, org_code, org_path, enrolled_on::text AS enrolled_on,
         ended_on::text AS ended_on, end_reason, details, responsible_user_id
       FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [ids],
      transaction,
    );
    const served: { enrollment: EnrollmentRow; release: Release; running: RunningSchedule[] }[] =
      [];
    for (const enrollment of enrollments) {
      let release: Release;
      try {
        release = this.deps.catalog.forOrgPath(enrollment.org_path);
      } catch (err) {
        this.deps.logger?.error(
          { err, enrollmentId: enrollment.id },
          'no release serves the enrollment: its schedules are not computed',
        );
        continue;
      }
      served.push({ enrollment, release, running: schedulesFor(release, enrollment.program) });
    }
    const forms = [
      ...new Set(served.flatMap((s) => s.running.flatMap((r) => [...r.forms]))),
    ].sort();
    const submissions = forms.length
      ? await this.q<SubmissionRow>(
          `SELECT id, subject_id, enrollment_id, form_key, revision, payload, created_at
           FROM submissions WHERE subject_id = ANY($1::uuid[]) AND form_key = ANY($2::text[])
           ORDER BY subject_id, created_at, id`,
          [[...new Set(served.map((s) => s.enrollment.subject_id))], forms],
          transaction,
        )
      : [];
    const bySubject = new Map<string, SubmissionRow[]>();
    for (const s of submissions) {
      const list = bySubject.get(s.subject_id);
      if (list) list.push(s);
      else bySubject.set(s.subject_id, [s]);
    }
    const year = this.today().slice(0, 4);
    const rules = ruleClock(this.deps.clock);
    return served.map(({ enrollment, release, running }) => {
      const from = Date.parse(`${enrollment.enrolled_on}T00:00:00Z`) - CST;
      const records = (bySubject.get(enrollment.subject_id) ?? []).filter(
        (s) =>
          s.enrollment_id === enrollment.id ||
          (s.enrollment_id === null && new Date(s.created_at).getTime() >= from),
      );
      const opened = new Map<string, Record<string, unknown>>();
      const data = (s: SubmissionRow) => {
        let clear = opened.get(s.id);
        if (!clear) opened.set(s.id, (clear = this.deps.personal.open(s.payload).data));
        return clear;
      };
      const fingerprint = createHash('sha256')
        .update(
          JSON.stringify([
            release.id,
            year,
            enrollment.enrolled_on,
            enrollment.ended_on,
            enrollment.end_reason,
            enrollment.details,
            records.map((r) => [r.id, r.revision]),
          ]),
        )
        .digest('base64url');
      return {
        enrollment,
        release,
        running,
        fingerprint,
        input: (schedule: RunningSchedule): DueInput => {
          const mine = records.filter((r) => schedule.forms.has(r.form_key));
          return {
            enrollment: {
              enrolledOn: enrollment.enrolled_on,
              endedOn: enrollment.ended_on,
              endReason: enrollment.end_reason,
              details: enrollment.details,
            },
            records: mine.map((r) => ({ id: r.id, form: r.form_key, data: data(r) })),
            facts: Object.fromEntries(
              schedule.facts.map((fact) => [
                fact,
                mine.filter((r) => r.form_key === fact).map((r) => ({ id: r.id, data: data(r) })),
              ]),
            ),
            parameters: releaseParameters(release),
            clock: rules,
          };
        },
      };
    });
  }
}

/**
 * What of the past a computation lists: the items done this year that a later record moved the
 * anchor on from (computeDueItems' history), counted from anchors since 1 January of last year —
 * so the done items are the same whether the records were read one by one or all at once (a
 * rebuild, a batch of events).
 */
function historyOf(today: string) {
  const year = Number(today.slice(0, 4));
  return { anchorsFrom: `${year - 1}-01-01`, doneFrom: `${year}-01-01` };
}

/** A computed item as a row of the enrollment's scope, doctor and release. */
function rowOf(
  item: DueItem,
  base: { enrollment: EnrollmentRow; release: Release; village: string | null; revision: number },
): DueItemRow {
  const { enrollment } = base;
  const done = item.status === 'done';
  return {
    id: randomUUID(),
    enrollment_id: enrollment.id,
    subject_id: enrollment.subject_id,
    program: enrollment.program,
    schedule_id: item.schedule,
    occurrence_id: item.occurrence,
    title: item.title,
    release_id: base.release.id,
    form_key: item.form,
    org_code: enrollment.org_code,
    org_path: enrollment.org_path,
    village_code: base.village,
    responsible_user_id: enrollment.responsible_user_id,
    anchor_id: item.anchor.id,
    anchor_date: item.anchor.date,
    anchor_record: item.anchor.record,
    window_start: item.windowStart,
    window_end: item.windowEnd,
    due_date: item.dueDate,
    due_soon_date: item.dueSoonDate,
    overdue_date: item.overdueDate,
    expires_on: item.expiresOn,
    status: done ? 'done' : 'open',
    required: item.required,
    counted: item.counted,
    done_on: done ? (item.doneOn ?? item.windowStart) : null,
    done_by: item.doneBy,
    end_id: null,
    end_reason: null,
    ended_on: null,
    workflow_instance_id: null,
    computed_revision: base.revision,
  };
}

/** Days between two YYYY-MM-DD dates (b − a). */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
