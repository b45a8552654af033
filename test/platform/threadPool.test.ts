// Given a pool of threads, when a task spins for ever, then it is stopped at its limit, its thread is
// replaced and the other tasks go on; errors cross the thread boundary as data; a broken module fails fast.
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadLimitError, ThreadPool } from '../../platform/threadPool';

const SAMPLE = new URL('./fixtures/sampleThread.ts', import.meta.url);
const BROKEN = new URL('./fixtures/brokenThread.ts', import.meta.url);

describe('ThreadPool', () => {
  let pool: ThreadPool | undefined;
  afterEach(async () => pool?.close());

  it('stops a spinning task at its time limit and keeps serving the others meanwhile and afterwards', async () => {
    pool = new ThreadPool(SAMPLE, { threads: 2, timeoutMs: 1500, memoryMb: 64 }, 'sample');
    const started = Date.now();
    const spinning = pool.run({ kind: 'spin' }).catch((error: unknown) => error);
    // while one thread spins, the other answers many tasks
    const meanwhile = [];
    for (let i = 0; i < 20; i++) meanwhile.push(await pool.run<{ echo: number }>({ kind: 'echo', value: i }));
    const stopped = await spinning;
    expect(meanwhile.map((m) => m.echo)).toEqual([...Array(20).keys()]);
    expect(stopped).toBeInstanceOf(ThreadLimitError);
    expect((stopped as ThreadLimitError).limit).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
    // and both threads serve again: two spins at once are both stopped, then work goes on
    const both = await Promise.all([
      pool.run({ kind: 'spin' }, 300).catch((e: unknown) => e),
      pool.run({ kind: 'spin' }, 300).catch((e: unknown) => e),
    ]);
    expect(both.every((e) => e instanceof ThreadLimitError)).toBe(true);
    expect(await pool.run({ kind: 'echo', value: 'after' })).toMatchObject({ echo: 'after' });
  });

  it('hands errors back with their name and fields', async () => {
    pool = new ThreadPool(SAMPLE, { threads: 1, timeoutMs: 5000, memoryMb: 64 }, 'sample');
    const error = await pool.run({ kind: 'fail' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SampleError', message: 'refused', code: 'E42' });
  });

  it('fails the tasks of a module that cannot start instead of restarting it for ever', async () => {
    pool = new ThreadPool(BROKEN, { threads: 1, timeoutMs: 5000, memoryMb: 64 }, 'broken');
    await expect(pool.run({ kind: 'echo' })).rejects.toThrow(/this module is broken/);
  });
});
