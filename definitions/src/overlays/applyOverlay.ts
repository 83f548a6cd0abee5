import { validateMetadata } from '../metaschemas/validateMetadata.js';
import type { Overlay } from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';
import { applyFieldOperation } from './fieldOperations.js';
import { lockedCodeTables } from './lockedCodeTables.js';
import { operationProblem, type OverlayProblem } from './OverlayProblem.js';
import { addCodeTable, addIndicator, addProgram, addSchedule } from './programOperations.js';
import { addForm, addOptions, addRule, setFormSignable, setParameter } from './specOperations.js';
import { applyTriggerOperation } from './triggerOperations.js';
import { applyWorkflowOperation } from './workflowOperations.js';

export interface OverlayResult {
  /** The effective spec: a copy of the base with every operation that passed applied. */
  spec: BaseSpec;
  /** Why operations were refused; an operation with a problem changes nothing. */
  problems: OverlayProblem[];
}

/**
 * Applies an overlay to the base spec it names, operation by operation in order, and returns the
 * effective spec with the problems found. Never changes `base`. A meta-schema violation or a
 * different base version refuses the whole overlay (the base is returned unchanged); any other
 * problem refuses only its operation. Async because workflow BPMN passes `lintBpmn` (and a
 * trigger's workflow is read for its message start events).
 */
export async function applyOverlay(base: BaseSpec, overlay: Overlay): Promise<OverlayResult> {
  const spec = structuredClone(base);
  const invalid = validateMetadata('overlay', overlay);
  if (invalid.length)
    return {
      spec,
      problems: invalid.map((e) => ({ path: e.path, code: 'overlay-invalid', message: e.message })),
    };
  if (overlay.base.spec !== base.spec || overlay.base.version !== base.version)
    return {
      spec,
      problems: [
        {
          path: '/base',
          code: 'wrong-base',
          message: {
            zh: `调整针对 ${overlay.base.spec} ${overlay.base.version}，而基础规范为 ${base.spec} ${base.version}`,
            en: `the overlay is for ${overlay.base.spec} ${overlay.base.version}, the base is ${base.spec} ${base.version}`,
          },
        },
      ],
    };
  const lockedTables = lockedCodeTables(base.forms);
  const problems: OverlayProblem[] = [];
  for (const [index, op] of overlay.operations.entries()) {
    switch (op.op) {
      case 'add-options':
        problems.push(...addOptions(spec, op, index, lockedTables));
        break;
      case 'set-parameter':
        problems.push(...setParameter(spec, op, index));
        break;
      case 'add-form':
        problems.push(...addForm(spec, op, index));
        break;
      case 'add-workflow':
      case 'replace-workflow':
        problems.push(...(await applyWorkflowOperation(spec, op, index)));
        break;
      case 'add-trigger':
      case 'replace-trigger':
        problems.push(...(await applyTriggerOperation(spec, op, index)));
        break;
      case 'add-code-table':
        problems.push(...addCodeTable(spec, op, index));
        break;
      case 'add-program':
        problems.push(...addProgram(spec, op, index));
        break;
      case 'add-schedule':
        problems.push(...addSchedule(spec, op, index));
        break;
      case 'add-indicator':
        problems.push(...addIndicator(spec, op, index));
        break;
      default: {
        const form = Object.hasOwn(spec.forms, op.form) ? spec.forms[op.form] : undefined;
        if (!form) {
          problems.push(
            operationProblem(
              index,
              'form-unknown',
              `表单 "${op.form}" 不存在`,
              `form "${op.form}" is not known`,
            ),
          );
        } else if (op.op === 'add-rule') {
          problems.push(...addRule(form, op, index));
        } else {
          const baseForm = Object.hasOwn(base.forms, op.form) ? base.forms[op.form] : undefined;
          problems.push(
            ...(op.op === 'set-form-signable'
              ? setFormSignable(form, baseForm, op, index)
              : applyFieldOperation(form, baseForm, op, index)),
          );
        }
      }
    }
  }
  return { spec, problems };
}
