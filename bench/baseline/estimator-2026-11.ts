// The estimator as it stood before issue 10 (commit d8cb514, lib/estimates/), frozen here so that
// bench/simulate can score the old method beside the new on the same data. Not used by the app;
// do not change it: its figures are the "before" of docs/estimates.md.
import type { Direction, Mode } from '../../lib/enums';
import type { Confidence, EstimateValue as CurrentEstimateValue, EstimatorCheckpoint, EstimatorReport as CurrentReport, Trend } from '../../lib/estimates/types';

/** The report fields the old estimator read (the let-through count came later). */
export type BaselineReport = Pick<CurrentReport, 'deviceKey' | 'createdAt' | 'waitMinutes' | 'queueVehicles' | 'queueKm' | 'joinedAt' | 'crossedAt'>;
type EstimatorReport = BaselineReport;
/** The estimate as it stood then: no learned throughput yet. */
type EstimateValue = Omit<CurrentEstimateValue, 'throughputPerHour' | 'throughputSource'>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const P = {
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
const METRES_PER_VEHICLE: Record<Mode, number> = {
  car: 7,
  truck: 20,
  bus: 15,
  bicycle: 2.5,
  pedestrian: 0.8,
};

/** Throughput prior (vehicles or people a day) where the catalogue gives no capacity. */
const DEFAULT_CAPACITY_PER_DAY: Record<Mode, number> = {
  car: 1000,
  truck: 400,
  bus: 60,
  bicycle: 300,
  pedestrian: 1500,
};

/** The catalogue's capacity is for vehicles, mostly cars: it sets the car prior only. */
function priorThroughputPerMinute(mode: Mode, capacityPerDay: number | null): number {
  const perDay = mode === 'car' && capacityPerDay ? capacityPerDay : DEFAULT_CAPACITY_PER_DAY[mode];
  return perDay / (24 * 60);
}

interface Weighted {
  value: number;
  weight: number;
}

/**
 * The smallest value at which the cumulative weight reaches q of the total.
 * For q = 0.5 this is the weighted median: moving it needs half the weight.
 */
function weightedQuantile(items: readonly Weighted[], q: number): number | null {
  const usable = items.filter((item) => item.weight > 0 && Number.isFinite(item.value));
  if (usable.length === 0) return null;
  const sorted = [...usable].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let cumulative = 0;
  for (const item of sorted) {
    cumulative += item.weight;
    if (cumulative >= q * total - 1e-12) return item.value;
  }
  return sorted[sorted.length - 1]!.value;
}

function weightedMedian(items: readonly Weighted[]): number | null {
  return weightedQuantile(items, 0.5);
}

/** Kish's effective sample size: how many equal-weight observations the set is worth. */
function effectiveCount(items: readonly Weighted[]): number {
  const sum = items.reduce((total, item) => total + item.weight, 0);
  const squares = items.reduce((total, item) => total + item.weight * item.weight, 0);
  return squares === 0 ? 0 : (sum * sum) / squares;
}


interface EstimateInput {
  checkpoint: EstimatorCheckpoint;
  direction: Direction;
  mode: Mode;
  /** Reports of this checkpoint × direction × mode, hidden ones left out; older than lookbackMs are ignored. */
  reports: readonly EstimatorReport[];
  now: Date;
}

const toLog = (minutes: number) => Math.log(minutes + P.logOffsetMinutes);
const fromLog = (x: number) => Math.max(0, Math.round(Math.exp(x) - P.logOffsetMinutes));
const decay = (ageMs: number, halfLifeMs: number) => Math.pow(0.5, Math.max(0, ageMs) / halfLifeMs);

/** Vehicles in the queue a report describes, from a count or a length. */
function queueLength(report: Pick<EstimatorReport, 'queueVehicles' | 'queueKm'>, mode: Mode): number | null {
  if (report.queueVehicles !== null) return report.queueVehicles;
  if (report.queueKm !== null) return (report.queueKm * 1000) / METRES_PER_VEHICLE[mode];
  return null;
}

function crossingMinutes(report: EstimatorReport): number | null {
  if (!report.joinedAt || !report.crossedAt) return null;
  return (report.crossedAt.getTime() - report.joinedAt.getTime()) / MINUTE;
}

/** Each device's latest report only: a flood from one device is one voice. */
function latestPerDevice(reports: readonly EstimatorReport[]): EstimatorReport[] {
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
function learnThroughput(reports: readonly EstimatorReport[], mode: Mode, prior: number, now: Date): number {
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
function downweightOutliers(observations: readonly Observation[]): { kept: Observation[]; outliers: number } {
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

export function estimateWaitBaseline(input: EstimateInput): EstimateValue {
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
