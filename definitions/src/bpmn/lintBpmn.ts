import type { BpmnLintOptions, BpmnLintResult } from './BpmnLintResult.js';
import { checkElements } from './checkElements.js';
import { checkProcess } from './checkProcess.js';
import { elementsProperty, idOf } from './moddleElement.js';
import { parseBpmn } from './parseBpmn.js';
import { ProblemCollector } from './ProblemCollector.js';
import { DEFAULT_MAX_BYTES, screenInput } from './screenInput.js';

export type {
  BpmnLintOptions,
  BpmnLintResult,
  BpmnProblem,
  LocalizedText,
} from './BpmnLintResult.js';
export { BPMN_PROBLEM_CODES, type BpmnProblemCode } from './bpmnProblemCodes.js';
export {
  SUPPORTED_BPMN_SUBSET,
  UNSUPPORTED_BPMN_REASONS,
  type SupportedBpmnElement,
} from './supportedElements.js';
export { DEFAULT_MAX_BYTES } from './screenInput.js';

function maxBytesFrom(options: BpmnLintOptions | undefined): number {
  const maxBytes = options?.maxBytes;
  return typeof maxBytes === 'number' && Number.isFinite(maxBytes) && maxBytes > 0
    ? Math.floor(maxBytes)
    : DEFAULT_MAX_BYTES;
}

/** The failure's message, however odd the thrown value. */
function reasonOf(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).slice(0, 200);
  } catch {
    return 'unknown error';
  }
}

/**
 * Checks a BPMN 2.0 XML document against the subset Formwork runs (SUPPORTED_BPMN_SUBSET):
 * no scripts or code anywhere, JsonLogic conditions, a form on every user task, a registered
 * service on every service task, ISO 8601 timers. Size and DTD checks run before any parser
 * sees the input. Never throws: an unexpected failure is reported as `lint-failed`.
 */
export async function lintBpmn(xml: string, options?: BpmnLintOptions): Promise<BpmnLintResult> {
  const problems = new ProblemCollector();
  const processIds: string[] = [];
  let read = false;
  try {
    const text = screenInput(xml, maxBytesFrom(options), problems);
    const definitions = text === null ? null : await parseBpmn(text, problems);
    if (definitions) {
      read = true;
      checkElements(definitions, problems);
      const processes = elementsProperty(definitions, 'rootElements').filter(
        (element) => element.$type === 'bpmn:Process',
      );
      if (processes.length === 0) {
        problems.add('no-process', null, {
          zh: '文件中没有流程（bpmn:process）',
          en: 'the document has no process (bpmn:process)',
        });
      }
      for (const process of processes) {
        const id = idOf(process);
        if (id !== null) processIds.push(id);
        checkProcess(process, problems);
      }
    }
  } catch (error) {
    const reason = reasonOf(error);
    problems.add('lint-failed', null, {
      zh: `BPMN 检查意外失败：${reason}`,
      en: `the BPMN lint failed unexpectedly: ${reason}`,
    });
  }
  return {
    ok: problems.errors.length === 0,
    errors: [...problems.errors],
    warnings: [...problems.warnings],
    supported: read && !problems.unsupported,
    processIds,
  };
}
