// Everything the worker registers as workflow code.
export { applicationWorkflow } from './application';
export { officeReviewWorkflow } from './officeReview';
export { bpmnProcessWorkflow } from './bpmn/workflow';
