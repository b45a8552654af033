// Where the workflow bundle's entry lies; needed by the worker, the replay check and the tests' bundler.
import { fileURLToPath } from 'node:url';

/** The workflows' entry module, bundled by the Temporal worker (never imported directly). */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
