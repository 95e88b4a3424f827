// Reports made without a connection wait in the browser (localStorage) and go
// out, in order and under their own ids, once the connection is back: the
// server stores a retried id once, so nothing is lost and nothing doubles.
import type { ReportInput } from '../reports/input';
import { parseStoredList } from './stored-list';

export interface OutboxEntry {
  report: ReportInput;
  /** When the visitor pressed Send (ISO). */
  queuedAt: string;
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

/** Refusals that a resend would only repeat; anything else (no answer, rate limit, server trouble) is retried. */
export function isFinalRefusal(code: string): boolean {
  return code === 'invalid_input' || code === 'unknown_checkpoint' || code === 'mode_not_allowed';
}
