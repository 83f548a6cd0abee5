import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUpgradeDemo } from '../specs/seedReleases.js';
import { IdentityFixture } from '../testing/index.js';
import {
  DEMO_FROM,
  DEMO_TO,
  insertPinnedSubmissions,
  NATIONAL_ORG,
  revisionsByPlan,
  STORED_HT_VISIT,
} from './testing/pinnedSubmissions.js';

const COUNT = 3000;
const SLOW_EVERY = 10; // 300 records with heart rate 25: below the 3.1.0 minimum of 30

describe('data migration upgrade-demo@3.0.0 → 3.1.0 of hypertension-followup (the upgrade demonstration)', () => {
  let f: IdentityFixture;
  let designer: string;
  let publisher: string;
  let reader: string;
  let planId: string;

  const sql = async <T>(query: string, bind: unknown[] = []) =>
    (await f.t.engine.database.sequelize.query(query, { bind }))[0] as T[];

  async function runToEnd(): Promise<Record<string, number | string>> {
    const started = await f.request('POST', `/api/data-migrations/${planId}/runs`, publisher, {
      batchSize: 700,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    for (;;) {
      const run = await f.request(
        'GET',
        `/api/data-migrations/${planId}/runs/${started.body.id}`,
        designer,
      );
      expect(run.status).toBe(200);
      if (run.body.status !== 'running') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    f = await IdentityFixture.start();
    designer = await f.login(await f.user('province-configurator', '100000'));
    publisher = await f.login(await f.user('province-publisher', '100000', { withTotp: true }));
    reader = await f.login(await f.user('county-phc-manager', '100000'));
    // The upgrade demonstration, as the demo world imports it (never current).
    await importUpgradeDemo(f.t.engine.database, f.clock);
    await insertPinnedSubmissions(f.t.engine.database, { count: COUNT, slowEvery: SLOW_EVERY });
    // This migration is about the demonstration's 3.0.0 → 3.1.0, so the nation adopts 3.1.0 here
    // (the seed serves national-phs@3.0.1; the "current version" reads below target 3.1.0). Only
    // the `current` flag may change on a published release; the other seed releases stay.
    await sql("UPDATE releases SET current = false WHERE id = 'national-phs@3.0.1'");
    await sql(`UPDATE releases SET current = true WHERE id = '${DEMO_TO.releaseId}'`);
    await f.t.engine.services.specs.reloadCatalog();
    expect(f.t.engine.services.catalog.forOrgPath(NATIONAL_ORG.path).id).toBe(DEMO_TO.releaseId);
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('given two releases, when a plan is drafted, then it is ready with the optional heart-rate transform to decide', async () => {
    const bad = await f.request('POST', '/api/data-migrations', designer, {
      formKey: 'hypertension-followup',
      fromRelease: DEMO_FROM.releaseId,
      toRelease: 'upgrade-demo@9.9.9',
    });
    expect(bad.status).toBe(422);
    const created = await f.request('POST', '/api/data-migrations', designer, {
      formKey: 'hypertension-followup',
      fromRelease: DEMO_FROM.releaseId,
      toRelease: DEMO_TO.releaseId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'ready',
      from: DEMO_FROM,
      to: DEMO_TO,
      problems: [],
    });
    expect(created.body.plan.decisions.map((d: { id: string }) => d.id)).toEqual([
      'transform:/heartRate',
    ]);
    planId = created.body.id;
    const listed = await f.request('GET', '/api/data-migrations', designer);
    expect(listed.body.plans.map((p: { id: string }) => p.id)).toContain(planId);
  });

  it('given 3000 records, 300 with heart rate 25, when dry-run then executed, then the counts match and nothing is migrated twice', async () => {
    const dry = await f.request('POST', `/api/data-migrations/${planId}/dry-run`, designer);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: COUNT, clean: 2700, failed: 300 });
    expect(dry.body.reasons).toMatchObject([
      { code: 'invalid:minimum', path: '/heartRate', count: 300 },
    ]);

    const refused = await f.request('POST', `/api/data-migrations/${planId}/runs`, designer);
    expect(refused.status).toBe(403);

    const run = await runToEnd();
    expect(run).toMatchObject({
      error: null,
      status: 'done',
      total: COUNT,
      migrated: dry.body.clean,
      failed: dry.body.failed,
      percent: 100,
    });
    expect(await revisionsByPlan(f.t.engine.database, planId)).toEqual({
      submissions: 2700,
      revisions: 2700,
      most: 1,
      migrated: 2700,
    });
    const pins = await sql<{ release_id: string; n: number }>(
      `SELECT release_id, count(*)::int AS n FROM submissions GROUP BY release_id ORDER BY 1`,
    );
    expect(pins).toEqual([
      { release_id: 'upgrade-demo@3.0.0', n: 300 },
      { release_id: 'upgrade-demo@3.1.0', n: 2700 },
    ]);
    const [failures] = await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM data_migration_failures WHERE run_id = $1',
      [run.id],
    );
    expect(failures!.n).toBe(300);
    const [events] = await sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE topic = 'submission.migrated'",
    );
    expect(events!.n).toBe(2700);

    // Again: only the 300 that failed are tried, and fail again; nothing is migrated twice.
    const again = await runToEnd();
    expect(again).toMatchObject({ status: 'done', total: 300, migrated: 0, failed: 300 });
    expect((await revisionsByPlan(f.t.engine.database, planId)).most).toBe(1);
  });

  it('given a clamp answered for heart rate, when run again, then the rest migrate with the value marked, and both versions stay readable', async () => {
    const refused = await f.request('PUT', `/api/data-migrations/${planId}/answers`, designer, {
      answers: { 'transform:/heartRate': { rule: { nope: [] } } },
    });
    expect(refused.status).toBe(422);
    const answered = await f.request('PUT', `/api/data-migrations/${planId}/answers`, designer, {
      answers: { 'transform:/heartRate': { rule: { max: [30, { var: 'heartRate' }] } } },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.plan.decisions).toEqual([]);
    const dry = await f.request('POST', `/api/data-migrations/${planId}/dry-run`, designer);
    expect(dry.body).toMatchObject({ total: 300, clean: 300, failed: 0 });
    const run = await runToEnd();
    expect(run).toMatchObject({ status: 'done', migrated: 300, failed: 0 });
    expect(await revisionsByPlan(f.t.engine.database, planId)).toMatchObject({
      submissions: COUNT,
      revisions: COUNT,
      most: 1,
    });

    const [slow] = await sql<{ id: string }>(
      "SELECT id FROM submissions WHERE payload->>'heartRate' = '30' LIMIT 1",
    );
    const captured = await f.request('GET', `/api/submissions/${slow!.id}/views/captured`, reader);
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({
      releaseId: 'upgrade-demo@3.0.0',
      formVersion: '3.0.0',
      revision: 1,
      data: { ...STORED_HT_VISIT, heartRate: 25 },
      migrated: null,
    });
    const current = await f.request('GET', `/api/submissions/${slow!.id}/views/current`, reader);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      releaseId: 'upgrade-demo@3.1.0',
      formVersion: '3.1.0',
      revision: 2,
      data: { heartRate: 30 },
      migrated: {
        planId,
        from: { releaseId: 'upgrade-demo@3.0.0', formVersion: '3.0.0' },
        changed: ['/heartRate'],
        onTheFly: false,
      },
    });
    const [row] = await sql<{ migrated_from: unknown; migrated_by_plan: string }>(
      'SELECT migrated_from, migrated_by_plan FROM submissions WHERE id = $1',
      [slow!.id],
    );
    expect(row).toEqual({
      migrated_by_plan: planId,
      migrated_from: { releaseId: 'upgrade-demo@3.0.0', formVersion: '3.0.0', revision: 1 },
    });
    const actions = await f.auditActions();
    expect(actions).toContain('data-migration.run');
  });

  it('given a record still on the old version, when read in the current version, then it is migrated on the fly and marked', async () => {
    await insertPinnedSubmissions(f.t.engine.database, { count: 1, slowEvery: 1 });
    const [late] = await sql<{ id: string }>(
      "SELECT id FROM submissions WHERE release_id = 'upgrade-demo@3.0.0'",
    );
    const current = await f.request('GET', `/api/submissions/${late!.id}/views/current`, reader);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      releaseId: 'upgrade-demo@3.1.0',
      formVersion: '3.1.0',
      data: { heartRate: 30 },
      migrated: { planId, changed: ['/heartRate'], onTheFly: true },
    });
    const stored = await sql<{ release_id: string }>(
      'SELECT release_id FROM submissions WHERE id = $1',
      [late!.id],
    );
    expect(stored).toEqual([{ release_id: 'upgrade-demo@3.0.0' }]);
    const outside = await f.login(await f.user('county-phc-manager', '350121'));
    const denied = await f.request('GET', `/api/submissions/${late!.id}/views/current`, outside);
    expect(denied.status).toBe(404);
    expect(NATIONAL_ORG.path.startsWith('/100000/')).toBe(true);
  });
});
