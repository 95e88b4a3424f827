// New voices arriving together. Ten device keys made by one machine within a
// minute look like ten people; what gives them away is that none of them was
// heard from before and together they outweigh everyone who was. The
// estimator will not call such an estimate certain, and moderators are told
// (lib/moderation/alerts.ts); the number itself is left to the evidence.
import { PARAMETERS as P } from './parameters';

/** One device as a series saw it: its first report in the look-back, and its newest in the current window. */
export interface DeviceSighting {
  device: string;
  firstSeen: number;
  lastSeen: number;
}

export interface Burst {
  /** The devices first seen together, in order of first sighting. */
  devices: string[];
  from: number;
  to: number;
  /** Their share of the recent weight, 0–1. */
  share: number;
}

/**
 * The largest group of devices first seen within `burst.spanMs` of each other, when it is large enough
 * and carries more than `burst.share` of the weight of the devices heard in the current window; else null.
 */
export function burstOf(sightings: readonly DeviceSighting[], now: number): Burst | null {
  const { spanMs, minDevices, share, halfLifeMs } = P.burst;
  if (sightings.length < minDevices) return null;
  const sorted = [...sightings].sort((a, b) => a.firstSeen - b.firstSeen);
  // Each device's weight once: the window below adds and takes away each of them.
  const weights = sorted.map((s) => 2 ** (-Math.max(0, now - s.lastSeen) / halfLifeMs));
  let total = 0;
  for (const w of weights) total += w;
  let best: { start: number; end: number; weight: number } | null = null;
  let start = 0;
  let inSpan = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    inSpan += weights[end]!;
    while (sorted[end]!.firstSeen - sorted[start]!.firstSeen > spanMs) inSpan -= weights[start++]!;
    if (end - start + 1 >= minDevices && (best === null || inSpan > best.weight)) best = { start, end, weight: inSpan };
  }
  if (best === null || best.weight <= share * total) return null;
  const group = sorted.slice(best.start, best.end + 1);
  return { devices: group.map((s) => s.device), from: group[0]!.firstSeen, to: group[group.length - 1]!.firstSeen, share: best.weight / total };
}
