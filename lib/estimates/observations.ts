// From reports to what the filter observes. Every report says something
// about one of three things: the wait of someone joining at some moment
// (the level), the queue (level and throughput together, W = N / μ), or
// the throughput alone. One device is one voice: however often it reports,
// it gives at most one observation of each kind.
import type { Mode } from '../enums';
import { REPORT_LIMITS } from '../reports/limits';
import { METRES_PER_VEHICLE, PARAMETERS as P } from './parameters';
import type { EstimatorReport } from './types';

const MINUTE = 60_000;

/**
 * - `wait`: y = log(W + offset) of someone joining at `at` (a stated wait, a crossing).
 * - `queue`: `vehicles` ahead at `at`; the filter observes log(N + offset·μ) = level + log μ. `floor`: vehicles
 *   the report is unsure by however short the queue (rounding).
 * - `rate`: y = log μ, vehicles a minute around `at` (let through in M minutes, a device's advance).
 */
export type Observation =
  | { kind: 'wait'; source: 'stated' | 'crossed' | 'verdict'; at: number; device: string; y: number; variance: number }
  | { kind: 'queue'; source: 'count' | 'km'; at: number; device: string; vehicles: number; variance: number; floor: number }
  | { kind: 'rate'; source: 'letThrough' | 'advance'; at: number; device: string; y: number; variance: number };

export const toLog = (minutes: number) => Math.log(Math.max(0, minutes) + P.logOffsetMinutes);
/** Back to minutes, never past what a report may say (the schema's cap, 7 days). */
export const fromLog = (x: number) => Math.min(REPORT_LIMITS.waitMinutes.max, Math.max(0, Math.exp(x) - P.logOffsetMinutes));

/** Vehicles in the queue a report describes, from a count or a length. */
export function queueLength(report: Pick<EstimatorReport, 'queueVehicles' | 'queueKm'>, mode: Mode): number | null {
  if (report.queueVehicles !== null) return report.queueVehicles;
  if (report.queueKm !== null) return (report.queueKm * 1000) / METRES_PER_VEHICLE[mode];
  return null;
}

/** A wait's noise in log terms: relative noise, plus rounding that weighs more the smaller the wait. */
const waitVariance = (relative: number, minutes: number) => relative ** 2 + (P.noise.floorMinutes / (Math.max(0, minutes) + P.logOffsetMinutes)) ** 2;

/** Reports stored before the schema asked for five minutes are held to it here too. */
const isCrossing = (r: EstimatorReport) =>
  r.joinedAt !== null && r.crossedAt !== null && crossedBy(r) - r.joinedAt.getTime() >= REPORT_LIMITS.minCrossingMs;
/** A crossing ends when it says, but never after the server received it (a fast clock). */
const crossedBy = (r: EstimatorReport) => Math.min(r.crossedAt!.getTime(), r.createdAt.getTime());
const isLetThrough = (r: EstimatorReport) => r.letThrough !== null && r.letThroughMinutes !== null && r.letThroughMinutes > 0;
const saysLevel = (r: EstimatorReport) => r.waitMinutes !== null || r.queueVehicles !== null || r.queueKm !== null || verdictWait(r) !== null;

/** "Longer" and "shorter" say the wait shown is off by about half again; "right" says it is about so. */
export const VERDICT_FACTOR = 1.5;
/** The wait a verdict says, in minutes, or null. */
function verdictWait(r: EstimatorReport): number | null {
  if (!r.verdict || r.shownMinutes === null || r.shownMinutes === undefined) return null;
  const factor = r.verdict === 'longer' ? VERDICT_FACTOR : r.verdict === 'shorter' ? 1 / VERDICT_FACTOR : r.verdict === 'right' ? 1 : null;
  return factor === null ? null : r.shownMinutes * factor;
}

/** The moment `ms` of wall time before `at` (on a post's open clock, lib/estimates/opening-hours.ts, not simply `at − ms`). */
export type Before = (at: number, ms: number) => number;
const wallBefore: Before = (at, ms) => at - ms;

function levelObservations(report: EstimatorReport, mode: Mode, before: Before): Observation[] {
  const out: Observation[] = [];
  const at = report.createdAt.getTime();
  const device = report.deviceKey;
  if (report.waitMinutes !== null) {
    // A stated wait is mostly hearsay: what the road was like a while ago (rumour lags the road).
    out.push({ kind: 'wait', source: 'stated', at: before(at, P.hearsayAgeMs), device, y: toLog(report.waitMinutes), variance: waitVariance(P.noise.stated, report.waitMinutes) });
  }
  const said = report.waitMinutes === null ? verdictWait(report) : null;
  if (said !== null) {
    // Said of the wait on the screen now, by someone who sees the queue (or thinks so): a light word about the present.
    out.push({ kind: 'wait', source: 'verdict', at, device, y: toLog(said), variance: waitVariance(P.noise.verdict, said) });
  }
  const vehicles = queueLength(report, mode);
  if (vehicles !== null) {
    const source = report.queueVehicles !== null ? 'count' : 'km';
    // People round lengths to half a km: "0.5 km" is anything from a quarter to three quarters of one.
    const floor = source === 'km' ? (P.noise.floorKm * 1000) / METRES_PER_VEHICLE[mode] : P.noise.floorVehicles;
    out.push({ kind: 'queue', source, at, device, vehicles: Math.max(0, vehicles), variance: P.noise[source] ** 2, floor });
  }
  return out;
}

