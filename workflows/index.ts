export { processWorkflow } from './interpreter';
