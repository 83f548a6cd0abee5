// @vitest-environment happy-dom
import { readBaseSpec } from '@formwork/seed/lib/readSpec';
import { describe, expect, it } from 'vitest';
import {
  defaultMapping,
  flowElementsOf,
  mappingOptions,
  mappingProblemsOf,
  type FlowElement,
} from './workflowSource.js';

const referral = readBaseSpec('national-phs', '3.0.1').workflows['two-way-referral']!;

describe('an instance migration’s mapping, old element → new', () => {
  it('given the seed referral, when its flow elements are read, then its tasks, events and gateways come with their engine types, and no flow, extension or diagram element', () => {
    const elements = flowElementsOf(referral);
    const byId = new Map(elements.map((e) => [e.id, e]));
    expect(byId.get('UserTask_decide')?.type).toBe('bpmn:UserTask');
    expect(byId.get('ReceiveTask_arrival')?.type).toBe('bpmn:ReceiveTask');
    expect(byId.get('Boundary_followup_hypertension_due')?.type).toBe('bpmn:BoundaryEvent');
    expect(elements.some((e) => e.type === 'bpmn:ExclusiveGateway')).toBe(true);
    expect(byId.has('Flow_accept')).toBe(false);
    expect(elements.every((e) => !e.type.includes('Shape') && !e.type.includes('Edge'))).toBe(true);
  });

  it('given elements instances wait at, when the target keeps one, renames one and turns one into another type, then only the kept one maps to itself by default, and each is offered the target elements of its type', () => {
    const source: FlowElement[] = [
      { id: 'UserTask_fill', type: 'bpmn:UserTask', name: '' },
      { id: 'UserTask_decide', type: 'bpmn:UserTask', name: '' },
      { id: 'ReceiveTask_arrival', type: 'bpmn:ReceiveTask', name: '' },
    ];
    const target: FlowElement[] = [
      { id: 'UserTask_fill', type: 'bpmn:UserTask', name: '' },
      { id: 'UserTask_decide_v2', type: 'bpmn:UserTask', name: '' },
      { id: 'ReceiveTask_arrival', type: 'bpmn:UserTask', name: '' },
    ];
    const waiting = ['UserTask_fill', 'UserTask_decide', 'ReceiveTask_arrival'];
    expect(defaultMapping(waiting, source, target)).toEqual({
      UserTask_fill: 'UserTask_fill',
      UserTask_decide: '',
      ReceiveTask_arrival: '',
    });
    expect(mappingOptions('UserTask_decide', source, target).map((e) => e.id)).toEqual([
      'UserTask_fill',
      'UserTask_decide_v2',
      'ReceiveTask_arrival',
    ]);
    expect(mappingOptions('ReceiveTask_arrival', source, target)).toEqual([]);
    // An element the source diagram does not name (a process) is offered everything.
    expect(mappingOptions('Process_x', source, target)).toHaveLength(3);
  });

  it('given the engine’s 422 incomplete_mapping, when read, then each problem with its element and count; anything else reads as none', () => {
    expect(
      mappingProblemsOf({
        problems: [{ elementId: 'UserTask_decide', problem: 'unmapped', instances: 2 }, null],
      }),
    ).toEqual([{ elementId: 'UserTask_decide', problem: 'unmapped', instances: 2 }]);
    expect(mappingProblemsOf(undefined)).toEqual([]);
    expect(mappingProblemsOf({ problems: 'no' })).toEqual([]);
  });
});
