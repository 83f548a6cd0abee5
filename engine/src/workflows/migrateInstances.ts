import { QueryTypes } from 'sequelize';
import { HttpError } from '../http/HttpError.js';
import type { WorkflowRuntime, InstanceRow } from './WorkflowRuntime.js';
import type { SavedState } from './WorkflowSession.js';

/** Element ids an instance's saved state has active (the pruned state keeps only those). */
export function activeElements(state: SavedState | null): string[] {
  const ids = new Set<string>();
  for (const definition of state?.definitions ?? []) {
    for (const process of definition.execution?.processes ?? []) {
      for (const child of process.execution?.children ?? []) ids.add(child.id as string);
    }
  }
  return [...ids];
}

/** Renames element ids (and execution ids derived from them) throughout a saved state. */
function renameIds(value: unknown, rename: (id: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => renameIds(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && ['id', 'targetId', 'sourceId', 'attachedTo'].includes(key)) {
      out[key] = rename(v) ?? v;
    } else if (typeof v === 'string' && key === 'executionId') {
      const cut = v.lastIndexOf('_');
      const renamed = cut > 0 ? rename(v.slice(0, cut)) : undefined;
      out[key] = renamed ? `${renamed}${v.slice(cut)}` : v;
    } else {
      out[key] = renameIds(v, rename);
    }
  }
  return out;
}

/**
 * Instance migration v1 → v2: every element any running instance of the definition on
 * `fromReleaseId` is in must be mapped (explicitly, even to the same id) to an element of the
 * same type in the target definition; otherwise 422 lists what is missing and nothing moves.
 * Each instance's saved state is rewritten with the mapping, re-pinned, its task, timer and
 * subscription rows renamed, and recovered once under the new definition before commit.
 */
export async function migrateInstances(
  runtime: WorkflowRuntime,
  input: {
    definitionKey: string;
    fromReleaseId: string;
    toReleaseId: string;
    mapping: Record<string, string>;
    actor: string;
    /** LIKE patterns of the caller's scope: only instances of those orgs move. */
    orgPatterns: string[];
  },
): Promise<string[]> {
  const { database, catalog } = runtime.deps;
  const from = catalog.get(input.fromReleaseId);
  const to = catalog.get(input.toReleaseId);
  if (!from || !to) throw new HttpError(404, 'not_found', '发布版本不存在 / No such release');
  const source = await runtime.definitions.get(from, input.definitionKey);
  const target = await runtime.definitions.get(to, input.definitionKey);
  return database.transaction(async (transaction) => {
    const rows = await database.sequelize.query<InstanceRow>(
      `SELECT * FROM workflow_instances WHERE definition_key = $1 AND release_id = $2
         AND status IN ('running', 'waiting', 'incident') AND org_path LIKE ANY($3)
       ORDER BY started_at FOR UPDATE`,
      {
        bind: [input.definitionKey, input.fromReleaseId, input.orgPatterns],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    const problems: { elementId: string; problem: string; instances: number }[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      for (const id of activeElements(row.state)) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    for (const [id, count] of seen) {
      if (source.elements.has(id) === false && !id.startsWith('Process_')) continue;
      const mapped = input.mapping[id];
      const fromType = source.elements.get(id)?.type;
      if (mapped === undefined)
        problems.push({ elementId: id, problem: 'unmapped', instances: count });
      else if (target.elements.get(mapped)?.type !== fromType) {
        problems.push({
          elementId: id,
          problem: `no ${fromType} ${mapped} in target`,
          instances: count,
        });
      }
    }
    if (problems.length) {
      throw new HttpError(
        422,
        'incomplete_mapping',
        '元素映射不完整：运行中的实例停留在未映射的元素上 / The mapping misses elements running instances are in',
        { problems },
      );
    }
    const rename = (id: string) => input.mapping[id];
    const migrated: string[] = [];
    for (const row of rows) {
      const state = renameIds(row.state, rename) as SavedState;
      const saved = { ...row, state, release_id: to.id };
      for (const [old, renamed] of Object.entries(input.mapping)) {
        if (old === renamed) continue;
        for (const table of ['workflow_tasks', 'workflow_timers', 'workflow_subscriptions']) {
          await database.sequelize.query(
            `UPDATE ${table} SET element_id = $3,
               execution_id = $3 || substr(execution_id, length($2) + 1)
             WHERE instance_id = $1 AND element_id = $2`,
            { bind: [row.id, old, renamed], transaction },
          );
        }
      }
      // Recover once under the new definition: a mapping that does not run fails here.
      await runtime.advance(transaction, saved, input.actor, () => undefined);
      await database.sequelize.query(
        'UPDATE workflow_instances SET release_id = $2 WHERE id = $1',
        { bind: [row.id, to.id], transaction },
      );
      await runtime.history(transaction, row.id, input.actor, 'instance.migrated', null, {
        from: from.id,
        to: to.id,
        mapping: input.mapping,
      });
      migrated.push(row.id);
    }
    return migrated;
  });
}
