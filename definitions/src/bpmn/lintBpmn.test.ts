import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BPMN_PROBLEM_CODES,
  lintBpmn,
  SUPPORTED_BPMN_SUBSET,
  type BpmnLintResult,
  type BpmnProblem,
} from './lintBpmn.js';

const fixture = (path: string): string =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

/** [code, elementId] of each problem, sorted, so a test states the whole outcome at once. */
const found = (problems: readonly BpmnProblem[]): [string, string | null][] =>
  problems
    .map((problem): [string, string | null] => [problem.code, problem.elementId])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const sorted = (pairs: [string, string | null][]): [string, string | null][] =>
  [...pairs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The result's shape holds, and no input made the lint itself fail (`lint-failed` is a bug). */
function expectWellFormed(result: BpmnLintResult): void {
  expect(result.ok).toBe(result.errors.length === 0);
  expect(result.errors.map(({ code }) => code)).not.toContain('lint-failed');
  for (const problem of [...result.errors, ...result.warnings]) {
    expect(Object.keys(BPMN_PROBLEM_CODES)).toContain(problem.code);
    expect(problem.message.zh.length).toBeGreaterThan(0);
    expect(problem.message.en.length).toBeGreaterThan(0);
    if (problem.elementId !== null) {
      expect(problem.message.zh).toContain(problem.elementId);
      expect(problem.message.en).toContain(problem.elementId);
    }
  }
  for (const problem of result.errors) {
    expect(BPMN_PROBLEM_CODES[problem.code].severity).toBe('error');
  }
  for (const problem of result.warnings) {
    expect(BPMN_PROBLEM_CODES[problem.code].severity).toBe('warning');
  }
}

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';

const definitions = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NAMESPACES} id="Definitions_test" targetNamespace="https://formwork.example/bpmn">\n${body}\n</bpmn:definitions>`;

const processOf = (body: string, attributes = 'isExecutable="true"'): string =>
  definitions(`<bpmn:process id="Process_test" ${attributes}>\n${body}\n</bpmn:process>`);

/** StartEvent_1 → `first` … `last` → EndEvent_1, with `elements` in between. */
const around = (elements: string, first: string, last = first): string =>
  processOf(`<bpmn:startEvent id="StartEvent_1" />
${elements}
<bpmn:endEvent id="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_in" sourceRef="StartEvent_1" targetRef="${first}" />
<bpmn:sequenceFlow id="Flow_out" sourceRef="${last}" targetRef="EndEvent_1" />`);

const jsonlogic = (rule: string): string =>
  `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">${rule}</bpmn:conditionExpression>`;

/** A decision gateway whose two exits carry the given conditionExpression elements. */
const decision = (accept: string, reject: string, gatewayAttributes = ''): string =>
  around(
    `<bpmn:userTask id="UserTask_review" camunda:formKey="referral-review" />
<bpmn:exclusiveGateway id="Gateway_decision" ${gatewayAttributes} />
<bpmn:endEvent id="EndEvent_rejected" />
<bpmn:sequenceFlow id="Flow_review" sourceRef="UserTask_review" targetRef="Gateway_decision" />
<bpmn:sequenceFlow id="Flow_accept" sourceRef="Gateway_decision" targetRef="EndEvent_1">${accept}</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="Flow_reject" sourceRef="Gateway_decision" targetRef="EndEvent_rejected">${reject}</bpmn:sequenceFlow>`,
    'UserTask_review',
    'UserTask_review',
  ).replace(
    '<bpmn:sequenceFlow id="Flow_out" sourceRef="UserTask_review" targetRef="EndEvent_1" />',
    '',
  );

const ACCEPT = jsonlogic('{"==":[{"var":"decision"},"accept"]}');
const REJECT = jsonlogic('{"==":[{"var":"decision"},"reject"]}');

const timer = (definition: string): string =>
  around(
    `<bpmn:userTask id="UserTask_opinion" camunda:formKey="consult-opinion" />
<bpmn:boundaryEvent id="BoundaryEvent_timeout" attachedToRef="UserTask_opinion">
  <bpmn:timerEventDefinition id="TimerEventDefinition_1">${definition}</bpmn:timerEventDefinition>
</bpmn:boundaryEvent>
<bpmn:endEvent id="EndEvent_timeout" />
<bpmn:sequenceFlow id="Flow_timeout" sourceRef="BoundaryEvent_timeout" targetRef="EndEvent_timeout" />`,
    'UserTask_opinion',
  );

const value = (kind: string, text: string): string =>
  `<bpmn:${kind} xsi:type="bpmn:tFormalExpression">${text}</bpmn:${kind}>`;

