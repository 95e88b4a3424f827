// Scores an estimator against a simulated truth, as ../shared/research/scenarios-2022.md asks:
// accuracy every 15 min (a stale or missing estimate counts as 100 %), steadiness where the truth is
// flat, how often the band holds the truth, how fast a change is followed, and how far an attack
// moves the estimate.
import type { OpeningHours } from '../../lib/estimates/opening-hours';
import type { Mode } from '../../lib/enums';
import type { Trend } from '../../lib/estimates/types';
import { closingAtStake } from '../../lib/ui/post-hours';
import type { Truth } from './queue';
import type { SimulatedReport } from './reporters';

const MINUTE = 60_000;
const LOOKBACK_MS = 24 * 60 * MINUTE;
export const SCORE_EVERY_MINUTES = 15;

export interface EstimatorOutput {
  waitMinutes: number | null;
  low: number | null;
  high: number | null;
  stale: boolean;
  confidence: 'high' | 'medium' | 'low';
  /** Which way the estimate says the queue is going (the arrow beside the number). */
  trend: Trend | null;
  /** At a post with opening hours that is open: when it shuts (the estimator that knows hours says). */
  closesAt?: string | null;
  updatedAt: string;
}

export type Estimator = (input: { capacityPerDay: number | null; openingHours: OpeningHours | null; mode: Mode; reports: SimulatedReport[]; now: Date }) => EstimatorOutput;

export interface Point {
  minute: number;
  truth: number;
  /** null: stale or missing, scored as 100 % wrong. */
  estimate: number | null;
  low: number | null;
  high: number | null;
  confidence: EstimatorOutput['confidence'];
  trend: Trend | null;
  /** Which way the true wait went over the last hour, by the arrow's own rule (at least 15 min and 15 %). */
  trueTrend: Trend | null;
  /** At a post that is open: the minute it shuts, and whether the panel says the wait may run through the night. */
  closesAt: number | null;
  closingAtStake: boolean;
}

// The yardstick's own rule, written here rather than read from PARAMETERS.trendMinutes / trendShare: tuning the
// arrow's threshold must not move what it is scored against (a 10 % arrow was scored against this 15 % one).
const TREND_MINUTES = 15;
const TREND_SHARE = 0.15;

/** The arrow a person would want: how the true wait of someone joining moved over the last hour. */
export function trueTrendAt(truth: Truth, minute: number): Trend | null {
  if (minute < 60) return null;
  const now = truth.wait(minute);
  const then = truth.wait(minute - 60);
  if (Math.abs(now - then) < Math.max(TREND_MINUTES, TREND_SHARE * Math.max(now, then))) return 'steady';
  return now > then ? 'rising' : 'falling';
}

/** Runs the estimator every 15 min on what had been reported by then (the last 24 h, as the server loads). */
export function track(options: {
  estimator: Estimator;
  truth: Truth;
  reports: SimulatedReport[];
  start: number;
  scoreFrom: number;
  capacityPerDay: number | null;
  openingHours?: OpeningHours | null;
  mode: Mode;
}): Point[] {
  const { reports, truth, start } = options;
  const points: Point[] = [];
  let first = 0;
  let last = 0;
  for (let minute = options.scoreFrom; minute <= truth.minutes; minute += SCORE_EVERY_MINUTES) {
    const now = start + minute * MINUTE;
    while (last < reports.length && reports[last]!.createdAt.getTime() <= now) last += 1;
    while (first < last && reports[first]!.createdAt.getTime() < now - LOOKBACK_MS) first += 1;
    const value = options.estimator({ capacityPerDay: options.capacityPerDay, openingHours: options.openingHours ?? null, mode: options.mode, reports: reports.slice(first, last), now: new Date(now) });
    const live = !value.stale && value.waitMinutes !== null;
    points.push({
      minute,
      truth: truth.wait(minute),
      estimate: live ? value.waitMinutes : null,
      low: live ? value.low : null,
      high: live ? value.high : null,
      confidence: value.confidence,
      trend: live ? value.trend : null,
      trueTrend: trueTrendAt(truth, minute),
      closesAt: live && value.closesAt ? (Date.parse(value.closesAt) - start) / MINUTE : null,
      closingAtStake: live && closingAtStake(value) !== null,
    });
  }
  return points;
}

const relativeError = (estimate: number, truth: number) => Math.abs(estimate - truth) / Math.max(truth, 30);

export interface Scores {
  /** Points scored (every 15 min of every seed). */
  points: number;
  /** Mean absolute percentage error, dividing by max(truth, 30 min); stale or missing = 100 %. */
  mape: number;
  /** Share of points stale or missing. */
  staleShare: number;
  /** Mean hour-to-hour change of the estimate where the truth moved less than 5 % in that hour; null with no such hour. */
  steadiness: number | null;
  /** Share of live points whose band holds the truth. */
  coverage: number | null;
  /** MAPE of the live points of each confidence level, and how many there were. */
  byConfidence: Record<EstimatorOutput['confidence'], { mape: number | null; points: number }>;
  /**
   * Of live points with an arrow: the share whose arrow matches the truth's last hour; of those where the truth
   * moved, the share whose arrow said "steady" (a miss); of those where it held, the share that said it moved.
   */
  trend: { right: number | null; steadyWhileMoving: number | null; movingWhileSteady: number | null; points: number };
}

