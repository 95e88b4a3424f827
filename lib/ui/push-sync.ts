// When the page sends its watch list to the push server again after a failed try. A change the server never
// heard would leave a person waiting for an alert that cannot come, so the page keeps trying, and says so.
import { retryDelayMs, type SendFailure } from '../alerts/retry';

/** What a try to send the watch list came to: sent, or why not (no answer at all: `status` null). */
export type PushSyncOutcome = { ok: true } | ({ ok: false } & SendFailure);

/** 5 s, then twice as long each time up to 5 min, so a phone on a congested network does not keep its radio busy. */
const PAGE_SCHEDULE = { firstMs: 5_000, longestMs: 5 * 60_000, longestHoldMs: null };

/** Milliseconds until the next try, or null when only a change to the list can help (the server refused it). */
export function pushRetryMs(outcome: Exclude<PushSyncOutcome, { ok: true }>, failures: number): number | null {
  return retryDelayMs(outcome, failures, PAGE_SCHEDULE);
}
