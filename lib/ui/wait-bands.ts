// The colour scale of the map. Colour is never the only cue: every marker
// also carries the wait as text, and the legend names each band.
import type { Estimate } from '../estimates/types';

export type BandId = 'under1' | 'under4' | 'under12' | 'under24' | 'over24' | 'none';

export interface Band {
  id: BandId;
  /** Upper bound in minutes (exclusive); null for the last band and "none". */
  below: number | null;
  fill: string;
  /** Text on the fill, chosen for at least 4.5:1 contrast. */
  text: string;
}

const HOUR = 60;

export const BANDS: readonly Band[] = [
  { id: 'under1', below: 1 * HOUR, fill: '#1a7f37', text: '#ffffff' },
  { id: 'under4', below: 4 * HOUR, fill: '#f2c12e', text: '#1b1f24' },
  { id: 'under12', below: 12 * HOUR, fill: '#e8710a', text: '#1b1f24' },
  { id: 'under24', below: 24 * HOUR, fill: '#c5221f', text: '#ffffff' },
  { id: 'over24', below: null, fill: '#5c1a7a', text: '#ffffff' },
  { id: 'none', below: null, fill: '#8a939c', text: '#1b1f24' },
];

const byId = new Map(BANDS.map((band) => [band.id, band]));

export function bandOf(waitMinutes: number | null): Band {
  if (waitMinutes === null || !Number.isFinite(waitMinutes)) return byId.get('none')!;
  return BANDS.find((band) => band.below !== null && waitMinutes < band.below) ?? byId.get('over24')!;
}

/**
 * How sure a shown number is, so that it can look it (never by colour alone): `solid`, `unsure` (low
 * confidence: a hollow pill marked ≈) or `old` (stale: greyed, dashed, with its age).
 */
export type Quality = 'solid' | 'unsure' | 'old';

export interface ShownEstimate {
  /** The number to show, live or old; null for none at all. */
  wait: number | null;
  quality: Quality;
}

export function shownEstimate(estimate: Estimate | undefined): ShownEstimate {
  if (!estimate || estimate.waitMinutes === null) return { wait: null, quality: 'solid' };
  if (estimate.stale) return { wait: estimate.waitMinutes, quality: 'old' };
  return { wait: estimate.waitMinutes, quality: estimate.confidence === 'low' ? 'unsure' : 'solid' };
}
