// One helper answers type questions about moddle elements (honouring inheritance, so bpmn:Task covers
// bpmn:UserTask) and reads their properties without scattering casts and string comparisons.

/** A node of the moddle tree: typed by `$type`, properties are read through the helpers below. */
export interface BpmnElement {
  readonly $type: string;
  readonly $parent?: BpmnElement;
  readonly $attrs?: Record<string, string>;
  $instanceOf?(type: string): boolean;
  readonly id?: string;
  readonly name?: string;
  readonly [property: string]: unknown;
}

/** True if `element` is of moddle type `type` or a subtype (`is(el, 'bpmn:Activity')`). */
export function is(element: unknown, type: string): boolean {
  if (!isElement(element)) return false;
  return typeof element.$instanceOf === 'function' ? element.$instanceOf(type) : element.$type === type;
}

/** True if `element` is of any of the given types. */
export function isAny(element: unknown, types: readonly string[]): boolean {
  return types.some((type) => is(element, type));
}

/** True for anything that came out of moddle (has a `$type`). */
export function isElement(value: unknown): value is BpmnElement {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string'
  );
}

/** A property holding one element (containment or reference), if set. */
export function child(element: BpmnElement | undefined, property: string): BpmnElement | undefined {
  const value = element?.[property];
  return isElement(value) ? value : undefined;
}

/** A property holding a list of elements; missing lists read as empty. */
export function children(element: BpmnElement | undefined, property: string): BpmnElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** A string (or number/boolean, stringified) property, trimmed; empty strings read as undefined. */
export function text(element: BpmnElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A boolean property with its BPMN default. */
export function flag(element: BpmnElement | undefined, property: string, fallback: boolean): boolean {
  const value = element?.[property];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

/** The body of an expression child (`conditionExpression`, `timeDuration` ...), trimmed. */
export function body(element: BpmnElement | undefined, property: string): string | undefined {
  return text(child(element, property), 'body');
}

/** Extension elements of the given type (`zeebe:TaskDefinition`), in document order. */
export function extensions(element: BpmnElement | undefined, type: string): BpmnElement[] {
  return children(child(element, 'extensionElements'), 'values').filter((value) => is(value, type));
}

/** The first extension element of the given type. */
export function extension(element: BpmnElement | undefined, type: string): BpmnElement | undefined {
  return extensions(element, type)[0];
}
