// The worker's model cache and the slicing activity, without a server: bounded, shared loads, exact slices.
import { describe, expect, test } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { ModelCache } from '../../activities/modelCache';
import { createProcessModelActivities, MODEL_PART_CHARS } from '../../activities/processModelParts';
import type { ModelRef } from '../../workflows/bpmn/api';

const ref = (modelId: string, version = 1): ModelRef => ({ modelId, version });

describe('model cache', () => {
  test('concurrent reads of one version share one load; later reads come from the cache', async () => {
    const loads: string[] = [];
    const cache = new ModelCache(async (r) => {
      loads.push(`${r.modelId}@${r.version}`);
      return `{"id":"${r.modelId}"}`;
    });
    const [a, b] = await Promise.all([cache.get(ref('m')), cache.get(ref('m'))]);
    expect(a).toBe('{"id":"m"}');
    expect(b).toBe(a);
    await cache.get(ref('m'));
    expect(loads).toEqual(['m@1']);
    // another version of the same model is another entry
    await cache.get(ref('m', 2));
    expect(loads).toEqual(['m@1', 'm@2']);
  });

  test('keeps at most maxEntries, dropping the least recently used', async () => {
    const loads: string[] = [];
    const cache = new ModelCache(
      async (r) => {
        loads.push(r.modelId);
        return '{}';
      },
      { maxEntries: 2 },
    );
    await cache.get(ref('a'));
    await cache.get(ref('b'));
    await cache.get(ref('a')); // a is now the most recently used
    await cache.get(ref('c')); // drops b
    expect(cache.size).toBe(2);
    await cache.get(ref('a'));
    await cache.get(ref('b'));
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  test('keeps at most maxChars over all entries', async () => {
    const cache = new ModelCache(async (r) => 'x'.repeat(r.modelId === 'big' ? 80 : 30), { maxChars: 100 });
    await cache.get(ref('small'));
    await cache.get(ref('big'));
    expect(cache.size).toBe(1);
  });

  test('unknown versions and failed loads are not cached', async () => {
    let calls = 0;
    const cache = new ModelCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return calls === 2 ? undefined : '{}';
    });
    await expect(cache.get(ref('m'))).rejects.toThrow('database down');
    expect(await cache.get(ref('m'))).toBeUndefined();
    expect(await cache.get(ref('m'))).toBe('{}');
    expect(calls).toBe(3);
  });
});

describe('loadProcessModelPart', () => {
  test('slices reassemble the exact JSON, each at most MODEL_PART_CHARS long', async () => {
    const json = JSON.stringify({ text: 'ä€'.repeat(MODEL_PART_CHARS) });
    const { loadProcessModelPart } = createProcessModelActivities(new ModelCache(async () => json));
    const parts: string[] = [];
    for (let offset = 0; offset < json.length;) {
      const part = await loadProcessModelPart({ ref: ref('m'), offset });
      expect(part.total).toBe(json.length);
      expect(part.json.length).toBeLessThanOrEqual(MODEL_PART_CHARS);
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThan(2 * 1024 * 1024);
      parts.push(part.json);
      offset += part.json.length;
    }
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(json);
  });

  test('a version the depot does not have is a non-retryable MODEL_NOT_FOUND', async () => {
    const { loadProcessModelPart } = createProcessModelActivities(new ModelCache(async () => undefined));
    const failure = await loadProcessModelPart({ ref: ref('gone'), offset: 0 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'MODEL_NOT_FOUND', nonRetryable: true });
  });
});
