// Runs inside a BPMN parser thread (bpmn/parsePool.ts): a large or hostile import cannot block the API.
import { serveThreadTasks } from '../platform/threadTask';
import { analyseBpmn, type AnalyseRequest } from './analyse';

serveThreadTasks((request: AnalyseRequest) => analyseBpmn(request));
