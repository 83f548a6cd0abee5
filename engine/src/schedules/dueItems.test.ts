/**
 * Due items kept current from the outbox, as a village doctor sees them: a real engine, visits
 * and enrollments over HTTP, the schedules consumer polled by hand, the clock standing at
 * 2026-11-23 (China time). The resident's hypertension schedule is the seed's (national-phs
 * 3.0.1 with Fujian's overlay): a routine visit about 90 days after the last face-to-face visit
 * (window day 83–97), the yearly health check due soon from 1 October.
 */
import { makeResidentIdNumber } from '@formwork/definitions';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { processXml } from '../workflows/fixtures/runtimeWithWorkflows.js';
import { ScheduleRebuild } from './ScheduleRebuild.js';

const CLINIC = '350121101201-V01';
let f: IdentityFixture;
let doctor: TestUser;
let token: string;
let serial = 300;

const sql = <T extends object>(query: string, bind: unknown[] = []) =>
  f.t.engine.database.sequelize.query<T>(query, { bind, type: QueryTypes.SELECT });
const poll = () => f.t.engine.scheduleWorker!.poll();

async function resident(name = '林建国', birth = '1958-03-02'): Promise<string> {
  const created = await f.request('POST', '/api/subjects', token, {
    name,
    idNumber: makeResidentIdNumber('350121', birth, ++serial * 2 + 1),
    orgCode: CLINIC,
    phone: '13905912345',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function enroll(subjectId: string, enrolledOn = '2026-06-01'): Promise<string> {
  const created = await f.request('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program: 'hypertension',
    enrolledOn,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function visit(subjectId: string, data: Record<string, unknown>) {
  const stored = await f.request('POST', '/api/submissions', token, {
    formKey: 'hypertension-followup',
    subjectId,
    data,
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  return stored.body.id as string;
}

interface ItemRow {
  id: string;
  occurrence_id: string;
  anchor_date: string;
  status: string;
  due_date: string;
  overdue_date: string;
  done_on: string | null;
  end_id: string | null;
  end_reason: { zh: string; en: string } | null;
  release_id: string;
  due_soon_date: string;
  version: number;
  responsible_user_id: string | null;
  workflow_instance_id: string | null;
}

const items = (enrollmentId: string) =>
  sql<ItemRow>(
    `SELECT id, occurrence_id, anchor_date::text AS anchor_date, status, due_date::text AS due_date,
       overdue_date::text AS overdue_date, done_on::text AS done_on, end_id, end_reason,
       release_id, due_soon_date::text AS due_soon_date, version, responsible_user_id,
       workflow_instance_id
     FROM due_items WHERE enrollment_id = $1 ORDER BY occurrence_id, anchor_date`,
    [enrollmentId],
  );
const item = async (enrollmentId: string, occurrence: string, anchorDate?: string) =>
  (await items(enrollmentId)).filter(
    (i) => i.occurrence_id === occurrence && (!anchorDate || i.anchor_date === anchorDate),
  );
const revision = async (enrollmentId: string) =>
  (
    await sql<{ revision: number }>(
      `SELECT revision FROM schedule_states
       WHERE enrollment_id = $1 AND schedule_id = 'hypertension-followup'`,
      [enrollmentId],
    )
  )[0]?.revision;

interface ListedItem {
  id: string;
  status: string;
  resident: { id: string; name: string; phone: string | null };
  occurrence: { id: string };
  form: { key: string; release: string };
  daysOverdue: number | null;
}
async function worklist(query = '', as = token) {
  const res = await f.request('GET', `/api/worklist${query}`, as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: ListedItem[]; total: number; counts: Record<string, unknown> };
}
const listedFor = async (subjectId: string, query = '?status=overdue,due-soon,done') =>
  (await worklist(query)).items
    .filter((i) => i.resident.id === subjectId)
    .map((i) => [i.occurrence.id, i.status]);

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
  token = await f.login(doctor);
}, 60_000);
afterAll(() => f?.stop());

describe('due items from the outbox', () => {
  it('given a resident just enrolled, when the schedules consumer runs, then the routine visit counts from the enrollment and is overdue, and the health check is due soon, on the doctor’s worklist with the form to open', async () => {
    const subjectId = await resident();
    const enrollmentId = await enroll(subjectId);
    expect(await items(enrollmentId)).toEqual([]);
    const outcome = await poll();
    expect(outcome.events).toBeGreaterThan(0);
    expect(await item(enrollmentId, 'quarterly')).toMatchObject([
      {
        anchor_date: '2026-06-01',
        due_date: '2026-08-30',
        overdue_date: '2026-09-07',
        status: 'open',
        responsible_user_id: doctor.id,
      },
    ]);
    expect(await listedFor(subjectId)).toEqual([
      ['quarterly', 'overdue'],
      ['annual-health-check', 'due-soon'],
    ]);
    const [overdue] = (await worklist()).items.filter((i) => i.resident.id === subjectId);
    expect(overdue).toMatchObject({
      daysOverdue: 78,
      resident: { name: '林建国', phone: '139****2345' },
      form: { key: 'hypertension-followup', release: 'national-phs@3.0.1+fujian@1.2.0' },
    });
  });

  it('given a face-to-face visit, when the consumer crashes between computing and acknowledging, then on the next poll the visit is counted exactly once: the routine visit is done and the next one falls due three months on', async () => {
    const subjectId = await resident('王秀英', '1956-10-12');
    const enrollmentId = await enroll(subjectId);
    await poll();
    expect(await revision(enrollmentId)).toBe(1);
    await visit(subjectId, HT_VISIT); // face to face, controlled, 2026-11-20

    // The consumer reads the event and recomputes, then dies before its transaction commits.
    const worker = f.t.engine.scheduleWorker!;
    const crash = f.t.engine.database.transaction(async (transaction) => {
      const events = await worker.read(transaction);
      expect(events.map((e) => e.topic)).toContain('submission.created');
      const computed = await worker.apply(events, transaction);
      expect(computed.computed).toBe(1);
      throw new Error('killed before the acknowledgement');
    });
    await expect(crash).rejects.toThrow('killed before the acknowledgement');
    expect(await revision(enrollmentId)).toBe(1);
    expect(await item(enrollmentId, 'quarterly', '2026-11-20')).toEqual([]);

    const first = await poll();
    expect(first.computed).toBe(1);
    const second = await poll();
    expect(second).toMatchObject({ events: 0, computed: 0 });
    expect(await revision(enrollmentId)).toBe(2);
    expect(await item(enrollmentId, 'quarterly')).toMatchObject([
      { anchor_date: '2026-06-01', status: 'done', done_on: '2026-11-20' },
      { anchor_date: '2026-11-20', status: 'open', due_date: '2027-02-18' },
    ]);
    expect(await listedFor(subjectId)).toEqual([
      ['annual-health-check', 'due-soon'],
      ['quarterly', 'done'],
    ]);

    // At-least-once delivery: the cursor set back, every event is read again — and changes nothing.
    const before = await items(enrollmentId);
    await f.t.engine.database.sequelize.query(
      `UPDATE outbox_cursors SET tx_id = '0', event_id = 0 WHERE consumer = 'schedules'`,
    );
    const replay = await poll();
    expect(replay.events).toBeGreaterThan(1);
    expect(replay.computed).toBe(0);
    expect(await revision(enrollmentId)).toBe(2);
    expect(await items(enrollmentId)).toEqual(before);
  });

  it('given a routine visit overdue, when the doctor only phones the resident, then the face-to-face item stays open and overdue', async () => {
    const subjectId = await resident('陈桂英', '1950-01-20');
    const enrollmentId = await enroll(subjectId);
    await visit(subjectId, { ...HT_VISIT, visitMode: '3' });
    await poll();
    expect(await item(enrollmentId, 'quarterly')).toMatchObject([
      { anchor_date: '2026-06-01', status: 'open', overdue_date: '2026-09-07' },
    ]);
    expect(await listedFor(subjectId)).toEqual([
      ['quarterly', 'overdue'],
      ['annual-health-check', 'due-soon'],
    ]);
  });

  it('given a resident recorded as lost to follow-up (失访), then the schedule ends with that reason and the items leave the worklist', async () => {
    const subjectId = await resident('黄德福', '1949-07-07');
    const enrollmentId = await enroll(subjectId);
    await poll();
    expect(await listedFor(subjectId)).toHaveLength(2);
    await visit(subjectId, {
      visitDate: '2026-11-20',
      followupStatus: '2',
      lostReason: '外出务工，三次电话均无人接听',
      doctorSignature: '李医生',
    });
    await poll();
    const [state] = await sql<{ ended: { id: string; reason: { zh: string } } }>(
      `SELECT ended FROM schedule_states
       WHERE enrollment_id = $1 AND schedule_id = 'hypertension-followup'`,
      [enrollmentId],
    );
    expect(state!.ended).toMatchObject({ id: 'lost-to-follow-up', reason: { zh: '失访' } });
    const ended = await items(enrollmentId);
    expect(ended.length).toBeGreaterThan(0);
    for (const row of ended)
      expect(row).toMatchObject({ status: 'ended', end_id: 'lost-to-follow-up' });
    expect(ended[0]!.end_reason).toEqual({ zh: '失访', en: 'Lost to follow-up' });
    expect(await listedFor(subjectId)).toEqual([]);
  });

  it('given an enrollment ended by the doctor, then its items leave the worklist with the enrollment’s reason', async () => {
    const subjectId = await resident('刘秀珍', '1952-02-14');
    const enrollmentId = await enroll(subjectId);
    await poll();
    expect(await listedFor(subjectId)).toHaveLength(2);
    const ended = await f.request(
      'POST',
      `/api/enrollments/${enrollmentId}/end`,
      token,
      { endedOn: '2026-11-22', reason: '迁出本村' },
      { 'if-match': '"1"' },
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    await poll();
    expect(await listedFor(subjectId)).toEqual([]);
    for (const row of await items(enrollmentId))
      expect(row).toMatchObject({
        status: 'ended',
        end_id: 'enrollment-ended',
        end_reason: { zh: '管理已结束：迁出本村' },
      });
  });

  it('given a colleague made responsible doctor, then the items move to her worklist at once, and a user who may not capture records at the clinic is refused', async () => {
    const subjectId = await resident('郑丽华', '1961-05-30');
    const enrollmentId = await enroll(subjectId);
    await poll();
    const colleague = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
    const outsider = await f.user('village-doctor', '350121101202', {
      homeOrg: '350121101202-V01',
    });
    const path = `/api/enrollments/${enrollmentId}/responsible`;
    const refused = await f.request(
      'PUT',
      path,
      token,
      { userId: outsider.id },
      { 'if-match': '"1"' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/no grant to capture records/);
    const moved = await f.request(
      'PUT',
      path,
      token,
      { userId: colleague.id },
      { 'if-match': '"1"' },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ responsibleUserId: colleague.id, rowVersion: 2 });
    for (const row of await items(enrollmentId)) expect(row.responsible_user_id).toBe(colleague.id);
    expect(await listedFor(subjectId)).toEqual([]);
    const hers = await worklist('', await f.login(colleague));
    expect(hers.items.map((i) => i.resident.id)).toContain(subjectId);
    expect(await f.auditActions()).toContain('enrollment.reassign');
  });

  it('given a new Fujian release whose due-soon reminder comes 14 days ahead, when the schedules are rebuilt, then every item is recomputed on it', async () => {
    const subjectId = await resident('吴建华', '1957-09-09');
    const enrollmentId = await enroll(subjectId);
    await poll();
    const [before] = await item(enrollmentId, 'annual-health-check');
    expect(before).toMatchObject({ release_id: 'national-phs@3.0.1+fujian@1.2.0' });
    const quarterly = (await item(enrollmentId, 'quarterly'))[0]!;
    expect(quarterly.due_soon_date).toBe('2026-08-23');

    // Fujian 1.3.0: 1.2.0 with the due-soon reminder 14 days before the due date.
    const overlay = readOverlay('fujian', '1.2.0');
    const author = await f.login(await f.user('province-configurator', '350000'));
    const reviewer = await f.login(await f.user('province-reviewer', '350000'));
    const publisher = await f.login(
      await f.user('province-publisher', '350000', { withTotp: true }),
    );
    const created = await f.request('POST', '/api/overlays/fujian/versions', author, {
      ...overlay,
      version: '1.3.0',
      operations: [
        ...overlay.operations,
        { op: 'set-parameter', key: 'reminderDueSoonDays', value: 14 },
      ],
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    for (const [step, as] of [
      ['submit', author],
      ['approve', reviewer],
      ['publish', publisher],
    ] as const) {
      const done = await f.request('POST', `/api/overlays/fujian/versions/1.3.0/${step}`, as, {});
      expect(done.status, JSON.stringify(done.body).slice(0, 300)).toBe(200);
    }
    const release = await f.request('POST', '/api/releases', publisher, {
      overlay: { key: 'fujian', version: '1.3.0' },
    });
    expect(release.status, JSON.stringify(release.body).slice(0, 300)).toBe(201);

    const { database, services } = f.t.engine;
    const rebuild = new ScheduleRebuild(
      { database, catalog: services.catalog, clock: f.clock, writer: services.dueItems },
      { batch: 3 },
    );
    const { run } = await rebuild.claim();
    const done = await rebuild.run(run.id);
    expect(done).toMatchObject({ status: 'done', done: run.total });
    expect(done.changed).toBeGreaterThanOrEqual(1);
    expect(await item(enrollmentId, 'quarterly')).toMatchObject([
      {
        release_id: 'national-phs@3.0.1+fujian@1.3.0',
        due_date: '2026-08-30',
        due_soon_date: '2026-08-16',
        version: quarterly.version + 1,
      },
    ]);
    expect(await revision(enrollmentId)).toBe(2);
    // A second rebuild finds nothing changed and writes nothing.
    const again = new ScheduleRebuild(
      { database, catalog: services.catalog, clock: f.clock, writer: services.dueItems },
      { batch: 50 },
    );
    const second = await again.run((await again.claim()).run.id);
    expect(second).toMatchObject({ status: 'done', changed: 0 });
    expect(await revision(enrollmentId)).toBe(2);
  });
});

describe('the workflow service schedule-follow-up', () => {
  const WORKFLOW = 'pin-follow-up';
  beforeAll(() => {
    // A test workflow on the Fujian release: one service task that pins the referral follow-up.
    const release = f.t.engine.services.catalog.forOrgPath(
      '/100000/350000/350100/350121/350121101/350121101201/350121101201-V01/',
    );
    const spec = release.spec as { workflows: Record<string, string> };
    spec.workflows[WORKFLOW] = processXml(
      WORKFLOW,
      [],
      `    <bpmn:startEvent id="Start" ><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Pin" name="Follow up the referral" camunda:type="external" camunda:topic="schedule-follow-up">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="schedule" value="hypertension-followup" />
          <camunda:property name="occurrence" value="referral-outcome-check" />
          <camunda:property name="anchorDate" value="{&quot;var&quot;:&quot;referredOn&quot;}" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="Wait" name="Wait"><bpmn:incoming>F2</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pin" />
    <bpmn:sequenceFlow id="F2" sourceRef="Pin" targetRef="Wait" />`,
    );
  });

  const start = async (subjectId: string) => {
    const [subject] = await sql<{ org_code: string; org_path: string }>(
      'SELECT org_code, org_path FROM subjects WHERE id = $1',
      [subjectId],
    );
    return f.t.engine.services.workflows.start(WORKFLOW, {
      orgCode: subject!.org_code,
      orgPath: subject!.org_path,
      subjectId,
      variables: { referredOn: '2026-11-16' },
      actor: 'test',
    });
  };

  it('given a referral the workflow names, when its service task runs, then the resident has the follow-up due within two weeks of it on the worklist until a face-to-face visit is recorded', async () => {
    const subjectId = await resident('孙志强', '1955-12-01');
    const enrollmentId = await enroll(subjectId);
    await poll();
    const { instance } = await start(subjectId);
    const [pinned] = await item(enrollmentId, 'referral-outcome-check');
    expect(pinned).toMatchObject({
      anchor_date: '2026-11-16',
      due_date: '2026-11-30',
      status: 'open',
      workflow_instance_id: instance.id,
    });
    const [history] = await sql<{ details: Record<string, unknown> }>(
      `SELECT details FROM workflow_history WHERE instance_id = $1 AND event = 'follow-up-scheduled'`,
      [instance.id],
    );
    expect(history!.details).toMatchObject({ dueItemId: pinned!.id, dueDate: '2026-11-30' });
    expect(await listedFor(subjectId)).toContainEqual(['referral-outcome-check', 'due-soon']);

    // A later recomputation (another enrollment event) keeps the pinned item open…
    await visit(subjectId, { ...HT_VISIT, visitMode: '3' });
    await poll();
    expect(await item(enrollmentId, 'referral-outcome-check')).toMatchObject([{ status: 'open' }]);
    // …until a face-to-face visit after the referral closes it.
    f.clock.advance(2 * 86_400_000);
    try {
      token = await f.login(doctor); // two days on, the session has expired
      await visit(subjectId, { ...HT_VISIT, visitDate: '2026-11-24' });
      await poll();
      expect(await item(enrollmentId, 'referral-outcome-check')).toMatchObject([
        { status: 'done', done_on: '2026-11-24', workflow_instance_id: instance.id },
      ]);
    } finally {
      f.clock.advance(-2 * 86_400_000);
      token = await f.login(doctor);
    }
  });

  it('given a resident not enrolled in the programme, then the workflow goes on and its history says the follow-up was not scheduled', async () => {
    const subjectId = await resident('周玉梅', '1960-04-04');
    const { instance } = await start(subjectId);
    expect(instance.status).toBe('waiting'); // at the user task after the service, no incident
    const [history] = await sql<{ details: Record<string, unknown> }>(
      `SELECT details FROM workflow_history WHERE instance_id = $1 AND event = 'follow-up-not-scheduled'`,
      [instance.id],
    );
    expect(history!.details).toMatchObject({ reason: 'not-enrolled' });
  });
});
