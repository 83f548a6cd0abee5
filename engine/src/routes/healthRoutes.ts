import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { Database } from '../database/Database.js';
import type { PluginHealth } from '../plugin-host/pluginApi.js';

/** How long a plugin's health check may take before it reads as degraded. */
export const PLUGIN_HEALTH_TIMEOUT_MS = 2_000;

const PluginHealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['pglite', 'postgres']),
    version: z.string(),
    /** Each plugin's own check (`api.health`), by slug: `degraded` leaves the status `ok`. */
    plugins: z.record(z.string(), PluginHealthSchema).optional(),
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

type HealthCheck = () => Promise<PluginHealth> | PluginHealth;

/** Runs a plugin's check with a time limit; a check that throws or hangs reads as degraded. */
async function pluginHealth(check: HealthCheck): Promise<PluginHealth> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PluginHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'degraded', detail: { error: 'health check timed out' } }),
      PLUGIN_HEALTH_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch (err) {
    return { status: 'degraded', detail: { error: (err as Error).message } };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(
  database: Database,
  version: string,
  pluginChecks: ReadonlyMap<string, HealthCheck> = new Map(),
) {
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
        const plugins = Object.fromEntries(
          await Promise.all(
            [...pluginChecks].map(async ([slug, check]) => [slug, await pluginHealth(check)]),
          ),
        );
        return {
          status: ok ? 'ok' : 'unavailable',
          database: database.kind,
          version,
          ...(pluginChecks.size ? { plugins } : {}),
        };
      },
    }),
  ];
}
