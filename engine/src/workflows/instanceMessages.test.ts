import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database/Database.js';
import {
  processXml,
  runtimeWithWorkflows,
  TEST_ORG,
  type RuntimeWithWorkflows,
} from './fixtures/runtimeWithWorkflows.js';
import { MESSAGE_CHAIN_LIMIT, type WorkflowRuntime } from './WorkflowRuntime.js';

/**
 * Messages between instances: a throw event of one instance reaches the instances of other
 * processes waiting for that message with the same business key, in the same transaction. Here
 * the county hospital decides in a process of its own and its decision reaches the township's
 * referral instance.
 */

/** The township waits for the county's decision, then ends accepted or declined. */
const TOWNSHIP = processXml(
  'township',
  ['countyDecision'],
  `    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Catch_decision" />
    <bpmn:intermediateCatchEvent id="Catch_decision">
      <bpmn:messageEventDefinition messageRef="Message_countyDecision" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Catch_decision" targetRef="Gateway_decision" />
    <bpmn:exclusiveGateway id="Gateway_decision" default="F_declined" />
    <bpmn:sequenceFlow id="F_accepted" sourceRef="Gateway_decision" targetRef="End_accepted">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"decision"},"accept"]}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F_declined" sourceRef="Gateway_decision" targetRef="End_declined" />
    <bpmn:endEvent id="End_accepted" />
    <bpmn:endEvent id="End_declined" />`,
);

/** The county receives the case, decides (a message from outside), and sends the decision. */
const COUNTY = processXml(
  'county',
  ['countyDecided', 'countyDecision'],
  `    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Receive_decided" />
    <bpmn:receiveTask id="Receive_decided" messageRef="Message_countyDecided" />
    <bpmn:sequenceFlow id="F2" sourceRef="Receive_decided" targetRef="Throw_decision" />
    <bpmn:intermediateThrowEvent id="Throw_decision">
      <bpmn:extensionElements>
        <camunda:properties><camunda:property name="variables" value="decision" /></camunda:properties>
      </bpmn:extensionElements>
      <bpmn:messageEventDefinition messageRef="Message_countyDecision" />
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="F3" sourceRef="Throw_decision" targetRef="End" />
    <bpmn:endEvent id="End" />`,
);

/** Two processes that answer each other's message for ever: a loop in the BPMN. */
const echo = (id: string, hears: string, says: string) =>
  processXml(
    id,
    [hears, says],
    `    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Merge" />
    <bpmn:exclusiveGateway id="Merge" />
    <bpmn:sequenceFlow id="F2" sourceRef="Merge" targetRef="Catch" />
    <bpmn:intermediateCatchEvent id="Catch">
      <bpmn:messageEventDefinition messageRef="Message_${hears}" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F3" sourceRef="Catch" targetRef="Throw" />
    <bpmn:intermediateThrowEvent id="Throw">
      <bpmn:messageEventDefinition messageRef="Message_${says}" />
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="F4" sourceRef="Throw" targetRef="Merge" />`,
  );

let env: RuntimeWithWorkflows;
let runtime: WorkflowRuntime;
let database: Database;
let serial = 0;

beforeAll(async () => {
  env = await runtimeWithWorkflows({
    'test-township': TOWNSHIP,
    'test-county': COUNTY,
    'test-ping': echo('ping', 'pong', 'ping'),
    'test-pong': echo('pong', 'ping', 'pong'),
  });
  ({ runtime, database } = env);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const start = async (key: string, businessKey: string) =>
  (await runtime.start(key, { ...TEST_ORG, businessKey, actor: 'test' })).instance;

const state = async (id: string) => {
  const { view } = await runtime.instance(id);
  return view;
};

describe('messages between instances', () => {
  it("given a township referral waiting for the county's decision, when the county decides in its own process, then the decision reaches the township's instance with its variables", async () => {
    const key = `case-${++serial}`;
    const township = await start('test-township', key);
    const other = await start('test-township', `case-${++serial}`);
    const county = await start('test-county', key);

    const moved = await runtime.correlate({
      message: 'countyDecided',
      instanceId: county.id,
      variables: { decision: 'accept' },
      actor: 'test',
    });
    expect(moved).toEqual([county.id]);

    const received = await state(township.id);
    expect(received.status).toBe('completed');
    expect(received.variables.decision).toBe('accept');
    expect(received.history.map((h) => [h.event, h.elementId])).toContainEqual([
      'element.completed',
      'End_accepted',
    ]);
    expect(received.history.find((h) => h.event === 'message.received')?.details).toEqual({
      message: 'countyDecision',
      from: county.id,
    });
    const sent = (await state(county.id)).history.find((h) => h.event === 'message.sent');
    expect(sent?.details).toEqual({
      message: 'countyDecision',
      businessKey: key,
      delivered: [township.id],
    });
    // A referral with another business key still waits.
    const untouched = await state(other.id);
    expect(untouched.status).toBe('waiting');
    expect(untouched.version).toBe(other.version);
  });

  it('given a decline, then the township ends declined and only the township of that case hears it', async () => {
    const key = `case-${++serial}`;
    const township = await start('test-township', key);
    const county = await start('test-county', key);
    await runtime.correlate({
      message: 'countyDecided',
      instanceId: county.id,
      variables: { decision: 'decline', note: 'not carried' },
      actor: 'test',
    });
    const received = await state(township.id);
    expect(received.status).toBe('completed');
    expect(received.variables.decision).toBe('decline');
    expect(received.variables).not.toHaveProperty('note');
    expect(received.history.map((h) => h.elementId)).toContain('End_declined');
  });

  it(`given two processes that answer each other for ever, when one hears the first message, then the step fails after ${MESSAGE_CHAIN_LIMIT} hops and nothing changes`, async () => {
    const key = `loop-${++serial}`;
    const ping = await start('test-ping', key);
    const pong = await start('test-pong', key);
    const failure = runtime.correlate({ message: 'pong', instanceId: ping.id, actor: 'test' });
    await expect(failure).rejects.toMatchObject({ status: 422, code: 'message_loop' });
    for (const before of [ping, pong]) {
      const after = await state(before.id);
      expect(after.version).toBe(before.version);
      expect(after.history.map((h) => h.event)).not.toContain('message.received');
    }
    const [waiting] = await database.sequelize.query<{ n: string }>(
      `SELECT count(*) AS n FROM workflow_subscriptions WHERE business_key = $1 AND status = 'waiting'`,
      { bind: [key], type: QueryTypes.SELECT },
    );
    expect(Number(waiting?.n)).toBe(2);
  });
});
