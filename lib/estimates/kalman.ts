// The numerics of the filter: a three-part state (level, trend, log
// throughput) with its covariance, moved forward in time and updated by one
// observation. Written out by hand for three dimensions: the report path runs
// it hundreds of times a call, and general matrix code would allocate on
// every step.
import { PARAMETERS as P } from './parameters';

const HOUR = 3_600_000;
const OFFSET = P.logOffsetMinutes;
const TREND_HOURS = P.process.trendHours;
const WAIT_NOISE = P.process.waitMinutesPerSqrtHour;
const TREND_NOISE = P.process.trendMinutesPerHour;
const RATE_NOISE = P.process.throughputPerSqrtHour;
const ROBUST_Z = P.robustZ;
const REJECT_Z = P.rejectZ;

/**
 * x = [level, trend, rate]: level = log(wait + offset) of someone joining at `at`, trend = minutes of
 * wait gained per hour, rate = log(vehicles let through a minute). P is the row-major 3 × 3 covariance.
 */
export interface FilterState {
  at: number;
  x: [number, number, number];
  P: number[];
}

export const copyState = (s: FilterState): FilterState => ({ at: s.at, x: [s.x[0], s.x[1], s.x[2]], P: s.P.slice() });

/** Copies `from` into `into`, reusing its arrays. */
export function assignState(into: FilterState, from: FilterState): void {
  into.at = from.at;
  into.x[0] = from.x[0];
  into.x[1] = from.x[1];
  into.x[2] = from.x[2];
  for (let k = 0; k < 9; k += 1) into.P[k] = from.P[k]!;
}

/**
 * Moves the state forward to `to`: the trend (minutes of wait per hour) carries the level and fades;
 * every part grows uncertain. Queues move by minutes, not ratios, so the level's noise is in minutes:
 * the same step is small for a 20 h queue and large for a 20 min one. Nonlinear in the level (a trend
 * in minutes moves a log value), so the covariance goes through the Jacobian (an extended Kalman step).
 */
export function predict(state: FilterState, to: number, shutHours = 0): FilterState {
  const next = copyState(state);
  advance(next, to, shutHours);
  return next;
}

/**
 * `predict` in place. `shutHours`: hours a post was shut on the way, which the clock does not count (the
 * queue is not served) but in which the wait may still change (people arrive): the level wanders then too.
 */
export function advance(state: FilterState, to: number, shutHours = 0): void {
  const hours = (to - state.at) / HOUR;
  if (hours <= 0) return;
  const fade = Math.exp(-hours / TREND_HOURS);
  const carried = TREND_HOURS * (1 - fade);
  const x = state.x;
  const C = state.P;
  const before = Math.exp(x[0]);
  const moved = before + carried * x[1];
  // Never below an empty queue: there the level is pinned and forgets where it came from.
  const pinned = moved < OFFSET;
  const after = pinned ? OFFSET : moved;
  const a = pinned ? 0 : before / after;
  const c = pinned ? 0 : carried / after;
  // F = [[a, c, 0], [0, fade, 0], [0, 0, 1]]; C ← F C Fᵀ + Q.
  const [p00, p01, p02, , p11, p12, , , p22] = C as [number, number, number, number, number, number, number, number, number];
  const n00 = a * a * p00 + 2 * a * c * p01 + c * c * p11 + (WAIT_NOISE / after) ** 2 * (hours + shutHours);
  const n01 = fade * (a * p01 + c * p11);
  const n02 = a * p02 + c * p12;
  const n11 = fade * fade * p11 + TREND_NOISE ** 2 * (1 - fade * fade);
  const n12 = fade * p12;
  const n22 = p22 + RATE_NOISE ** 2 * hours;
  C[0] = n00;
  C[1] = C[3] = n01;
  C[2] = C[6] = n02;
  C[4] = n11;
  C[5] = C[7] = n12;
  C[8] = n22;
  x[0] = Math.log(after);
  x[1] *= fade;
  state.at = to;
}

export interface Innovation {
  /** Observed minus expected (log units). */
  value: number;
  /** The same in standard deviations of what was expected, uncapped. */
  z: number;
}

/**
 * A Kalman update with y observed as h·x (h of 0s and 1s, trend never observed), capped at `robustZ`
 * standard deviations: a report far from what the rest say moves the state no further than one that
 * far would, and one beyond `rejectZ` not at all (only the change detector hears it).
 */
export function update(state: FilterState, h0: number, h2: number, y: number, variance: number): Innovation {
  const x = state.x;
  const C = state.P;
  const ph0 = C[0]! * h0 + C[2]! * h2;
  const ph1 = C[3]! * h0 + C[5]! * h2;
  const ph2 = C[6]! * h0 + C[8]! * h2;
  const S = h0 * ph0 + h2 * ph2 + variance;
  const value = y - (h0 * x[0] + h2 * x[2]);
  const z = value / Math.sqrt(S);
  if (Math.abs(z) > REJECT_Z) return { value, z };
  const effective = Math.max(S, (value / ROBUST_Z) ** 2);
  const k = value / effective;
  x[0] += ph0 * k;
  x[1] += ph1 * k;
  x[2] += ph2 * k;
  const ph = [ph0, ph1, ph2];
  for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) C[i * 3 + j] = C[i * 3 + j]! - (ph[i]! * ph[j]!) / effective;
  for (let i = 0; i < 3; i += 1) C[i * 4] = Math.max(C[i * 4]!, 1e-9);
  return { value, z };
}
