// Lint is where determinism is enforced: workflow code may not reach the outside world.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const forbiddenInWorkflows = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  'pg',
  'express',
  'saxon-js',
  'bpmn-moddle',
  'xmllint-wasm',
  'libxml2-wasm',
  'nodemailer',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', '.temporal/**', '.scratch*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenInWorkflows.map((name) => ({
            name,
            message: 'Side effects belong in activities.',
          })),
          patterns: [
            { group: ['**/platform/*', '**/config*'], message: 'Workflows get configuration as input.' },
            { group: ['**/activities/*'], allowTypeImports: true, message: 'Import activity types only.' },
            {
              group: ['**/db/*', '**/api/*', '**/worker/*', '**/rules/*', '**/demo/*'],
              message: 'Workflow code must stay deterministic.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'setInterval', 'fetch', 'require'],
    },
  },
  // pg returns untyped rows; db/ is where they are mapped to typed records.
  { files: ['db/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Tests read untyped JSON answers of the API.
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
