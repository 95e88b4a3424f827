// The estimator: noisy reports of one checkpoint × direction × mode in, one
// robust live estimate out. Pure: no clock, no I/O, no state kept between
// calls (a restart or another node reads the same reports and gets the same
// estimate). docs/estimates.md has the method and its reasons; bench/simulate
// measures it.
import { crowdSignals, NOT_MOVING_MINUTES } from './signals';
import type { Direction, Mode } from '../enums';
import { predict, runFilter, type FilterResult, type FilterState } from './filter';
import { burstOf, type DeviceSighting } from './bursts';
import { fromLog, observe, toLog, type Before } from './observations';
import { openClock, type OpeningHours } from './opening-hours';
import { PARAMETERS as P, throughputPrior } from './parameters';
import { REPORT_LIMITS } from '../reports/limits';
import { toMinute } from '../reports/minutes';
import { roundTwoDigits } from './rounding';
import { quantileOfSorted } from './stats';
import type { Confidence, EstimateValue, EstimatorCheckpoint, EstimatorReport, ThroughputSource, Trend } from './types';

export interface EstimateInput {
  checkpoint: EstimatorCheckpoint;
  direction: Direction;
  mode: Mode;
  /** Reports of this checkpoint × direction × mode, hidden ones left out; older than lookbackMs are ignored. */
  reports: readonly EstimatorReport[];
  now: Date;
}

const HOUR_MS = 3_600_000;

/** Median of z² is 0.455 for a standard normal: the ratio says how much wider the crowd spreads than the model expects. */
const MEDIAN_CHI_SQUARE_1 = 0.455;

/**
 * Which way the queue is going: how fast the estimate moved over the last `trendWindowMs` (at least
 * trendMinutes an hour and trendShare of the wait), where the filter's own trend agrees in sign, so that
 * one new report that corrects the number is not called a trend. As an hourly rate over two hours, or
 * since the first report if that is later: the estimate moves in steps as reports come, and one hour's
 * step is often a report, not the queue. Null while the reports span less than an hour (three reports of
 * this minute say nothing of which way a queue goes), and when nobody reported in the last two hours (see below).
 */
function trendOf(current: FilterState, earlier: FilterState | null): Trend | null {
  const hours = earlier ? (current.at - earlier.at) / HOUR_MS : 0;
  if (!earlier || hours < 1) return null;
  const now = fromLog(current.x[0]);
  const then = fromLog(earlier.x[0]);
  const moved = (now - then) / hours;
  if (Math.abs(moved) < Math.max(P.trendMinutes, P.trendShare * Math.max(now, then))) return 'steady';
  if (Math.sign(current.x[1]) !== Math.sign(moved)) return 'steady';
  return moved > 0 ? 'rising' : 'falling';
}

const cap = (confidence: Confidence): Confidence => (confidence === 'high' ? 'medium' : confidence);
const SURENESS: readonly Confidence[] = ['low', 'medium', 'high'];
const lessSure = (a: Confidence, b: Confidence): Confidence => (SURENESS.indexOf(a) <= SURENESS.indexOf(b) ? a : b);

/**
 * Not "high" until confirmed: a change just declared threw the older evidence away, or most of the
 * recent weight comes from devices first heard from together just now (bursts.ts).
 */
function unconfirmed(result: FilterResult, heard: readonly DeviceSighting[], now: number): boolean {
  if (result.changedAt !== null && now - result.changedAt < P.disagreementWindowMs) return true;
  return burstOf(heard, now) !== null;
}

/**
 * Confidence from the band: its half-width over 1.28 sd, relative to the wait but to no less than 30 min
 * (as the error is scored), so "0–20 min" is as sure as it sounds although its log width is large.
 */
function confidenceOf(low: number, high: number, wait: number): Confidence {
  const spread = (high - low) / (2 * P.bandZ * Math.max(wait, P.confidence.floorMinutes));
  if (spread <= P.confidence.highSd) return 'high';
  if (spread <= P.confidence.mediumSd) return 'medium';
  return 'low';
}

/**
 * Squared standardised innovations, each at most the change detector's clip, smallest first. A typed array:
 * it sorts numbers without a comparator call per pair, which was a tenth of an estimate's cost on 600 reports.
 */
function squares(zs: readonly number[]): Float64Array {
  const clip = P.change.clipZ ** 2;
  const out = new Float64Array(zs.length);
  for (let i = 0; i < zs.length; i += 1) out[i] = Math.min(zs[i]! * zs[i]!, clip);
  return out.sort();
}

