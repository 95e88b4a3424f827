import { describe, expect, it } from 'vitest';
import { retryAfterHeader, retryDelayMs } from '../../lib/alerts/retry';

const SERVER = { firstMs: 2_000, longestMs: 30_000, longestHoldMs: 60_000 };

describe('retryDelayMs: a send that failed, made again or not', () => {
  it('waits twice as long each time up to the longest, and at least a Retry-After', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs({ status: null, retryAfterSeconds: null }, n, SERVER))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 20 }, 1, SERVER)).toBe(20_000);
    expect(retryDelayMs({ status: 502, retryAfterSeconds: null }, 3, SERVER)).toBe(8_000);
  });

  it('gives up on a Retry-After longer than the schedule holds, and on what the other side refused itself', () => {
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 3600 }, 1, SERVER)).toBeNull();
    expect(retryDelayMs({ status: 429, retryAfterSeconds: 3600 }, 1, { ...SERVER, longestHoldMs: null })).toBe(3_600_000);
    for (const status of [400, 401, 403, 413]) expect(retryDelayMs({ status, retryAfterSeconds: null }, 1, SERVER)).toBeNull();
  });
});

describe('retryAfterHeader', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-12-06T08:00:00Z');
    expect(retryAfterHeader('120', now)).toBe(120);
    expect(retryAfterHeader('Sun, 06 Dec 2026 08:01:30 GMT', now)).toBe(90);
    expect(retryAfterHeader('Sun, 06 Dec 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterHeader('-5', now)).toBeNull();
    expect(retryAfterHeader('soon', now)).toBeNull();
    expect(retryAfterHeader(null, now)).toBeNull();
  });
});
