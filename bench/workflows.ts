/**
 * Durable workflows: complete two-way referrals (the seed BPMN) driven through WorkflowRuntime in
 * this process, every step one database transaction (recover the saved state, act, run to the
 * next wait, save state, tasks, timers, subscriptions and history), against the ceiling: bare
 * bpmn-engine running the same BPMN source in memory along the same path, in the same run.
 *   npm run bench -- workflows          (embedded PGlite)
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench -- workflows
 *   BENCH_WORKFLOWS_N=500 BENCH_WORKFLOWS_CONCURRENCY=16 npm run bench -- workflows
 * One instance takes six steps: start (waits on UserTask_fill) → the township completes
 * UserTask_fill with a referral-out slip → the county completes UserTask_decide with
 * decision=accept → the message referralPatientArrived is correlated by business key
 * (ReceiveTask_arrival) → the county completes UserTask_return with a referral-return slip → the
 * township completes UserTask_followup_hypertension with a hypertension follow-up (its P14D
 * boundary timer is scheduled, then cancelled) → completed. Form data is validated and stored as
 * submissions, as through the API. A first pass (BENCH_WORKFLOWS_SAMPLE instances moved in
 * lockstep, which also warms up) measures the saved state at every wait point.
 * With DATABASE_URL the bench creates (and drops) its own database on that server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine as BpmnEngine } from 'bpmn-engine';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { QueryTypes } from 'sequelize';
import { makeResidentIdNumber } from '@formwork/definitions';
import { Caller } from '../engine/src/access/Caller.js';
import { createLogger } from '../engine/src/logging/createLogger.js';
import { demoOrgTree } from '../engine/src/seeding/demoWorld.js';
import { Engine } from '../engine/src/server/Engine.js';
import { HT_VISIT } from '../engine/src/submissions/fixtures/hypertensionVisit.js';
import { TestClock } from '../engine/src/testing/identityFixture.js';
import { testEngineConfig } from '../engine/src/testing/testEngineConfig.js';
import type { ServiceRegistry } from '../engine/src/workflows/ServiceRegistry.js';
import { jsonLogicScripts } from '../engine/src/workflows/WorkflowSession.js';
import { REFERRAL_OUT, REFERRAL_RETURN } from '../engine/src/workflows/fixtures/forms.js';
import { benchDatabase } from './lib/benchDatabase.js';
import { Report } from './lib/report.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- bpmn-engine's element APIs are untyped */

const count = Number(process.env.BENCH_WORKFLOWS_N ?? 100);
const concurrency = Number(process.env.BENCH_WORKFLOWS_CONCURRENCY ?? 8);
const sample = Number(process.env.BENCH_WORKFLOWS_SAMPLE ?? 20);
const KEY = 'two-way-referral';
const CLINIC = '350121101201-V01';
const TOWNSHIP = '350121101';
const COUNTY = '350121';
const AIM_BYTES = 4096;

const seconds = (since: number) => (performance.now() - since) / 1000;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs work(0..total-1), `width` at a time; progress on stderr every 5 s. */
async function inPool(
  label: string,
  total: number,
  width: number,
  work: (i: number) => Promise<void>,
) {
  let next = 0;
  let done = 0;
  let drawn = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(width, total) }, async () => {
      while (next < total) {
        await work(next++);
        done++;
        if (performance.now() - drawn > 5000) {
          drawn = performance.now();
          process.stderr.write(`  ${label}: ${done}/${total} instances\n`);
        }
      }
    }),
  );
}

