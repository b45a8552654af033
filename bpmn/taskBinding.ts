// Which hub task a job-style element runs. Camunda 8 models say it with zeebe:taskDefinition; models
// without it use a Camunda 7 external-task topic or the name convention "[task-type] Label".
import { extension, children, text, type BpmnElement } from './is';

export type BindingSource = 'zeebe' | 'decision' | 'camunda-topic' | 'name';

export interface ResolvedBinding {
  taskType: string;
  headers: Record<string, string>;
  retries: number;
  source: BindingSource;
  /** Set when retries is not a plain number (an expression); the default is used instead. */
  retriesIgnored?: string;
}

export const DEFAULT_RETRIES = 3;

/** "[register-lookup] Melderegister prüfen" → register-lookup. */
const NAME_CONVENTION = /^\s*\[([A-Za-z0-9][A-Za-z0-9._:-]*)\]/;

/** The task type named by the name convention, if the name follows it. */
export function taskTypeFromName(name: string | undefined): string | undefined {
  return name ? NAME_CONVENTION.exec(name)?.[1] : undefined;
}

function headersOf(element: BpmnElement): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of children(extension(element, 'zeebe:TaskHeaders'), 'values')) {
    const key = text(header, 'key');
    if (key) headers[key] = typeof header.value === 'string' ? header.value : '';
  }
  return headers;
}

/** Resolves the binding of a service, send, business-rule or script task or a message throw event. */
export function taskBindingOf(element: BpmnElement): ResolvedBinding | undefined {
  const headers = headersOf(element);
  const definition = extension(element, 'zeebe:TaskDefinition');
  const zeebeType = text(definition, 'type');
  if (zeebeType) {
    const raw = text(definition, 'retries');
    const retries = raw === undefined ? DEFAULT_RETRIES : Number(raw);
    const valid = Number.isInteger(retries) && retries >= 0;
    return {
      taskType: zeebeType,
      headers,
      retries: valid ? retries : DEFAULT_RETRIES,
      source: 'zeebe',
      ...(valid ? {} : { retriesIgnored: raw }),
    };
  }
  // DMN is not evaluated by the hub: a decision runs as a task the hub can bind like any other.
  const decisionId =
    text(extension(element, 'zeebe:CalledDecision'), 'decisionId') ?? text(element, 'decisionRef');
  if (decisionId) {
    const resultVariable =
      text(extension(element, 'zeebe:CalledDecision'), 'resultVariable') ?? text(element, 'resultVariable');
    return {
      taskType: `decision:${decisionId}`,
      retries: DEFAULT_RETRIES,
      source: 'decision',
      headers: { ...headers, decisionId, ...(resultVariable ? { resultVariable } : {}) },
    };
  }
  const topic = text(element, 'topic');
  if (topic) return { taskType: topic, headers, retries: DEFAULT_RETRIES, source: 'camunda-topic' };
  const fromName = taskTypeFromName(text(element, 'name'));
  if (fromName) return { taskType: fromName, headers, retries: DEFAULT_RETRIES, source: 'name' };
  return undefined;
}

/** Camunda 7 Java/expression implementations, which the hub cannot run (named in the report's hint). */
export function camunda7Implementation(element: BpmnElement): string | undefined {
  for (const property of ['class', 'delegateExpression', 'expression'] as const) {
    const value = text(element, property);
    if (value) return `camunda:${property}="${value}"`;
  }
  return undefined;
}

/** Task types the hub's activities run (issue 5, binding to the hub); the API checks imports against them. */
export const HUB_TASK_TYPES: readonly string[] = [
  'route-and-deliver',
  'file-to-dms',
  'register-lookup',
  'request-documents',
  'generate-notice',
  'send-mail',
];
