// Everything the worker registers as workflow code.
export { applicationWorkflow } from './application';