const server = await benchDatabase('workflows');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-workflows-'));
const clock = new TestClock();
const config = testEngineConfig(
  { kind: server ? 'postgres' : 'pglite', databaseUrl: server?.url, dataDir, drop: async () => {} },
  { logLevel: 'warn', dataKey: randomBytes(32).toString('base64') },
);
const engine = await Engine.start(config, createLogger('warn'), { clock });
try {
  const { database, services } = engine;
  const runtime = services.workflows;
  const q = <T extends object>(sql: string, bind: unknown[]) =>
    database.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

  // The demo org tree, a township doctor and a county clinician, one resident of a Fujian clinic.
  const tree = demoOrgTree();
  await database.transaction((t) => services.orgs.saveTree(tree.year, tree.units, t));
  const passwordHash = await services.hasher.hash(randomBytes(16).toString('hex'));
  const user = async (role: string, grantOrg: string) => {
    const org = (await services.orgs.get(grantOrg))!;
    const id = await database.transaction(async (transaction) => {
      const created = await services.users.create(
        {
          username: `bench-${role}`,
          displayName: role,
          orgCode: org.code,
          orgPath: org.path,
          passwordHash,
        },
        clock.now(),
        null,
        transaction,
      );
      await services.users.addGrant(
        { userId: created.id, role, orgCode: org.code, orgPath: org.path, grantedBy: null },
        clock.now(),
        transaction,
      );
      return created.id;
    });
    const who = { id, username: `bench-${role}`, displayName: role, orgCode: org.code };
    return new Caller(who, randomUUID(), false, await services.users.grants(id));
  };
  const township = await user('township-phc', TOWNSHIP);
  const county = await user('county-clinician', COUNTY);
  const clinic = (await services.orgs.get(CLINIC))!;
  const subject = await services.subjects.create(
    {
      name: '转诊对象',
      idNumber: makeResidentIdNumber(CLINIC.slice(0, 6), '1958-03-14', 501),
      orgCode: CLINIC,
    },
    township,
    township.scope('records.capture')!,
    { requestId: 'bench-workflows', ip: undefined },
  );
  const release = services.catalog.forOrgPath(clinic.path);
  const source = release.spec.workflows[KEY]!;
  const countyScope = county.scope('tasks.work')!;

  // ── The six steps of one referral, through WorkflowRuntime ──
  interface Instance {
    id: string;
    businessKey: string;
  }
  const worklistLimit = Math.max(200, sample + concurrency);
  const complete = async (
    caller: Caller,
    instance: Instance,
    elementId: string,
    input: { data?: Record<string, unknown>; variables?: Record<string, unknown> },
  ) => {
    const task = (await runtime.tasks.worklist(caller, worklistLimit)).find(
      (t) => t.instanceId === instance.id && t.elementId === elementId,
    );
    if (!task) throw new Error(`${elementId} of ${instance.id} is not on the worklist`);
    const { instance: after } = await runtime.tasks.complete(task.id, caller, input, task.version, {
      requestId: 'bench',
      ip: undefined,
    });
    if (after.status === 'incident') throw new Error(`${instance.id} ran into an incident`);
    return after.status;
  };
  const steps: {
    name: string;
    waitsAt: string | null;
    run(instance: Instance): Promise<unknown>;
  }[] = [
    {
      name: 'start',
      waitsAt: 'UserTask_fill',
      run: async (instance) => {
        const { instance: started } = await runtime.start(KEY, {
          orgCode: CLINIC,
          orgPath: clinic.path,
          subjectId: subject.id,
          businessKey: instance.businessKey,
          actor: township.user.id,
          startedBy: township.user.id,
        });
        instance.id = started.id;
      },
    },
    {
      name: 'fill referral-out',
      waitsAt: 'UserTask_decide',
      run: (instance) => complete(township, instance, 'UserTask_fill', { data: REFERRAL_OUT }),
    },
    {
      name: 'accept',
      waitsAt: 'ReceiveTask_arrival',
      run: (instance) =>
        complete(county, instance, 'UserTask_decide', { variables: { decision: 'accept' } }),
    },
    {
      name: 'patient arrived (message)',
      waitsAt: 'UserTask_return',
      run: async (instance) => {
        const moved = await runtime.correlate({
          message: 'referralPatientArrived',
          businessKey: instance.businessKey,
          actor: county.user.id,
          covers: (orgPath) => countyScope.covers(orgPath),
        });
        if (moved.length !== 1) throw new Error(`arrival moved ${moved.length} instances`);
      },
    },
    {
      name: 'return',
      waitsAt: 'UserTask_followup_hypertension',
      run: (instance) => complete(county, instance, 'UserTask_return', { data: REFERRAL_RETURN }),
    },
    {
      name: 'follow-up',
      waitsAt: null,
      run: async (instance) => {
        const status = await complete(township, instance, 'UserTask_followup_hypertension', {
          data: HT_VISIT,
        });
        if (status !== 'completed')
          throw new Error(`${instance.id} ended ${status}, not completed`);
      },
    },
  ];
  let serial = 0;
  const newInstance = (): Instance => ({ id: '', businessKey: `bench-ref-${++serial}` });

  process.stderr.write(
    `${database.kind}${server ? '' : ' (embedded; set DATABASE_URL for PostgreSQL)'}: ${KEY} of ${release.id}, path: ${steps.map((s) => s.name).join(' → ')}\n`,
  );

  // ── Saved state at each wait point: `sample` instances moved in lockstep (also the warm-up) ──
  process.stderr.write(`saved state: ${sample} instances, step by step …\n`);
  const footprint: { label: string; waitsAt: string; text: number[]; stored: number[] }[] = [];
  const sampled = Array.from({ length: sample }, newInstance);
  for (const step of steps) {
    await inPool(step.name, sample, concurrency, (i) => step.run(sampled[i]!).then(() => {}));
    if (!step.waitsAt) continue;
    const rows = await q<{ status: string; waits: boolean; text: number; stored: number }>(
      `SELECT i.status, EXISTS (SELECT 1 FROM workflow_tasks t WHERE t.instance_id = i.id
           AND t.element_id = $2 AND t.status = 'open')
         OR EXISTS (SELECT 1 FROM workflow_subscriptions s WHERE s.instance_id = i.id
           AND s.element_id = $2 AND s.status = 'waiting') AS waits,
         octet_length(i.state::text) AS text, pg_column_size(i.state) AS stored
       FROM workflow_instances i WHERE i.id = ANY($1::uuid[])`,
      [sampled.map((s) => s.id), step.waitsAt],
    );
    const wrong = rows.filter((r) => r.status !== 'waiting' || !r.waits);
    if (rows.length !== sample || wrong.length) {
      throw new Error(
        `after ${step.name}: ${wrong.length} instances not waiting at ${step.waitsAt}`,
      );
    }
    footprint.push({
      label: `after ${step.name} [${step.waitsAt}]`,
      waitsAt: step.waitsAt,
      text: rows.map((r) => Number(r.text)),
      stored: rows.map((r) => Number(r.stored)),
    });
  }

  // ── Persisted run ──
  process.stderr.write(`persisted: ${count} referrals, ${concurrency} at a time …\n`);
  const latencies: number[] = [];
  const statementsBefore = database.statementCount;
  const runStarted = performance.now();
  const measured: Instance[] = [];
  await inPool('persisted', count, concurrency, async () => {
    const instance = newInstance();
    measured.push(instance);
    for (const step of steps) {
      const stepStarted = performance.now();
      await step.run(instance);
      latencies.push(performance.now() - stepStarted);
    }
  });
  const persistedSeconds = seconds(runStarted);
  const statements = database.statementCount - statementsBefore;
  const [completed] = await q<{ n: string }>(
    `SELECT count(*) AS n FROM workflow_instances WHERE id = ANY($1::uuid[])
       AND status = 'completed' AND state IS NULL`,
    [measured.map((m) => m.id)],
  );
  if (Number(completed!.n) !== count) {
    throw new Error(`${completed!.n} of ${count} instances completed`);
  }
  latencies.sort((a, b) => a - b);

  // ── Ceiling: bare bpmn-engine, same BPMN source, same path, in memory ──
  const inMemory = async (label: string, run: (i: number) => Promise<void>) => {
    process.stderr.write(
      `${label}: warming up, then ${count} referrals, ${concurrency} at a time …\n`,
    );
    await inPool(`${label} (warm-up)`, 10, concurrency, run);
    const began = performance.now();
    await inPool(label, count, concurrency, run);
    return seconds(began);
  };
  const memorySeconds = await inMemory(
    'bare bpmn-engine in memory',
    inMemoryReferral({ source }, runtime.services),
  );
  // For reference: the same, with the definition parsed once (as WorkflowSession reuses it).
  const { sourceContext } = await runtime.definitions.get(release, KEY);
  const parsedOnceSeconds = await inMemory(
    'bare bpmn-engine in memory, parsed once',
    inMemoryReferral({ sourceContext }, runtime.services),
  );

  const report = new Report('workflows');
  const rate = count / persistedSeconds;
  const memoryRate = count / memorySeconds;
  report.add('completed instances/s (persisted)', rate, 'inst/s', memoryRate);
  report.add('steps/s (persisted)', (count * steps.length) / persistedSeconds, 'steps/s');
  report.add('step latency p50', percentile(latencies, 50), 'ms');
  report.add('step latency p99', percentile(latencies, 99), 'ms');
  report.add('SQL statements per instance', statements / count, 'stmts');
  report.add('SQL statements per step', statements / (count * steps.length), 'stmts');
  report.add('completed instances/s (bare bpmn-engine in memory)', memoryRate, 'inst/s');
  const parsedOnceRate = count / parsedOnceSeconds;
  report.add('completed instances/s (bare bpmn-engine, parsed once)', parsedOnceRate, 'inst/s');
  report.add('persisted vs parsed once', rate, 'inst/s', parsedOnceRate);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const point of footprint) {
    for (const [kind, xs] of [
      ['text', point.text],
      ['stored', point.stored],
    ] as const) {
      report.add(`state ${point.label}, ${kind}: mean`, mean(xs), 'B');
      report.add(`state ${point.label}, ${kind}: min`, Math.min(...xs), 'B');
      report.add(`state ${point.label}, ${kind}: max`, Math.max(...xs), 'B');
    }
  }
  report.printTable();
  const verdict = (bytes: number) => (bytes <= AIM_BYTES ? 'met' : 'NOT met');
  const largest = Math.max(...footprint.flatMap((p) => p.text));
  const largestStored = Math.max(...footprint.flatMap((p) => p.stored));
  process.stdout.write(
    `\n${database.kind}, ${release.id}: one instance = ${steps.length} steps (${steps.map((s) => s.name).join(' → ')})\n` +
      `4 KiB aim (${AIM_BYTES} B) for the saved state of a waiting instance, as JSON text: ` +
      `${verdict(largest)} (largest ${largest} B; stored by PostgreSQL, compressed: ${largestStored} B, ${verdict(largestStored)})\n`,
  );
  for (const point of footprint) {
    const max = Math.max(...point.text);
    process.stdout.write(
      `  waiting at ${point.waitsAt}: ${verdict(max)} (max ${max} B text, ${Math.max(...point.stored)} B stored)\n`,
    );
  }
} finally {
  await engine.stop();
  await server?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * One referral on bare bpmn-engine, as a user of the library would write it: an Engine per
 * instance from the BPMN source (parsed every time, with the Camunda moddle extension), the same
 * JsonLogic conditions and the same registered services (the engine's ServiceRegistry) as
 * WorkflowSession wires, real timers, the user tasks signalled with the same values, the message
 * delivered by signal; nothing saved.
 */
function inMemoryReferral(
  definition: { source: string } | { sourceContext: unknown },
  services: ServiceRegistry,
) {
  return async (i: number) => {
    const instanceId = `memory-${i}`;
    const engine = new BpmnEngine({
      name: instanceId,
      ...('source' in definition
        ? { source: definition.source, moddleOptions: { camunda: camundaSchema } }
        : { sourceContext: definition.sourceContext }),
      scripts: jsonLogicScripts(),
      extensions: {
        services(activity: any) {
          if (activity.type !== 'bpmn:ServiceTask' && activity.type !== 'bpmn:SendTask') return;
          activity.behaviour.Service = function Service() {
            return {
              execute(_message: any, callback: any) {
                const service = services.get(activity.behaviour.topic ?? '');
                if (!service) return callback(new Error(`no service ${activity.behaviour.topic}`));
                Promise.resolve(
                  service({
                    instanceId,
                    elementId: activity.id,
                    properties: {},
                    variables: activity.environment.variables,
                    record: () => undefined,
                  }),
                ).then((output) => callback(null, output ?? {}), callback);
              },
            };
          };
        },
      },
    } as any);
    const listener = new EventEmitter();
    const arrived = new Map<string, any>();
    const waiting = new Map<string, (api: any) => void>();
    listener.on('activity.wait', (api: any) => {
      const resolve = waiting.get(api.id);
      if (resolve) {
        waiting.delete(api.id);
        resolve(api);
      } else arrived.set(api.id, api);
    });
    const waitFor = (id: string) =>
      new Promise<any>((resolve) => {
        const api = arrived.get(id);
        if (api) {
          arrived.delete(id);
          resolve(api);
        } else waiting.set(id, resolve);
      });
    const ended = new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
    });
    const signal = async (id: string, values: Record<string, unknown>) => {
      const api = await waitFor(id);
      Object.assign(api.environment.variables, values);
      api.signal(values);
    };
    const execution = await engine.execute({
      listener,
      variables: { subjectId: randomUUID() },
    } as any);
    // The message start event waits too: discarded, as WorkflowRuntime.start does.
    for (const api of execution.getPostponed()) if (api.id === 'StartEvent_urgent') api.discard();
    await signal('UserTask_fill', REFERRAL_OUT);
    await signal('UserTask_decide', { decision: 'accept' });
    await waitFor('ReceiveTask_arrival');
    execution.signal({ id: 'Message_referralPatientArrived' });
    await signal('UserTask_return', REFERRAL_RETURN);
    await signal('UserTask_followup_hypertension', HT_VISIT);
    await ended;
  };
}
