import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { Database } from '../database/Database.js';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'Health' });

/**
 * Probes the database at most once per `maxAgeMs`, sharing one probe among concurrent callers,
 * so a monitoring storm cannot queue thousands of `SELECT 1` behind real work (PGlite runs one
 * statement at a time).
 */
export function sharedProbe(probe: () => Promise<boolean>, maxAgeMs: number, now = Date.now) {
  let last: { at: number; result: Promise<boolean> } | undefined;
  return (): Promise<boolean> => {
    if (!last || now() - last.at >= maxAgeMs) last = { at: now(), result: probe() };
    return last.result;
  };
}

export function healthRoutes(database: Database, version: string) {
  const databaseAnswers = sharedProbe(() => database.ping(), 1000);
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      summary: 'Liveness and database reachability',
      tags: ['system'],
      access: { public: true, reason: 'Load balancers and monitoring probe it without a session.' },
      responses: {
        200: { description: 'The engine and its database answer', schema: HealthSchema },
        503: { description: 'The database does not answer', schema: HealthSchema },
      },
      handler: async (_input, ctx) => {
        const ok = await databaseAnswers();
        if (!ok) ctx.status = 503;
        return { status: ok ? 'ok' : 'unavailable', database: database.kind, version };
      },
    }),
  ];
}
