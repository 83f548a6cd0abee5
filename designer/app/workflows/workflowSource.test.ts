import { lintBpmn } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import {
  effectiveWorkflows,
  lintView,
  nextMinor,
  overlayWithWorkflow,
  refusedElements,
  specWithWorkflow,
  type OverlayLike,
} from './workflowSource.js';

const overlay = (operations: OverlayLike['operations']): OverlayLike => ({
  key: 'yunnan',
  version: '1.2.0',
  base: { spec: 'national-phs', version: '3.0.1' },
  operations,
});

describe('where a workflow is read from and saved into', () => {
  it('given an overlay replacing one of its base’s workflows and adding another, when its workflows are read, then it runs the base’s with its own', () => {
    const base = { workflows: { referral: '<base-referral/>', consult: '<base-consult/>' } };
    const workflows = effectiveWorkflows(
      base,
      overlay([
        { op: 'make-required' },
        { op: 'replace-workflow', workflow: 'referral', bpmn: '<yunnan-referral/>' },
        { op: 'add-workflow', workflow: 'reminder', bpmn: '<yunnan-reminder/>' },
      ]),
    );
    expect(workflows).toEqual({
      referral: '<yunnan-referral/>',
      consult: '<base-consult/>',
      reminder: '<yunnan-reminder/>',
    });
  });

  it('given an overlay without an operation on the workflow, when it is saved into it, then one operation is appended: replace for a base workflow, add for a new one', () => {
    const before = overlay([{ op: 'make-required' }]);
    expect(overlayWithWorkflow(before, true, 'referral', '<x/>').operations).toEqual([
      { op: 'make-required' },
      { op: 'replace-workflow', workflow: 'referral', bpmn: '<x/>' },
    ]);
    expect(overlayWithWorkflow(before, false, 'reminder', '<y/>').operations.at(-1)).toEqual({
      op: 'add-workflow',
      workflow: 'reminder',
      bpmn: '<y/>',
    });
    expect(before.operations).toHaveLength(1);
  });

  it('given an overlay that already replaces the workflow, when it is saved again, then that operation takes the new BPMN in place', () => {
    const before = overlay([
      { op: 'replace-workflow', workflow: 'referral', bpmn: '<old/>' },
      { op: 'set-parameter' },
    ]);
    expect(overlayWithWorkflow(before, true, 'referral', '<new/>').operations).toEqual([
      { op: 'replace-workflow', workflow: 'referral', bpmn: '<new/>' },
      { op: 'set-parameter' },
    ]);
  });

  it('given a spec version, when a workflow is saved into it, then only that workflow changes', () => {
    const content = { forms: { a: {} }, workflows: { referral: '<a/>', consult: '<b/>' } };
    expect(specWithWorkflow(content, 'referral', '<c/>')).toEqual({
      forms: { a: {} },
      workflows: { referral: '<c/>', consult: '<b/>' },
    });
  });

  it('names the next minor version of a draft', () => {
    expect(nextMinor('1.2.0')).toBe('1.3.0');
    expect(nextMinor('3.0.1')).toBe('3.1.0');
  });

  it('given the engine’s refusal of a spec version, when read for the workflow, then the elements it names are found', () => {
    const details = {
      errors: [
        { path: '/workflows/referral#Boundary_1', message: { zh: '', en: '' } },
        { path: '/workflows/consult#Task_2', message: { zh: '', en: '' } },
        { path: '/forms/a/properties/x', message: { zh: '', en: '' } },
      ],
    };
    expect(refusedElements(details, 'referral')).toEqual(['Boundary_1']);
    expect(refusedElements(undefined, 'referral')).toEqual([]);
  });
});

describe('the engine’s lint arranged for the diagram', () => {
  it('given a file from another tool with a script task, when linted, then the task is listed as unsupported and marked as an error', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="t">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:scriptTask id="Script" scriptFormat="javascript"><bpmn:script>x()</bpmn:script></bpmn:scriptTask>
    <bpmn:exclusiveGateway id="Gate" />
    <bpmn:endEvent id="End" />
    <bpmn:endEvent id="End2" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Script" />
    <bpmn:sequenceFlow id="F2" sourceRef="Script" targetRef="Gate" />
    <bpmn:sequenceFlow id="F3" sourceRef="Gate" targetRef="End" />
    <bpmn:sequenceFlow id="F4" sourceRef="Gate" targetRef="End2">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"a"},1]}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;
    const view = lintView(await lintBpmn(xml));
    expect(view.unsupported.map((p) => [p.elementId, p.code])).toEqual([['Script', 'script-task']]);
    expect(view.byElement.get('Script')).toBe('error');
    // A warning (a gateway's flow without a condition) is not unsupported.
    expect(view.problems.find((p) => p.code === 'gateway-condition-missing')).toMatchObject({
      severity: 'warning',
      unsupported: false,
    });
  });
});
