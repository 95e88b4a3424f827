// The browser's last copy of the estimates it had, kept in localStorage, so
// that Kordon opened with no connection shows the newest numbers this device
// saw, and says as of when. The page follows only the checkpoints it is
// subscribed to (the borders in view, the open and the watched ones), so each
// checkpoint carries its own "current as of" time.
import { DIRECTIONS, MODES } from '../vocabulary';
import type { Estimate } from '../estimates/types';
import type { EstimateMap } from './estimate-store';

export const OFFLINE_COPY_KEY = 'kordon.estimates.v1';

export interface OfflineCopy {
  estimates: Estimate[];
  /** Checkpoint id → when the page last knew its estimates were current (ISO). */
  confirmedAt: Record<string, string>;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Marks these checkpoints current as of `at`. */
export function confirm(confirmedAt: Readonly<Record<string, string>>, ids: Iterable<string>, at: Date): Record<string, string> {
  const next = { ...confirmedAt };
  for (const id of ids) next[id] = at.toISOString();
  return next;
}

/** The newer of two confirmations per checkpoint: what a restored copy adds to a page's own. */
export function newestConfirmations(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): Record<string, string> {
  const next = { ...a };
  for (const [id, at] of Object.entries(b)) if (!next[id] || next[id]! < at) next[id] = at;
  return next;
}

/**
 * As of when the given checkpoints' estimates are known to be current: the
 * oldest of theirs, so the claim holds for every one shown. `fallback` (the
 * page's render time) stands for a checkpoint never confirmed since.
 */
export function asOfFor(confirmedAt: Readonly<Record<string, string>>, ids: Iterable<string>, fallback: string): string {
  let oldest: string | null = null;
  for (const id of ids) {
    const at = confirmedAt[id] && confirmedAt[id]! > fallback ? confirmedAt[id]! : fallback;
    if (oldest === null || at < oldest) oldest = at;
  }
  return oldest ?? fallback;
}

export function encodeOfflineCopy(estimates: EstimateMap, confirmedAt: Readonly<Record<string, string>>): string {
  return JSON.stringify({ estimates: Object.values(estimates), confirmedAt } satisfies OfflineCopy);
}

function isEstimate(value: unknown): value is Estimate {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.checkpointId === 'string' &&
    (DIRECTIONS as readonly unknown[]).includes(e.direction) &&
    (MODES as readonly unknown[]).includes(e.mode) &&
    Number.isInteger(e.version) &&
    (e.waitMinutes === null || typeof e.waitMinutes === 'number') &&
    typeof e.updatedAt === 'string' &&
    typeof e.stale === 'boolean'
  );
}

/** What localStorage holds, with anything malformed dropped; null when there is nothing usable. */
export function parseOfflineCopy(stored: string | null): OfflineCopy | null {
  if (!stored) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { estimates, confirmedAt } = value as Record<string, unknown>;
  if (!Array.isArray(estimates) || typeof confirmedAt !== 'object' || confirmedAt === null) return null;
  const times = Object.fromEntries(Object.entries(confirmedAt).filter(([, at]) => typeof at === 'string' && ISO_TIME.test(at))) as Record<string, string>;
  return { estimates: estimates.filter(isEstimate), confirmedAt: times };
}