/**
 * How much the model's own uncertainty must be scaled to match how far the reports actually fall from
 * it: over the whole window (the crowd here is more or less consistent than the noise assumed), or, if
 * larger, over the last hours (the crowd disagrees now). Median-based, so liars do not set it.
 */
function noiseScale(result: FilterResult): number {
  const all = squares(result.innovations);
  const typical = all.length >= P.noiseScale.minReports ? quantileOfSorted(all, 0.5) / MEDIAN_CHI_SQUARE_1 : 1;
  const overall = Math.min(P.noiseScale.max, Math.max(P.noiseScale.min, typical));
  // Now, a mean without the single largest: one liar is not a quarrel, three devices against the rest are.
  const recent = squares(result.recent).slice(0, -1);
  const now = recent.length >= 2 ? recent.reduce((sum, q) => sum + q, 0) / recent.length : 0;
  return Math.max(overall, now);
}

/** The band around a state: its own uncertainty, widened by the crowd's disagreement, stretched to a pending change. */
function bandOf(state: FilterState, result: FilterResult, scale: number): { lowX: number; highX: number } {
  const sd = Math.sqrt(state.P[0]! * scale);
  let lowX = state.x[0] - P.bandZ * sd;
  let highX = state.x[0] + P.bandZ * sd;
  // The recent reports run to one side of the estimate on average: it lags a queue that grows or clears.
  if (result.lean > 0) highX += result.lean;
  else lowX += result.lean;
  // Several devices say the level moved, and the filter has not followed yet: the truth may be either.
  for (const level of result.pending?.levels ?? []) {
    lowX = Math.min(lowX, level);
    highX = Math.max(highX, level);
  }
  return { lowX, highX };
}

export function estimateWait(input: EstimateInput): EstimateValue {
  // A tap carries no number: left to the crowd signals, it neither moves nor freshens the wait (one device's
  // unconfirmed "not moving" would otherwise pass an old number off as fresh). A confirmed stop acts below.
  const numeric = input.reports.filter((report) =>
    [report.waitMinutes, report.queueVehicles, report.queueKm, report.joinedAt, report.letThrough, report.verdict ?? null].some((value) => value !== null),
  );
  const hours = input.checkpoint.openingHours;
  const estimate = (reports: EstimatorReport[], now: Date) =>
    hours ? estimateInOpenTime({ ...input, reports, now }, hours) : estimateRoundTheClock({ ...input, reports, now });
  const value = estimate(numeric, input.now);
  const signals = crowdSignals(input.reports, input.now, input.mode);
  // Only while the crowd says so now: once it stops saying it (the queue moved again) the reports lead, not the stop.
  const stall = signals.find((signal) => signal.kind === 'not_moving' && input.now.getTime() - Date.parse(signal.confirmedAt) <= NOT_MOVING_MINUTES * MINUTE);
  if (!stall || value.waitMinutes === null || value.stale) return { ...value, signals };
  // A queue the crowd says stands still: whoever joins now waits at least what the queue was when it stopped, and
  // the stop goes on, as far as anyone knows, about as long again as it has lasted (docs/estimates.md).
  const since = Date.parse(stall.since);
  const before = estimate(numeric.filter((report) => report.createdAt.getTime() <= since), new Date(since)).waitMinutes;
  if (before === null) return { ...value, signals };
  const stood = Math.round((input.now.getTime() - since) / MINUTE);
  const cap = (minutes: number) => Math.min(REPORT_LIMITS.waitMinutes.max, Math.round(minutes));
  return {
    ...value,
    waitMinutes: cap(Math.max(value.waitMinutes, before + stood)),
    low: cap(Math.max(value.low ?? 0, before)),
    high: cap(Math.max(value.high ?? 0, before + 3 * stood)),
    signals,
  };
}

const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

/**
 * At a post with opening hours: the same estimate, worked out on a clock that stops while the post is shut
 * (a queue stands still then), and turned back into the hours a person joining now would wait.
 */
