import type { BpmnProblemCode } from './bpmnProblemCodes.js';

/** A message in both languages the platform ships: simplified Chinese first, English second. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** One finding of the BPMN lint, tied to the element a designer should highlight. */
export interface BpmnProblem {
  /** Id of the offending element (the shape to highlight), or null when none applies. */
  elementId: string | null;
  /** Stable code; see BPMN_PROBLEM_CODES. */
  code: BpmnProblemCode;
  /** Names the element and the rule it breaks. */
  message: LocalizedText;
}

export interface BpmnLintResult {
  /** No errors (warnings allowed). Only such a definition may be stored and run. */
  ok: boolean;
  errors: BpmnProblem[];
  warnings: BpmnProblem[];
  /**
   * False when the document uses anything outside SUPPORTED_BPMN_SUBSET, has a process that is
   * not executable, or could not be read at all: it may still be valid BPMN from another tool.
   */
  supported: boolean;
  /** Ids of the processes found, in document order. */
  processIds: string[];
}

export interface BpmnLintOptions {
  /** Largest accepted input in UTF-8 bytes; default 1 MiB. */
  maxBytes?: number;
}
