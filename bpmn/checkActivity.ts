// Activity checks: compensation, loops, data and io mappings common to all activities, then the
// task-kind specifics (task types, scripts, forms, call targets). Sub-process scopes are checkScope's.
import { body, child, children, extension, flag, is, isAny, text, type BpmnElement } from './is';
import { taskBindingOf, taskTypeFromName } from './taskBinding';
import { taskFormOf } from './formFields';
import { assignmentOf } from './assignment';
import { notFeel } from './expressions';
import { calledProcessId, type ProcessIndex } from './processIndex';
import { binding, message } from './checkBinding';
import { unsupported, type ReportBuilder } from './reportBuilder';

/** Checks an activity; for sub-processes only what all activities share (their scope is checked by checkScope). */
export function checkActivity(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  if (flag(node, 'isForCompensation', false)) unsupported(r, node, 'A compensation handler');
  loop(r, node);
  if (
    children(node, 'dataInputAssociations').length + children(node, 'dataOutputAssociations').length > 0 ||
    child(node, 'ioSpecification')
  ) {
    r.add(
      node,
      'info',
      'data-association-ignored',
      'Data associations and ioSpecification are documentation; variables flow through zeebe:ioMapping.',
    );
  }
  if (extension(node, 'camunda:InputOutput')) {
    r.add(
      node,
      'warning',
      'camunda7-io-ignored',
      'camunda:inputOutput (Camunda 7) is not mapped; its JUEL/script parameters cannot run. Use zeebe:ioMapping with FEEL.',
    );
  }
  ioMapping(r, node);

  if (is(node, 'bpmn:SubProcess')) return;
  if (is(node, 'bpmn:CallActivity')) return callActivity(r, node, index);
  if (isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']))
    return binding(r, node, true);
  if (is(node, 'bpmn:ScriptTask')) return scriptTask(r, node);
  if (is(node, 'bpmn:ReceiveTask')) return message(r, node, child(node, 'messageRef'), true);
  if (is(node, 'bpmn:UserTask')) return userTask(r, node);
  if (node.$type === 'bpmn:Task' && taskTypeFromName(text(node, 'name'))) return binding(r, node, true);
  if (node.$type === 'bpmn:Task') {
    r.add(
      node,
      'info',
      'pass-through',
      'An undefined task does nothing when run; type it (user, service ...) or name it "[task-type] label" to give it work.',
    );
  }
  if (!isAny(node, ['bpmn:ManualTask']) && node.$type !== 'bpmn:Task') unsupported(r, node, node.$type);
}

/** Checks zeebe:ioMapping parameters (activities and events carry them). */
export function ioMapping(r: ReportBuilder, node: BpmnElement): void {
  const mapping = extension(node, 'zeebe:IoMapping');
  for (const parameter of [
    ...children(mapping, 'inputParameters'),
    ...children(mapping, 'outputParameters'),
  ]) {
    const source = text(parameter, 'source');
    if (!text(parameter, 'target'))
      r.add(node, 'blocking', 'io-mapping-target', 'A zeebe:ioMapping parameter has no target variable.');
    if (source && notFeel(source))
      r.add(
        node,
        'blocking',
        'expression-not-feel',
        `The mapping source ${source} is not FEEL; write "= expression".`,
      );
  }
}

function loop(r: ReportBuilder, node: BpmnElement): void {
  const characteristics = child(node, 'loopCharacteristics');
  if (!characteristics) return;
  if (is(characteristics, 'bpmn:StandardLoopCharacteristics')) {
    r.add(
      node,
      'blocking',
      'standard-loop',
      'Standard loops (repeat while a condition holds) are not supported; use a gateway that loops back, or multi-instance over a collection.',
    );
    return;
  }
  const zeebe = extension(characteristics, 'zeebe:LoopCharacteristics');
  if (text(zeebe, 'inputCollection')) return;
  if (text(characteristics, 'collection')) {
    r.add(
      node,
      'info',
      'multi-instance-camunda7',
      `The Camunda 7 collection "${text(characteristics, 'collection')}" is read as a FEEL variable name.`,
    );
    if (notFeel(text(characteristics, 'collection')!))
      r.add(
        node,
        'blocking',
        'expression-not-feel',
        'The multi-instance collection is a JUEL expression; use a variable name or FEEL.',
      );
    return;
  }
  if (body(characteristics, 'loopCardinality')) {
    r.add(
      node,
      'info',
      'multi-instance-cardinality',
      `The loop cardinality ${body(characteristics, 'loopCardinality')} runs as a collection 1..n.`,
    );
    return;
  }
  r.add(
    node,
    'blocking',
    'multi-instance-without-collection',
    'Multi-instance needs zeebe:loopCharacteristics inputCollection (or a loop cardinality) to know how many instances to run.',
  );
}

function scriptTask(r: ReportBuilder, node: BpmnElement): void {
  const script = extension(node, 'zeebe:Script');
  if (script) {
    if (!text(script, 'expression') || !text(script, 'resultVariable'))
      r.add(node, 'blocking', 'script-incomplete', 'zeebe:script needs an expression and a resultVariable.');
    return;
  }
  if (taskBindingOf(node)) return binding(r, node, true);
  const format = text(node, 'scriptFormat');
  if (format && !/^feel$/i.test(format)) {
    r.add(
      node,
      'blocking',
      'script-language',
      `Scripts in ${format} cannot run in the hub; use a FEEL zeebe:script or a task type.`,
    );
    return;
  }
  binding(r, node, true);
}

function userTask(r: ReportBuilder, node: BpmnElement): void {
  const form = taskFormOf(node);
  const assignment = assignmentOf(node);
  if (assignment.kept.length > 0)
    r.add(node, 'info', 'assignment-kept', `Kept for the task list: ${assignment.kept.join(', ')}.`);
  if (form.problem)
    r.add(node, 'warning', 'form-unreadable', `${form.problem} The task gets no form fields.`);
  else if (form.formKey && form.formFields.length === 0) {
    r.add(
      node,
      'info',
      'form-not-embedded',
      `The form ${form.formKey} is linked, not embedded; the task list gets its key but no fields.`,
    );
  }
}

function callActivity(r: ReportBuilder, node: BpmnElement, index: ProcessIndex): void {
  const target = calledProcessId(node);
  if (!target)
    return r.add(
      node,
      'blocking',
      'call-target-missing',
      'The call activity names no process (zeebe:calledElement processId or calledElement).',
    );
  if (target.startsWith('=')) {
    r.add(
      node,
      'warning',
      'call-target-dynamic',
      `The called process is computed (${target}); only processes of this import can be called.`,
    );
    return;
  }
  if (!index.byId.has(target)) {
    r.add(
      node,
      'blocking',
      'call-target-missing',
      `The called process "${target}" is in none of the imported files; import its file together with this one.`,
    );
  }
}
