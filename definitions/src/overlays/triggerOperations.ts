import { checkTrigger } from '../triggers/checkTriggers.js';
import type { Operation, Trigger } from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';
import { operationProblem, type OverlayProblem } from './OverlayProblem.js';

type TriggerOperation = Extract<Operation, { op: 'add-trigger' | 'replace-trigger' }>;

/**
 * add-trigger (an id the spec does not have) or replace-trigger (an id it has): the trigger must
 * pass checkTrigger against the spec as the operations before it left it (its form, workflow and
 * message start event exist; its rules check and read non-personal fields of the form). Async
 * because the workflow's BPMN is read for its message start events.
 */
export async function applyTriggerOperation(
  spec: BaseSpec,
  op: TriggerOperation,
  index: number,
): Promise<OverlayProblem[]> {
  const id = typeof op.trigger.id === 'string' ? op.trigger.id : '';
  const exists = id !== '' && Object.hasOwn(spec.triggers ?? {}, id);
  if (op.op === 'add-trigger' && exists)
    return [
      operationProblem(
        index,
        'trigger-exists',
        `触发规则 "${id}" 已存在，应使用 replace-trigger`,
        `trigger "${id}" already exists; use replace-trigger`,
      ),
    ];
  if (op.op === 'replace-trigger' && !exists)
    return [
      operationProblem(
        index,
        'trigger-unknown',
        `触发规则 "${id}" 不存在，无法替换`,
        `trigger "${id}" does not exist and cannot be replaced`,
      ),
    ];
  const problems = await checkTrigger(spec, op.trigger);
  if (problems.length)
    return [
      operationProblem(
        index,
        'trigger-invalid',
        `触发规则 "${id}" 无效：${problems.map((p) => `${p.path} ${p.message.zh}`).join('；')}`,
        `trigger "${id}" is invalid: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
      ),
    ];
  spec.triggers = { ...spec.triggers, [id]: structuredClone(op.trigger) as unknown as Trigger };
  return [];
}