export function score(points: readonly Point[]): Scores {
  const errors = points.map((p) => (p.estimate === null ? 1 : relativeError(p.estimate, p.truth)));
  const live = points.filter((p) => p.estimate !== null);
  const banded = live.filter((p) => p.low !== null && p.high !== null);
  const perHour = 60 / SCORE_EVERY_MINUTES;
  const changes: number[] = [];
  for (let i = perHour; i < points.length; i += 1) {
    const now = points[i]!;
    const before = points[i - perHour]!;
    if (Math.abs(now.truth - before.truth) / Math.max(before.truth, 30) >= 0.05) continue;
    if (now.estimate === null || before.estimate === null) continue;
    changes.push(Math.abs(now.estimate - before.estimate) / Math.max(before.estimate, 30));
  }
  const byConfidence = Object.fromEntries(
    (['high', 'medium', 'low'] as const).map((level) => {
      const these = live.filter((p) => p.confidence === level);
      return [level, { mape: these.length ? mean(these.map((p) => relativeError(p.estimate!, p.truth))) : null, points: these.length }];
    }),
  ) as Scores['byConfidence'];
  const arrows = live.filter((p) => p.trend !== null && p.trueTrend !== null);
  const moving = arrows.filter((p) => p.trueTrend !== 'steady');
  const holding = arrows.filter((p) => p.trueTrend === 'steady');
  const trend = {
    right: arrows.length ? arrows.filter((p) => p.trend === p.trueTrend).length / arrows.length : null,
    steadyWhileMoving: moving.length ? moving.filter((p) => p.trend === 'steady').length / moving.length : null,
    movingWhileSteady: holding.length ? holding.filter((p) => p.trend !== 'steady').length / holding.length : null,
    points: arrows.length,
  };
  return {
    points: points.length,
    mape: mean(errors),
    staleShare: (points.length - live.length) / Math.max(points.length, 1),
    steadiness: changes.length ? mean(changes) : null,
    coverage: banded.length ? banded.filter((p) => p.low! <= p.truth && p.truth <= p.high!).length / banded.length : null,
    byConfidence,
    trend,
  };
}

/**
 * Minutes from `event` until the estimate is within 25 % of the truth and stays there for the next
 * half hour; null when it never does before the end.
 */
export function minutesToFollow(points: readonly Point[], event: number): number | null {
  const after = points.filter((p) => p.minute >= event);
  const within = after.map((p) => p.estimate !== null && relativeError(p.estimate, p.truth) <= 0.25);
  const hold = 30 / SCORE_EVERY_MINUTES;
  for (let i = 0; i + hold < after.length; i += 1) {
    if (within.slice(i, i + hold + 1).every(Boolean)) return after[i]!.minute - event;
  }
  return null;
}

/** How far an attack moved the estimate: mean and largest change against the same crowd without it. */
export function shift(base: readonly Point[], attacked: readonly Point[]): { mean: number; max: number } {
  const moves = base.map((p, i) => {
    const a = attacked[i]!;
    if (p.estimate === null && a.estimate === null) return 0;
    if (p.estimate === null || a.estimate === null) return 1;
    return Math.abs(a.estimate - p.estimate) / Math.max(p.estimate, 30);
  });
  return { mean: mean(moves), max: Math.max(0, ...moves) };
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0;
}

/** The hours before a post shuts that `closing` looks at. */
export const CLOSING_HOURS = 6;

/**
 * Near closing (the last CLOSING_HOURS before a post shuts, live points): where the panel says the wait may run
 * through the night, how often the truth still ended before it shut; elsewhere, how often the number was on the
 * right side of the night (ending before closing, or after it, as the truth did). Null where no post shut.
 */
export function closing(points: readonly Point[]): { points: number; shown: number; tonightWhereShown: number | null; rightSideElsewhere: number | null } | null {
  const near = points.filter((p) => p.estimate !== null && p.closesAt !== null && p.closesAt - p.minute <= CLOSING_HOURS * 60);
  if (near.length === 0) return null;
  const tonight = (p: Point, wait: number) => p.minute + wait <= p.closesAt!;
  const shown = near.filter((p) => p.closingAtStake);
  const elsewhere = near.filter((p) => !p.closingAtStake);
  return {
    points: near.length,
    shown: shown.length / near.length,
    tonightWhereShown: shown.length ? shown.filter((p) => tonight(p, p.truth)).length / shown.length : null,
    rightSideElsewhere: elsewhere.length ? elsewhere.filter((p) => tonight(p, p.truth) === tonight(p, p.estimate!)).length / elsewhere.length : null,
  };
}
