// The estimator: noisy reports of one checkpoint × direction × mode in, one
// robust live estimate out. Pure: no clock, no I/O. docs/estimates.md has
// the method and its reasons; bench/simulate measures it.
import type { Direction, Mode } from '../enums';
import { PARAMETERS as P, METRES_PER_VEHICLE, priorThroughputPerMinute } from './parameters';
import type { Confidence, EstimateValue, EstimatorCheckpoint, EstimatorReport, Trend } from './types';
import { effectiveCount, weightedMedian, weightedQuantile, type Weighted } from './weighted';

export interface EstimateInput {
  checkpoint: EstimatorCheckpoint;
  direction: Direction;
  mode: Mode;
  /** Reports of this checkpoint × direction × mode, hidden ones left out; older than lookbackMs are ignored. */
  reports: readonly EstimatorReport[];
  now: Date;
}

const MINUTE = 60_000;
const toLog = (minutes: number) => Math.log(minutes + P.logOffsetMinutes);
const fromLog = (x: number) => Math.max(0, Math.round(Math.exp(x) - P.logOffsetMinutes));
const decay = (ageMs: number, halfLifeMs: number) => Math.pow(0.5, Math.max(0, ageMs) / halfLifeMs);

/** Vehicles in the queue a report describes, from a count or a length. */
export function queueLength(report: Pick<EstimatorReport, 'queueVehicles' | 'queueKm'>, mode: Mode): number | null {
  if (report.queueVehicles !== null) return report.queueVehicles;
  if (report.queueKm !== null) return (report.queueKm * 1000) / METRES_PER_VEHICLE[mode];
  return null;
}

function crossingMinutes(report: EstimatorReport): number | null {
  if (!report.joinedAt || !report.crossedAt) return null;
  return (report.crossedAt.getTime() - report.joinedAt.getTime()) / MINUTE;
}

/** Each device's latest report only: a flood from one device is one voice. */
export function latestPerDevice(reports: readonly EstimatorReport[]): EstimatorReport[] {
  const latest = new Map<string, EstimatorReport>();
  for (const report of reports) {
    const seen = latest.get(report.deviceKey);
    if (!seen || report.createdAt > seen.createdAt) latest.set(report.deviceKey, report);
  }
  return [...latest.values()];
}

/**
 * Vehicles per minute, learned from crossing reports: someone who joined at
 * T1 behind N vehicles (as others reported around T1) and crossed at T2 saw
 * N / (T2 − T1). Samples are pooled in log space with the prior, which also
 * bounds the result.
 */
export function learnThroughput(reports: readonly EstimatorReport[], mode: Mode, prior: number, now: Date): number {
  const queueReports = reports
    .map((report) => ({ at: report.createdAt.getTime(), length: queueLength(report, mode) }))
    .filter((item): item is { at: number; length: number } => item.length !== null);
  const samples: Weighted[] = [];
  for (const report of latestPerDevice(reports.filter((r) => crossingMinutes(r) !== null))) {
    const minutes = crossingMinutes(report)!;
    if (minutes < 5) continue;
    const joined = report.joinedAt!.getTime();
    const near = queueReports
      .filter((item) => Math.abs(item.at - joined) <= P.joinMatchMs)
      .map((item) => ({ value: item.length, weight: 1 - Math.abs(item.at - joined) / (2 * P.joinMatchMs) }));
    const ahead = weightedMedian(near);
    if (ahead === null || ahead <= 0) continue;
    const rate = Math.min(prior * 10, Math.max(prior / 10, ahead / minutes));
    samples.push({ value: Math.log(rate), weight: decay(now.getTime() - report.crossedAt!.getTime(), P.throughputHalfLifeMs) });
  }
  const weightSum = samples.reduce((sum, sample) => sum + sample.weight, 0);
  if (weightSum === 0) return prior;
  const centre = weightedMedian(samples)!;
  const pooled = (P.priorSamples * Math.log(prior) + weightSum * centre) / (P.priorSamples + weightSum);
  const bound = Math.log(P.throughputBound);
  return Math.exp(Math.min(Math.log(prior) + bound, Math.max(Math.log(prior) - bound, pooled)));
}

interface Observation extends Weighted {
  /** log(minutes + offset) */
  value: number;
}

/** Turns each device's latest report into weighted wait observations (log scale). */
function observe(reports: readonly EstimatorReport[], mode: Mode, throughput: number, now: Date): Observation[] {
  const observations: Observation[] = [];
  for (const report of reports) {
    const found: { minutes: number; kind: keyof typeof P.kindWeight; at: Date }[] = [];
    if (report.waitMinutes !== null) found.push({ minutes: report.waitMinutes, kind: 'stated', at: report.createdAt });
    const length = queueLength(report, mode);
    if (length !== null) found.push({ minutes: length / throughput, kind: 'queue', at: report.createdAt });
    const crossed = crossingMinutes(report);
    // A crossing measures the wait of someone who joined at joinedAt: it is
    // as old as that join, not as the report (FHWA's "actual" wait lags).
    if (crossed !== null) found.push({ minutes: crossed, kind: 'crossed', at: report.joinedAt! });
    for (const item of found) {
      // A report's observations share its one voice.
      const weight = (decay(now.getTime() - item.at.getTime(), P.halfLifeMs) * P.kindWeight[item.kind]) / found.length;
      observations.push({ value: toLog(item.minutes), weight });
    }
  }
  return observations;
}

