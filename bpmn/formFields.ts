// Form fields of a user task: from a Camunda 8 form embedded in the process (zeebe:userTaskForm, the
// form-js JSON) or from Camunda 7 camunda:formData. Linked forms give a key but no fields.
import { child, children, extension, extensions, is, text, type BpmnElement } from './is';
import type { FormField } from '../workflows/bpmn/model';

export interface TaskForm {
  formKey?: string;
  formFields: FormField[];
  /** Why an embedded form could not be read, for the report. */
  problem?: string;
}

const EMBEDDED_PREFIX = 'camunda-forms:bpmn:';

function processOf(element: BpmnElement): BpmnElement | undefined {
  let current: BpmnElement | undefined = element.$parent;
  while (current && !is(current, 'bpmn:Process')) current = current.$parent;
  return current;
}

interface FormComponent {
  key?: unknown;
  label?: unknown;
  type?: unknown;
  validate?: { required?: unknown };
  values?: { value?: unknown; label?: unknown }[];
  defaultValue?: unknown;
  components?: FormComponent[];
}

function fromFormJs(components: FormComponent[] | undefined, into: FormField[]): FormField[] {
  for (const component of components ?? []) {
    if (typeof component.key === 'string' && component.key !== '') {
      const options = Array.isArray(component.values)
        ? component.values.map((v) => ({
            value: String(v.value ?? ''),
            ...(typeof v.label === 'string' ? { label: v.label } : {}),
          }))
        : undefined;
      into.push({
        key: component.key,
        type: typeof component.type === 'string' ? component.type : 'textfield',
        ...(typeof component.label === 'string' ? { label: component.label } : {}),
        ...(component.validate?.required === true ? { required: true } : {}),
        ...(options ? { options } : {}),
        ...(component.defaultValue !== undefined
          ? { defaultValue: JSON.parse(JSON.stringify(component.defaultValue)) as unknown }
          : {}),
      });
    }
    fromFormJs(component.components, into);
  }
  return into;
}

function fromCamunda7(formData: BpmnElement): FormField[] {
  return children(formData, 'fields').flatMap((field) => {
    const key = text(field, 'id');
    if (!key) return [];
    const constraints = children(child(field, 'validation'), 'constraints');
    const values = children(field, 'values');
    const label = text(field, 'label');
    const defaultValue = text(field, 'defaultValue');
    return [
      {
        key,
        type: text(field, 'type') ?? 'string',
        ...(label ? { label } : {}),
        ...(constraints.some((c) => text(c, 'name') === 'required') ? { required: true } : {}),
        ...(values.length > 0
          ? {
              options: values.map((v) => ({
                value: text(v, 'id') ?? '',
                ...(text(v, 'name') ? { label: text(v, 'name') } : {}),
              })),
            }
          : {}),
        ...(defaultValue !== undefined ? { defaultValue } : {}),
      },
    ];
  });
}

/** The form of a user task as the caseworker task list needs it. */
export function taskFormOf(userTask: BpmnElement): TaskForm {
  const definition = extension(userTask, 'zeebe:FormDefinition');
  const formKey = text(definition, 'formKey');
  if (formKey?.startsWith(EMBEDDED_PREFIX)) {
    const id = formKey.slice(EMBEDDED_PREFIX.length);
    const form = extensions(processOf(userTask), 'zeebe:UserTaskForm').find((f) => text(f, 'id') === id);
    if (!form) return { formFields: [], problem: `The embedded form ${id} is not in the process.` };
    try {
      const json = JSON.parse(typeof form.body === 'string' ? form.body : '{}') as {
        components?: FormComponent[];
      };
      return { formFields: fromFormJs(json.components, []) };
    } catch (error) {
      return {
        formFields: [],
        problem: `The embedded form ${id} is not valid JSON: ${(error as Error).message}`,
      };
    }
  }
  const linked =
    formKey ??
    text(definition, 'formId') ??
    text(definition, 'externalReference') ??
    text(userTask, 'formKey');
  const formData = extension(userTask, 'camunda:FormData');
  return { ...(linked ? { formKey: linked } : {}), formFields: formData ? fromCamunda7(formData) : [] };
}
