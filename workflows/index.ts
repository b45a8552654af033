// Everything the worker registers as workflow code.
export { applicationWorkflow } from './application';
export { bpmnProcessWorkflow } from './bpmn/workflow';
