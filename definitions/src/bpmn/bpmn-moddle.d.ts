// bpmn-moddle ships types for the BPMN meta-model classes (bpmn-moddle/types) but none for its
// entry point; this declares the part the lint uses.
declare module 'bpmn-moddle' {
  export interface BpmnModdleWarning {
    message?: unknown;
    element?: unknown;
    property?: unknown;
    value?: unknown;
    error?: unknown;
  }

  export interface BpmnModdleParseResult {
    rootElement: unknown;
    warnings: BpmnModdleWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<BpmnModdleParseResult>;
  }
}
