// The watch list lives in the browser only (no account): which checkpoints a
// visitor follows, for which direction and mode, and an optional alert.
import type { Direction, Mode } from '../enums';
import { DIRECTIONS, MODES } from '../vocabulary';
import { estimateKey, type EstimateMap } from './estimate-store';
import { alertWait, liveWait } from '../alerts/thresholds';
import { parseStoredList } from './stored-list';
import { onThinEvidence } from './estimate-words';

export interface WatchEntry {
  id: string;
  direction: Direction;
  mode: Mode;
  /** Alert when the wait drops below this many hours; null for none. */
  alertBelowHours: number | null;
}

export const WATCH_STORAGE_KEY = 'kordon.watch.v1';
const MAX_ENTRIES = 100;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/** Reads what localStorage holds, dropping anything malformed rather than failing the page. */
export function parseWatchList(stored: string | null): WatchEntry[] {
  const value = parseStoredList(stored);
  const entries: WatchEntry[] = [];
  for (const item of value.slice(0, MAX_ENTRIES)) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, direction, mode, alertBelowHours } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(id)) continue;
    if (!isOneOf(DIRECTIONS, direction) || !isOneOf(MODES, mode)) continue;
    const alert = typeof alertBelowHours === 'number' && alertBelowHours > 0 && alertBelowHours <= 168 ? alertBelowHours : null;
    if (entries.some((entry) => entry.id === id)) continue;
    entries.push({ id, direction, mode, alertBelowHours: alert });
  }
  return entries;
}

export function toggleWatch(list: readonly WatchEntry[], entry: Omit<WatchEntry, 'alertBelowHours'>): WatchEntry[] {
  if (list.some((item) => item.id === entry.id)) return list.filter((item) => item.id !== entry.id);
  return [...list, { ...entry, alertBelowHours: null }].slice(-MAX_ENTRIES);
}

export function updateWatch(list: readonly WatchEntry[], id: string, change: Partial<Omit<WatchEntry, 'id'>>): WatchEntry[] {
  return list.map((item) => (item.id === id ? { ...item, ...change } : item));
}

export interface Alert {
  entry: WatchEntry;
  waitMinutes: number;
  /** The number stands on thin evidence (low confidence): the alert says so, as the push and the bot do. */
  unsure: boolean;
}

/**
 * The alerts an update triggers: each fires as the wait crosses below its threshold, not again while it stays there.
 * As the server's alerts do, at a post with opening hours it compares the queue's own wait (`alertWait`), not the
 * night's countdown to the opening, and tells the whole wait.
 */
export function alertsToFire(list: readonly WatchEntry[], before: EstimateMap, after: EstimateMap): Alert[] {
  const alerts: Alert[] = [];
  for (const entry of list) {
    if (entry.alertBelowHours === null) continue;
    const key = estimateKey(entry.id, entry.direction, entry.mode);
    if (before[key] === after[key]) continue;
    const threshold = entry.alertBelowHours * 60;
    const was = alertWait(before[key]);
    const now = alertWait(after[key]);
    const shown = liveWait(after[key]);
    if (now !== null && shown !== null && now < threshold && (was === null || was >= threshold)) alerts.push({ entry, waitMinutes: shown, unsure: onThinEvidence(after[key]) });
  }
  return alerts;
}