/**
 * A device's counts that fall over time are its advance through the queue: the first says how long
 * the queue was when it joined, the fall says the throughput. Later counts taken within
 * `advanceAfterMs` of the first are corrections instead, and the latest report wins.
 */
function advanceOf(levels: readonly EstimatorReport[], mode: Mode): { first: EstimatorReport; rate: Observation } | null {
  const counts = levels
    .map((report) => ({ report, vehicles: queueLength(report, mode) }))
    .filter((item): item is { report: EstimatorReport; vehicles: number } => item.vehicles !== null);
  if (counts.length < 2) return null;
  const first = counts[0]!;
  const last = counts[counts.length - 1]!;
  const minutes = (last.report.createdAt.getTime() - first.report.createdAt.getTime()) / MINUTE;
  const moved = first.vehicles - last.vehicles;
  if (minutes * MINUTE < P.advanceAfterMs || moved <= 0) return null;
  const meanAhead = (first.vehicles + last.vehicles) / 2;
  const variance = 2 * (P.noise.position * meanAhead / moved) ** 2 + 1 / (moved + 1);
  return {
    first: first.report,
    rate: {
      kind: 'rate',
      source: 'advance',
      at: (first.report.createdAt.getTime() + last.report.createdAt.getTime()) / 2,
      device: first.report.deviceKey,
      y: Math.log(moved / minutes),
      variance,
    },
  };
}

/** Everything the reports say, one voice per device and kind, oldest moment first. */
export function observe(reports: readonly EstimatorReport[], mode: Mode, before: Before = wallBefore): Observation[] {
  // Most devices report once: they skip the grouping.
  const byDevice = new Map<string, EstimatorReport | EstimatorReport[]>();
  for (const report of reports) {
    const seen = byDevice.get(report.deviceKey);
    if (seen === undefined) byDevice.set(report.deviceKey, report);
    else if (Array.isArray(seen)) seen.push(report);
    else byDevice.set(report.deviceKey, [seen, report]);
  }
  const observations: Observation[] = [];
  for (const own of byDevice.values()) {
    if (Array.isArray(own)) observeDevice(own.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()), mode, observations, before);
    else observeDevice([own], mode, observations, before);
  }
  return observations.sort((a, b) => a.at - b.at);
}

/** One device's reports, oldest first, into `out`. */
function observeDevice(own: readonly EstimatorReport[], mode: Mode, out: Observation[], before: Before): void {
  let crossing: EstimatorReport | undefined;
  let letThrough: EstimatorReport | undefined;
  const levels: EstimatorReport[] = [];
  for (const report of own) {
    if (isCrossing(report)) crossing = report;
    if (isLetThrough(report)) letThrough = report;
    if (saysLevel(report)) levels.push(report);
  }
  // A crossing is the measured wait of someone who joined at joinedAt: it describes that moment
  // (FHWA's "actual" wait lags the present by the wait itself).
  if (crossing) {
    const minutes = (crossedBy(crossing) - crossing.joinedAt!.getTime()) / MINUTE;
    out.push({ kind: 'wait', source: 'crossed', at: crossing.joinedAt!.getTime(), device: crossing.deviceKey, y: toLog(minutes), variance: waitVariance(P.noise.crossed, minutes) });
  }
  // "None let through" says the post is stopped, which is not its rate when it works: it teaches nothing of μ
  // (and a stopped post is a moderator's "closed", or the waits people report).
  if (letThrough && letThrough.letThrough! > 0) {
    const minutes = letThrough.letThroughMinutes!;
    const passed = letThrough.letThrough!;
    out.push({
      kind: 'rate',
      source: 'letThrough',
      at: letThrough.createdAt.getTime() - (minutes * MINUTE) / 2,
      device: letThrough.deviceKey,
      y: Math.log(passed / minutes),
      variance: P.noise.letThrough ** 2 + 1 / (passed + 1),
    });
  }
  if (levels.length === 0) return;
  const advance = levels.length > 1 ? advanceOf(levels, mode) : null;
  if (advance) out.push(...levelObservations(advance.first, mode, before), advance.rate);
  else out.push(...levelObservations(levels[levels.length - 1]!, mode, before));
}
