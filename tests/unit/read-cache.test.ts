import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../lib/read-cache';

const options = { ttlMs: 5_000, maxConcurrent: 2, maxWaiting: 3, maxEntries: 10 };
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the read cache', () => {
  it('computes once for readers that arrive together, and keeps the answer for its ttl', async () => {
    let clock = 0;
    const cache = createReadCache({ ...options, now: () => clock });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await later();
      return { computed };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => cache.read('list', compute)));
    expect(computed).toBe(1);
    expect(new Set(answers).size).toBe(1);
    clock = 4_999;
    await cache.read('list', compute);
    expect(computed).toBe(1);
    clock = 5_000;
    expect(await cache.read('list', compute)).toEqual({ computed: 2 });
  });

  it('forgets what changed, by prefix or all of it', async () => {
    const cache = createReadCache(options);
    let n = 0;
    const compute = async () => (n += 1);
    await cache.read('checkpoint:a:168', compute);
    await cache.read('checkpoint:b:168', compute);
    cache.invalidate('checkpoint:a:');
    expect(await cache.read('checkpoint:a:168', compute)).toBe(3);
    expect(await cache.read('checkpoint:b:168', compute)).toBe(2);
    cache.invalidate();
    expect(await cache.read('checkpoint:b:168', compute)).toBe(4);
  });

  it('runs at most maxConcurrent computations, queues maxWaiting more, and refuses beyond with a retry time', async () => {
    const cache = createReadCache(options);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const compute = () =>
      new Promise<number>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        releases.push(() => {
          running -= 1;
          resolve(running);
        });
      });
    const reads = Array.from({ length: 5 }, (_, i) => cache.read(`k${i}`, compute));
    await expect(cache.read('k5', compute)).rejects.toMatchObject({ code: 'unavailable', retryAfterSeconds: 1 });
    await later();
    expect(running).toBe(2);
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await later();
    }
    await Promise.all(reads);
    expect(most).toBe(2);
  });

  it('keeps no failure: the next reader tries again', async () => {
    const cache = createReadCache(options);
    await expect(cache.read('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.read('x', async () => 'fine')).toBe('fine');
  });
});