describe('lintBpmn: the good diagrams', () => {
  it.each(readdirSync(new URL('./fixtures/good/', import.meta.url)))(
    'given the good fixture %s, when linted, then it is ok, supported and has no warnings',
    async (file) => {
      const result = await lintBpmn(fixture(`good/${file}`));
      expectWellFormed(result);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result).toMatchObject({ ok: true, supported: true });
      expect(result.processIds).toHaveLength(1);
    },
  );

  it('given the referral diagram, when linted, then its process id is returned', async () => {
    const result = await lintBpmn(fixture('good/two-way-referral.bpmn'));
    expect(result.processIds).toEqual(['Process_referral']);
  });

  it('given a good diagram with a byte-order mark, when linted, then it is ok', async () => {
    const result = await lintBpmn(`\uFEFF${fixture('good/remote-consultation.bpmn')}`);
    expect(result).toMatchObject({ ok: true, supported: true, errors: [], warnings: [] });
  });
});

describe('lintBpmn: the bad fixtures', () => {
  const cases: { file: string; errors: [string, string | null][]; supported: boolean }[] = [
    { file: 'script-task.bpmn', errors: [['script-task', 'ScriptTask_bmi']], supported: false },
    {
      file: 'script-condition.bpmn',
      errors: [['script-condition', 'Flow_accept']],
      supported: false,
    },
    {
      file: 'javascript-condition.bpmn',
      errors: [['script-condition', 'Flow_accept']],
      supported: false,
    },
    {
      file: 'condition-invalid-json.bpmn',
      errors: [['condition-invalid-json', 'Flow_accept']],
      supported: true,
    },
    {
      file: 'jsonlogic-method.bpmn',
      errors: [['condition-not-jsonlogic', 'Flow_accept']],
      supported: true,
    },
    {
      file: 'user-task-without-form.bpmn',
      errors: [['user-task-without-form', 'UserTask_review']],
      supported: true,
    },
    {
      file: 'unresolved-reference.bpmn',
      errors: [['parser-warning', 'Flow_2']],
      supported: true,
    },
    {
      file: 'unknown-element.bpmn',
      errors: [['parser-warning', 'ApprovalTask_1']],
      supported: false,
    },
    { file: 'xxe-external-entity.bpmn', errors: [['doctype-forbidden', null]], supported: false },
    { file: 'billion-laughs.bpmn', errors: [['doctype-forbidden', null]], supported: false },
    {
      file: 'signavio-not-executable.bpmn',
      errors: [
        ['not-executable', 'sid-referral'],
        ['unsupported-element', 'sid-referral'],
        ['unsupported-element', 'sid-fill'],
      ],
      supported: false,
    },
    {
      file: 'complex-gateway.bpmn',
      errors: [['unsupported-element', 'ComplexGateway_1']],
      supported: false,
    },
    {
      file: 'transaction.bpmn',
      errors: [['unsupported-element', 'Transaction_1']],
      supported: false,
    },
    {
      file: 'bad-timer.bpmn',
      errors: [['timer-invalid', 'BoundaryEvent_timeout']],
      supported: true,
    },
    {
      file: 'service-task-class.bpmn',
      errors: [['service-task-code', 'ServiceTask_notify']],
      supported: false,
    },
    {
      file: 'task-listener-script.bpmn',
      errors: [['script-listener', 'UserTask_review']],
      supported: false,
    },
    { file: 'duplicate-ids.bpmn', errors: [['duplicate-id', 'UserTask_fill']], supported: true },
    { file: 'not-xml.bpmn', errors: [['xml-invalid', null]], supported: false },
    { file: 'empty.bpmn', errors: [['xml-invalid', null]], supported: false },
    { file: 'wrong-root.bpmn', errors: [['xml-invalid', null]], supported: false },
    {
      file: 'flowable-expression.bpmn',
      errors: [
        ['service-task-without-service', 'notifyCounty'],
        ['unsupported-attribute', 'notifyCounty'],
      ],
      supported: false,
    },
  ];

  it('given the bad fixtures folder, when listed, then every file has a case below', () => {
    const files = readdirSync(new URL('./fixtures/bad/', import.meta.url)).sort();
    expect(files).toEqual(cases.map(({ file }) => file).sort());
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)(
    'given bad/$file, when linted, then it reports exactly $errors',
    async ({ file, errors, supported }) => {
      const result = await lintBpmn(fixture(`bad/${file}`));
      expectWellFormed(result);
      expect(found(result.errors)).toEqual(sorted(errors));
      expect(result.ok).toBe(false);
      expect(result.supported).toBe(supported);
    },
  );

  it('given the XXE fixture, when linted, then the entity never reaches the result', async () => {
    const result = await lintBpmn(fixture('bad/xxe-external-entity.bpmn'));
    expect(result.processIds).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/root:|\/bin\/|file:\/\//);
  });

  it('given the billion-laughs fixture, when linted, then it is rejected at once', async () => {
    const started = performance.now();
    const result = await lintBpmn(fixture('bad/billion-laughs.bpmn'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(found(result.errors)).toEqual([['doctype-forbidden', null]]);
    expect(JSON.stringify(result)).not.toContain('lollol');
  });

  it('given the empty string, when linted, then xml-invalid is reported', async () => {
    const result = await lintBpmn('');
    expect(found(result.errors)).toEqual([['xml-invalid', null]]);
    expect(result).toMatchObject({ ok: false, supported: false, processIds: [] });
  });

  it('given the JsonLogic method fixture, when linted, then the message names the operator', async () => {
    const result = await lintBpmn(fixture('bad/jsonlogic-method.bpmn'));
    expect(result.errors[0]?.message.en).toContain('"method"');
    expect(result.errors[0]?.message.zh).toContain('"method"');
  });
});

describe('lintBpmn: screening before parsing', () => {
  it('given a 2 MiB input, when linted, then too-large is reported quickly', async () => {
    const huge = fixture('good/two-way-referral.bpmn').replace(
      '</bpmn:definitions>',
      `<!-- ${'x'.repeat(2 * 1024 * 1024)} --></bpmn:definitions>`,
    );
    const started = performance.now();
    const result = await lintBpmn(huge);
    expect(performance.now() - started).toBeLessThan(200);
    expect(found(result.errors)).toEqual([['too-large', null]]);
    expect(result).toMatchObject({ ok: false, supported: false, processIds: [] });
  });

  it('given Chinese text under 1 Mi characters but over 1 MiB in UTF-8, when linted, then too-large', async () => {
    const result = await lintBpmn(`<x>${'转'.repeat(400_000)}</x>`);
    expect(found(result.errors)).toEqual([['too-large', null]]);
  });

  it('given maxBytes below the size of a good diagram, when linted, then too-large', async () => {
    const result = await lintBpmn(fixture('good/remote-consultation.bpmn'), { maxBytes: 1000 });
    expect(found(result.errors)).toEqual([['too-large', null]]);
    expect(result.errors[0]?.message.en).toContain('1000');
  });

  it.each([
    ['a lowercase doctype', '<!doctype x>'],
    ['an entity without a doctype', '<!ENTITY e "x">'],
    ['a doctype with spaces', '<!  DOCTYPE x>'],
    ['a parameter entity', '<!ENTITY % p SYSTEM "http://attacker.example/p.dtd">'],
  ])(
    'given %s inside an otherwise good diagram, when linted, then doctype-forbidden',
    async (_name, declaration) => {
      const xml = fixture('good/two-way-referral.bpmn').replace(
        '<bpmn:collaboration',
        `${declaration}\n<bpmn:collaboration`,
      );
      const result = await lintBpmn(xml);
      expect(found(result.errors)).toEqual([['doctype-forbidden', null]]);
    },
  );

  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { xml: '<bpmn:definitions/>' }],
  ])(
    'given %s instead of a string, when linted, then xml-invalid and no throw',
    async (_n, input) => {
      const result = await lintBpmn(input as unknown as string);
      expect(found(result.errors)).toEqual([['xml-invalid', null]]);
    },
  );

  it('given options that throw, when linted, then lint-failed and no throw', async () => {
    const options = {
      get maxBytes(): number {
        throw new Error('boom');
      },
    };
    const result = await lintBpmn(fixture('good/two-way-referral.bpmn'), options);
    expect(found(result.errors)).toEqual([['lint-failed', null]]);
    expect(result.supported).toBe(false);
  });
});

