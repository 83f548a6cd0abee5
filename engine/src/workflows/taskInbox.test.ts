import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from './fixtures/forms.js';
import { MINHOU_DOCTORS, WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * The task inbox names each task's resident (GET /api/tasks): as the reader may see them — in
 * clear where they may read the resident's record, masked elsewhere — read for the whole list at
 * once, and each resident named in clear audited as viewed.
 */
const CLINIC = '350121101201-V01';
/** A village clinic of Lianjiang, the other county: where a resident may move to. */
const LIANJIANG = { code: '350122101201-V01', path: '/350000/350100/350122/350122101/' };
const f = new WorkflowScenario();
let users: Record<keyof typeof MINHOU_DOCTORS, TestUser>;
let token: Record<keyof typeof users, string>;

beforeAll(async () => {
  await f.startEngine();
  users = await f.users(MINHOU_DOCTORS);
}, 60_000);
beforeEach(async () => {
  token = await f.signIn(users);
});
afterAll(() => f.stop());

interface Inboxed {
  instanceId: string;
  elementId: string;
  subjectId: string | null;
  subjectName: string | null;
  subjectNameMasked: boolean;
}

const inbox = async (who: string): Promise<Inboxed[]> => {
  const res = await f.request('GET', '/api/tasks', who);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.tasks as Inboxed[];
};

/** A referral of a new resident named `name`, its slip sent: the county's decision is open. */
async function referred(name: string) {
  const subjectId = await f.resident(token.township, CLINIC, '1949-10-01', 700, name);
  const { id } = await f.start('two-way-referral', token.township, {
    subjectId,
    businessKey: `inbox-${subjectId}`,
  });
  await f.complete(token.township, await f.openTask(token.township, id, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  const [row] = await f.t.engine.database.sequelize.query(
    'SELECT name_enc FROM subjects WHERE id = $1',
    { bind: [subjectId] },
  );
  const full = f.t.engine.services.cipher.decrypt(
    (row as { name_enc: string }[])[0]!.name_enc,
    'subjects.name',
  );
  return { subjectId, id, name: full };
}

const viewsVia = async (subjectId: string, via: string) => {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT actor_username FROM audit_events
     WHERE subject_id = $1 AND action = 'subject.view' AND details->>'via' = $2 ORDER BY seq`,
    { bind: [subjectId, via] },
  );
  return (rows as { actor_username: string }[]).map((r) => r.actor_username);
};

describe('the task inbox names the resident', () => {
  it('given the county’s decision on a clinician’s inbox, then the row names the resident in clear, as their record shows them, and the resident’s access log records that the clinician saw them', async () => {
    const { subjectId, id, name } = await referred('赵凤英');
    const record = await f.request('GET', `/api/subjects/${subjectId}`, token.county);
    expect(record.body.name).toBe(name);

    const rows = (await inbox(token.county)).filter((t) => t.instanceId === id);
    expect(rows).toEqual([
      expect.objectContaining({
        elementId: 'UserTask_decide',
        subjectId,
        subjectName: name,
        subjectNameMasked: false,
      }),
    ]);
    // The township doctor's own inbox named them too, as they sent the slip.
    expect(await viewsVia(subjectId, 'tasks')).toEqual([
      users.township.username,
      users.county.username,
    ]);
  });

  it('given the resident has moved to another county since the referral was sent, then the decision stays on the clinician’s inbox but names the resident masked, and no view of their record is recorded', async () => {
    const { subjectId, id, name } = await referred('钱秀兰');
    await f.t.engine.database.sequelize.query(
      'UPDATE subjects SET org_code = $2, org_path = $3 WHERE id = $1',
      { bind: [subjectId, LIANJIANG.code, `${LIANJIANG.path}350122101201/${LIANJIANG.code}/`] },
    );
    expect((await f.request('GET', `/api/subjects/${subjectId}`, token.county)).status).toBe(404);

    const before = await viewsVia(subjectId, 'tasks');
    const [row] = (await inbox(token.county)).filter((t) => t.instanceId === id);
    expect(row).toMatchObject({
      elementId: 'UserTask_decide',
      subjectName: `${name[0]}${'*'.repeat(name.length - 1)}`,
      subjectNameMasked: true,
    });
    expect(before).not.toContain(users.county.username);
    expect(await viewsVia(subjectId, 'tasks')).toEqual(before);
  });

  it('given a clinician of another county, then their inbox holds none of these tasks and names none of these residents', async () => {
    const { subjectId, name } = await referred('孙桂芳');
    const theirs = await inbox(token.otherCounty);
    expect(theirs.filter((t) => t.subjectId === subjectId)).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(name);
    expect(await viewsVia(subjectId, 'tasks')).not.toContain(users.otherCounty.username);
  });
});

/**
 * What the inbox costs in SQL statements, whatever the number of residents it names (no N+1):
 * 1 to admit the caller, 1 for the tasks, 1 for the residents' names, and the audit rows of the
 * residents named in clear appended at once (BEGIN, the head under its lock, the rows, the head
 * moved, COMMIT). Documented in engine/README.md ("What a request costs").
 */
const ADMIT = 1;
const AUDIT_APPEND = 5;

describe('the SQL statements the task inbox costs', () => {
  const statementsFor = async (who: string) => {
    const before = f.t.engine.database.statementCount;
    const tasks = await inbox(who);
    return { statements: f.t.engine.database.statementCount - before, tasks };
  };

  it('given a clinician’s inbox naming several residents, when 3 more residents’ referrals reach it, then listing it still costs the same 8 statements: admit, tasks, names, audit', async () => {
    const clinician = await f.user('county-clinician', '350121');
    const clinicianToken = await f.login(clinician);
    await referred('周一');
    await referred('吴二');
    const two = await statementsFor(clinicianToken);
    expect(new Set(two.tasks.map((t) => t.subjectId)).size).toBeGreaterThanOrEqual(2);

    for (const name of ['郑三', '王四', '冯五']) await referred(name);
    const five = await statementsFor(clinicianToken);
    expect(new Set(five.tasks.map((t) => t.subjectId)).size).toBe(
      new Set(two.tasks.map((t) => t.subjectId)).size + 3,
    );
    expect(two.statements).toBe(ADMIT + 2 + AUDIT_APPEND);
    expect(five.statements).toBe(two.statements);
  });

  it('given an empty inbox, then it costs the admission and the tasks’ read only', async () => {
    const nurse = await f.user('township-mch', '350121102');
    const { statements, tasks } = await statementsFor(await f.login(nurse));
    expect(tasks).toEqual([]);
    expect(statements).toBe(ADMIT + 1);
  });
});
