import { randomUUID } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { fakeSigner } from '../specs/fixtures/fakeSignerPlugin.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';
import { readBaseSpec, readOverlay } from '@formwork/seed/lib/readSpec';
import { importUpgradeDemo } from '../specs/seedReleases.js';
import { MFA_PERMISSIONS, type Permission } from './permissions.js';
import { ROLE_DEFINITIONS, type OrgLevel, type RoleDefinition } from './roles.js';

/**
 * Generated from the role definitions: every role (and an anonymous caller) × every non-public
 * route × a record inside and outside the caller's scope. Inside is Minhou county (Fujian); outside
 * is Linxiang district (Yunnan), outside every grant made here. The test fails on any allow the
 * roles do not give, on any deny they do not explain, on a refusal missing from the audit trail,
 * and on a route that has no case here.
 */
const GRANT_AT: Record<OrgLevel, string> = {
  national: '100000',
  province: '350000',
  city: '350100',
  county: '350121',
  township: '350121101',
  village: '350121101201',
};
const INSIDE_CLINIC = '350121101201-V01';
const OUTSIDE_CLINIC = '530902101201-V01';

type Where = 'inside' | 'outside';
interface World {
  f: IdentityFixture;
  targetUser: Record<Where, TestUser>;
  subject: Record<Where, { id: string; idNumber: string }>;
  /** A hypertension follow-up of each resident. */
  submission: Record<Where, string>;
}
interface Call {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface RouteCase {
  /** Builds the request for a record inside or outside the caller's scope. */
  call(where: Where, world: World, me: TestUser | undefined): Promise<Call> | Call;
  /** Checks the body of an allowed answer: nothing from outside the scope leaks. */
  check?(where: Where, body: unknown): void;
  /** Ends or changes the session: only the anonymous caller is tried (signIn.test.ts covers the rest). */
  sessionRoute?: boolean;
}

let serial = 0;

/** A fresh active enrollment of the world's resident (any earlier one in the program ended). */
async function freshEnrollment(w: World, where: Where, program: string): Promise<string> {
  const subjectId = w.subject[where].id;
  const { sequelize } = w.f.t.engine.database;
  await sequelize.query(
    `UPDATE enrollments SET ended_on = enrolled_on, end_reason = 'matrix', row_version = row_version + 1
     WHERE subject_id = $1 AND program = $2 AND ended_on IS NULL`,
    { bind: [subjectId, program] },
  );
  if (program === 'hypertension') return '';
  const id = randomUUID();
  await sequelize.query(
    `INSERT INTO enrollments (id, subject_id, program, org_code, org_path, enrolled_on, created_at,
       created_by)
     SELECT $1, id, $2, org_code, org_path, '2026-11-01', now(), $3 FROM subjects WHERE id = $4`,
    { bind: [id, program, randomUUID(), subjectId] },
  );
  return id;
}

/** A village doctor of the inside clinic: one a resident may be given to as responsible doctor. */
let doctor: TestUser | undefined;
async function responsibleDoctor(w: World): Promise<TestUser> {
  doctor ??= await w.f.user('village-doctor', '350121101201', { homeOrg: INSIDE_CLINIC });
  return doctor;
}

async function rowVersion(w: World, table: string, id: string): Promise<number> {
  const [rows] = await w.f.t.engine.database.sequelize.query(
    `SELECT row_version FROM ${table} WHERE id = $1`,
    { bind: [id] },
  );
  return (rows as { row_version: number }[])[0]!.row_version;
}

/** A draft of the caller's own (drafts are their author's alone) for the world's resident. */
async function ownDraft(w: World, where: Where, me: TestUser | undefined): Promise<string> {
  const id = randomUUID();
  await w.f.t.engine.database.sequelize.query(
    `INSERT INTO submission_drafts (id, subject_id, form_key, form_version, release_id, org_code,
       org_path, payload, author_id, created_at, updated_at)
     SELECT $1, id, 'hypertension-followup', '3.0.0', $2, org_code, org_path, $3::jsonb, $4,
       now(), now()
     FROM subjects WHERE id = $5`,
    {
      bind: [
        id,
        where === 'inside' ? 'national-phs@3.0.0+fujian@1.0.0' : 'national-phs@3.0.0',
        JSON.stringify(HT_VISIT),
        me?.id ?? randomUUID(),
        w.subject[where].id,
      ],
    },
  );
  return id;
}

const CASES: Record<string, RouteCase> = {
  'GET /api/auth/me': { call: () => ({ method: 'GET', path: '/api/auth/me' }) },
  'POST /api/auth/logout': {
    sessionRoute: true,
    call: () => ({ method: 'POST', path: '/api/auth/logout' }),
  },
  'POST /api/auth/password': {
    sessionRoute: true,
    call: () => ({
      method: 'POST',
      path: '/api/auth/password',
      body: { currentPassword: 'x', newPassword: 'y' },
    }),
  },
  'POST /api/auth/totp/setup': {
    sessionRoute: true,
    call: () => ({ method: 'POST', path: '/api/auth/totp/setup' }),
  },
  'POST /api/auth/totp/enable': {
    sessionRoute: true,
    call: () => ({ method: 'POST', path: '/api/auth/totp/enable', body: { code: '000000' } }),
  },
  'GET /api/org-units': { call: () => ({ method: 'GET', path: '/api/org-units' }) },
  'GET /api/roles': { call: () => ({ method: 'GET', path: '/api/roles' }) },
  'GET /api/users': {
    call: () => ({ method: 'GET', path: '/api/users' }),
    check: (_where, body) => {
      const orgs = (body as { users: { orgCode: string }[] }).users.map((u) => u.orgCode);
      expect(orgs.filter((o) => o.startsWith('5309'))).toEqual([]);
    },
  },
  'POST /api/users': {
    call: (where) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        username: `m${++serial}-${where}`,
        displayName: '测试用户',
        orgCode: where === 'inside' ? INSIDE_CLINIC : OUTSIDE_CLINIC,
        password: 'Bright-Lantern-42',
      },
    }),
  },
  'GET /api/users/{id}': {
    call: (where, w) => ({ method: 'GET', path: `/api/users/${w.targetUser[where].id}` }),
  },
  'POST /api/users/{id}/grants': {
    call: (where, w) => ({
      method: 'POST',
      path: `/api/users/${w.targetUser[where].id}/grants`,
      body: {
        role: 'village-doctor',
        orgCode: where === 'inside' ? '350121101201' : '530902101201',
      },
    }),
  },
  'DELETE /api/users/{id}/grants/{grantId}': {
    call: async (where, w) => {
      const target = w.targetUser[where];
      const { orgs, users } = w.f.t.engine.services;
      const org = (await orgs.get(where === 'inside' ? '350121101201' : '530902101201'))!;
      const grantId = await w.f.t.engine.database.transaction((transaction) =>
        users.addGrant(
          {
            userId: target.id,
            role: 'village-doctor',
            orgCode: org.code,
            orgPath: org.path,
            grantedBy: null,
          },
          w.f.clock.now(),
          transaction,
        ),
      );
      return { method: 'DELETE', path: `/api/users/${target.id}/grants/${grantId}` };
    },
  },
  'POST /api/users/{id}/unlock': {
    call: (where, w) => ({ method: 'POST', path: `/api/users/${w.targetUser[where].id}/unlock` }),
  },
  'POST /api/subjects': {
    call: (where) => ({
      method: 'POST',
      path: '/api/subjects',
      body: {
        name: '王秀英',
        idNumber: makeResidentIdNumber(
          where === 'inside' ? '350121' : '530902',
          '1958-04-02',
          100 + (++serial % 800),
        ),
        orgCode: where === 'inside' ? INSIDE_CLINIC : OUTSIDE_CLINIC,
      },
    }),
  },
  'GET /api/subjects': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/subjects?idNumber=${w.subject[where].idNumber}`,
    }),
    check: (where, body) => {
      expect((body as { subjects: unknown[] }).subjects).toHaveLength(where === 'inside' ? 1 : 0);
    },
  },
  'GET /api/subjects/{id}': {
    call: (where, w) => ({ method: 'GET', path: `/api/subjects/${w.subject[where].id}` }),
  },
  'PATCH /api/subjects/{id}': {
    call: async (where, w) => {
      const [rows] = await w.f.t.engine.database.sequelize.query(
        'SELECT row_version FROM subjects WHERE id = $1',
        { bind: [w.subject[where].id] },
      );
      const version = (rows as { row_version: number }[])[0]!.row_version;
      return {
        method: 'PATCH',
        path: `/api/subjects/${w.subject[where].id}`,
        body: { name: ++serial % 2 ? '李建华' : '李建国' },
        headers: { 'if-match': `"${version}"` },
      };
    },
  },
  'POST /api/subjects/{id}/enrollments': {
    call: async (where, w) => {
      await freshEnrollment(w, where, 'hypertension');
      return {
        method: 'POST',
        path: `/api/subjects/${w.subject[where].id}/enrollments`,
        body: { program: 'hypertension', enrolledOn: '2026-11-01' },
      };
    },
  },
  'GET /api/subjects/{id}/enrollments': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/subjects/${w.subject[where].id}/enrollments`,
    }),
  },
  'POST /api/enrollments/{id}/end': {
    call: async (where, w) => ({
      method: 'POST',
      path: `/api/enrollments/${await freshEnrollment(w, where, 'diabetes')}/end`,
      body: { endedOn: '2026-11-20', reason: '迁出 / moved away' },
      headers: { 'if-match': '"1"' },
    }),
  },
  'PUT /api/enrollments/{id}/responsible': {
    call: async (where, w) => ({
      method: 'PUT',
      path: `/api/enrollments/${await freshEnrollment(w, where, 'diabetes')}/responsible`,
      body: { userId: (await responsibleDoctor(w)).id },
      headers: { 'if-match': '"1"' },
    }),
  },
  'GET /api/worklist': {
    // A region inside the scope of every grant made here (the clinic), or outside all of them.
    call: (where) => ({
      method: 'GET',
      path: `/api/worklist?group=region&org=${where === 'inside' ? INSIDE_CLINIC : OUTSIDE_CLINIC}&status=overdue,due-soon,done`,
    }),
    check: (where, body) => {
      expect(where).toBe('inside');
      for (const item of (body as { items: { orgCode: string }[] }).items)
        expect(item.orgCode).toBe(INSIDE_CLINIC);
    },
  },
  'GET /api/subjects/{id}/access-log': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/subjects/${w.subject[where].id}/access-log`,
    }),
  },
  'GET /api/subjects/{id}/workflows': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/subjects/${w.subject[where].id}/workflows`,
    }),
  },
  'GET /api/forms': { call: () => ({ method: 'GET', path: '/api/forms' }) },
  'GET /api/programs': { call: () => ({ method: 'GET', path: '/api/programs' }) },
  'GET /api/forms/{key}': {
    call: () => ({ method: 'GET', path: '/api/forms/hypertension-followup' }),
  },
  'GET /api/forms/{key}/versions/{version}/typescript': {
    call: () => ({
      method: 'GET',
      path: '/api/forms/hypertension-followup/versions/3.0.1/typescript',
    }),
  },
  'GET /api/forms/{key}/versions/{version}/validator.js': {
    call: () => ({
      method: 'GET',
      path: '/api/forms/hypertension-followup/versions/3.0.1/validator.js?release=national-phs@3.0.1',
    }),
  },
  'POST /api/form-previews': {
    call: () => ({
      method: 'POST',
      path: '/api/form-previews',
      body: {
        definition: {
          key: 'matrix-preview',
          version: '1.0.0',
          title: { zh: '预览', en: 'Preview' },
          schema: { type: 'object', properties: { note: { type: 'string', title: '备注' } } },
        },
      },
    }),
  },
  'POST /api/submissions': {
    call: (where, w) => ({
      method: 'POST',
      path: '/api/submissions',
      body: { formKey: 'hypertension-followup', subjectId: w.subject[where].id, data: HT_VISIT },
      headers: { 'idempotency-key': randomUUID() },
    }),
  },
  'GET /api/submissions/{id}': {
    call: (where, w) => ({ method: 'GET', path: `/api/submissions/${w.submission[where]}` }),
  },
  'PUT /api/submissions/{id}': {
    call: async (where, w) => ({
      method: 'PUT',
      path: `/api/submissions/${w.submission[where]}`,
      body: { data: { ...HT_VISIT, sbp: 120 + (++serial % 20) }, reason: '复核更正' },
      headers: {
        'if-match': `"${await rowVersion(w, 'submissions', w.submission[where])}"`,
      },
    }),
  },
  'GET /api/submissions/{id}/revisions': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/submissions/${w.submission[where]}/revisions`,
    }),
  },
  'GET /api/submissions/{id}/signature': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/submissions/${w.submission[where]}/signature`,
    }),
  },
  'GET /api/submissions/{id}/revisions/{revision}': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/submissions/${w.submission[where]}/revisions/1`,
    }),
  },
  'GET /api/subjects/{id}/submissions': {
    call: (where, w) => ({
      method: 'GET',
      path: `/api/subjects/${w.subject[where].id}/submissions`,
    }),
  },
  'POST /api/drafts': {
    call: (where, w) => ({
      method: 'POST',
      path: '/api/drafts',
      body: { formKey: 'hypertension-followup', subjectId: w.subject[where].id, data: {} },
    }),
  },
  'GET /api/drafts': { call: () => ({ method: 'GET', path: '/api/drafts' }) },
  'GET /api/drafts/{id}': {
    call: async (where, w, me) => ({
      method: 'GET',
      path: `/api/drafts/${await ownDraft(w, where, me)}`,
    }),
  },
  'PUT /api/drafts/{id}': {
    call: async (where, w, me) => ({
      method: 'PUT',
      path: `/api/drafts/${await ownDraft(w, where, me)}`,
      body: { data: { visitDate: '2026-11-20' } },
      headers: { 'if-match': '"1"' },
    }),
  },
  'DELETE /api/drafts/{id}': {
    call: async (where, w, me) => ({
      method: 'DELETE',
      path: `/api/drafts/${await ownDraft(w, where, me)}`,
    }),
  },
  'POST /api/drafts/{id}/submit': {
    call: async (where, w, me) => ({
      method: 'POST',
      path: `/api/drafts/${await ownDraft(w, where, me)}/submit`,
    }),
  },
  'GET /api/audit/events': { call: () => ({ method: 'GET', path: '/api/audit/events' }) },
  'POST /api/audit/head-signatures': {
    call: () => ({ method: 'POST', path: '/api/audit/head-signatures' }),
  },
  ...dataMigrationCases(),
  ...specCases(),
  ...workflowCases(),
  ...notificationCases(),
};

/**
 * Notifications are their recipient's only: inside is one of the caller's own, outside one of
 * another user's (404, audited as a refusal).
 */
function notificationCases(): Record<string, RouteCase> {
  const notificationOf = async (w: World, userId: string) => {
    const id = randomUUID();
    await w.f.t.engine.database.sequelize.query(
      `INSERT INTO notifications (id, recipient_user_id, kind, title, created_at)
       VALUES ($1, $2, 'workflow', '{"zh":"矩阵","en":"Matrix"}', now())`,
      { bind: [id, userId] },
    );
    return id;
  };
  return {
    'GET /api/notifications': { call: () => ({ method: 'GET', path: '/api/notifications' }) },
    'POST /api/notifications/{id}/read': {
      call: async (where, w, me) => ({
        method: 'POST',
        path: `/api/notifications/${await notificationOf(
          w,
          where === 'inside' ? (me ?? w.targetUser.inside).id : w.targetUser.outside.id,
        )}/read`,
      }),
    },
    'POST /api/notifications/read-all': {
      call: () => ({ method: 'POST', path: '/api/notifications/read-all' }),
    },
  };
}

/**
 * A two-way referral of the world's resident, waiting at its first task. The task is opened to
 * every role (no candidate role) at the resident's clinic, so each caller in scope may work it;
 * with `claimedBy` it is already claimed by that user.
 */
async function waitingTask(
  w: World,
  where: Where,
  claimedBy?: string,
): Promise<{ instanceId: string; taskId: string }> {
  const { database, services } = w.f.t.engine;
  const [rows] = await database.sequelize.query(
    'SELECT org_code, org_path FROM subjects WHERE id = $1',
    { bind: [w.subject[where].id] },
  );
  const subject = (rows as { org_code: string; org_path: string }[])[0]!;
  const { instance } = await services.workflows.start('two-way-referral', {
    orgCode: subject.org_code,
    orgPath: subject.org_path,
    subjectId: w.subject[where].id,
    actor: 'matrix',
  });
  const [tasks] = await database.sequelize.query(
    `UPDATE workflow_tasks SET candidate_role = NULL, candidate_org_path = $2,
       status = CASE WHEN $3::uuid IS NULL THEN 'open' ELSE 'claimed' END, assignee_id = $3::uuid
     WHERE instance_id = $1 RETURNING id`,
    { bind: [instance.id, subject.org_path, claimedBy ?? null] },
  );
  return { instanceId: instance.id, taskId: (tasks as { id: string }[])[0]!.id };
}

/** An open incident on a waiting referral of the world's resident. */
async function openIncident(w: World, where: Where): Promise<string> {
  const { instanceId } = await waitingTask(w, where);
  const id = randomUUID();
  await w.f.t.engine.database.sequelize.query(
    `INSERT INTO workflow_incidents (id, instance_id, element_id, error, status, created_at)
     VALUES ($1, $2, 'UserTask_fill', 'matrix', 'open', now())`,
    { bind: [id, instanceId] },
  );
  return id;
}

/** A workflow the outbox could not start for the world's resident (a referral, ready to retry). */
async function openStartFailure(w: World, where: Where): Promise<string> {
  const { database } = w.f.t.engine;
  const [rows] = await database.sequelize.query(
    'SELECT org_code, org_path FROM subjects WHERE id = $1',
    { bind: [w.subject[where].id] },
  );
  const subject = (rows as { org_code: string; org_path: string }[])[0]!;
  const id = randomUUID();
  const start = {
    orgCode: subject.org_code,
    orgPath: subject.org_path,
    subjectId: w.subject[where].id,
    businessKey: `matrix-start-${id}`,
    actor: 'outbox',
  };
  await database.sequelize.query(
    `INSERT INTO workflow_start_failures (id, consumer, event_id, definition_key, org_path, start,
       error, status, created_at)
     VALUES ($1, 'matrix', $2, 'two-way-referral', $3, $4::jsonb, 'matrix', 'open', now())`,
    { bind: [id, ++serial, subject.org_path, JSON.stringify(start)] },
  );
  return id;
}

/** Workflows: instances, tasks and incidents belong to the org of their resident. */
function workflowCases(): Record<string, RouteCase> {
  const noOutsideTask = (_where: Where, body: unknown) => {
    const paths = (body as { tasks: { candidateOrgPath: string }[] }).tasks.map(
      (t) => t.candidateOrgPath,
    );
    expect(paths.filter((p) => p.includes('/530000/'))).toEqual([]);
  };
  const cases: Record<string, RouteCase> = {
    'POST /api/workflows/{key}/instances': {
      call: (where, w) => ({
        method: 'POST',
        path: '/api/workflows/two-way-referral/instances',
        body: { subjectId: w.subject[where].id },
      }),
    },
    'GET /api/workflows/instances/{id}': {
      call: async (where, w) => ({
        method: 'GET',
        path: `/api/workflows/instances/${(await waitingTask(w, where)).instanceId}`,
      }),
    },
    'GET /api/tasks': {
      call: () => ({ method: 'GET', path: '/api/tasks' }),
      check: noOutsideTask,
    },
    'POST /api/tasks/{id}/claim': {
      call: async (where, w) => ({
        method: 'POST',
        path: `/api/tasks/${(await waitingTask(w, where)).taskId}/claim`,
      }),
    },
    'POST /api/tasks/{id}/release': {
      call: async (where, w, me) => ({
        method: 'POST',
        path: `/api/tasks/${(await waitingTask(w, where, me?.id ?? randomUUID())).taskId}/release`,
      }),
    },
    'POST /api/tasks/{id}/complete': {
      call: async (where, w) => ({
        method: 'POST',
        path: `/api/tasks/${(await waitingTask(w, where)).taskId}/complete`,
        headers: { 'if-match': '"1"' },
        body: { data: REFERRAL_OUT },
      }),
    },
    'POST /api/workflows/messages': {
      call: async (where, w) => ({
        method: 'POST',
        path: '/api/workflows/messages',
        body: {
          message: 'referralPatientArrived',
          instanceId: (await waitingTask(w, where)).instanceId,
        },
      }),
    },
    'GET /api/workflows/incidents': {
      call: () => ({ method: 'GET', path: '/api/workflows/incidents' }),
    },
    'GET /api/workflows/services': {
      call: () => ({ method: 'GET', path: '/api/workflows/services' }),
    },
    'GET /api/workflows/start-failures': {
      call: () => ({ method: 'GET', path: '/api/workflows/start-failures' }),
      check: (_where, body) => {
        const codes = (body as { failures: { orgCode: string }[] }).failures.map((f) => f.orgCode);
        expect(codes.filter((c) => c.startsWith('53'))).toEqual([]);
      },
    },
    'GET /api/workflows/{key}/instance-counts': {
      // A referral waiting in Fujian and one in Yunnan: only the caller's scope is counted.
      call: async (_where, w) => {
        await waitingTask(w, 'inside');
        await waitingTask(w, 'outside');
        return { method: 'GET', path: '/api/workflows/two-way-referral/instance-counts' };
      },
      check: (_where, body) => {
        const { releases } = body as {
          releases: { releaseId: string; elements: Record<string, number> }[];
        };
        expect(releases.map((r) => r.releaseId)).not.toContain('national-phs@3.0.0');
        expect(releases.some((r) => (r.elements.UserTask_fill ?? 0) > 0)).toBe(true);
      },
    },
    'POST /api/workflows/migrations': {
      // Only instances in the caller's scope move: the national release's (Yunnan) stay put.
      call: () => ({
        method: 'POST',
        path: '/api/workflows/migrations',
        body: {
          definitionKey: 'two-way-referral',
          fromReleaseId: 'national-phs@3.0.0',
          toReleaseId: 'national-phs@3.0.0',
          mapping: {},
        },
      }),
      check: (_where, body) => expect((body as { migrated: string[] }).migrated).toEqual([]),
    },
  };
  for (const action of ['retry', 'cancel']) {
    cases[`POST /api/workflows/incidents/{id}/${action}`] = {
      call: async (where, w) => ({
        method: 'POST',
        path: `/api/workflows/incidents/${await openIncident(w, where)}/${action}`,
      }),
    };
    cases[`POST /api/workflows/start-failures/{id}/${action}`] = {
      call: async (where, w) => ({
        method: 'POST',
        path: `/api/workflows/start-failures/${await openStartFailure(w, where)}/${action}`,
      }),
    };
  }
  return cases;
}

/**
 * Data migrations: a plan moves the records of its source release's jurisdiction, so inside is a
 * plan from Fujian's release and outside one from Yunnan's (both of the upgrade demonstration,
 * imported as the demo world does, to its 3.1.0).
 */
function dataMigrationCases(): Record<string, RouteCase> {
  const from = (where: Where) =>
    where === 'inside'
      ? 'upgrade-demo@3.0.0+demo-fujian@1.0.0'
      : 'upgrade-demo@3.0.0+demo-yunnan@1.0.0';
  const plan = async (w: World, where: Where) =>
    (
      await w.f.t.engine.services.dataMigrations.plans.create(
        {
          formKey: 'hypertension-followup',
          fromRelease: from(where),
          toRelease: 'upgrade-demo@3.1.0',
        },
        null,
      )
    ).id;
  const runPlan: Partial<Record<Where, string>> = {};
  return {
    'POST /api/data-migrations': {
      call: (where) => ({
        method: 'POST',
        path: '/api/data-migrations',
        body: {
          formKey: 'hypertension-followup',
          fromRelease: from(where),
          toRelease: 'upgrade-demo@3.1.0',
        },
      }),
    },
    'GET /api/data-migrations': {
      call: () => ({ method: 'GET', path: '/api/data-migrations' }),
      check: (_where, body) => {
        const plans = (body as { plans: { from: { releaseId: string } }[] }).plans;
        expect(plans.filter((p) => p.from.releaseId.includes('yunnan'))).toEqual([]);
      },
    },
    'GET /api/data-migrations/{id}': {
      call: async (where, w) => ({
        method: 'GET',
        path: `/api/data-migrations/${await plan(w, where)}`,
      }),
    },
    'PUT /api/data-migrations/{id}/answers': {
      call: async (where, w) => ({
        method: 'PUT',
        path: `/api/data-migrations/${await plan(w, where)}/answers`,
        body: { answers: { 'transform:/heartRate': { skip: true } } },
      }),
    },
    'POST /api/data-migrations/{id}/dry-run': {
      call: async (where, w) => ({
        method: 'POST',
        path: `/api/data-migrations/${await plan(w, where)}/dry-run`,
      }),
    },
    'POST /api/data-migrations/{id}/runs': {
      call: async (where, w) => {
        runPlan[where] ??= await plan(w, where);
        return { method: 'POST', path: `/api/data-migrations/${runPlan[where]}/runs`, body: {} };
      },
    },
    'GET /api/data-migrations/{id}/runs/{runId}': {
      call: async (where, w) => {
        const id = await plan(w, where);
        const runId = randomUUID();
        await w.f.t.engine.database.sequelize.query(
          `INSERT INTO data_migration_runs (id, plan_id, status, batch_size, started_at,
             heartbeat_at, owner) VALUES ($1, $2, 'done', 5000, now(), now(), 'matrix')`,
          { bind: [runId, id] },
        );
        return { method: 'GET', path: `/api/data-migrations/${id}/runs/${runId}` };
      },
    },
    'GET /api/submissions/{id}/views/captured': {
      call: (where, w) => ({
        method: 'GET',
        path: `/api/submissions/${w.submission[where]}/views/captured`,
      }),
    },
    'GET /api/submissions/{id}/views/current': {
      call: (where, w) => ({
        method: 'GET',
        path: `/api/submissions/${w.submission[where]}/views/current`,
      }),
    },
  };
}

/**
 * Spec and overlay versions and releases. Inside is a version of Fujian's jurisdiction (350000),
 * outside one of Yunnan's (530000): each call gets a fresh row in the status its step starts from
 * (authored by someone else, so four eyes never gets in the way).
 */
function specCases(): Record<string, RouteCase> {
  const parameters = readBaseSpec('national-phs', '3.0.0').parameters;
  const key = (kind: 'spec' | 'overlay', where: Where) =>
    kind === 'spec'
      ? where === 'inside'
        ? 'matrix-fj'
        : 'matrix-yn'
      : where === 'inside'
        ? 'fujian'
        : 'yunnan';
  const specContent = (spec: string, version: string) => ({
    spec,
    version,
    forms: {},
    codeTables: {},
    parameters,
    workflows: {},
  });
  // The current seed overlay (on 3.0.1): a release published from it keeps the jurisdiction on
  // the current base, so the form versions the other cases name stay served.
  const overlayContent = (where: Where, version: string) => ({
    ...readOverlay(key('overlay', where), '1.2.0'),
    version,
  });
  /** A fresh version row in `status` (approved when asked); returns its key and version. */
  const row = async (
    w: World,
    kind: 'spec' | 'overlay',
    where: Where,
    status: string,
    approved = false,
  ) => {
    const k = key(kind, where);
    const version = `0.${++serial}.0`;
    const jurisdiction = where === 'inside' ? '350000' : '530000';
    const content = kind === 'spec' ? specContent(k, version) : overlayContent(where, version);
    const published = status === 'published' ? 'now()' : 'NULL';
    const approvedAt = approved ? 'now()' : 'NULL';
    await w.f.t.engine.database.sequelize.query(
      kind === 'spec'
        ? `INSERT INTO spec_versions (spec, version, jurisdiction, content, content_hash, status,
             created_by, created_at, updated_by, updated_at, approved_by, approved_at, published_at)
           VALUES ($1, $2, $3, $4::jsonb, 'x', $5, $6, now(), $6, now(), $6, ${approvedAt}, ${published})`
        : `INSERT INTO overlay_versions (key, version, jurisdiction, content, content_hash, status,
             created_by, created_at, updated_by, updated_at, approved_by, approved_at, published_at,
             base_spec, base_version)
           VALUES ($1, $2, $3, $4::jsonb, 'x', $5, $6, now(), $6, now(), $6, ${approvedAt},
             ${published}, 'national-phs', '3.0.1')`,
      { bind: [k, version, jurisdiction, JSON.stringify(content), status, randomUUID()] },
    );
    return { k, version };
  };
  const cases: Record<string, RouteCase> = {
    'GET /api/releases': { call: () => ({ method: 'GET', path: '/api/releases' }) },
    'GET /api/releases/{id}': {
      call: () => ({ method: 'GET', path: '/api/releases/national-phs@3.0.0' }),
    },
    'GET /api/releases/{id}/signature': {
      call: () => ({ method: 'GET', path: '/api/releases/national-phs@3.0.0/signature' }),
    },
    'GET /api/effective-specs/{id}': {
      call: () => ({ method: 'GET', path: '/api/effective-specs/national-phs@3.0.1' }),
    },
    'GET /api/diff': {
      call: () => ({
        method: 'GET',
        path: '/api/diff?from=national-phs@3.0.0&to=national-phs@3.0.1&form=hypertension-followup',
      }),
    },
    'POST /api/releases': {
      call: async (where, w) => {
        const { k, version } = await row(w, 'overlay', where, 'published');
        return { method: 'POST', path: '/api/releases', body: { overlay: { key: k, version } } };
      },
    },
    'POST /api/overlays/{key}/versions/{version}/rebase': {
      call: (where) => ({
        method: 'POST',
        path: `/api/overlays/${key('overlay', where)}/versions/1.0.0/rebase`,
        body: { toBaseVersion: '3.0.1', version: `1.${++serial}.0` },
      }),
    },
  };
  for (const kind of ['spec', 'overlay'] as const) {
    const base = kind === 'spec' ? '/api/specs' : '/api/overlays';
    cases[`GET ${base}`] = { call: () => ({ method: 'GET', path: base }) };
    cases[`GET ${base}/{key}/versions/{version}`] = {
      call: () => ({
        method: 'GET',
        path:
          kind === 'spec'
            ? '/api/specs/national-phs/versions/3.0.0'
            : '/api/overlays/fujian/versions/1.0.0',
      }),
    };
    cases[`POST ${base}/{key}/versions`] = {
      call: (where) => {
        const k = key(kind, where);
        const version = `0.${++serial}.0`;
        return {
          method: 'POST',
          path: `${base}/${k}/versions`,
          body:
            kind === 'spec'
              ? {
                  version,
                  jurisdiction: where === 'inside' ? '350000' : '530000',
                  content: specContent(k, version),
                }
              : overlayContent(where, version),
        };
      },
    };
    cases[`PUT ${base}/{key}/versions/{version}`] = {
      call: async (where, w) => {
        const { k, version } = await row(w, kind, where, 'draft');
        return {
          method: 'PUT',
          path: `${base}/${k}/versions/${version}`,
          body:
            kind === 'spec' ? { content: specContent(k, version) } : overlayContent(where, version),
          headers: { 'if-match': '"1"' },
        };
      },
    };
    const steps: [string, string, boolean, string | undefined][] = [
      ['submit', 'draft', false, undefined],
      ['approve', 'in-review', false, undefined],
      ['return', 'in-review', false, '请补充说明'],
      ['publish', 'in-review', true, undefined],
      ['deprecate', 'published', false, '已被取代'],
    ];
    for (const [action, status, approved, reason] of steps) {
      cases[`POST ${base}/{key}/versions/{version}/${action}`] = {
        call: async (where, w) => {
          const { k, version } = await row(w, kind, where, status, approved);
          return {
            method: 'POST',
            path: `${base}/${k}/versions/${version}/${action}`,
            body: reason ? { reason } : {},
          };
        },
      };
    }
  }
  return cases;
}

/** Routes whose answer does not depend on a record: "outside" is the same call. */
const COLLECTION_ROUTES = new Set([
  'GET /api/auth/me',
  'GET /api/org-units',
  'GET /api/roles',
  'GET /api/audit/events',
  'POST /api/audit/head-signatures',
  'GET /api/forms',
  'GET /api/programs',
  'GET /api/forms/{key}',
  'GET /api/forms/{key}/versions/{version}/typescript',
  'GET /api/forms/{key}/versions/{version}/validator.js',
  'POST /api/form-previews',
  'GET /api/drafts',
  'GET /api/data-migrations',
  'GET /api/specs',
  'GET /api/specs/{key}/versions/{version}',
  'GET /api/overlays',
  'GET /api/overlays/{key}/versions/{version}',
  'GET /api/releases',
  'GET /api/releases/{id}',
  'GET /api/releases/{id}/signature',
  'GET /api/diff',
  'GET /api/effective-specs/{id}',
  'GET /api/tasks',
  'GET /api/workflows/incidents',
  'GET /api/workflows/services',
  'GET /api/workflows/start-failures',
  'GET /api/workflows/{key}/instance-counts',
  'POST /api/workflows/migrations',
  'GET /api/notifications',
  'POST /api/notifications/read-all',
]);

describe('authorization matrix', () => {
  let world: World;
  const tally = { cases: 0, allowed: 0, denied: 0 };

  beforeAll(async () => {
    const f = await IdentityFixture.start();
    // A signer, so that signing the audit head on demand answers (without one: 503).
    f.t.engine.services.signing.signer = fakeSigner({ now: () => f.clock.now() });
    await importUpgradeDemo(f.t.engine.database, f.clock);
    await f.t.engine.services.specs.reloadCatalog();
    const capture = {
      inside: await f.login(
        await f.user('village-doctor', '350121101201', { homeOrg: INSIDE_CLINIC }),
      ),
      outside: await f.login(
        await f.user('village-doctor', '530902101201', { homeOrg: OUTSIDE_CLINIC }),
      ),
    };
    const subject = {} as World['subject'];
    const submission = {} as World['submission'];
    for (const where of ['inside', 'outside'] as const) {
      const idNumber = makeResidentIdNumber(
        where === 'inside' ? '350121' : '530902',
        '1961-07-15',
        7,
      );
      const created = await f.request('POST', '/api/subjects', capture[where], {
        name: '李建国',
        idNumber,
        orgCode: where === 'inside' ? INSIDE_CLINIC : OUTSIDE_CLINIC,
      });
      expect(created.status).toBe(201);
      subject[where] = { id: created.body.id, idNumber };
      const submitted = await f.request('POST', '/api/submissions', capture[where], {
        formKey: 'hypertension-followup',
        subjectId: created.body.id,
        data: HT_VISIT,
      });
      expect(submitted.status).toBe(201);
      submission[where] = submitted.body.id;
    }
    world = {
      f,
      subject,
      submission,
      targetUser: {
        inside: await f.user(undefined, INSIDE_CLINIC),
        outside: await f.user(undefined, OUTSIDE_CLINIC),
      },
    };
  });
  afterAll(async () => {
    console.log(
      `authorization matrix: ${tally.cases} cases (${tally.allowed} allowed, ${tally.denied} denied)`,
    );
    await world?.f.stop();
  });

  it('has a case for every route that is not public', () => {
    const routes = world.f.t.engine.registry.routes
      .filter((r) => !('public' in r.access))
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.filter((r) => !CASES[r])).toEqual([]);
  });

  const callers: (RoleDefinition | 'anonymous')[] = ['anonymous', ...ROLE_DEFINITIONS];
  for (const caller of callers) {
    it(`${caller === 'anonymous' ? 'an anonymous caller' : caller.key}: allowed exactly what the role gives, inside its scope`, async () => {
      const { f } = world;
      const me =
        caller === 'anonymous'
          ? undefined
          : await f.user(caller.key, GRANT_AT[caller.level], {
              withTotp: caller.permissions.some((p) => MFA_PERMISSIONS.has(p)),
            });
      const token = me ? await f.login(me) : undefined;
      const routes = f.t.engine.registry.routes.filter((r) => !('public' in r.access));
      for (const route of routes) {
        const key = `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`;
        const routeCase = CASES[key]!;
        if (routeCase.sessionRoute && caller !== 'anonymous') continue;
        for (const where of ['inside', 'outside'] as const) {
          const call = await routeCase.call(where, world, me);
          const requestId = `matrix-${randomUUID()}`;
          const response = await fetch(`${f.url}${call.path}`, {
            method: call.method,
            headers: {
              'x-request-id': requestId,
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...call.headers,
            },
            ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
          });
          const text = await response.text();
          const label = `${caller === 'anonymous' ? 'anonymous' : caller.key} ${key} (${where}) → ${response.status} ${text.slice(0, 200)}`;
          const access = route.access;
          const holds =
            caller !== 'anonymous' &&
            ('signedIn' in access ||
              caller.permissions.includes((access as { permission: Permission }).permission));
          const expectAllow =
            holds &&
            (where === 'inside' ||
              COLLECTION_ROUTES.has(key) ||
              key === 'GET /api/users' ||
              key === 'GET /api/subjects');
          tally.cases++;
          if (expectAllow) {
            tally.allowed++;
            expect(response.status, label).toBeGreaterThanOrEqual(200);
            expect(response.status, label).toBeLessThan(300);
            if (routeCase.check && text) routeCase.check(where, JSON.parse(text));
          } else {
            tally.denied++;
            expect([401, 403, 404], label).toContain(response.status);
            if (caller === 'anonymous') {
              expect(response.status, label).toBe(401);
            } else {
              const [rows] = await f.t.engine.database.sequelize.query(
                "SELECT 1 FROM audit_events WHERE request_id = $1 AND action = 'access.denied'",
                { bind: [requestId] },
              );
              expect((rows as unknown[]).length, `not audited: ${label}`).toBe(1);
            }
          }
        }
      }
    });
  }
});
