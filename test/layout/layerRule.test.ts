// The layer lint rule refuses upward imports and lets through the one exception (activity types in
// workflow code); run on made-up files so it is seen to fail, not only to pass on the real tree.
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layersPlugin } from '../../eslint.layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const linter = new Linter({ configType: 'flat' });
const config = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { layers: layersPlugin as never },
    rules: { 'layers/layers': 'error' as const },
  },
];

function problems(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: path.join(ROOT, file) }).map((m) => m.message);
}

describe('layer rule', () => {
  it('refuses an import from a higher layer', () => {
    expect(problems('db/x.ts', "import { compileRule } from '../rules/compile';")).toEqual([
      expect.stringContaining('db/ (layer 2) may not import rules/ (layer 3)'),
    ]);
    expect(problems('platform/x.ts', "export { startHub } from '../cmd/hub';")).toHaveLength(1);
    expect(problems('activities/x.ts', "const m = import('../api/app');")).toHaveLength(1);
  });

  it('allows imports downwards, within a layer, and from test code', () => {
    expect(problems('api/x.ts', "import { SERVICES } from '../db/seed/services';")).toEqual([]);
    expect(problems('api/x.ts', "import { testPlan } from '../demo/testPlans';")).toEqual([]);
    expect(problems('db/x.ts', "import type { RouteDecision } from '../workflows/caseTypes';")).toEqual([]);
    expect(problems('test/x.ts', "import { startHub } from '../cmd/hub';")).toEqual([]);
  });

  it('keeps workflow code to itself, activity types excepted', () => {
    expect(problems('workflows/x.ts', "import type { Activities } from '../activities';")).toEqual([]);
    expect(
      problems('workflows/bpmn/x.ts', "import type { DeliverInput } from '../../activities/delivery';"),
    ).toEqual([]);
    expect(problems('workflows/x.ts', "import { createActivities } from '../activities';")).toHaveLength(1);
    expect(problems('workflows/x.ts', "import { type Activities } from '../activities';")).toHaveLength(1);
    expect(problems('workflows/x.ts', "import type { Pool } from '../db/pool';")).toHaveLength(1);
    expect(problems('workflows/x.ts', "import { loadConfig } from '../platform/config';")).toHaveLength(1);
  });

  it('refuses imports of folders outside the layers, such as test code from a benchmark', () => {
    expect(problems('bench/x.ts', "import { tradeSubmission } from '../test/lifecycle/caseDriver';")).toEqual(
      [expect.stringContaining('outside the layers')],
    );
  });
});
