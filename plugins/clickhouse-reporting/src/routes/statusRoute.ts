import { z } from 'zod';
import { defineRoute, type OutboxConsumerHandle } from '@formwork/engine/plugin-api';
import type { Backfill } from '../loading/Backfill.js';
import type { ReportingStore } from '../store/ReportingStore.js';

export const reportingStatus = z.object({
  mode: z.enum(['embedded', 'server']),
  available: z.boolean(),
  error: z.string().optional(),
  lagSeconds: z.number().nonnegative(),
  loadedRecords: z.number().int().nonnegative().nullable(),
  backfill: z.object({
    state: z.enum(['idle', 'running', 'done', 'failed']),
    loaded: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
});

/**
 * `GET /api/plugins/reporting/status` (reports.read): where the reporting tables are, whether
 * they answer, how far loading is behind (seconds between the newest committed submission event
 * and the newest loaded one) and how many records are loaded (`FINAL`: each revision once;
 * null while the store is unavailable), and the backfill of what was stored before loading
 * began: `idle` (not run in this process yet, or stopped), `running`, `done` (recorded as
 * complete) or `failed` (retried), with the submissions it loaded of those stored when it began.
 */
export function statusRoute(
  store: ReportingStore,
  consumer: OutboxConsumerHandle,
  backfill: Pick<Backfill, 'status'>,
) {
  return defineRoute({
    method: 'get',
    path: '/status',
    operationId: 'status',
    summary: 'Reporting store and loading status',
    tags: [],
    access: { permission: 'reports.read' },
    responses: { 200: { description: 'Status', schema: reportingStatus } },
    handler: async () => {
      const { lagSeconds } = await consumer.backlog();
      let status = store.status();
      let loadedRecords: number | null = null;
      if (status.available) {
        try {
          const result = await store.client.query({
            query: 'SELECT count() AS n FROM records FINAL',
            format: 'JSONEachRow',
          });
          const [row] = await result.json<{ n: string }>();
          loadedRecords = Number(row?.n ?? 0);
        } catch (err) {
          status = { ...status, available: false, error: (err as Error).message };
        }
      }
      const { state, loaded, total } = backfill.status();
      return { ...status, lagSeconds, loadedRecords, backfill: { state, loaded, total } };
    },
  });
}
