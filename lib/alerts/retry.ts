// Whether a send that failed is worth making again, and after how long: the one rule for Kordon's own retries of
// alerts and of the watch list (the Telegram bot's are the grammY plugin's). Pure: callers wait and count.

/** Why a send failed: the HTTP status it got (null: no answer at all) and any Retry-After, in seconds. */
export interface SendFailure {
  status: number | null;
  retryAfterSeconds: number | null;
}

export interface RetrySchedule {
  /** The first wait; each next one is twice as long… */
  firstMs: number;
  /** …up to this. */
  longestMs: number;
  /** A Retry-After longer than this is not waited for (null: any). */
  longestHoldMs: number | null;
}

/**
 * Milliseconds until the next try after `failures` failed ones, or null when trying again cannot help: the other
 * side refused the request itself (a 4xx other than 429), or asks to wait longer than the schedule allows. No
 * answer (a weak link, a timeout), a limit (429, after its Retry-After) and a server that is down (5xx) are tried
 * again, each wait twice the last, so a congested network is not kept busy with them.
 */
export function retryDelayMs(failure: SendFailure, failures: number, schedule: RetrySchedule): number | null {
  const { status, retryAfterSeconds } = failure;
  if (status !== null && status !== 429 && status < 500) return null;
  const held = (retryAfterSeconds ?? 0) * 1000;
  if (schedule.longestHoldMs !== null && held > schedule.longestHoldMs) return null;
  const backoff = Math.min(schedule.longestMs, schedule.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, held);
}

/** Retry-After in seconds: a number of seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
export function retryAfterHeader(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : null;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
