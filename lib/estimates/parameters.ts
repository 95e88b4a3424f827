// Every tunable number of the estimator, with the reason for its value.
// docs/estimates.md explains them; bench/simulate measures them.
import type { Mode } from '../enums';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const PARAMETERS = {
  /** Reports this recent count towards the current wait; older ones only teach throughput. */
  currentWindowMs: 6 * HOUR,
  /** How far back throughput is learned, and how far back callers should load reports. */
  lookbackMs: 24 * HOUR,
  /** A report's weight halves every 30 min (best of 20–60 in bench/simulate): a cleared queue fades within the hour. */
  halfLifeMs: 30 * MINUTE,
  /** Throughput changes slowly (staffing, lanes), so its samples fade slower. */
  throughputHalfLifeMs: 4 * HOUR,
  /** With no report for this long the estimate is stale: "no recent data". */
  staleAfterMs: 3 * HOUR,
  /** Trend compares the estimate now with the one this long ago. */
  trendLagMs: 30 * MINUTE,
  /** How much each kind of observation is trusted: a measured crossing most. */
  kindWeight: { crossed: 1, stated: 0.7, queue: 0.6 },
  /** Waits are compared on log(minutes + offset): errors are multiplicative, and 0 is allowed. */
  logOffsetMinutes: 10,
  /** Robust scale floor (log units, ~16 %): identical reports must not make every other one an outlier. */
  minScale: 0.15,
  /** Beyond this many scales from the centre a report is down-weighted, by (k/z)². */
  outlierZ: 3,
  /** Beyond this many scales it counts for nothing (absurd values). */
  rejectZ: 8,
  /** The prior throughput counts as this many throughput samples. */
  priorSamples: 2,
  /** Learned throughput stays within this factor of the prior. */
  throughputBound: 4,
  /** A crossing report's join time is matched to queue lengths reported within this much of it. */
  joinMatchMs: 30 * MINUTE,
  /** Trends smaller than this (ratio and minutes) are "steady". */
  trendRatio: 1.2,
  trendMinutes: 15,
} as const;

/** Metres of queue per vehicle in one lane: 6–8 m per stopped car in 2022 queues (research/estimation.md). */
export const METRES_PER_VEHICLE: Record<Mode, number> = {
  car: 7,
  truck: 20,
  bus: 15,
  bicycle: 2.5,
  pedestrian: 0.8,
};

/** Throughput prior (vehicles or people a day) where the catalogue gives no capacity. */
export const DEFAULT_CAPACITY_PER_DAY: Record<Mode, number> = {
  car: 1000,
  truck: 400,
  bus: 60,
  bicycle: 300,
  pedestrian: 1500,
};

/** The catalogue's capacity is for vehicles, mostly cars: it sets the car prior only. */
export function priorThroughputPerMinute(mode: Mode, capacityPerDay: number | null): number {
  const perDay = mode === 'car' && capacityPerDay ? capacityPerDay : DEFAULT_CAPACITY_PER_DAY[mode];
  return perDay / (24 * 60);
}
