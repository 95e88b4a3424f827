// Reports made without a connection wait in the browser (localStorage) and go
// out, in order and under their own ids, once the connection is back: the
// server stores a retried id once, so nothing is lost and nothing doubles.
import type { ReportInput } from '../reports/input';
import type { Hold } from './report-errors';
import { parseStoredList } from './stored-list';

export interface OutboxEntry {
  report: ReportInput;
  /** When the visitor pressed Send (ISO). */
  queuedAt: string;
  /** Why it waits, when the server (or the device's unfinished proof) held it back rather than the connection. */
  hold?: Hold;
}

export const OUTBOX_STORAGE_KEY = 'kordon.outbox.v1';
const MAX_ENTRIES = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What localStorage holds, with anything malformed dropped (the server validates the rest). */
export function parseOutbox(stored: string | null): OutboxEntry[] {
  const value = parseStoredList(stored);
  return value.filter((entry): entry is OutboxEntry => {
    if (typeof entry !== 'object' || entry === null) return false;
    const { report, queuedAt } = entry as Record<string, unknown>;
    return typeof queuedAt === 'string' && typeof report === 'object' && report !== null && UUID.test(String((report as { id?: unknown }).id));
  });
}

export function addToOutbox(list: readonly OutboxEntry[], entry: OutboxEntry): OutboxEntry[] {
  if (list.some((item) => item.report.id === entry.report.id)) return [...list];
  return [...list, entry].slice(-MAX_ENTRIES);
}

export function removeFromOutbox(list: readonly OutboxEntry[], id: string): OutboxEntry[] {
  return list.filter((item) => item.report.id !== id);
}

/** Notes why an entry still waits (or, with no hold, that nothing but the connection holds it). */
export function holdInOutbox(list: readonly OutboxEntry[], id: string, hold: Hold | undefined): OutboxEntry[] {
  return list.map((item) => {
    if (item.report.id !== id) return item;
    const { hold: _previous, ...rest } = item;
    return hold ? { ...rest, hold } : rest;
  });
}

/** What an unsent report waits for, from the refusal that held it (a retryable one), or undefined for no answer. */
export function holdOf(error: { code: string; retryAfter?: number | undefined; limit?: string | undefined }, now: Date): Hold | undefined {
  if (error.code === 'timeout') return undefined;
  return {
    code: error.code,
    ...(error.limit ? { limit: error.limit } : {}),
    ...(error.retryAfter ? { retryAt: new Date(now.getTime() + error.retryAfter * 1000).toISOString() } : {}),
  };
}

/**
 * Refusals that hold a report back until they lift: a limit (until its `retryAfter`), or the device's proof of work
 * still being made (the page's own `proof_pending`; the server's `proof_required` reaches the page as that). The
 * report waits in the outbox, with why.
 */
export function isHeldBack(code: string): boolean {
  return code === 'rate_limited' || code === 'proof_pending';
}

/** Refusals that a resend would only repeat; anything else (no answer, rate limit, server trouble) is retried. */
export function isFinalRefusal(code: string): boolean {
  return code === 'invalid_input' || code === 'unknown_checkpoint' || code === 'mode_not_allowed';
}
