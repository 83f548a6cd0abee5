import type { BpmnProblem, LocalizedText } from './BpmnLintResult.js';
import { BPMN_PROBLEM_CODES, type BpmnProblemCode } from './bpmnProblemCodes.js';

/** Gathers problems once each, in the order found, with the severity their code fixes. */
export class ProblemCollector {
  readonly errors: BpmnProblem[] = [];
  readonly warnings: BpmnProblem[] = [];
  private readonly seen = new Set<string>();
  /** `code` and `code elementId` of every problem, for has(). */
  private readonly index = new Set<string>();
  private unsupportedFound = false;

  /**
   * Records a problem. `unsupported` overrides the code's default when one code covers both
   * kinds (a parser warning about an unknown element is unsupported, one about a dangling
   * reference is not).
   */
  add(
    code: BpmnProblemCode,
    elementId: string | null,
    message: LocalizedText,
    unsupported: boolean = BPMN_PROBLEM_CODES[code].unsupported,
  ): void {
    if (unsupported) this.unsupportedFound = true;
    const key = JSON.stringify([code, elementId, message.en]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.index.add(code).add(JSON.stringify([code, elementId]));
    const problem: BpmnProblem = { elementId, code, message };
    if (BPMN_PROBLEM_CODES[code].severity === 'error') this.errors.push(problem);
    else this.warnings.push(problem);
  }

  /** Whether a problem with this code (and element, if given) was already recorded. */
  has(code: BpmnProblemCode, elementId?: string | null): boolean {
    return this.index.has(elementId === undefined ? code : JSON.stringify([code, elementId]));
  }

  /** Whether anything outside the supported subset was found. */
  get unsupported(): boolean {
    return this.unsupportedFound;
  }
}
