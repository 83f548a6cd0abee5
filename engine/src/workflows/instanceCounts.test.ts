import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from './fixtures/forms.js';
import { WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * GET /api/workflows/:key/instance-counts over HTTP: the open instances of a workflow per
 * element, by release, counted in the caller's scope — what the modeler shows on the diagram of a
 * published workflow and what an instance migration must map. Two Fujian referrals wait at the
 * township's slip and at the county's decision (with the township's follow-up and its timer
 * beside it), a third is cancelled; one Yunnan referral waits at its slip.
 */
const KEY = 'two-way-referral';
const FUJIAN_CLINIC = '350121101201-V01';
const YUNNAN_CLINIC = '530902101201-V01';

const f = new WorkflowScenario();
let users: Record<'township' | 'county' | 'fujian' | 'yunnan' | 'ynTownship', TestUser>;
let token: Record<keyof typeof users, string>;
let fujianRelease = '';
let yunnanRelease = '';

async function referral(who: 'township' | 'ynTownship', clinic: string): Promise<string> {
  const subjectId = await f.resident(token[who], clinic, '1958-03-01', 400, '计数');
  const started = await f.start(KEY, token[who], { subjectId, businessKey: `count-${subjectId}` });
  return started.id;
}

const counts = (who: keyof typeof users, query = '') =>
  f.request('GET', `/api/workflows/${KEY}/instance-counts${query}`, token[who]);

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    township: { role: 'township-phc', org: '350121101' },
    county: { role: 'county-clinician', org: '350121' },
    fujian: { role: 'province-configurator', org: '350000' },
    yunnan: { role: 'province-configurator', org: '530000' },
    ynTownship: { role: 'township-phc', org: '530902101' },
  });
  token = await f.signIn(users);
  // Given a Fujian referral waiting at the township's slip…
  const fill = await referral('township', FUJIAN_CLINIC);
  fujianRelease = (await f.view(token.township, fill)).releaseId;
  // …one at the county's decision, the township's follow-up waiting beside it…
  const decide = await referral('township', FUJIAN_CLINIC);
  await f.complete(token.township, await f.openTask(token.township, decide, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  // …one cancelled (not open: not counted)…
  const cancelled = await referral('township', FUJIAN_CLINIC);
  await f.t.engine.database.sequelize.query(
    "UPDATE workflow_instances SET status = 'cancelled' WHERE id = $1",
    { bind: [cancelled] },
  );
  // …and a Yunnan referral at its slip.
  const yunnan = await referral('ynTownship', YUNNAN_CLINIC);
  yunnanRelease = (await f.view(token.ynTownship, yunnan)).releaseId;
}, 120_000);
afterAll(() => f.stop());

describe('open instances per element', () => {
  it("given two open Fujian referrals and a cancelled one, when Fujian's workflow admin asks, then each element counts the instances waiting there, on the release they are pinned to", async () => {
    const res = await counts('fujian');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      releases: [
        {
          releaseId: fujianRelease,
          instances: 2,
          elements: {
            UserTask_fill: 1,
            UserTask_decide: 1,
            UserTask_followup_hypertension: 1,
            Boundary_followup_hypertension_due: 1,
          },
        },
      ],
    });
  });

  it("given a Yunnan referral, when Yunnan's workflow admin asks, then only Yunnan's is counted; Fujian's admin never sees it", async () => {
    const res = await counts('yunnan');
    expect(res.status).toBe(200);
    expect(res.body.releases).toEqual([
      { releaseId: yunnanRelease, instances: 1, elements: { UserTask_fill: 1 } },
    ]);
    const fujian = await counts('fujian', `?release=${encodeURIComponent(yunnanRelease)}`);
    expect(yunnanRelease).not.toBe(fujianRelease);
    expect(fujian.body.releases).toEqual([]);
  });

  it('given a release with no open instance or a workflow nobody runs, when asked, then the list is empty', async () => {
    const release = await counts('fujian', '?release=national-phs%409.9.9');
    expect(release.body).toEqual({ releases: [] });
    const none = await f.request(
      'GET',
      '/api/workflows/no-such-flow/instance-counts',
      token.fujian,
    );
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ releases: [] });
  });

  it('given a township doctor (no workflows.edit), when they ask, then 403', async () => {
    expect((await counts('township')).status).toBe(403);
  });
});
