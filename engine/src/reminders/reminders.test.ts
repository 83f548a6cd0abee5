/**
 * Reminders as a village doctor gets them: a real engine, residents enrolled and visited over
 * HTTP, the schedules consumer and the reminder poller polled by hand, the clock standing at
 * 2026-11-23 (China time). The seed's hypertension schedule (national-phs 3.0.1 with Fujian's
 * overlay): a routine visit about 90 days after the last face-to-face visit, the yearly health
 * check due soon from 1 October.
 */
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import type { Reminder } from './Reminder.js';

const CLINIC = '350121101201-V01';
const DAY = 86_400_000;
let f: IdentityFixture;
let doctor: TestUser;
let token: string;
let serial = 200;

const sql = <T extends object>(query: string, bind: unknown[] = []) =>
  f.t.engine.database.sequelize.query<T>(query, { bind, type: QueryTypes.SELECT });
const schedules = () => f.t.engine.scheduleWorker!.poll();
/**
 * Runs the schedules consumer until the resident's due items are computed (the outbox hands it
 * an event once no older transaction can still commit, which on a busy server takes a moment).
 */
async function computed(subjectId: string) {
  await expect
    .poll(
      async () => {
        await schedules();
        return (
          await sql<{ n: string }>(
            `SELECT count(*) AS n FROM due_items d JOIN enrollments e ON e.id = d.enrollment_id
             WHERE e.subject_id = $1`,
            [subjectId],
          )
        )[0]!.n;
      },
      { timeout: 60_000 },
    )
    .not.toBe('0');
}
const remind = () => f.t.engine.reminderPoller!.poll();