describe('lintBpmn: processes and flows', () => {
  it('given only a message, when linted, then no-process', async () => {
    const result = await lintBpmn(definitions('<bpmn:message id="Message_1" name="m" />'));
    expect(found(result.errors)).toEqual([['no-process', null]]);
    expect(result.supported).toBe(false);
  });

  it.each([
    ['isExecutable="false"', 'isExecutable="false"'],
    ['no isExecutable', ''],
  ])('given a process with %s, when linted, then not-executable', async (_name, attributes) => {
    const result = await lintBpmn(
      processOf(
        `<bpmn:startEvent id="StartEvent_1" /><bpmn:endEvent id="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1" />`,
        attributes,
      ),
    );
    expect(found(result.errors)).toEqual([['not-executable', 'Process_test']]);
    expect(result).toMatchObject({ supported: false, processIds: ['Process_test'] });
  });

  it('given a process without a start event, when linted, then no-start-event', async () => {
    const result = await lintBpmn(
      processOf(`<bpmn:manualTask id="ManualTask_1" /><bpmn:endEvent id="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_1" sourceRef="ManualTask_1" targetRef="EndEvent_1" />`),
    );
    expect(found(result.errors)).toEqual([['no-start-event', 'Process_test']]);
    expect(result.warnings).toEqual([]);
  });

  it('given a process without an end event, when linted, then no-end-event', async () => {
    const result = await lintBpmn(
      processOf(`<bpmn:startEvent id="StartEvent_1" /><bpmn:manualTask id="ManualTask_1" />
<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="ManualTask_1" />`),
    );
    expect(found(result.errors)).toEqual([['no-end-event', 'Process_test']]);
  });

  it('given a flow without a target, when linted, then sequence-flow-incomplete', async () => {
    const result = await lintBpmn(
      processOf(`<bpmn:startEvent id="StartEvent_1" /><bpmn:endEvent id="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_2" sourceRef="StartEvent_1" />`),
    );
    expect(found(result.errors)).toEqual([['sequence-flow-incomplete', 'Flow_2']]);
  });

  it('given a condition on a flow leaving a task, when linted, then condition-misplaced', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:manualTask id="ManualTask_1" />
<bpmn:sequenceFlow id="Flow_conditional" sourceRef="ManualTask_1" targetRef="EndEvent_1">${ACCEPT}</bpmn:sequenceFlow>`,
        'ManualTask_1',
      ),
    );
    expect(found(result.errors)).toEqual([['condition-misplaced', 'Flow_conditional']]);
  });

  it('given a default flow with a condition, when linted, then default-flow-with-condition', async () => {
    const result = await lintBpmn(decision(ACCEPT, REJECT, 'default="Flow_reject"'));
    expect(found(result.errors)).toEqual([['default-flow-with-condition', 'Flow_reject']]);
  });

  it('given a default flow that enters the gateway, when linted, then default-flow-invalid', async () => {
    const result = await lintBpmn(decision(ACCEPT, REJECT, 'default="Flow_review"'));
    expect(found(result.errors)).toEqual([['default-flow-invalid', 'Gateway_decision']]);
  });

  it('given a default flow without a condition, when linted, then it is ok without warnings', async () => {
    const result = await lintBpmn(decision(ACCEPT, '', 'default="Flow_reject"'));
    expect(result).toMatchObject({ ok: true, supported: true, errors: [], warnings: [] });
  });

  it('given a gateway exit that is neither default nor conditional, when linted, then a gateway-condition-missing warning only', async () => {
    const result = await lintBpmn(decision(ACCEPT, ''));
    expect(result.errors).toEqual([]);
    expect(found(result.warnings)).toEqual([['gateway-condition-missing', 'Flow_reject']]);
    expect(result).toMatchObject({ ok: true, supported: true });
  });

  it('given a loop through gateways and a service task only, when linted, then loop-without-wait names it (it would run for ever in one step)', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:exclusiveGateway id="Gateway_again" default="Flow_check" />
<bpmn:serviceTask id="ServiceTask_poll" camunda:type="external" camunda:topic="notify" />
<bpmn:sequenceFlow id="Flow_check" sourceRef="Gateway_again" targetRef="ServiceTask_poll" />
<bpmn:sequenceFlow id="Flow_retry" sourceRef="ServiceTask_poll" targetRef="Gateway_again" />
<bpmn:sequenceFlow id="Flow_done" sourceRef="Gateway_again" targetRef="EndEvent_1">${ACCEPT}</bpmn:sequenceFlow>`,
        'Gateway_again',
      ).replace(
        '<bpmn:sequenceFlow id="Flow_out" sourceRef="Gateway_again" targetRef="EndEvent_1" />',
        '',
      ),
    );
    expect(found(result.errors)).toEqual([['loop-without-wait', 'Gateway_again']]);
    expect(result.errors[0]!.message.en).toContain(
      'Gateway_again → ServiceTask_poll → Gateway_again',
    );
    expect(result.ok).toBe(false);
  });

  it('given a loop back through a user task (return for more information), when linted, then no loop problem', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:exclusiveGateway id="Gateway_again" default="Flow_done" />
<bpmn:userTask id="UserTask_amend" camunda:formKey="consult-request" />
<bpmn:sequenceFlow id="Flow_amend" sourceRef="Gateway_again" targetRef="UserTask_amend">${ACCEPT}</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="Flow_back" sourceRef="UserTask_amend" targetRef="Gateway_again" />
<bpmn:sequenceFlow id="Flow_done" sourceRef="Gateway_again" targetRef="EndEvent_1" />`,
        'Gateway_again',
      ).replace(
        '<bpmn:sequenceFlow id="Flow_out" sourceRef="Gateway_again" targetRef="EndEvent_1" />',
        '',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('given a task nothing leads to, when linted, then an unreachable warning only', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:manualTask id="ManualTask_1" /><bpmn:manualTask id="ManualTask_orphan" />
<bpmn:sequenceFlow id="Flow_orphan" sourceRef="ManualTask_orphan" targetRef="EndEvent_1" />`,
        'ManualTask_1',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(found(result.warnings)).toEqual([['unreachable', 'ManualTask_orphan']]);
    expect(result.ok).toBe(true);
  });

  it('given an event-based gateway leading to a user task, when linted, then event-gateway-target-invalid', async () => {
    const result = await lintBpmn(
      definitions(`<bpmn:message id="Message_arrived" name="arrived" />
<bpmn:process id="Process_test" isExecutable="true">
<bpmn:startEvent id="StartEvent_1" />
<bpmn:eventBasedGateway id="Gateway_wait" />
<bpmn:receiveTask id="ReceiveTask_arrival" messageRef="Message_arrived" />
<bpmn:userTask id="UserTask_call" camunda:formKey="call-patient" />
<bpmn:endEvent id="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_in" sourceRef="StartEvent_1" targetRef="Gateway_wait" />
<bpmn:sequenceFlow id="Flow_a" sourceRef="Gateway_wait" targetRef="ReceiveTask_arrival" />
<bpmn:sequenceFlow id="Flow_b" sourceRef="Gateway_wait" targetRef="UserTask_call" />
<bpmn:sequenceFlow id="Flow_c" sourceRef="ReceiveTask_arrival" targetRef="EndEvent_1" />
<bpmn:sequenceFlow id="Flow_d" sourceRef="UserTask_call" targetRef="EndEvent_1" />
</bpmn:process>`),
    );
    expect(found(result.errors)).toEqual([['event-gateway-target-invalid', 'UserTask_call']]);
  });
});

