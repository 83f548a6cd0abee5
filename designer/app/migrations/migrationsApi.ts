import { api, ok } from '../../../runtime/app/api/index.js';
import type { components } from '../../../runtime/app/api/schema.js';

/**
 * The data migration screen's calls, on the one API client: the engine drafts a plan from the
 * semantic diff of a form between two releases, takes the configurator’s answers (replacing
 * earlier ones), dry-runs it over
 * the live records without writing, and runs it as a background job whose progress is read back.
 */
export type Plan = components['schemas']['DataMigrationPlan'];
export type Run = components['schemas']['DataMigrationRun'];
export type DryRun = components['schemas']['DataMigrationDryRun'];

export async function listPlans(): Promise<Plan[]> {
  return (await ok(api.GET('/api/data-migrations'))).plans;
}

export function draftPlan(body: {
  formKey: string;
  fromRelease: string;
  toRelease: string;
}): Promise<Plan> {
  return ok(api.POST('/api/data-migrations', { body }));
}

export function getPlan(id: string): Promise<Plan & { runs: Run[] }> {
  return ok(api.GET('/api/data-migrations/{id}', { params: { path: { id } } }));
}

export function answerPlan(id: string, answers: Record<string, object>): Promise<Plan> {
  return ok(
    api.PUT('/api/data-migrations/{id}/answers', {
      params: { path: { id } },
      body: { answers: answers as never },
    }),
  );
}

export function dryRun(id: string): Promise<DryRun> {
  return ok(api.POST('/api/data-migrations/{id}/dry-run', { params: { path: { id } } }));
}

export function startRun(id: string): Promise<Run> {
  return ok(api.POST('/api/data-migrations/{id}/runs', { params: { path: { id } }, body: {} }));
}

export function runProgress(id: string, runId: string): Promise<Run> {
  return ok(api.GET('/api/data-migrations/{id}/runs/{runId}', { params: { path: { id, runId } } }));
}