/** Down-weights observations far from the weighted median, in robust (MAD) units. */
export function downweightOutliers(observations: readonly Observation[]): { kept: Observation[]; outliers: number } {
  const centre = weightedMedian(observations);
  if (centre === null) return { kept: [], outliers: 0 };
  const mad = weightedMedian(observations.map((o) => ({ value: Math.abs(o.value - centre), weight: o.weight }))) ?? 0;
  const scale = Math.max(1.4826 * mad, P.minScale);
  let outliers = 0;
  const kept = observations.map((o) => {
    const z = Math.abs(o.value - centre) / scale;
    if (z <= P.outlierZ) return o;
    outliers += 1;
    return { value: o.value, weight: z > P.rejectZ ? 0 : o.weight * (P.outlierZ / z) ** 2 };
  });
  return { kept, outliers };
}

interface Centre {
  wait: number;
  lowX: number;
  highX: number;
  centreX: number;
  effective: number;
}

function centreOf(reports: readonly EstimatorReport[], mode: Mode, throughput: number, now: Date): Centre | null {
  const { kept } = downweightOutliers(observe(reports, mode, throughput, now));
  const centreX = weightedMedian(kept);
  if (centreX === null) return null;
  const effective = effectiveCount(kept.filter((o) => o.weight > 0));
  // The band is the spread of the reports, but never narrower than the
  // uncertainty of a centre resting on `effective` reports.
  const minHalfWidth = Math.log(1 + 0.6 / Math.sqrt(Math.max(effective, 1)));
  const lowX = Math.min(weightedQuantile(kept, 0.2)!, centreX - minHalfWidth);
  const highX = Math.max(weightedQuantile(kept, 0.8)!, centreX + minHalfWidth);
  return { wait: fromLog(centreX), lowX, highX, centreX, effective };
}

function confidenceOf(centre: Centre, newestAgeMs: number): Confidence {
  const spread = centre.highX - centre.lowX;
  if (centre.effective >= 3 && newestAgeMs <= 45 * MINUTE && spread <= Math.log(2.5)) return 'high';
  if (centre.effective >= 1.5 && newestAgeMs <= 90 * MINUTE) return 'medium';
  return 'low';
}

function trendOf(now: number, then: number | null): Trend | null {
  if (then === null) return null;
  const ratio = (now + P.logOffsetMinutes) / (then + P.logOffsetMinutes);
  if (ratio >= P.trendRatio && now - then >= P.trendMinutes) return 'rising';
  if (ratio <= 1 / P.trendRatio && then - now >= P.trendMinutes) return 'falling';
  return 'steady';
}

/** Reports seen by `at`, each device's latest within the current window. */
function currentReports(reports: readonly EstimatorReport[], at: Date): EstimatorReport[] {
  const from = at.getTime() - P.currentWindowMs;
  return latestPerDevice(reports.filter((r) => r.createdAt.getTime() <= at.getTime() && r.createdAt.getTime() >= from));
}

export function estimateWait(input: EstimateInput): EstimateValue {
  const { checkpoint, direction, mode, now } = input;
  const reports = input.reports.filter(
    (r) => r.createdAt.getTime() <= now.getTime() && r.createdAt.getTime() >= now.getTime() - P.lookbackMs,
  );
  const newest = reports.reduce<Date | null>((latest, r) => (!latest || r.createdAt > latest ? r.createdAt : latest), null);
  const throughput = learnThroughput(reports, mode, priorThroughputPerMinute(mode, checkpoint.capacityPerDay), now);
  const current = currentReports(reports, now);
  const centre = centreOf(current, mode, throughput, now);
  const base = {
    checkpointId: checkpoint.id,
    direction,
    mode,
    lastReportAt: newest?.toISOString() ?? null,
    updatedAt: now.toISOString(),
  };
  if (!centre || !newest) {
    return { ...base, waitMinutes: null, low: null, high: null, queueVehicles: null, reports: 0, confidence: 'low', stale: true, trend: null };
  }

  const newestAgeMs = now.getTime() - newest.getTime();
  const lengths = current
    .map((r) => ({ value: queueLength(r, mode) ?? NaN, weight: decay(now.getTime() - r.createdAt.getTime(), P.halfLifeMs) }))
    .filter((item) => Number.isFinite(item.value));
  const queueVehicles = weightedMedian(lengths);
  const earlier = new Date(now.getTime() - P.trendLagMs);
  const before = centreOf(currentReports(reports, earlier), mode, throughput, earlier);

  return {
    ...base,
    waitMinutes: centre.wait,
    low: fromLog(centre.lowX),
    high: fromLog(centre.highX),
    queueVehicles: queueVehicles === null ? null : Math.round(queueVehicles),
    reports: current.length,
    confidence: confidenceOf(centre, newestAgeMs),
    stale: newestAgeMs > P.staleAfterMs,
    trend: trendOf(centre.wait, before?.wait ?? null),
  };
}
