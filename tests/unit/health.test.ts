import { describe, expect, it } from 'vitest';
import { cachedFor, checkHealth, createWriteWatch } from '../../lib/health';

describe('checkHealth', () => {
  it('is ok when the probe answers', async () => {
    expect(await checkHealth(async () => 1, 1000)).toEqual({ ok: true });
  });

  it('gives the reason when the probe fails', async () => {
    expect(await checkHealth(() => Promise.reject(new Error('connection refused')), 1000)).toEqual({
      ok: false,
      reason: 'database error: connection refused',
    });
  });

  it('does not hang on a probe that never answers', async () => {
    const result = await checkHealth(() => new Promise(() => {}), 50);
    expect(result).toEqual({ ok: false, reason: 'database did not answer within 50 ms' });
  });
});

describe('the write watch', () => {
  it('says reports are failing from a failure for its window, until one is stored', () => {
    let clock = 0;
    const watch = createWriteWatch({ windowMs: 10_000, now: () => clock });
    expect(watch.failing()).toBeNull();
    watch.failed(new Error('could not extend file: No space left on device'));
    clock = 9_999;
    expect(watch.failing()).toBe('reports are failing: could not extend file: No space left on device');
    clock = 10_001;
    expect(watch.failing()).toBeNull();
    watch.failed(new Error('disk full'));
    watch.stored();
    expect(watch.failing()).toBeNull();
  });
});

describe('cachedFor', () => {
  it('runs the probe at most once per period', async () => {
    let clock = 0;
    let runs = 0;
    const probe = cachedFor(1000, async () => (runs += 1), () => clock);
    expect(await Promise.all([probe(), probe(), probe()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await probe()).toBe(1);
    clock = 1000;
    expect(await probe()).toBe(2);
  });
});
