import { QueryTypes, type Transaction } from 'sequelize';
import { HttpError } from '../http/HttpError.js';
import type { WorkflowRuntime } from './WorkflowRuntime.js';
import type { InstanceRow } from './workflowRows.js';
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

type Definition = Awaited<ReturnType<WorkflowRuntime['definitions']['get']>>;

export interface MappingProblem {
  elementId: string;
  problem: string;
  instances: number;
}

/**
 * What is wrong with `mapping` for instances in `states`: every element they are in must map
 * to an element of the same type in the target definition.
 */
export function mappingProblems(
  states: readonly (SavedState | null)[],
  source: Definition,
  target: Definition,
  mapping: Readonly<Record<string, string>>,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  for (const state of states) {
    for (const id of activeElements(state)) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  for (const [id, count] of seen) {
    if (source.elements.has(id) === false && !id.startsWith('Process_')) continue;
    const mapped = mapping[id];
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
  return problems;
}

export interface MigrationOutcome {
  /** Instances now pinned to the target release. */
  migrated: string[];
  /** Instances that moved on, between the check and their batch, to an element the mapping lacks. */
  skipped: { instanceId: string; problems: MappingProblem[] }[];
}

const ACTIVE = `definition_key = $1 AND release_id = $2
  AND status IN ('running', 'waiting', 'incident') AND org_path LIKE ANY($3)`;

/**
 * Instance migration v1 → v2. First the plan is checked against every instance it would move
 * (of the definition on `fromReleaseId`, in the caller's scope): each element they are in must
 * be mapped (explicitly, even to the same id) to an element of the same type in the target
 * definition, else 422 lists what is missing and nothing moves. Then the instances move in
 * batches of `batchSize`, one transaction each: the saved state rewritten with the mapping and
 * re-pinned, task, timer and subscription rows renamed, the instance recovered once under the
 * new definition before commit, and the move written to its history. An instance that moved on
 * to an unmapped element since the check stays where it is and is reported as skipped.
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
    batchSize?: number;
  },
): Promise<MigrationOutcome> {
  const { database, catalog } = runtime.deps;
  const from = catalog.get(input.fromReleaseId);
  const to = catalog.get(input.toReleaseId);
  if (!from || !to) throw new HttpError(404, 'not_found', '发布版本不存在 / No such release');
  const source = await runtime.definitions.get(from, input.definitionKey);
  const target = await runtime.definitions.get(to, input.definitionKey);
  const where = [input.definitionKey, input.fromReleaseId, input.orgPatterns];

  const candidates = await database.sequelize.query<Pick<InstanceRow, 'state'>>(
    `SELECT state FROM workflow_instances WHERE ${ACTIVE}`,
    { bind: where, type: QueryTypes.SELECT },
  );
  const problems = mappingProblems(
    candidates.map((c) => c.state),
    source,
    target,
    input.mapping,
  );
  if (problems.length) {
    throw new HttpError(
      422,
      'incomplete_mapping',
      '元素映射不完整：运行中的实例停留在未映射的元素上 / The mapping misses elements running instances are in',
      { problems },
    );
  }

  const batchSize = input.batchSize ?? 100;
  const outcome: MigrationOutcome = { migrated: [], skipped: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await database.transaction(async (transaction) => {
      const rows = await database.sequelize.query<InstanceRow>(
        `SELECT * FROM workflow_instances WHERE ${ACTIVE} AND id > $4
         ORDER BY id LIMIT $5 FOR UPDATE`,
        { bind: [...where, after, batchSize], type: QueryTypes.SELECT, transaction },
      );
      for (const row of rows) {
        const moved = mappingProblems([row.state], source, target, input.mapping);
        if (moved.length) {
          outcome.skipped.push({ instanceId: row.id, problems: moved });
          continue;
        }
        await moveInstance(runtime, transaction, row, { from: from.id, to: to.id, ...input });
        outcome.migrated.push(row.id);
      }
      return rows;
    });
    if (batch.length < batchSize) break;
    after = batch.at(-1)!.id;
  }
  return outcome;
}

async function moveInstance(
  runtime: WorkflowRuntime,
  transaction: Transaction,
  row: InstanceRow,
  input: { from: string; to: string; mapping: Record<string, string>; actor: string },
) {
  const { sequelize } = runtime.deps.database;
  const state = renameIds(row.state, (id) => input.mapping[id]) as SavedState;
  for (const [old, renamed] of Object.entries(input.mapping)) {
    if (old === renamed) continue;
    for (const table of ['workflow_tasks', 'workflow_timers', 'workflow_subscriptions']) {
      await sequelize.query(
        `UPDATE ${table} SET element_id = $3,
           execution_id = $3 || substr(execution_id, length($2) + 1)
         WHERE instance_id = $1 AND element_id = $2`,
        { bind: [row.id, old, renamed], transaction },
      );
    }
  }
  // Recover once under the new definition: a mapping that does not run fails here.
  await runtime.advance(
    transaction,
    { ...row, state, release_id: input.to },
    input.actor,
    () => undefined,
  );
  await sequelize.query('UPDATE workflow_instances SET release_id = $2 WHERE id = $1', {
    bind: [row.id, input.to],
    transaction,
  });
  await runtime.history(transaction, row.id, input.actor, 'instance.migrated', null, {
    from: input.from,
    to: input.to,
    mapping: input.mapping,
  });
}

export interface ReleaseInstanceCounts {
  releaseId: string;
  /** Running, waiting or held by an incident. */
  instances: number;
  /** Element id → how many of those instances are in it (what a migration must map). */
  elements: Record<string, number>;
}

/**
 * How many open instances of `definitionKey` (running, waiting or with an incident; of orgs in
 * the caller's scope) wait at each element, per release they are pinned to (or of `releaseId`
 * only): the elements their saved state has active, as `activeElements` reads them and as a
 * migration must map them. One statement, over the JSON of the saved states.
 */
export async function instanceCounts(
  runtime: WorkflowRuntime,
  input: { definitionKey: string; releaseId?: string; orgPatterns: string[] },
): Promise<ReleaseInstanceCounts[]> {
  const { database } = runtime.deps;
  const array = (json: string) =>
    `jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END)`;
  const rows = await database.sequelize.query<{
    release_id: string;
    element_id: string | null;
    count: string | number;
  }>(
    `WITH open AS (
       SELECT id, release_id, state FROM workflow_instances
       WHERE definition_key = $1 AND status IN ('running', 'waiting', 'incident')
         AND org_path LIKE ANY($2) AND ($3::text IS NULL OR release_id = $3)
     )
     SELECT release_id, NULL AS element_id, count(*) AS count FROM open GROUP BY release_id
     UNION ALL
     SELECT o.release_id, c.value->>'id' AS element_id, count(DISTINCT o.id) AS count
     FROM open o
       CROSS JOIN LATERAL ${array("o.state->'definitions'")} d
       CROSS JOIN LATERAL ${array("d.value->'execution'->'processes'")} p
       CROSS JOIN LATERAL ${array("p.value->'execution'->'children'")} c
     WHERE c.value->>'id' IS NOT NULL
     GROUP BY o.release_id, c.value->>'id'`,
    {
      bind: [input.definitionKey, input.orgPatterns, input.releaseId ?? null],
      type: QueryTypes.SELECT,
    },
  );
  const byRelease = new Map<string, ReleaseInstanceCounts>();
  const of = (releaseId: string) => {
    let found = byRelease.get(releaseId);
    if (!found) byRelease.set(releaseId, (found = { releaseId, instances: 0, elements: {} }));
    return found;
  };
  for (const row of rows) {
    const release = of(row.release_id);
    if (row.element_id === null) release.instances = Number(row.count);
    else release.elements[row.element_id] = Number(row.count);
  }
  return [...byRelease.values()].sort((a, b) => a.releaseId.localeCompare(b.releaseId));
}
