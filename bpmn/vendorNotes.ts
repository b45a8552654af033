// Vendor extensions the hub does not execute are ignored, but never silently: the report lists them
// per vendor with counts, so an administrator sees what information the import leaves behind.
import { isElement, type BpmnElement } from './is';
import type { ParsedFile } from './parse';

export interface Note {
  code: 'vendor-extension-ignored' | 'camunda7-ignored' | 'camunda8-ignored';
  vendor: string;
  message: string;
  /** Occurrences per extension name, e.g. { "signavio:signavioMetaData": 42 }. */
  counts: Record<string, number>;
}

const VENDORS: [RegExp, string][] = [
  [/signavio/i, 'Signavio'],
  [/picture|prozessplattform/i, 'PICTURE'],
  [/camunda\.org\/schema\/modeler/i, 'Camunda Modeler'],
  [/trisotech/i, 'Trisotech'],
  [/bpsim/i, 'BPSim'],
  [/color|biocolor/i, 'diagram colours'],
  [/w4\.eu/i, 'W4'],
  [/drools|jboss/i, 'jBPM/Drools'],
  [/bonitasoft/i, 'Bonita'],
  [/softwareag|aris/i, 'ARIS'],
  [/boc-group/i, 'ADONIS'],
  [/itp-commerce/i, 'itp commerce'],
  [/knowprocess/i, 'KnowProcess'],
  [/i18n/i, 'translations (i18n)'],
];

/** Camunda 7 attributes and elements the compiler maps; every other camunda:* is listed as ignored. */
const MAPPED_CAMUNDA = new Set([
  'camunda:topic',
  'camunda:type',
  'camunda:class',
  'camunda:delegateExpression',
  'camunda:expression',
  'camunda:formKey',
  'camunda:assignee',
  'camunda:candidateGroups',
  'camunda:decisionRef',
  'camunda:resultVariable',
  'camunda:collection',
  'camunda:elementVariable',
  'camunda:FormData',
  'camunda:FormField',
  'camunda:Value',
  'camunda:Validation',
  'camunda:Constraint',
  'camunda:InputOutput',
  'camunda:InputParameter',
  'camunda:OutputParameter',
]);

/** zeebe:* the compiler maps or that only steer the modeler; the rest is listed as ignored. */
const MAPPED_ZEEBE = new Set([
  'zeebe:TaskDefinition',
  'zeebe:TaskHeaders',
  'zeebe:Header',
  'zeebe:IoMapping',
  'zeebe:Input',
  'zeebe:Output',
  'zeebe:CalledElement',
  'zeebe:Subscription',
  'zeebe:LoopCharacteristics',
  'zeebe:FormDefinition',
  'zeebe:UserTaskForm',
  'zeebe:UserTask',
  'zeebe:AssignmentDefinition',
  'zeebe:CalledDecision',
  'zeebe:Script',
  'zeebe:VersionTag',
  'zeebe:retryCounter',
  'zeebe:modelerTemplate',
  'zeebe:modelerTemplateVersion',
  'zeebe:modelerTemplateIcon',
]);

const REGISTERED = new Set(['bpmn', 'bpmndi', 'dc', 'di', 'zeebe', 'camunda']);

function vendorOf(uri: string | undefined, prefix: string): string {
  if (!uri) return `prefix ${prefix}`;
  return VENDORS.find(([pattern]) => pattern.test(uri))?.[1] ?? uri;
}

class Tally {
  readonly byVendor = new Map<string, { code: Note['code']; counts: Record<string, number> }>();
  add(vendor: string, code: Note['code'], name: string): void {
    const entry = this.byVendor.get(vendor) ?? { code, counts: {} };
    entry.counts[name] = (entry.counts[name] ?? 0) + 1;
    this.byVendor.set(vendor, entry);
  }
}

function visit(element: BpmnElement, file: ParsedFile, tally: Tally, seen: WeakSet<object>): void {
  if (seen.has(element)) return;
  seen.add(element);
  const descriptor = (
    element as {
      $descriptor?: {
        isGeneric?: boolean;
        ns?: { prefix?: string; uri?: string };
        propertiesByName?: Record<string, { ns?: { prefix?: string }; isReference?: boolean }>;
      };
    }
  ).$descriptor;
  const prefix = element.$type.split(':')[0] ?? '';
  if (descriptor?.isGeneric || !REGISTERED.has(prefix)) {
    tally.add(
      vendorOf(descriptor?.ns?.uri ?? file.namespaces[prefix], prefix),
      'vendor-extension-ignored',
      element.$type,
    );
  } else if (prefix === 'camunda' && !MAPPED_CAMUNDA.has(element.$type)) {
    tally.add('Camunda 7', 'camunda7-ignored', element.$type);
  } else if (prefix === 'zeebe' && !MAPPED_ZEEBE.has(element.$type)) {
    tally.add('Camunda 8', 'camunda8-ignored', element.$type);
  }
  for (const attribute of Object.keys(element.$attrs ?? {})) {
    const [attrPrefix, local] = attribute.split(':');
    if (!local || ['xmlns', 'xsi', 'xml'].includes(attrPrefix!)) continue;
    tally.add(vendorOf(file.namespaces[attrPrefix!], attrPrefix!), 'vendor-extension-ignored', attribute);
  }
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$')) continue;
    const property = descriptor?.propertiesByName?.[key];
    // Extension attributes on BPMN elements; the attributes of extension elements belong to those.
    const propertyPrefix = property?.ns?.prefix === prefix ? undefined : property?.ns?.prefix;
    if (propertyPrefix === 'camunda' && !MAPPED_CAMUNDA.has(`camunda:${key}`))
      tally.add('Camunda 7', 'camunda7-ignored', `camunda:${key}`);
    if (propertyPrefix === 'zeebe' && !MAPPED_ZEEBE.has(`zeebe:${key}`))
      tally.add('Camunda 8', 'camunda8-ignored', `zeebe:${key}`);
    if (property?.isReference) continue;
    for (const item of Array.isArray(value) ? value : [value])
      if (isElement(item)) visit(item, file, tally, seen);
  }
  for (const item of (element as { $children?: unknown[] }).$children ?? [])
    if (isElement(item)) visit(item, file, tally, seen);
}

const WHY: Record<Note['code'], string> = {
  'vendor-extension-ignored': 'modelling metadata of the tool; not needed to execute the process',
  'camunda7-ignored':
    'Camunda 7 engine settings without an equivalent in the hub (asynchronous continuations, listeners, connectors ...)',
  'camunda8-ignored': 'Camunda 8 settings the hub does not use',
};

/** Lists ignored vendor extensions of all files, one note per vendor. */
export function vendorNotes(files: readonly ParsedFile[]): Note[] {
  const tally = new Tally();
  for (const file of files) visit(file.definitions, file, tally, new WeakSet());
  return [...tally.byVendor].map(([vendor, { code, counts }]) => {
    const list = Object.entries(counts)
      .map(([name, count]) => `${name} ×${count}`)
      .join(', ');
    return { code, vendor, counts, message: `${vendor} extensions ignored (${list}): ${WHY[code]}.` };
  });
}