describe('lintBpmn: tasks', () => {
  it.each([
    ['no topic', '<bpmn:serviceTask id="Task_1" />'],
    ['an empty topic', '<bpmn:serviceTask id="Task_1" camunda:topic=" " />'],
    [
      'camunda:type connector',
      '<bpmn:serviceTask id="Task_1" camunda:type="connector" camunda:topic="x" />',
    ],
    ['a send task without topic', '<bpmn:sendTask id="Task_1" />'],
  ])(
    'given a service-like task with %s, when linted, then service-task-without-service',
    async (_n, task) => {
      const result = await lintBpmn(around(task, 'Task_1'));
      expect(found(result.errors)).toEqual([['service-task-without-service', 'Task_1']]);
    },
  );

  it.each([
    [
      'camunda:expression',
      '<bpmn:serviceTask id="Task_1" camunda:expression="${referral.notify()}" />',
    ],
    [
      'camunda:delegateExpression',
      '<bpmn:sendTask id="Task_1" camunda:delegateExpression="${notifier}" />',
    ],
    [
      'camunda:class and a topic',
      '<bpmn:serviceTask id="Task_1" camunda:class="a.B" camunda:topic="x" />',
    ],
    [
      'a form handler class',
      '<bpmn:userTask id="Task_1" camunda:formKey="f" camunda:formHandlerClass="a.B" />',
    ],
  ])('given a task with %s, when linted, then service-task-code', async (_n, task) => {
    const result = await lintBpmn(around(task, 'Task_1'));
    expect(found(result.errors)).toEqual([['service-task-code', 'Task_1']]);
    expect(result.supported).toBe(false);
  });

  it('given a message end event implemented by a Java class, when linted, then service-task-code on the event', async () => {
    const result = await lintBpmn(
      definitions(`<bpmn:message id="Message_1" name="done" />
<bpmn:process id="Process_test" isExecutable="true">
<bpmn:startEvent id="StartEvent_1" />
<bpmn:endEvent id="EndEvent_1"><bpmn:messageEventDefinition messageRef="Message_1" camunda:class="a.B" /></bpmn:endEvent>
<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1" />
</bpmn:process>`),
    );
    expect(found(result.errors)).toEqual([['service-task-code', 'EndEvent_1']]);
  });

  it('given a receive task without messageRef, when linted, then message-ref-missing', async () => {
    const result = await lintBpmn(
      around('<bpmn:receiveTask id="ReceiveTask_1" />', 'ReceiveTask_1'),
    );
    expect(found(result.errors)).toEqual([['message-ref-missing', 'ReceiveTask_1']]);
  });

  it('given a message catch event without messageRef, when linted, then message-ref-missing on the event', async () => {
    const result = await lintBpmn(
      around(
        '<bpmn:intermediateCatchEvent id="Event_wait"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>',
        'Event_wait',
      ),
    );
    expect(found(result.errors)).toEqual([['message-ref-missing', 'Event_wait']]);
  });

  it('given an assignee expression, when linted, then expression-forbidden', async () => {
    const task =
      '<bpmn:userTask id="UserTask_1" camunda:formKey="f" camunda:assignee="${initiator}" />';
    const result = await lintBpmn(around(task, 'UserTask_1'));
    expect(found(result.errors)).toEqual([['expression-forbidden', 'UserTask_1']]);
  });

  it('given a camunda:formRef, when linted, then unsupported-attribute', async () => {
    const task =
      '<bpmn:userTask id="UserTask_1" camunda:formKey="f" camunda:formRef="camunda-form" />';
    const result = await lintBpmn(around(task, 'UserTask_1'));
    expect(found(result.errors)).toEqual([['unsupported-attribute', 'UserTask_1']]);
    expect(result.supported).toBe(false);
  });

  it('given an unknown camunda attribute, when linted, then parser-warning on the element', async () => {
    const task = '<bpmn:userTask id="UserTask_1" camunda:formKey="f" camunda:colour="red" />';
    const result = await lintBpmn(around(task, 'UserTask_1'));
    expect(found(result.errors)).toEqual([['parser-warning', 'UserTask_1']]);
    expect(result.supported).toBe(false);
  });

  it.each([
    [
      'an execution listener with a Java class',
      '<camunda:executionListener class="a.B" event="start" />',
      'script-listener',
    ],
    [
      'an input/output mapping',
      '<camunda:inputOutput><camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput>',
      'unsupported-element',
    ],
    [
      'a Zeebe task definition',
      '<zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="x" />',
      'unsupported-element',
    ],
  ])('given a user task with %s, when linted, then %s on the task', async (_n, extension, code) => {
    const task = `<bpmn:userTask id="UserTask_1" camunda:formKey="f"><bpmn:extensionElements>${extension}</bpmn:extensionElements></bpmn:userTask>`;
    const result = await lintBpmn(around(task, 'UserTask_1'));
    expect(found(result.errors)).toEqual([[code, 'UserTask_1']]);
    expect(result.supported).toBe(false);
  });

  it('given camunda:properties and ignored modeller attributes, when linted, then ok', async () => {
    const task = `<bpmn:userTask id="UserTask_1" camunda:formKey="f" camunda:asyncBefore="true" camunda:candidateGroups="doctor">
<bpmn:documentation>说明</bpmn:documentation>
<bpmn:extensionElements><camunda:properties><camunda:property name="a" value="b" /></camunda:properties></bpmn:extensionElements>
</bpmn:userTask>`;
    const result = await lintBpmn(around(task, 'UserTask_1'));
    expect(result).toMatchObject({ ok: true, supported: true, errors: [], warnings: [] });
  });

  it.each([
    ['a plain task', '<bpmn:task id="Node_1" />'],
    ['an inclusive gateway', '<bpmn:inclusiveGateway id="Node_1" />'],
    ['a business rule task', '<bpmn:businessRuleTask id="Node_1" camunda:decisionRef="d" />'],
    ['a call activity', '<bpmn:callActivity id="Node_1" calledElement="other" />'],
    ['a sub-process', '<bpmn:subProcess id="Node_1" />'],
    [
      'a multi-instance user task',
      '<bpmn:userTask id="Node_1" camunda:formKey="f"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>',
    ],
  ])('given %s, when linted, then unsupported-element on it', async (_n, node) => {
    const result = await lintBpmn(around(node, 'Node_1'));
    expect(found(result.errors)).toEqual([['unsupported-element', 'Node_1']]);
    expect(result.supported).toBe(false);
  });

  it('given a foreign attribute on a task, when linted, then unsupported-attribute', async () => {
    const task =
      '<bpmn:manualTask id="Task_1" xmlns:activiti="http://activiti.org/bpmn" activiti:async="true" />';
    const result = await lintBpmn(around(task, 'Task_1'));
    expect(found(result.errors)).toEqual([['unsupported-attribute', 'Task_1']]);
  });

  it('given a collaboration reusing the process id, when linted, then duplicate-id', async () => {
    const xml = around('<bpmn:manualTask id="Task_1" />', 'Task_1').replace(
      '<bpmn:process',
      '<bpmn:collaboration id="Process_test"><bpmn:participant id="P_1" processRef="Process_test" /></bpmn:collaboration>\n<bpmn:process',
    );
    const result = await lintBpmn(xml);
    expect(found(result.errors).filter(([code]) => code === 'duplicate-id')).toEqual([
      ['duplicate-id', 'Process_test'],
    ]);
  });
});