function estimateInOpenTime(input: EstimateInput, hours: OpeningHours): EstimateValue {
  const now = input.now.getTime();
  // The look-back, and beyond now as far as a wait may reach (7 days, and its band).
  const clock = openClock(hours, now - P.lookbackMs - DAY_MS, now + 9 * DAY_MS);
  const open = (date: Date) => new Date(clock.toOpen(date.getTime()));
  const openMinutes = (from: number, to: number) => (clock.toOpen(to) - clock.toOpen(from)) / MINUTE;
  const reports = input.reports.map((report): EstimatorReport => {
    const at = report.createdAt.getTime();
    const letThroughMinutes = report.letThroughMinutes === null ? null : openMinutes(at - report.letThroughMinutes * MINUTE, at);
    // Some let through while the post was shut all that time cannot be: it says nothing of the rate.
    const saysRate = letThroughMinutes !== null && (letThroughMinutes > 0 || report.letThrough === 0);
    return {
      ...report,
      createdAt: open(report.createdAt),
      // "I'll wait W" counts the hours until the post opens too: in open time it is what of W the post is open.
      waitMinutes: report.waitMinutes === null ? null : openMinutes(at, at + report.waitMinutes * MINUTE),
      joinedAt: report.joinedAt && open(report.joinedAt),
      crossedAt: report.crossedAt && open(report.crossedAt),
      letThrough: saysRate ? report.letThrough : null,
      letThroughMinutes: saysRate ? Math.max(letThroughMinutes!, 1) : null,
    };
  });
  const inOpenTime = estimateRoundTheClock(
    { ...input, reports, now: new Date(clock.toOpen(now)) },
    { shutHours: clock.shutHours, before: (tau, ms) => clock.toOpen(clock.toWall(tau) - ms) },
  );
  const shut = !clock.isOpen(now);
  const startsAt = clock.nextOpen(now);
  const tauNow = clock.toOpen(now);
  // Open minutes from now → the wall minutes until they have passed (from the next opening, while shut).
  const wall = (minutes: number | null) =>
    minutes === null ? null : Math.min(REPORT_LIMITS.waitMinutes.max, Math.round((Math.max(clock.toWall(tauNow + minutes * MINUTE), startsAt) - now) / MINUTE));
  const newest = input.reports.reduce<number | null>((latest, r) => {
    const at = r.createdAt.getTime();
    return at > now ? latest : latest === null || at > latest ? at : latest;
  }, null);
  const waitMinutes = wall(inOpenTime.waitMinutes);
  const low = wall(inOpenTime.low);
  const high = wall(inOpenTime.high);
  // Judged on the band a person sees: near closing a narrow band in open time may end before the post shuts or
  // run through the night, and "4 h – 18 h" is not sure however sure the open-time wait is. Whether the wait
  // ends tonight or tomorrow is a toss-up then, whichever side the number falls on: low.
  const nightInBand =
    low !== null && high !== null && inOpenTime.low !== null && inOpenTime.high !== null && high - low - (inOpenTime.high - inOpenTime.low) > P.confidence.nightInBandMinutes;
  const confidence =
    waitMinutes === null || low === null || high === null
      ? inOpenTime.confidence
      : nightInBand
        ? 'low'
        : lessSure(inOpenTime.confidence, confidenceOf(low, high, waitMinutes));
  return {
    ...inOpenTime,
    waitMinutes,
    low,
    high,
    confidence,
    lastReportAt: newest === null || newest < now - P.lookbackMs ? null : toMinute(new Date(newest)).toISOString(),
    updatedAt: input.now.toISOString(),
    opensAt: shut ? new Date(startsAt).toISOString() : null,
    closesAt: shut ? null : new Date(clock.closesAfter(now)!).toISOString(),
    openMinutes: inOpenTime.waitMinutes,
  };
}

/** On a post's open clock: the shut hours between two moments, and a moment some wall time before another. */
interface OpenTime {
  shutHours: (from: number, to: number) => number;
  before: Before;
}
const ROUND_THE_CLOCK: OpenTime = { shutHours: () => 0, before: (at, ms) => at - ms };

