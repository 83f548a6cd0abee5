import type { CodeTable, FormDefinition, ParameterSet, Trigger } from '../types/generated.js';

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
}
