import { describe, expect, it } from 'vitest';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { seedReleases } from '../specs/seedReleases.js';
import type { StoredPlan } from './MigrationPlanStore.js';
import { batchMigrator } from './BatchMigrator.js';
import { targetForm } from './dryRunPlan.js';
import { DEMO_FROM, DEMO_TO, STORED_HT_VISIT } from './testing/pinnedSubmissions.js';

describe('batchMigrator', () => {
  it('given a batch, when migrated in a worker thread, then the outcome is the one migrated in this thread', async () => {
    const catalog = new ReleaseCatalog(await seedReleases('upgrade-demo'));
    const plan = {
      id: 'p',
      formKey: 'hypertension-followup',
      from: DEMO_FROM,
      to: DEMO_TO,
      plan: {
        form: 'hypertension-followup',
        fromVersion: '3.0.0',
        toVersion: '3.1.0',
        steps: [{ op: 'transform', path: '/heartRate', rule: { max: [30, { var: 'heartRate' }] } }],
        decisions: [],
      },
    } as unknown as StoredPlan;
    const input = {
      ids: ['a', 'b', 'c'],
      rowVersions: [1, 2, 3],
      payloads: [
        JSON.stringify(STORED_HT_VISIT),
        JSON.stringify({ ...STORED_HT_VISIT, heartRate: 25 }),
        JSON.stringify({ ...STORED_HT_VISIT, visitDate: 'yesterday' }),
      ],
    };
    const target = targetForm(catalog, plan);
    const here = batchMigrator(plan, target, 0);
    const worker = batchMigrator(plan, target, 1);
    try {
      const [a, b] = await Promise.all([
        here.migrate('2026-11-30', input),
        worker.migrate('2026-11-30', input),
      ]);
      expect(b).toEqual(a);
      expect(a).toMatchObject({ cleanCount: 2, failedCount: 1 });
      expect(JSON.parse(a.clean)[1]).toEqual([
        'b',
        2,
        expect.objectContaining({ heartRate: 30 }),
        ['/heartRate'],
      ]);
    } finally {
      await worker.close();
    }
  });
});