async function resident(name: string, birth: string): Promise<string> {
  const created = await f.request('POST', '/api/subjects', token, {
    name,
    idNumber: makeResidentIdNumber('350121', birth, ++serial * 2 + 1),
    orgCode: CLINIC,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const subjectId = created.body.id as string;
  const enrolled = await f.request('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program: 'hypertension',
    enrolledOn: '2026-06-01',
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  return subjectId;
}

async function visit(subjectId: string, data: Record<string, unknown>) {
  const stored = await f.request('POST', '/api/submissions', token, {
    formKey: 'hypertension-followup',
    subjectId,
    data,
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
}

/** The resident's reminders: occurrence, anchor and moment, in the order they fired. */
const remindersOf = async (subjectId: string) =>
  (
    await sql<{ occurrence_id: string; moment: string; anchor_date: string }>(
      `SELECT r.occurrence_id, r.moment, d.anchor_date::text AS anchor_date
       FROM reminders r LEFT JOIN due_items d ON d.id = r.due_item_id
       WHERE r.subject_id = $1 ORDER BY r.fired_at, r.occurrence_id`,
      [subjectId],
    )
  ).map((r) => `${r.occurrence_id}@${r.anchor_date}:${r.moment}`);

interface Listed {
  items: { id: string; kind: string; title: { zh: string; en: string }; subjectId: string }[];
  total: number;
  unread: number;
}
async function notifications(query = '', as = token): Promise<Listed> {
  const res = await f.request('GET', `/api/notifications${query}`, as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Listed;
}
const titlesFor = async (subjectId: string) =>
  (await notifications('?limit=100')).items
    .filter((n) => n.subjectId === subjectId)
    .map((n) => n.title.zh);

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
  token = await f.login(doctor);
}, 60_000);
afterAll(() => f?.stop());
// Each test starts on 2026-11-23 (the clock moves within a test), signed in again.
const START = Date.parse('2026-11-23T02:00:00.000Z');
beforeEach(async () => {
  f.clock.advance(START - f.clock.now().getTime());
  token = await f.login(doctor);
});

describe('reminders of due follow-ups', () => {
  it('given a resident whose routine visit is overdue and whose health check is due soon, when the poller runs, then the responsible doctor gets each reminder once — also when it runs again days later — and no workflow instance is loaded', async () => {
    const subjectId = await resident('郑国华', '1955-04-11');
    await computed(subjectId);
    const runtime = f.t.engine.services.workflows;
    const loads = runtime.instanceLoads;

    const first = await remind();
    expect(first.fired).toBeGreaterThanOrEqual(2);
    expect(await remindersOf(subjectId)).toEqual([
      'annual-health-check@2026-01-01:due-soon',
      'quarterly@2026-06-01:overdue',
    ]);
    // Fired in one poll (the same instant): the overdue one and the due-soon one.
    expect((await titlesFor(subjectId)).sort()).toEqual([
      expect.stringMatching(/^随访即将到期：每年1次较全面的健康体检/),
      expect.stringMatching(/^随访已逾期：常规随访/),
    ]);
    expect((await notifications()).unread).toBeGreaterThanOrEqual(2);

    await remind();
    f.clock.advance(3 * DAY);
    await remind();
    token = await f.login(doctor);
    expect(await remindersOf(subjectId)).toHaveLength(2);
    expect(await titlesFor(subjectId)).toHaveLength(2);
    // A plain reminder never loads a workflow instance.
    expect(runtime.instanceLoads).toBe(loads);
  });

  it('given a reminder that fired, when a phone visit makes the schedules recompute the same item, then it is not reminded again; when a face-to-face visit opens the next routine visit, then that one is reminded when it falls due soon', async () => {
    const subjectId = await resident('邱美玲', '1957-09-30');
    await computed(subjectId);
    await remind();
    expect(await remindersOf(subjectId)).toEqual([
      'annual-health-check@2026-01-01:due-soon',
      'quarterly@2026-06-01:overdue',
    ]);
    const [before] = await sql<{ computed_revision: number }>(
      `SELECT computed_revision FROM due_items d JOIN enrollments e ON e.id = d.enrollment_id
       WHERE e.subject_id = $1 AND d.occurrence_id = 'quarterly'`,
      [subjectId],
    );

    // A phone call is no face-to-face visit: the overdue item is computed again, still open.
    await visit(subjectId, { ...HT_VISIT, visitMode: '3' });
    const quarterly = async () => {
      // The outbox hands the consumer an event once no older transaction can still commit.
      await schedules();
      return sql<{ computed_revision: number; status: string; anchor_date: string }>(
        `SELECT computed_revision, status, anchor_date::text AS anchor_date FROM due_items d
         JOIN enrollments e ON e.id = d.enrollment_id
         WHERE e.subject_id = $1 AND d.occurrence_id = 'quarterly' ORDER BY anchor_date`,
        [subjectId],
      );
    };
    await expect
      .poll(async () => (await quarterly())[0]!.computed_revision, { timeout: 60_000 })
      .toBeGreaterThan(before!.computed_revision);
    expect(await quarterly()).toMatchObject([{ status: 'open', anchor_date: '2026-06-01' }]);
    await remind();
    expect(await remindersOf(subjectId)).toHaveLength(2);

    // Seen face to face: the next routine visit counts from 2026-11-20, due 2027-02-18.
    await visit(subjectId, HT_VISIT);
    await expect
      .poll(async () => (await quarterly()).map((q) => q.status), { timeout: 60_000 })
      .toEqual(['done', 'open']);
    await remind();
    expect(await remindersOf(subjectId)).toHaveLength(2);
    const [next] = await sql<{ due_soon_date: string }>(
      `SELECT d.due_soon_date::text AS due_soon_date FROM due_items d
       JOIN enrollments e ON e.id = d.enrollment_id
       WHERE e.subject_id = $1 AND d.occurrence_id = 'quarterly' AND d.status = 'open'`,
      [subjectId],
    );
    const days = Math.round(
      (Date.parse(`${next!.due_soon_date}T02:00:00Z`) - f.clock.now().getTime()) / DAY,
    );
    const routine = async () =>
      (await remindersOf(subjectId)).filter((r) => r.startsWith('quarterly'));
    f.clock.advance((days - 1) * DAY);
    await remind();
    expect(await routine()).toEqual(['quarterly@2026-06-01:overdue']);
    f.clock.advance(DAY);
    await remind();
    await remind();
    expect(await routine()).toEqual([
      'quarterly@2026-06-01:overdue',
      'quarterly@2026-11-20:due-soon',
    ]);
  });

  it('given a province’s SMS hook, when reminders fire, then it is called after they committed, once each; a hook that fails is recorded and called again after a backoff until it succeeds', async () => {
    const poller = f.t.engine.reminderPoller!;
    const calls: Reminder[] = [];
    const committed: boolean[] = [];
    let failures = 1;
    poller.deliveries.hooks.set('test-sms', async (reminder) => {
      const [row] = await sql<{ id: string }>('SELECT id FROM reminders WHERE id = $1', [
        reminder.id,
      ]);
      committed.push(Boolean(row));
      calls.push(reminder);
      if (reminder.moment === 'overdue' && failures-- > 0) throw new Error('短信网关超时');
    });
    try {
      const subjectId = await resident('钟伟', '1960-12-01');
      await computed(subjectId);
      await remind();
      const mine = calls.filter((c) => c.subjectId === subjectId);
      expect(mine.map((c) => `${c.occurrenceId}:${c.moment}:${c.attempt}`).sort()).toEqual([
        'annual-health-check:due-soon:1',
        'quarterly:overdue:1',
      ]);
      expect(committed.every(Boolean)).toBe(true);
      expect(mine.find((c) => c.moment === 'overdue')).toMatchObject({
        recipientUserId: doctor.id,
        formKey: 'hypertension-followup',
        orgCode: CLINIC,
        notificationId: expect.any(String),
      });
      const failed = await sql<{ status: string; attempts: number; last_error: string }>(
        `SELECT d.status, d.attempts, d.last_error FROM reminder_deliveries d
         JOIN reminders r ON r.id = d.reminder_id WHERE r.subject_id = $1 AND r.moment = 'overdue'`,
        [subjectId],
      );
      expect(failed).toEqual([{ status: 'pending', attempts: 1, last_error: '短信网关超时' }]);

      // Not again before the backoff; once it passed, the hook succeeds and is not called again.
      await remind();
      expect(calls.filter((c) => c.subjectId === subjectId)).toHaveLength(2);
      f.clock.advance(6_000);
      await remind();
      await remind();
      const retried = calls.filter((c) => c.subjectId === subjectId && c.moment === 'overdue');
      expect(retried.map((c) => c.attempt)).toEqual([1, 2]);
      expect(retried[0]!.id).toBe(retried[1]!.id);
      const delivered = await sql<{ status: string; attempts: number }>(
        `SELECT d.status, d.attempts FROM reminder_deliveries d
         JOIN reminders r ON r.id = d.reminder_id WHERE r.subject_id = $1 ORDER BY r.moment`,
        [subjectId],
      );
      expect(delivered).toEqual([
        { status: 'delivered', attempts: 1 },
        { status: 'delivered', attempts: 2 },
      ]);
    } finally {
      poller.deliveries.hooks.delete('test-sms');
    }
  });
});

describe('notifications API', () => {
  it('given reminders for the doctor, then the doctor lists them newest first with the unread count, marks one and then all read; another user sees none and cannot mark them (404, audited)', async () => {
    const listed = await notifications();
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.unread).toBe(listed.total);
    const first = listed.items[0]!;
    expect(first.kind).toBe('reminder');

    const other = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    const otherToken = await f.login(other);
    expect(await notifications('', otherToken)).toMatchObject({ items: [], total: 0, unread: 0 });
    const refused = await f.request(
      'POST',
      `/api/notifications/${first.id}/read`,
      otherToken,
      undefined,
      { 'x-request-id': 'notification-not-mine' },
    );
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('notification_not_found');
    const [denied] = await sql<{ action: string; target_id: string }>(
      "SELECT action, target_id FROM audit_events WHERE request_id = 'notification-not-mine'",
    );
    expect(denied).toEqual({ action: 'access.denied', target_id: first.id });
    expect((await notifications()).unread).toBe(listed.total);

    const read = await f.request('POST', `/api/notifications/${first.id}/read`, token);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await notifications()).unread).toBe(listed.total - 1);
    expect((await notifications('?unread=true')).total).toBe(listed.total - 1);

    const all = await f.request('POST', '/api/notifications/read-all', token);
    expect(all.body).toEqual({ marked: listed.total - 1 });
    expect(await notifications('?unread=true&limit=5')).toMatchObject({ items: [], unread: 0 });
    expect((await notifications('?limit=1&offset=1')).items).toHaveLength(1);

    const bad = await f.request('GET', '/api/notifications?limit=1000', token);
    expect(bad.status).toBe(400);
  });
});