describe('lintBpmn: events', () => {
  it.each([
    [
      'a signal start event',
      '<bpmn:startEvent id="Event_1"><bpmn:signalEventDefinition /></bpmn:startEvent>',
    ],
    [
      'a terminate start event',
      '<bpmn:startEvent id="Event_1"><bpmn:terminateEventDefinition /></bpmn:startEvent>',
    ],
    [
      'an error end event',
      '<bpmn:endEvent id="Event_1"><bpmn:errorEventDefinition /></bpmn:endEvent>',
    ],
    [
      'a timer end event',
      '<bpmn:endEvent id="Event_1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:endEvent>',
    ],
    ['a catch event without definition', '<bpmn:intermediateCatchEvent id="Event_1" />'],
    [
      'a message throw event',
      '<bpmn:intermediateThrowEvent id="Event_1"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:intermediateThrowEvent>',
    ],
    [
      'an event with two definitions',
      '<bpmn:startEvent id="Event_1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:startEvent>',
    ],
  ])('given %s, when linted, then unsupported-element on the event', async (_n, event) => {
    const xml = definitions(`<bpmn:message id="Message_1" name="m" />
<bpmn:process id="Process_test" isExecutable="true">
<bpmn:startEvent id="StartEvent_1" /><bpmn:endEvent id="EndEvent_1" />
${event}
<bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Event_1" />
<bpmn:sequenceFlow id="Flow_2" sourceRef="Event_1" targetRef="EndEvent_1" />
</bpmn:process>`);
    const result = await lintBpmn(xml);
    expect(found(result.errors)).toEqual([['unsupported-element', 'Event_1']]);
    expect(result.supported).toBe(false);
  });

  it('given a boundary timer on a manual task, when linted, then boundary-attachment-invalid', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:manualTask id="Task_1" />
<bpmn:boundaryEvent id="BoundaryEvent_1" attachedToRef="Task_1"><bpmn:timerEventDefinition>${value('timeDuration', 'P2D')}</bpmn:timerEventDefinition></bpmn:boundaryEvent>
<bpmn:sequenceFlow id="Flow_timer" sourceRef="BoundaryEvent_1" targetRef="EndEvent_1" />`,
        'Task_1',
      ),
    );
    expect(found(result.errors)).toEqual([['boundary-attachment-invalid', 'BoundaryEvent_1']]);
  });

  it('given a conditional event with a script, when linted, then unsupported-element and script-condition', async () => {
    const result = await lintBpmn(
      around(
        `<bpmn:intermediateCatchEvent id="Event_1"><bpmn:conditionalEventDefinition>
<bpmn:condition xsi:type="bpmn:tFormalExpression" language="groovy">score &gt; 3</bpmn:condition>
</bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>`,
        'Event_1',
      ),
    );
    expect(found(result.errors)).toEqual([
      ['script-condition', 'Event_1'],
      ['unsupported-element', 'Event_1'],
    ]);
  });
});

describe('lintBpmn: conditions', () => {
  it.each([
    ['language JavaScript', 'language="JavaScript"', 'script-condition'],
    ['language text/x-groovy', 'language="text/x-groovy"', 'script-condition'],
    ['language juel', 'language="juel"', 'script-condition'],
    ['language feel', 'language="feel"', 'condition-not-jsonlogic'],
    ['language JsonLogic (wrong case)', 'language="JsonLogic"', 'condition-not-jsonlogic'],
    [
      'a camunda:resource script',
      'language="jsonlogic" camunda:resource="rule.js"',
      'script-condition',
    ],
  ])('given a condition with %s, when linted, then %s', async (_n, attributes, code) => {
    const condition = `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" ${attributes}>{"==":[1,1]}</bpmn:conditionExpression>`;
    const result = await lintBpmn(decision(condition, REJECT));
    expect(found(result.errors)).toEqual([[code, 'Flow_accept']]);
  });

  it('given a condition without xsi:type, when linted, then script-condition', async () => {
    const condition = '<bpmn:conditionExpression>${approved}</bpmn:conditionExpression>';
    const result = await lintBpmn(decision(condition, REJECT));
    expect(found(result.errors)).toEqual([['script-condition', 'Flow_accept']]);
  });

  it.each([
    ['an empty body', ''],
    ['a bare word', 'accept'],
  ])(
    'given a jsonlogic condition with %s, when linted, then condition-invalid-json',
    async (_n, body) => {
      const result = await lintBpmn(decision(jsonlogic(body), REJECT));
      expect(found(result.errors)).toEqual([['condition-invalid-json', 'Flow_accept']]);
    },
  );

  it.each([
    ['log', '{"log":"x"}'],
    ['a prototype path', '{"var":"__proto__.polluted"}'],
    ['two operators in one object', '{"==":[1,1],"!=":[1,2]}'],
  ])(
    'given a jsonlogic condition using %s, when linted, then condition-not-jsonlogic',
    async (_n, rule) => {
      const result = await lintBpmn(decision(jsonlogic(rule), REJECT));
      expect(found(result.errors)).toEqual([['condition-not-jsonlogic', 'Flow_accept']]);
    },
  );

  it('given Formwork operations in a condition, when linted, then ok', async () => {
    const rule =
      '{"and":[{">=":[{"ageAt":[{"var":"birthDate"},{"today":[]}]},65]},{"in":[{"var":"level"},["a","b"]]}]}';
    const result = await lintBpmn(decision(jsonlogic(rule), REJECT));
    expect(result).toMatchObject({ ok: true, supported: true, errors: [], warnings: [] });
  });
});

