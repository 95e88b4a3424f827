import { describe, expect, it } from 'vitest';
import { pushRetryMs } from '../../lib/ui/push-sync';

const noAnswer = { ok: false as const, status: null, retryAfterSeconds: null };

describe('pushRetryMs: when the watch list is sent again after a failed try', () => {
  it('tries again after no answer at all, 5 s first, then twice as long each time, never more than 5 min apart', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((failures) => pushRetryMs(noAnswer, failures))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('waits out a limit (429) for as long as it says, and tries a server that is down (5xx) again', () => {
    expect(pushRetryMs({ ok: false, status: 429, retryAfterSeconds: 120 }, 1)).toBe(120_000);
    expect(pushRetryMs({ ok: false, status: 429, retryAfterSeconds: 1 }, 1)).toBe(5_000);
    expect(pushRetryMs({ ok: false, status: 503, retryAfterSeconds: null }, 2)).toBe(10_000);
  });

  it('does not try again what the server refused for itself: only a change to the list can help', () => {
    for (const status of [400, 403, 404, 413, 422]) expect(pushRetryMs({ ok: false, status, retryAfterSeconds: null }, 1)).toBeNull();
  });
});
