import { lintBpmn } from '../bpmn/lintBpmn.js';
import type { Operation } from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';
import { operationProblem, type OverlayProblem } from './OverlayProblem.js';

type WorkflowOperation = Extract<Operation, { op: 'add-workflow' | 'replace-workflow' }>;

/**
 * add-workflow (a key the spec does not have) or replace-workflow (a key it has); the BPMN must
 * pass lintBpmn, which is why applying an overlay is async.
 */
export async function applyWorkflowOperation(
  spec: BaseSpec,
  op: WorkflowOperation,
  index: number,
): Promise<OverlayProblem[]> {
  const exists = Object.hasOwn(spec.workflows, op.workflow);
  if (op.op === 'add-workflow' && exists)
    return [
      operationProblem(
        index,
        'workflow-exists',
        `流程 "${op.workflow}" 已存在，应使用 replace-workflow`,
        `workflow "${op.workflow}" already exists; use replace-workflow`,
      ),
    ];
  if (op.op === 'replace-workflow' && !exists)
    return [
      operationProblem(
        index,
        'workflow-unknown',
        `流程 "${op.workflow}" 不存在，无法替换`,
        `workflow "${op.workflow}" does not exist and cannot be replaced`,
      ),
    ];
  const lint = await lintBpmn(op.bpmn);
  if (!lint.ok)
    return [
      operationProblem(
        index,
        'bpmn-invalid',
        `流程 "${op.workflow}" 的 BPMN 未通过检查：${lint.errors.map((e) => e.message.zh).join('；')}`,
        `BPMN of workflow "${op.workflow}" fails the lint: ${lint.errors.map((e) => e.message.en).join('; ')}`,
      ),
    ];
  spec.workflows[op.workflow] = op.bpmn;
  return [];
}