describe('lintBpmn: timers', () => {
  it.each([
    ['timeDuration', 'P2D'],
    ['timeDuration', 'PT48H'],
    ['timeDuration', 'P1W'],
    ['timeDuration', 'P1Y2M3DT4H5M6.5S'],
    ['timeDate', '2026-03-01T08:00:00+08:00'],
    ['timeDate', '2026-03-01T00:00Z'],
    ['timeCycle', 'R3/PT1H'],
    ['timeCycle', 'R/P1D'],
    ['timeCycle', 'R2/2026-03-01T08:00:00+08:00/P1D'],
  ])('given %s %s, when linted, then ok', async (kind, text) => {
    const result = await lintBpmn(timer(value(kind, text)));
    expect(result).toMatchObject({ ok: true, supported: true, errors: [], warnings: [] });
  });

  it.each([
    ['timeDuration', 'P'],
    ['timeDuration', 'PT'],
    ['timeDuration', 'P2X'],
    ['timeDuration', '48h'],
    ['timeDuration', '${deadline}'],
    ['timeDuration', '#{deadline}'],
    ['timeDuration', ''],
    ['timeDuration', 'R3/PT1H'],
    ['timeDate', '2026-03-01T08:00:00'],
    ['timeDate', '2026-02-30T08:00:00Z'],
    ['timeDate', '2026-03-01T24:00:00Z'],
    ['timeDate', 'P2D'],
    ['timeCycle', '0 0 8 * * ?'],
    ['timeCycle', 'PT1H'],
    ['timeCycle', 'R3/PT1H/PT2H'],
  ])('given %s "%s", when linted, then timer-invalid on the event', async (kind, text) => {
    const result = await lintBpmn(timer(value(kind, text)));
    expect(found(result.errors)).toEqual([['timer-invalid', 'BoundaryEvent_timeout']]);
  });

  it.each([
    ['no value', ''],
    ['two values', `${value('timeDuration', 'P2D')}${value('timeDate', '2026-03-01T08:00:00Z')}`],
    [
      'a script language',
      '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression" language="javascript">P2D</bpmn:timeDuration>',
    ],
  ])('given a timer with %s, when linted, then timer-invalid', async (_n, definition) => {
    const result = await lintBpmn(timer(definition));
    expect(found(result.errors)).toEqual([['timer-invalid', 'BoundaryEvent_timeout']]);
  });
});

