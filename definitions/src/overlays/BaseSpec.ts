import type { CodeTable, FormDefinition, ParameterSet } from '../types/generated.js';

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
}
