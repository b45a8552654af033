// Runs inside a rule thread (rules/rulePool.ts): compiles rules and runs them, keeping the runnable
// copy of each rule version, so a version is prepared once per thread.
import { serveThreadTasks } from '../platform/threadTask';
import { compileInThisThread, warmCompiler } from './compile';
import { NOT_CACHED, type RuleTask } from './rulePool';
import { isRunnableCached, runInThisThread } from './transform';

serveThreadTasks((task: RuleTask) => {
  if (task.kind === 'compile') return compileInThisThread(task.xslt, { scan: task.scan });
  if (!task.sef) {
    if (task.id === undefined || !isRunnableCached(task.id))
      throw Object.assign(new Error('rule version not cached in this thread'), { name: NOT_CACHED });
    return runInThisThread({ id: task.id }, task.xml, task.params);
  }
  return runInThisThread({ id: task.id, sef: task.sef }, task.xml, task.params);
}, warmCompiler);