describe('lintBpmn: hostile and random input', () => {
  /** A small deterministic generator (mulberry32) so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const PIECES = [
    '<',
    '>',
    '/>',
    '</',
    '="',
    '"',
    "'",
    '&',
    '&amp;',
    '&#x0;',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '<?xml version="1.0"?>',
    'bpmn:definitions',
    'bpmn:process',
    'bpmn:startEvent',
    'bpmn:sequenceFlow',
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
    'id="a"',
    'sourceRef="a"',
    'isExecutable="true"',
    ' ',
    '\n',
    '转诊',
    '\uD800',
    '\u0000',
    '${x}',
    '{"var":"x"}',
  ];

  it('given random garbage, when linted, then it never throws and always answers', async () => {
    const next = random(20260301);
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) {
        text +=
          next() < 0.7
            ? PIECES[Math.floor(next() * PIECES.length)]!
            : String.fromCharCode(Math.floor(next() * 0x3000));
      }
      const result = await lintBpmn(text);
      expectWellFormed(result);
      expect(Array.isArray(result.processIds)).toBe(true);
    }
  });

  it('given truncated and mutated good diagrams, when linted, then it never throws', async () => {
    const next = random(48);
    const source = fixture('good/two-way-referral.bpmn');
    for (let round = 0; round < 150; round++) {
      let text = source.slice(0, Math.floor(next() * source.length));
      if (round % 2 === 1) {
        const at = Math.floor(next() * source.length);
        text =
          source.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)]! + source.slice(at + 1);
      }
      const result = await lintBpmn(text);
      expectWellFormed(result);
    }
  });

  it('given deeply nested unknown elements, when linted, then it answers without throwing', async () => {
    const depth = 20_000;
    const xml = processOf(
      `<bpmn:extensionElements>${'<x:a xmlns:x="urn:x">'.repeat(depth)}${'</x:a>'.repeat(depth)}</bpmn:extensionElements>`,
    );
    const result = await lintBpmn(xml);
    expectWellFormed(result);
    expect(result.ok).toBe(false);
  });
});

describe('SUPPORTED_BPMN_SUBSET', () => {
  it('given the table, when read, then it lists the supported elements with notes in both languages', () => {
    for (const type of [
      'bpmn:Process',
      'bpmn:UserTask',
      'bpmn:ServiceTask',
      'bpmn:SendTask',
      'bpmn:ReceiveTask',
      'bpmn:ManualTask',
      'bpmn:ExclusiveGateway',
      'bpmn:ParallelGateway',
      'bpmn:EventBasedGateway',
      'bpmn:BoundaryEvent',
      'bpmn:TimerEventDefinition',
      'camunda:Properties',
    ]) {
      expect(SUPPORTED_BPMN_SUBSET[type]).toBeDefined();
    }
    for (const [type, entry] of Object.entries(SUPPORTED_BPMN_SUBSET)) {
      expect(type).toMatch(/^(bpmn|camunda):[A-Z]/);
      expect(entry.notes.zh.length).toBeGreaterThan(0);
      expect(entry.notes.en.length).toBeGreaterThan(0);
    }
  });

  it('given the table, when read, then scripts, signals and inclusive gateways are not in it', () => {
    for (const type of [
      'bpmn:ScriptTask',
      'bpmn:InclusiveGateway',
      'bpmn:Signal',
      'bpmn:SignalEventDefinition',
      'camunda:TaskListener',
      'camunda:ExecutionListener',
      'camunda:Script',
      'camunda:InputOutput',
    ]) {
      expect(SUPPORTED_BPMN_SUBSET[type]).toBeUndefined();
    }
  });
});

describe('definitions/README.md', () => {
  it('given the README, when read, then it documents every supported element and every code', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## BPMN lint'));
    expect(section.length).toBeGreaterThan(100);
    for (const type of Object.keys(SUPPORTED_BPMN_SUBSET)) expect(section).toContain(`\`${type}\``);
    for (const code of Object.keys(BPMN_PROBLEM_CODES)) expect(section).toContain(`\`${code}\``);
  });
});
