// One reading of a task's announced form fields, used by the API (422 before anything enters the case) and by
// every update validator that completes a task, so both refuse exactly the same outputs.

/** A form field as tasks announce it: case forms use id/values, BPMN forms key/options (form-js, Camunda 7). */
export interface AnnouncedField {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  required?: boolean;
  values?: readonly string[];
  options?: readonly { value: string; label?: string }[];
  maxLength?: number;
}

/** Text fields without an announced maximum take at most this many characters (the notice's reasons, too). */
export const DEFAULT_MAX_TEXT = 20_000;
/** Output keys the API adds itself; a form does not announce them. */
const SYSTEM_KEYS = new Set(['decidedBy']);

const STRING_TYPES = new Set(['text', 'textfield', 'textarea', 'string', 'email', 'tel']);
const NUMBER_TYPES = new Set(['number', 'long', 'integer', 'int', 'double', 'float']);
const BOOLEAN_TYPES = new Set(['boolean', 'checkbox', 'checkbox-group-single']);
const CHOICE_TYPES = new Set(['enum', 'select', 'radio']);
const DATE_TYPES = new Set(['date', 'datetime', 'date-time']);

export interface FieldProblem {
  field: string;
  message: string;
}

/** Length in characters (code points), as JSON Schema's maxLength counts: an emoji is one, not two. */
export const charCount = (text: string): number => Array.from(text).length;

const keyOf = (f: AnnouncedField) => f.key ?? f.id ?? '';
const choicesOf = (f: AnnouncedField) => f.values ?? f.options?.map((o) => o.value) ?? [];
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function checkValue(field: AnnouncedField, value: unknown): string | undefined {
  const type = (field.type ?? 'text').toLowerCase();
  // A checklist (form-js) takes several of the announced choices, at least one.
  if (type === 'checklist') {
    const choices = choicesOf(field);
    const valid =
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === 'string' && (choices.length === 0 || choices.includes(v)));
    return valid
      ? undefined
      : `must be a non-empty list of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
  }
  if (CHOICE_TYPES.has(type)) {
    const choices = choicesOf(field);
    if (typeof value !== 'string' || (choices.length > 0 && !choices.includes(value)))
      return `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
    return undefined;
  }
  if (NUMBER_TYPES.has(type))
    return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
  if (BOOLEAN_TYPES.has(type)) return typeof value === 'boolean' ? undefined : 'must be true or false';
  if (DATE_TYPES.has(type))
    return typeof value === 'string' && !Number.isNaN(Date.parse(value))
      ? undefined
      : 'must be an ISO date or date-time';
  if (STRING_TYPES.has(type) || typeof value === 'string') {
    if (typeof value !== 'string') return 'must be text';
    const max = field.maxLength ?? DEFAULT_MAX_TEXT;
    const length = charCount(value);
    if (length > max) return `must have at most ${max} characters (has ${length})`;
  }
  return undefined;
}

/**
 * What is wrong with a task's output against its announced fields: required fields present and not blank,
 * values of the announced type, choices from the announced list, texts within their maximum length, and no
 * keys the form does not announce. A task that announces no fields takes any object.
 */
export function formOutputProblems(fields: readonly AnnouncedField[], output: unknown): FieldProblem[] {
  if (typeof output !== 'object' || output === null || Array.isArray(output))
    return [{ field: '', message: 'output must be an object of the form fields' }];
  const values = output as Record<string, unknown>;
  if (fields.length === 0) return [];
  const problems: FieldProblem[] = [];
  const known = new Set(fields.map(keyOf));
  for (const field of fields) {
    const key = keyOf(field);
    const value = values[key];
    if (isBlank(value)) {
      if (field.required) problems.push({ field: key, message: `is required (${field.label ?? key})` });
      else if (value !== undefined && value !== null && typeof value !== 'string')
        problems.push({ field: key, message: 'must be text' });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ field: key, message: problem });
  }
  for (const key of Object.keys(values))
    if (!known.has(key) && !SYSTEM_KEYS.has(key))
      problems.push({
        field: key,
        message: `is not a field of this task (fields: ${[...known].join(', ')})`,
      });
  return problems;
}

/** For update validators: throws the problems as one message. */
export function assertFormOutput(fields: readonly AnnouncedField[], output: unknown): void {
  const problems = formOutputProblems(fields, output);
  if (problems.length > 0)
    throw new Error(problems.map((p) => (p.field ? `output.${p.field} ${p.message}` : p.message)).join('; '));
}