function estimateRoundTheClock(input: EstimateInput, openTime: OpenTime = ROUND_THE_CLOCK): EstimateValue {
  const { shutHours } = openTime;
  const { checkpoint, direction, mode } = input;
  const now = input.now.getTime();
  const from = now - P.lookbackMs;
  const windowStart = now - P.currentWindowMs;
  // One pass: the window's reports, the newest, and the devices of the last hours.
  const reports: EstimatorReport[] = [];
  /** Every device of the look-back: when it was first and last heard from. */
  const seen = new Map<string, DeviceSighting>();
  let newest: number | null = null;
  for (const report of input.reports) {
    const at = report.createdAt.getTime();
    if (at > now || at < from) continue;
    reports.push(report);
    if (newest === null || at > newest) newest = at;
    const device = seen.get(report.deviceKey);
    if (!device) seen.set(report.deviceKey, { device: report.deviceKey, firstSeen: at, lastSeen: at });
    else {
      if (at < device.firstSeen) device.firstSeen = at;
      if (at > device.lastSeen) device.lastSeen = at;
    }
  }
  const heard = [...seen.values()].filter((device) => device.lastSeen >= windowStart);
  const base = {
    checkpointId: checkpoint.id,
    direction,
    mode,
    // To the minute, as reports are published (lib/reports/minutes.ts).
    lastReportAt: newest === null ? null : toMinute(new Date(newest)).toISOString(),
    updatedAt: input.now.toISOString(),
  };
  const nothing = {
    ...base, waitMinutes: null, low: null, high: null, queueVehicles: null, reports: 0,
    confidence: 'low' as const, stale: true, trend: null, throughputPerHour: null, throughputSource: null,
  };

  const observations = observe(reports, mode, openTime.before).filter((o) => o.at <= now);
  if (observations.length === 0 || newest === null) return nothing;
  const prior = throughputPrior(mode, checkpoint.capacityPerDay);
  const result = runFilter(
    observations,
    { level: toLog(P.prior.waitMinutes), levelVariance: P.prior.waitSd ** 2, logRate: Math.log(prior.perMinute), logRateVariance: prior.logSd ** 2 },
    { now, earlier: now - P.trendWindowMs },
    shutHours,
  );
  const state = result.state!;
  if (!observations.some((o) => o.kind !== 'rate')) {
    // Only "N let through in M min": no wait without a queue, but how fast the post lets people through is
    // what was reported, and the panel says so while it is recent, not "no fresh data".
    const recent = observations.some((o) => o.at >= windowStart);
    const learned = state.P[8]! < 0.5 * prior.logSd ** 2;
    if (!recent || !learned) return nothing;
    const rate = Math.exp(predict(state, now, shutHours(state.at, now)).x[2]);
    return { ...nothing, reports: heard.length, throughputPerHour: roundTwoDigits(rate * 60), throughputSource: 'reports' };
  }

  const current = predict(state, now, shutHours(state.at, now));
  const scale = noiseScale(result);
  const band = bandOf(current, result, scale);
  const widthMinutes = fromLog(band.highX) - fromLog(band.lowX);
  // Stale is about time: what the estimate has lost since the newest report, not how well it was known
  // then (a queue reported only in km, with the throughput unknown, is uncertain but not old).
  const atNewest = predict(state, Math.max(state.at, newest), shutHours(state.at, Math.max(state.at, newest)));
  const aged = Math.sqrt(Math.max(0, current.P[0]! - atNewest.P[0]!));
  const stale = now - newest > P.staleAfterMs || (aged > P.staleSd && widthMinutes > P.staleMinWidthMinutes);
  // An old estimate is shown as it stood at the newest report, never carried forward as if live.
  const shown = stale ? atNewest : current;
  const shownBand = stale ? bandOf(shown, result, scale) : band;
  const wait = fromLog(shown.x[0]);
  const low = fromLog(shownBand.lowX);
  const high = fromLog(shownBand.highX);
  const confidence = confidenceOf(low, high, wait);

  const counted = observations.some((o) => o.kind === 'queue' && o.at >= windowStart);
  const rate = Math.exp(shown.x[2]);
  const learned = shown.P[8]! < 0.5 * prior.logSd ** 2;
  const source: ThroughputSource = learned ? 'reports' : prior.source;

  return {
    ...base,
    waitMinutes: Math.round(wait),
    low: Math.round(low),
    high: Math.round(high),
    // A model's figure, not a count: "≈ 1 423 in the queue" would claim a precision nobody has.
    queueVehicles: counted ? roundTwoDigits(rate * wait) : null,
    reports: heard.length,
    // One person's word is one person's word, however many numbers it gave ("4 h, 120 ahead" read medium and a
    // solid pill): sure only once a second device has spoken in the look-back.
    confidence: stale || seen.size < 2 ? 'low' : unconfirmed(result, heard, now) ? cap(confidence) : confidence,
    stale,
    // Which way the queue went in the last hours is said only if someone spoke in them: past the newest report
    // the estimate moves by the model's own drift, and "steady" from one report of this morning would be a guess.
    trend: stale || newest < now - P.trendWindowMs ? null : trendOf(current, result.earlier),
    throughputPerHour: roundTwoDigits(rate * 60),
    throughputSource: source,
  };
}
