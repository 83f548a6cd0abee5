import { readOverlay } from '@formwork/seed/lib/readSpec';
import type { Overlay } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';

/**
 * The lifecycle of overlay and spec versions over HTTP: draft → in-review → (returned | approved)
 * → published → deprecated, who may take each step and where, four eyes, and every step in the
 * history and the audit trail with its reason.
 */
let f: IdentityFixture;
let configurator: TestUser;
let reviewer: TestUser;
let publisher: TestUser;
const token: Record<string, string> = {};

const fujian = (version: string, changes: Partial<Overlay> = {}): Overlay => ({
  ...readOverlay('fujian', '1.2.0'),
  version,
  ...changes,
});

beforeAll(async () => {
  f = await IdentityFixture.start();
  configurator = await f.user('province-configurator', '350000');
  reviewer = await f.user('province-reviewer', '350000');
  publisher = await f.user('province-publisher', '350000', { withTotp: true });
  token.configurator = await f.login(configurator);
  token.reviewer = await f.login(reviewer);
  token.publisher = await f.login(publisher);
});
afterAll(() => f?.stop());

const path = (key: string, version: string, step = '') =>
  `/api/overlays/${key}/versions/${version}${step ? `/${step}` : ''}`;

async function auditOf(target: string) {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT action, actor_username, details FROM audit_events
     WHERE target_id = $1 AND outcome = 'success' ORDER BY seq`,
    { bind: [target] },
  );
  return rows as { action: string; actor_username: string; details: Record<string, unknown> }[];
}

describe('overlay version lifecycle', () => {
  it('given a configurator, reviewer and publisher of Fujian, when a draft goes through every step, then each step is allowed only to its role, kept in the history and audited with its reason', async () => {
    // Given a new draft (the current Fujian overlay, 1.2.0 in the seed, as version 1.3.0)
    const created = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.configurator,
      fujian('1.3.0'),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', jurisdiction: '350000', rowVersion: 1 });
    expect(created.headers.get('etag')).toBe('"1"');

    // When edited with a stale If-Match, then 409; with none, 428; with the current one, saved
    const edited = fujian('1.3.0', { title: { zh: '福建省调整 1.3', en: 'Fujian 1.3' } });
    expect(
      (await f.request('PUT', path('fujian', '1.3.0'), token.configurator, edited)).status,
    ).toBe(428);
    expect(
      (
        await f.request('PUT', path('fujian', '1.3.0'), token.configurator, edited, {
          'if-match': '"7"',
        })
      ).status,
    ).toBe(409);
    const saved = await f.request('PUT', path('fujian', '1.3.0'), token.configurator, edited, {
      'if-match': '"1"',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.rowVersion).toBe(2);

    // A reviewer may not edit, a configurator may not approve (permission)
    expect(
      (
        await f.request('PUT', path('fujian', '1.3.0'), token.reviewer, edited, {
          'if-match': '"2"',
        })
      ).status,
    ).toBe(403);
    expect(
      (await f.request('POST', path('fujian', '1.3.0', 'approve'), token.configurator, {})).status,
    ).toBe(403);
    // Approving or publishing a draft is not a step from draft
    expect(
      (await f.request('POST', path('fujian', '1.3.0', 'approve'), token.reviewer, {})).status,
    ).toBe(409);

    // Submit, return with a comment, resubmit
    const submitted = await f.request(
      'POST',
      path('fujian', '1.3.0', 'submit'),
      token.configurator,
      { reason: '请审核' },
    );
    expect(submitted.body.status, JSON.stringify(submitted.body)).toBe('in-review');
    expect(
      (
        await f.request('PUT', path('fujian', '1.3.0'), token.configurator, edited, {
          'if-match': '"3"',
        })
      ).body.error.code,
    ).toBe('not_a_draft');
    expect(
      (await f.request('POST', path('fujian', '1.3.0', 'return'), token.reviewer, {})).status,
    ).toBe(400);
    const returned = await f.request('POST', path('fujian', '1.3.0', 'return'), token.reviewer, {
      reason: '标题需写明适用范围 / say where it applies in the title',
    });
    expect(returned.body).toMatchObject({
      status: 'draft',
      reviewComment: expect.stringContaining('标题'),
    });
    await f.request('POST', path('fujian', '1.3.0', 'submit'), token.configurator, {});

    // Publishing before approval is refused
    const early = await f.request('POST', path('fujian', '1.3.0', 'publish'), token.publisher, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_approved');

    // Approve, then publish
    const approved = await f.request('POST', path('fujian', '1.3.0', 'approve'), token.reviewer, {
      reason: '同意',
    });
    expect(approved.body).toMatchObject({
      status: 'in-review',
      approved: true,
      approvedBy: reviewer.id,
    });
    const published = await f.request(
      'POST',
      path('fujian', '1.3.0', 'publish'),
      token.publisher,
      {},
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: publisher.id });

    // Then published is immutable through the API
    const late = await f.request('PUT', path('fujian', '1.3.0'), token.configurator, edited, {
      'if-match': `"${published.body.rowVersion}"`,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('published_is_immutable');

    // Deprecate needs a reason
    expect(
      (await f.request('POST', path('fujian', '1.3.0', 'deprecate'), token.publisher, {})).status,
    ).toBe(400);
    const deprecated = await f.request(
      'POST',
      path('fujian', '1.3.0', 'deprecate'),
      token.publisher,
      {
        reason: '由 1.4.0 取代 / superseded',
      },
    );
    expect(deprecated.body.status).toBe('deprecated');

    // The history names who did what, from what to what, and why
    const history = (await f.request('GET', path('fujian', '1.3.0'), token.reviewer)).body
      .transitions;
    expect(
      history.map(
        (t: {
          action: string;
          from: string;
          to: string;
          actorUsername: string;
          reason: string | null;
        }) => [t.action, t.from, t.to, t.actorUsername, t.reason],
      ),
    ).toEqual([
      ['create', null, 'draft', configurator.username, null],
      ['submit', 'draft', 'in-review', configurator.username, '请审核'],
      [
        'return',
        'in-review',
        'draft',
        reviewer.username,
        '标题需写明适用范围 / say where it applies in the title',
      ],
      ['submit', 'draft', 'in-review', configurator.username, null],
      ['approve', 'in-review', 'in-review', reviewer.username, '同意'],
      ['publish', 'in-review', 'published', publisher.username, null],
      ['deprecate', 'published', 'deprecated', publisher.username, '由 1.4.0 取代 / superseded'],
    ]);
    const audit = await auditOf('fujian@1.3.0');
    expect(audit.map((a) => [a.action, a.actor_username])).toEqual([
      ['spec.draft.save', configurator.username],
      ['spec.draft.save', configurator.username],
      ['spec.submit', configurator.username],
      ['spec.return', reviewer.username],
      ['spec.submit', configurator.username],
      ['spec.approve', reviewer.username],
      ['spec.publish', publisher.username],
      ['spec.deprecate', publisher.username],
    ]);
    expect(audit.find((a) => a.action === 'spec.return')!.details.reason).toContain('标题');
  });

  it('given one user who holds every role, when they approve or publish their own draft, then four eyes refuses it (audited)', async () => {
    const both = await f.user('province-configurator', '350000', { withTotp: true });
    const { users, orgs } = f.t.engine.services;
    const org = (await orgs.get('350000'))!;
    for (const role of ['province-reviewer', 'province-publisher'])
      await f.t.engine.database.transaction((transaction) =>
        users.addGrant(
          { userId: both.id, role, orgCode: org.code, orgPath: org.path, grantedBy: null },
          f.clock.now(),
          transaction,
        ),
      );
    const mine = await f.login(both);
    expect(
      (await f.request('POST', '/api/overlays/fujian/versions', mine, fujian('1.4.0'))).status,
    ).toBe(201);
    await f.request('POST', path('fujian', '1.4.0', 'submit'), mine, {});
    const selfApproval = await f.request('POST', path('fujian', '1.4.0', 'approve'), mine, {});
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.code).toBe('four_eyes');
    expect(
      (await f.request('POST', path('fujian', '1.4.0', 'approve'), token.reviewer, {})).status,
    ).toBe(200);
    const selfPublish = await f.request('POST', path('fujian', '1.4.0', 'publish'), mine, {});
    expect(selfPublish.body.error.code).toBe('four_eyes');
    const [denials] = await f.t.engine.database.sequelize.query(
      "SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'access.denied' AND target_id = 'fujian@1.4.0'",
    );
    expect(denials).toEqual([{ reason: 'four-eyes' }, { reason: 'four-eyes' }]);
  });

  it('given a Fujian configurator, when they draft or act on a Yunnan overlay, then it is refused and audited', async () => {
    const yunnan = { ...readOverlay('yunnan', '1.2.0'), version: '1.3.0' };
    const created = await f.request(
      'POST',
      '/api/overlays/yunnan/versions',
      token.configurator,
      yunnan,
    );
    expect(created.status).toBe(403);
    const submit = await f.request(
      'POST',
      path('yunnan', '1.0.0', 'submit'),
      token.configurator,
      {},
    );
    expect(submit.status).toBe(404);
  });

  it('given an overlay relabelling a locked national field, when drafted, then 422 lists the operation, the code and the reason', async () => {
    const overlay = fujian('1.5.0', {
      operations: [
        {
          op: 'relabel',
          form: 'hypertension-followup',
          path: '/sbp',
          label: { zh: '高压', en: 'High pressure' },
        },
      ] as Overlay['operations'],
    });
    const refused = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.configurator,
      overlay,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('overlay_rejected');
    expect(refused.body.error.details.problems).toEqual([
      {
        path: '/operations/0',
        code: 'locked',
        message: { zh: expect.any(String), en: expect.any(String) },
      },
    ]);
    expect((await f.request('GET', path('fujian', '1.5.0'), token.configurator)).status).toBe(404);
  });
});

describe('spec version lifecycle', () => {
  it('given national-level staff, when a national spec version is drafted and published, then it is; a province grant may not draft it', async () => {
    const current = (
      await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token.configurator)
    ).body;
    expect(current.status).toBe('published');
    const content = { ...current.content, version: '3.2.0' };
    const body = { version: '3.2.0', content };
    expect(
      (await f.request('POST', '/api/specs/national-phs/versions', token.configurator, body))
        .status,
    ).toBe(403);

    const nationalAuthor = await f.login(await f.user('province-configurator', '100000'));
    const nationalReviewer = await f.login(await f.user('province-reviewer', '100000'));
    const nationalPublisher = await f.login(
      await f.user('province-publisher', '100000', { withTotp: true }),
    );
    const created = await f.request(
      'POST',
      '/api/specs/national-phs/versions',
      nationalAuthor,
      body,
    );
    expect(created.status, JSON.stringify(created.body).slice(0, 400)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'spec', jurisdiction: '100000', status: 'draft' });
    const spec = (step: string) => `/api/specs/national-phs/versions/3.2.0/${step}`;
    expect((await f.request('POST', spec('submit'), nationalAuthor, {})).body.status).toBe(
      'in-review',
    );
    expect((await f.request('POST', spec('approve'), nationalReviewer, {})).body.approved).toBe(
      true,
    );
    expect((await f.request('POST', spec('publish'), nationalPublisher, {})).body.status).toBe(
      'published',
    );
    const list = await f.request('GET', '/api/specs?key=national-phs', token.reviewer);
    expect(
      list.body.versions.map(
        (v: { version: string; status: string }) => `${v.version} ${v.status}`,
      ),
    ).toEqual(['3.0.0 published', '3.0.1 published', '3.2.0 published']);
  });

  it('given a national draft whose workflow would loop for ever or run a script, when saved, then 422 names the workflow and the element, and nothing is stored', async () => {
    const current = (
      await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token.configurator)
    ).body;
    const author = await f.login(await f.user('province-configurator', '100000'));
    const referral = current.content.workflows['two-way-referral'] as string;
    // The decline notice flows back into the decision gateway: a loop with no wait in it.
    const looping = referral.replace(
      'id="Flow_declined_notified" sourceRef="SendTask_notify_declined" targetRef="EndEvent_declined"',
      'id="Flow_declined_notified" sourceRef="SendTask_notify_declined" targetRef="Gateway_decision"',
    );
    expect(looping).not.toBe(referral);
    const scripted = referral.replace('language="jsonlogic"', 'language="javascript"');
    for (const [version, xml, code] of [
      ['3.3.0', looping, 'Gateway_decision'],
      ['3.3.1', scripted, 'javascript'],
    ] as const) {
      const res = await f.request('POST', '/api/specs/national-phs/versions', author, {
        version,
        content: {
          ...current.content,
          version,
          workflows: { ...current.content.workflows, 'two-way-referral': xml },
        },
      });
      expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(422);
      expect(res.body.error.code).toBe('spec_invalid');
      const errors = res.body.error.details.errors as { path: string; message: { en: string } }[];
      expect(
        errors.some(
          (e) => e.path.startsWith('/workflows/two-way-referral') && e.message.en.includes(code),
        ),
        JSON.stringify(errors),
      ).toBe(true);
      const stored = await f.request('GET', `/api/specs/national-phs/versions/${version}`, author);
      expect(stored.status).toBe(404);
    }
  });
});
