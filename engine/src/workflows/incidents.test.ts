import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceRegistry } from './ServiceRegistry.js';
import {
  processXml,
  runtimeWithWorkflows,
  TEST_ORG,
  type RuntimeWithWorkflows,
} from './fixtures/runtimeWithWorkflows.js';

/**
 * An instance held by an incident (a failed service) loses nothing: its timers wait and fire
 * once the incident is retried, and a step that runs the failing service again keeps one
 * incident open with the latest error.
 */

/** Two branches at once: a service that may fail, and a one-hour timer; both must finish. */
const PARALLEL = processXml(
  'parallel',
  [],
  `    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" />
    <bpmn:parallelGateway id="Split" />
    <bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="Service_lab" />
    <bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="Timer_1h" />
    <bpmn:serviceTask id="Service_lab" name="取化验结果 Fetch lab results" camunda:type="external" camunda:topic="fetch-lab" />
    <bpmn:sequenceFlow id="F4" sourceRef="Service_lab" targetRef="Join" />
    <bpmn:intermediateCatchEvent id="Timer_1h">
      <bpmn:timerEventDefinition>
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F5" sourceRef="Timer_1h" targetRef="Join" />
    <bpmn:parallelGateway id="Join" />
    <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="End" />
    <bpmn:endEvent id="End" />`,
);

/** The same failing service, and a message that may arrive meanwhile. */
const WITH_MESSAGE = processXml(
  'with-message',
  ['labReminder'],
  `    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Split" />
    <bpmn:parallelGateway id="Split" />
    <bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="Service_lab" />
    <bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="Catch_reminder" />
    <bpmn:serviceTask id="Service_lab" camunda:type="external" camunda:topic="fetch-lab" />
    <bpmn:sequenceFlow id="F4" sourceRef="Service_lab" targetRef="Join" />
    <bpmn:intermediateCatchEvent id="Catch_reminder">
      <bpmn:messageEventDefinition messageRef="Message_labReminder" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F5" sourceRef="Catch_reminder" targetRef="Join" />
    <bpmn:parallelGateway id="Join" />
    <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="End" />
    <bpmn:endEvent id="End" />`,
);

const lab = { answers: false };
let env: RuntimeWithWorkflows;

beforeAll(async () => {
  const services = new ServiceRegistry();
  services.add('fetch-lab', () => {
    if (!lab.answers) throw new Error('化验系统无响应 / The lab system does not answer');
    return { labResults: 'normal' };
  });
  env = await runtimeWithWorkflows(
    { 'test-parallel': PARALLEL, 'test-with-message': WITH_MESSAGE },
    services,
  );
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe('an instance held by an incident', () => {
  it('given a failed service in one branch and a timer in the other, when the timer falls due, then it waits for the incident; after a retry it fires once and the instance completes', async () => {
    const { runtime, clock, database } = env;
    lab.answers = false;
    const { instance } = await runtime.start('test-parallel', { ...TEST_ORG, actor: 'test' });
    expect(instance.status).toBe('incident');
    const timers = async () =>
      (
        await database.sequelize.query<{ status: string }>(
          'SELECT status FROM workflow_timers WHERE instance_id = $1',
          { bind: [instance.id], type: 'SELECT' as never },
        )
      ).map((t) => t.status);
    expect(await timers()).toEqual(['pending']);

    clock.advance(2 * 3600_000);
    expect(await runtime.fireNextDueTimer('test')).toBe(false);
    expect(await timers()).toEqual(['pending']);
    const held = (await runtime.instance(instance.id)).view;
    expect(held.status).toBe('incident');
    expect(held.history.map((h) => h.event)).not.toContain('timer.fired');

    lab.answers = true;
    const [incident] = await runtime.incidents.list([`${TEST_ORG.orgPath}%`]);
    const retried = await runtime.incidents.retry(incident!.id, 'test', () => true);
    expect(retried.status).toBe('waiting');
    expect(retried.variables.labResults).toBe('normal');

    expect(await runtime.fireNextDueTimer('test')).toBe(true);
    expect(await runtime.fireNextDueTimer('test')).toBe(false);
    expect(await timers()).toEqual(['fired']);
    const done = (await runtime.instance(instance.id)).view;
    expect(done.status).toBe('completed');
    expect(done.history.filter((h) => h.event === 'timer.fired')).toHaveLength(1);
  });

  it('given an incident, when a message makes the instance run the failing service again and it fails again, then one incident stays open with the latest error', async () => {
    const { runtime } = env;
    lab.answers = false;
    const { instance } = await runtime.start('test-with-message', {
      ...TEST_ORG,
      businessKey: 'lab-1',
      actor: 'test',
    });
    expect(instance.status).toBe('incident');
    const open = async () =>
      (await runtime.incidents.list([`${TEST_ORG.orgPath}%`])).filter(
        (i) => i.instanceId === instance.id,
      );
    expect(await open()).toHaveLength(1);

    const moved = await runtime.correlate({
      message: 'labReminder',
      businessKey: 'lab-1',
      actor: 'test',
    });
    expect(moved).toEqual([instance.id]);
    const [incident, ...more] = await open();
    expect(more).toEqual([]);
    expect(incident!.elementId).toBe('Service_lab');
    expect((await runtime.instance(instance.id)).view.status).toBe('incident');

    lab.answers = true;
    const retried = await runtime.incidents.retry(incident!.id, 'test', () => true);
    expect(retried.status).toBe('completed');
    expect(await open()).toEqual([]);
  });

  it('given a due timer whose instance cannot run (pinned to a release this engine has not loaded), when timers fall due, then that instance is held as an incident with the error and the timers due after it still fire', async () => {
    const { runtime, clock, database } = env;
    lab.answers = true;
    const start = async () =>
      (await runtime.start('test-parallel', { ...TEST_ORG, actor: 'test' })).instance;
    const broken = await start();
    clock.advance(1000);
    const healthy = await start();
    await database.sequelize.query(
      "UPDATE workflow_instances SET release_id = 'no-such-release' WHERE id = $1",
      { bind: [broken.id] },
    );

    clock.advance(2 * 3600_000);
    let polls = 0;
    while (await runtime.fireNextDueTimer('test')) polls++;
    expect(polls).toBe(2);

    expect((await runtime.instance(healthy.id)).view.status).toBe('completed');
    const held = await database.sequelize.query<{ status: string }>(
      'SELECT status FROM workflow_instances WHERE id = $1',
      { bind: [broken.id], type: 'SELECT' as never },
    );
    expect(held.map((r) => r.status)).toEqual(['incident']);
    const [incident, ...more] = (await runtime.incidents.list([`${TEST_ORG.orgPath}%`])).filter(
      (i) => i.instanceId === broken.id,
    );
    expect(more).toEqual([]);
    expect(incident).toMatchObject({ elementId: 'Timer_1h' });
    expect(incident!.error).toContain('no-such-release');
  });
});
