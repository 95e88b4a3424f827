import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../lib/health';

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
