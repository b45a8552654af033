import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../api/problems';

describe('problem documentation', () => {
  it('documents every problem code with an anchor (docs/problems.md)', () => {
    const doc = fs.readFileSync('docs/problems.md', 'utf8');
    for (const [code, { status }] of Object.entries(PROBLEMS))
      expect(doc).toContain(`<a id="${code}"></a>\`${code}\` | ${status} |`);
  });
});
