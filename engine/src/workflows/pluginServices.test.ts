import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../server/Engine.js';
import { createLogger } from '../logging/createLogger.js';
import { PluginLoadError } from '../plugin-host/PluginHost.js';
import { createTestDatabase, testEngineConfig, type TestUser } from '../testing/index.js';
import { CONSULT_REPORT } from './fixtures/forms.js';
import { testCa } from './fixtures/reportSigningPlugin.js';
import { WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * Workflow services from plugins: the consultation's `sign-report` step runs the service a
 * plugin registered through the plugin API; when it fails, an incident holds the instance
 * until a workflow admin retries or cancels it.
 */

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url).pathname;
const CLINIC = '350121101201-V01';
const f = new WorkflowScenario();
const { openTask, complete } = f;
let users: Record<'township' | 'county' | 'admin' | 'otherAdmin', TestUser>;
let token: Record<keyof typeof users, string>;

/** A consultation triaged and confirmed: the expert's report is the next step. */
const awaitingReport = () =>
  f.consultationAwaitingReport(token, CLINIC, {
    birthDate: '1959-09-30',
    firstSerial: 600,
    namePrefix: '签名对象',
  });

const view = (id: string) => f.view(token.township, id);

const incidentsOf = async (as: string, instanceId: string) => {
  const res = await f.request('GET', '/api/workflows/incidents', as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.incidents as { id: string; instanceId: string; error: string }[]).filter(
    (i) => i.instanceId === instanceId,
  );
};

beforeAll(async () => {
  await f.startEngine({ plugins: [fixture('reportSigningPlugin')] });
  users = {
    township: await f.user('township-phc', '350121101'),
    county: await f.user('county-clinician', '350121'),
    admin: await f.user('province-configurator', '350000', { withTotp: true }),
    otherAdmin: await f.user('province-configurator', '530000', { withTotp: true }),
  };
  // The report is signed on the day the fixture's report names; sign in once (a TOTP code is
  // accepted once, and the clock stands still from here on).
  f.clock.advance(3 * 24 * 3600_000);
  token = await f.signIn(users);
}, 60_000);
beforeEach(() => {
  testCa.available = true;
});
afterAll(() => f.stop({ quiet: true }));

describe('workflow services registered by plugins', () => {
  it('given a CA plugin registering sign-report, when the expert completes the report, then the plugin signs it and the consultation closes', async () => {
    const id = await awaitingReport();
    const done = await complete(
      token.county,
      await openTask(token.county, id, 'UserTask_consult'),
      {
        data: CONSULT_REPORT,
      },
    );
    expect(done.instance.status).toBe('completed');
    expect(done.instance.variables.reportSignature).toEqual(expect.any(String));
    expect(testCa.signed).toContain(id);
    // The plugin signed the report's submission (the last completed task's) as the expert
    const reportId = done.task.submissionId as string;
    const signer = `CN=${users.county.username}, O=Formwork Test`;
    const signed = (await view(id)).history.find((h) => h.event === 'report-signed');
    expect(signed?.details).toEqual({ signer, submissionId: reportId });
    const verified = await f.request('GET', `/api/submissions/${reportId}/signature`, token.county);
    expect(verified.body).toMatchObject({ status: 'valid', signer });
  });

  it('given the CA does not answer, when the report is completed, then an incident holds the instance with the error; when the CA is back and the admin retries, then the report is signed once and the consultation closes', async () => {
    const id = await awaitingReport();
    testCa.available = false;
    const stored = await complete(
      token.county,
      await openTask(token.county, id, 'UserTask_consult'),
      { data: CONSULT_REPORT },
    );
    expect(stored.instance.status).toBe('incident');
    const [incident, ...more] = await incidentsOf(token.admin, id);
    expect(more).toEqual([]);
    expect(incident!.error).toContain('The CA service does not answer');
    expect(incident!.error).toContain('nothing was stored');
    // Another province's admin neither sees nor touches it.
    expect(await incidentsOf(token.otherAdmin, id)).toEqual([]);
    const foreign = await f.request(
      'POST',
      `/api/workflows/incidents/${incident!.id}/retry`,
      token.otherAdmin,
    );
    expect(foreign.status).toBe(404);
    // Frontline staff may not retry.
    const township = await f.request(
      'POST',
      `/api/workflows/incidents/${incident!.id}/retry`,
      token.township,
    );
    expect(township.status).toBe(403);

    testCa.available = true;
    const retried = await f.request(
      'POST',
      `/api/workflows/incidents/${incident!.id}/retry`,
      token.admin,
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.status).toBe('completed');
    expect((await f.auditActions()).at(-1)).toBe('workflow.incident.retry');
    expect(testCa.signed.filter((s) => s === id)).toHaveLength(1);
    const history = (await view(id)).history;
    const events = history.map((h) => h.event);
    expect(events.filter((e) => e === 'report-signed')).toHaveLength(1);
    // The history reads for people: who retried (by name) and which step signed.
    expect(history.find((h) => h.event === 'incident.retried')).toMatchObject({
      actor: users.admin.id,
      actorName: users.admin.username,
    });
    expect(history.find((h) => h.event === 'report-signed')).toMatchObject({
      elementId: 'ServiceTask_sign',
      elementName: 'CA 签名 Sign report',
    });
    expect(await incidentsOf(token.admin, id)).toEqual([]);
    const again = await f.request(
      'POST',
      `/api/workflows/incidents/${incident!.id}/retry`,
      token.admin,
    );
    expect(again.status).toBe(409);
  });

  it('given an incident, when the admin cancels it, then the consultation is cancelled and nothing more runs', async () => {
    const id = await awaitingReport();
    testCa.available = false;
    await complete(token.county, await openTask(token.county, id, 'UserTask_consult'), {
      data: CONSULT_REPORT,
    });
    const [incident] = await incidentsOf(token.admin, id);
    const cancelled = await f.request(
      'POST',
      `/api/workflows/incidents/${incident!.id}/cancel`,
      token.admin,
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await f.auditActions()).at(-1)).toBe('workflow.incident.cancel');
    const after = await view(id);
    expect(after.status).toBe('cancelled');
    expect(after.history.at(-1)?.event).toBe('instance.cancelled');
    expect(testCa.signed).not.toContain(id);
  });
});

describe('registering workflow services', () => {
  it('given a workflow admin modelling a service task, when they ask for the registered services, then the engine’s and the plugin’s are listed by name; staff who only work tasks are refused', async () => {
    const res = await f.request('GET', '/api/workflows/services', token.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const names = (res.body.services as { name: string }[]).map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(['notify', 'escalate', 'schedule-follow-up', 'sign-report']),
    );
    const refused = await f.request('GET', '/api/workflows/services', token.township);
    expect(refused.status).toBe(403);
  });

  it('refuses to start when two plugins register the same service, naming the first', async () => {
    const database = await createTestDatabase();
    try {
      const config = testEngineConfig(database, {
        logLevel: 'silent',
        plugins: [fixture('reportSigningPlugin'), fixture('rivalSigningPlugin')],
      });
      const failure = Engine.start(config, createLogger('silent'));
      await expect(failure).rejects.toBeInstanceOf(PluginLoadError);
      await expect(failure).rejects.toThrow(
        /formwork-test-report-signing already registered workflow service "sign-report"/,
      );
    } finally {
      await database.drop();
    }
  });
});
