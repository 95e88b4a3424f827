// A robust Kalman filter over the log wait, run over one window of reports.
// Observations are taken in the order of the moments they describe. How much
// history counts is not fixed: the gain follows each report's noise and the
// time since the last one, a single far-off report is capped at a few
// standard deviations, and a change is declared only when several devices
// keep disagreeing in one direction (changes.ts) — then the filter goes back
// to where the disagreement began, moves and loosens the level, and reads
// those reports again.
import { ChangeDetector, type Change } from './changes';
import { advance, assignState, copyState, predict, update, type FilterState, type Innovation } from './kalman';
import type { Observation } from './observations';
import { PARAMETERS as P } from './parameters';
import { median } from './stats';

export { predict, type FilterState } from './kalman';

const HOUR = 3_600_000;

export interface FilterPrior {
  level: number;
  levelVariance: number;
  logRate: number;
  logRateVariance: number;
}

/** A change that several devices asserted and the filter did not (yet) accept in full. */
export interface PendingChange {
  /** Levels the truth may still be at: where the disagreeing reports point, and where it was before them. */
  levels: number[];
}

export interface FilterResult {
  /** The state after the newest observation; null with none. */
  state: FilterState | null;
  /** The state as it stood at `earlier`, from the observations of the moments before it. */
  earlier: FilterState | null;
  /** When the last change the filter declared began (it went back and moved the level), or null. */
  changedAt: number | null;
  /** Disagreement still building up, or a change only partly allowed. */
  pending: PendingChange | null;
  /** Standardised innovations of all level observations, and of those of the last `disagreementWindowMs`. */
  innovations: number[];
  recent: number[];
  /** How far the recent level reports lie from the estimate, the median of their innovations (log): 0 with fewer than three. */
  lean: number;
}

/** Changes one pass may declare: each reads its run again, so this bounds the work of a hostile stream. */
const MAX_CHANGES = 100;
/** The level starts at the median of the first reports of this span (at most INITIAL_REPORTS of them). */
const INITIAL_SPAN_MS = 3 * HOUR;
const INITIAL_REPORTS = 15;

/**
 * Where the level starts: the median of the first reports (those of the first three hours, at most 15),
 * as widely known as the prior says. Of a first batch of three or more, reports far from its median
 * are left out, so a few liars among the first reports cannot set the level and make the honest ones
 * look like outliers. Queue lengths become waits at the throughput known when the first is read.
 */
function initialLevel(observations: readonly Observation[], prior: FilterPrior): { levelWith: (logRate: number) => number; skip: Set<Observation> } {
  const skip = new Set<Observation>();
  const early: Observation[] = [];
  for (const o of observations) {
    if (o.kind === 'rate') continue;
    if (early.length === INITIAL_REPORTS || (early.length > 0 && o.at > early[0]!.at + INITIAL_SPAN_MS)) break;
    early.push(o);
  }
  if (early.length === 0) return { levelWith: () => prior.level, skip };
  const ysWith = (logRate: number) => early.map((o) => (o.kind === 'queue' ? Math.log(o.vehicles / Math.exp(logRate) + P.logOffsetMinutes) : o.y));
  const ys = ysWith(prior.logRate);
  const centre = median(ys);
  if (early.length >= 3) {
    const spread = Math.max(1.4826 * median(ys.map((y) => Math.abs(y - centre))), P.noise.stated);
    early.forEach((o, i) => {
      if (Math.abs(ys[i]! - centre) > P.robustZ * spread) skip.add(o);
    });
  }
  return { levelWith: (logRate) => median(ysWith(logRate).filter((_, i) => !skip.has(early[i]!))), skip };
}

function observeInto(state: FilterState, o: Observation): Innovation {
  switch (o.kind) {
    case 'wait':
      return update(state, 1, 0, o.y, o.variance);
    case 'queue': {
      // log(N + offset·μ) = log(μ·(W + offset)) = level + log μ, with μ at its current estimate.
      const offset = o.vehicles + P.logOffsetMinutes * Math.exp(state.x[2]);
      return update(state, 1, 1, Math.log(offset), o.variance + (o.floor / offset) ** 2);
    }
    case 'rate':
      return update(state, 0, 1, o.y, o.variance);
  }
}

