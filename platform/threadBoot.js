// Entry of every pool thread: registers the TypeScript loader (tsx) in the thread, then loads the
// task module named by the pool. Plain JavaScript because nothing can compile TypeScript before it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.module, import.meta.url);
