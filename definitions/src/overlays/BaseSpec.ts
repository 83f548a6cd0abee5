import type {
  CodeTable,
  FormDefinition,
  Indicator,
  ParameterSet,
  ProgramDefinition,
  Schedule,
  Trigger,
} from '../types/generated.js';

/** One version of a spec as an overlay sees it: everything a jurisdiction may adjust. */
export interface BaseSpec {
  /** Spec key, e.g. national-phs. */
  spec: string;
  /** Semantic version of the spec. */
  version: string;
  /** Form definitions by form key. */
  forms: Record<string, FormDefinition>;
  /** Code tables by id. */
  codeTables: Record<string, CodeTable>;
  parameters: ParameterSet;
  /** BPMN 2.0 XML by workflow key. */
  workflows: Record<string, string>;
  /** Which stored submissions start which workflow, by trigger id (none when absent). */
  triggers?: Record<string, Trigger>;
  /** When a programme's follow-ups fall due, by schedule id (none when absent). */
  schedules?: Record<string, Schedule>;
  /** What is counted over a programme's residents, by indicator id (none when absent). */
  indicators?: Record<string, Indicator>;
  /**
   * Programmes declared as data, by id (an overlay's `add-program`). A base may declare none:
   * the programmes its schedules and indicators name are its programmes all the same
   * (`programIds`).
   */
  programs?: Record<string, ProgramDefinition>;
}