/** Back to where a change's run began, the level moved and loosened, the trend started afresh. */
function stateAfter(change: Change): FilterState {
  const state = copyState(change.run.before);
  state.x[0] += change.moved;
  state.P[0]! += (change.moved / 2) ** 2;
  // A change is a step, not a slope.
  state.x[1] = 0;
  for (const k of [1, 3, 5, 7]) state.P[k] = 0;
  state.P[4] = P.process.trendMinutesPerHour ** 2;
  return state;
}

/**
 * Runs the filter over observations sorted by `at`. `now` ends the window of recent disagreement;
 * `earlier` is a moment whose state is kept for comparison (the trend).
 */
export function runFilter(
  observations: readonly Observation[],
  prior: FilterPrior,
  moments: { now: number; earlier: number },
  /** Hours a post with opening hours was shut between two moments (lib/estimates/opening-hours.ts). */
  shutHours: (from: number, to: number) => number = () => 0,
): FilterResult {
  const { now, earlier } = moments;
  if (observations.length === 0) return { state: null, earlier: null, changedAt: null, pending: null, innovations: [], recent: [], lean: 0 };
  const start = initialLevel(observations, prior);
  let state: FilterState = {
    at: observations[0]!.at,
    x: [start.levelWith(prior.logRate), 0, prior.logRate],
    P: [prior.levelVariance, 0, 0, 0, P.process.trendMinutesPerHour ** 2, 0, 0, 0, prior.logRateVariance],
  };
  const detector = new ChangeDetector(observations[0]!.at, shutHours);
  const before = copyState(state);
  let placed = false;
  let then: FilterState | null = null;
  let changes = 0;
  let changedAt: number | null = null;
  /** A change the time since the last agreeing report allowed only in part: where it came from and where its run pointed. */
  let unfinished: { from: number; to: number; at: number } | null = null;
  let lastChangeIndex = -1;

  for (let i = 0; i < observations.length; i += 1) {
    const o = observations[i]!;
    if (start.skip.has(o)) continue;
    if (then === null && placed && o.at > earlier) then = predict(state, earlier, shutHours(state.at, earlier));
    advance(state, o.at, shutHours(state.at, o.at));
    if (!placed && o.kind !== 'rate') {
      state.x[0] = start.levelWith(state.x[2]);
      placed = true;
    }
    assignState(before, state);
    const innovation = observeInto(state, o);
    if (o.kind === 'rate') continue;
    const change = changes < MAX_CHANGES ? detector.observe(i, o, innovation, before, i > lastChangeIndex) : null;
    if (!change) continue;
    unfinished = Math.abs(change.moved) < Math.abs(change.shift) ? { from: change.run.before.x[0], to: change.run.before.x[0] + change.shift, at: o.at } : null;
    state = stateAfter(change);
    changes += 1;
    changedAt = change.run.before.at;
    lastChangeIndex = i;
    detector.restart(change);
    if (then !== null && then.at >= change.run.before.at) then = null;
    i = change.run.index - 1;
  }

  const building = detector.pendingLevel(state);
  const pending =
    building !== null
      ? { levels: [building] }
      : unfinished && now - unfinished.at < P.disagreementWindowMs
        ? { levels: [unfinished.from, unfinished.to] }
        : null;
  const recentFrom = now - P.disagreementWindowMs;
  const notes = detector.notes;
  const recent: number[] = [];
  const leans: number[] = [];
  for (let k = notes.length - 1; k >= 0 && notes[k]!.at >= recentFrom; k -= 1) {
    recent.push(notes[k]!.z);
    leans.push(notes[k]!.value);
  }
  return {
    state,
    earlier: then ?? (placed && state.at <= earlier ? predict(state, earlier, shutHours(state.at, earlier)) : null),
    changedAt,
    pending,
    innovations: notes.map((note) => note.z),
    recent,
    lean: leans.length >= 3 ? median(leans) : 0,
  };
}
