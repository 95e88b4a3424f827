// When the page sends its watch list to the push server again after a failed try. A change the server never
// heard would leave a person waiting for an alert that cannot come, so the page keeps trying, and says so.

/** What a try to send the watch list came to: sent, or why not (no answer at all: `status` null). */
export type PushSyncOutcome = { ok: true } | { ok: false; status: number | null; retryAfterSeconds: number | null };

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 5 * 60_000;

/**
 * Milliseconds until the next try, or null when trying again cannot help (the server refused the list itself:
 * only a change to it can). No answer (a weak link), a limit (429, after its Retry-After) and a server that
 * is down (5xx) are tried again: 5 s, then twice as long each time up to 5 min, so a phone on a congested
 * network does not keep its radio busy with it.
 */
export function pushRetryMs(outcome: Exclude<PushSyncOutcome, { ok: true }>, failures: number): number | null {
  const { status, retryAfterSeconds } = outcome;
  if (status !== null && status !== 429 && status < 500) return null;
  const backoff = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

/** Retry-After in seconds, from the header or the error body's `retryAfter`; null without either. */
export function retryAfterOf(header: string | null, body: unknown): number | null {
  const fromHeader = header === null ? NaN : Number(header);
  if (Number.isFinite(fromHeader) && fromHeader >= 0) return fromHeader;
  const fromBody = (body as { error?: { retryAfter?: unknown } } | null)?.error?.retryAfter;
  return typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0 ? fromBody : null;
}
