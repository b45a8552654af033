// bpmn-moddle ships types for its meta-model but none for its entry point; this declares the part we use.
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: { $type?: string; id?: string };
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: unknown;
    elementsById: Record<string, unknown>;
    warnings: ModdleWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
