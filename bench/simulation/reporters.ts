// Who reports what, and how badly, at a simulated crossing: the report mix of
// ../shared/research/scenarios-2022.md (stated waits, counts, km, crossings),
// log-normal noise, people's rounding, rumours that lag the road, reporters
// who post their place in the queue as they advance, and attackers.
import type { EstimatorReport } from '../../lib/estimates/types';
import type { Truth } from './queue';
import { rng, type Random } from './random';

const MINUTE = 60_000;

/** A simulated report: every field the estimator reads, plus the network it came through (null: its own). */
export type SimulatedReport = EstimatorReport & { network: number | null };

export interface ReportingSpec {
  /** Honest reports an hour at minute m. */
  perHour(minute: number): number;
  /** Shares of the kinds (they need not sum to 1; they are normalised). */
  mix: { stated: number; count: number; km: number; crossed: number; letThrough?: number };
  /** Share of count and km reports that also state a wait ("300 cars, they say 20 hours"). */
  withStatedWait?: number;
  /** Reporters who post their place in the queue several times as they advance. */
  positional?: { devices: number; reportsEach: number; firstMinute: number; lastMinute: number };
  /** Metres a vehicle takes in the queue, for km reports. */
  metresPerVehicle: number;
  /** Minutes while nobody reports (night, say). */
  silent?(minute: number): boolean;
  /** Where nobody has been let through for half an hour: "not moving" taps an hour, besides the reports (a tap is quicker than numbers). */
  notMovingTaps?: number;
}

export interface AttackSpec {
  /** Share of all devices that are liars, each sending one fixed value. */
  liarShare?: number;
  liarMinutes?: number;
  /** `devices` devices (1 unless said) each sending `reports` reports in the hour from `fromMinute`. */
  flood?: { devices?: number; reports: number; fromMinute: number; waitMinutes: (truth: number) => number };
  /** One address rotating device keys, `devicesPer10Minutes` new keys per 10 min (the server's cap) for an hour. */
  rotation?: { reports: number; fromMinute: number; devicesPer10Minutes: number | null; waitMinutes: (truth: number) => number };
  /** Honest reporters behind carrier NAT, the share on each network. */
  honestNetworks?: number[];
}

/** Stated waits repeat what the road was like up to this long ago (rumour lags the road). */
const RUMOUR_LAG_MINUTES = 90;
const NOISE = { stated: 0.35, count: 0.25, km: 0.3, letThrough: 0.2, positionBias: 0.2, positionStep: 0.05 };

/** "About 3 hours", "40 minutes": people round. */
export function roundStatedWait(minutes: number): number {
  if (minutes >= 90) return Math.round(minutes / 60) * 60;
  if (minutes >= 30) return Math.round(minutes / 30) * 30;
  return Math.round(minutes / 10) * 10;
}

/** "About 300 cars": tens below 100, fifties below 500, then hundreds. */
export function roundCount(vehicles: number): number {
  if (vehicles < 100) return Math.round(vehicles / 10) * 10;
  if (vehicles < 500) return Math.round(vehicles / 50) * 50;
  return Math.round(vehicles / 100) * 100;
}

function roundKm(km: number): number {
  return km >= 2 ? Math.round(km) : Math.round(km * 2) / 2;
}

/** "Crossed after 4 hours": ten minutes below an hour, half hours below 10 h, whole hours after. */
function roundTook(minutes: number): number {
  if (minutes < 60) return Math.round(minutes / 10) * 10;
  return minutes < 600 ? Math.round(minutes / 30) * 30 : Math.round(minutes / 60) * 60;
}

/**
 * What makes reports imperfect, each of which can be taken away to see what it costs the estimate (the error
 * budget in bench/simulate): the log-normal noise, people's rounding, and rumours that lag the road.
 */
export interface ReportFlaws {
  noise: boolean;
  rounding: boolean;
  rumourLag: boolean;
}
export const ALL_FLAWS: ReportFlaws = { noise: true, rounding: true, rumourLag: true };

export function generateReports(options: {
  truth: Truth;
  reporting: ReportingSpec;
  attack?: AttackSpec;
  seed: number;
  start: number;
  flaws?: ReportFlaws;
}): SimulatedReport[] {
  const { truth, reporting, attack = {}, start, flaws = ALL_FLAWS } = options;
  // Honest reports draw from one stream and attacks from another, so an attack leaves the honest
  // crowd of the same seed exactly as it was: its shift is measured against the very same reports.
  const random = rng(options.seed);
  const hostile = rng(options.seed * 7919 + 1);
  const normal = gaussian(random);
  const at = (minute: number) => new Date(start + Math.round(minute) * MINUTE);
  const empty = { waitMinutes: null, queueVehicles: null, queueKm: null, joinedAt: null, crossedAt: null, letThrough: null, letThroughMinutes: null, network: null };
  const reports: SimulatedReport[] = [];
  let device = 0;
  const carrier = (): number | null => {
    const shares = attack.honestNetworks;
    if (!shares) return null;
    let draw = random();
    for (const [index, share] of shares.entries()) if ((draw -= share) < 0) return index;
    return shares.length - 1;
  };

  const mix = reporting.mix;
  const kinds = (['stated', 'count', 'km', 'crossed', 'letThrough'] as const).map((kind) => ({ kind, share: mix[kind] ?? 0 }));
  const total = kinds.reduce((sum, k) => sum + k.share, 0);
  const pickKind = () => {
    let draw = random() * total;
    for (const k of kinds) if ((draw -= k.share) < 0) return k.kind;
    return 'stated' as const;
  };
  // A perfect reporter still draws the noise, so that every other draw (who reports, when, what kind) stays the same.
  const noisy = (value: number, sigma: number) => value * Math.exp((flaws.noise ? sigma : 0) * normal());
  const rounded = <T extends (value: number) => number>(round: T) => (flaws.rounding ? round : (value: number) => value);
  const statedWait = rounded(roundStatedWait);
  const count = rounded(roundCount);
  const km = rounded(roundKm);
  const took = rounded(roundTook);
  const rumourLag = flaws.rumourLag ? RUMOUR_LAG_MINUTES : 0;

  for (let m = 0; m < truth.minutes; m += 1) {
    if (reporting.silent?.(m)) continue;
    if (reporting.notMovingTaps && m >= 30 && truth.served(m - 30, m) === 0 && random() < reporting.notMovingTaps / 60) {
      reports.push({ ...empty, deviceKey: `honest-${device++}`, network: carrier(), createdAt: at(m), signal: 'not_moving' });
    }
    if (random() >= reporting.perHour(m) / 60) continue;
    const kind = pickKind();
    const base = { ...empty, deviceKey: `honest-${device++}`, network: carrier(), createdAt: at(m) };
    const hearsay = () => statedWait(noisy(truth.wait(Math.max(0, m - random() * rumourLag)), NOISE.stated));
    const alsoStated = () => (random() < (reporting.withStatedWait ?? 0) ? { waitMinutes: hearsay() } : {});
    switch (kind) {
      case 'stated':
        reports.push({ ...base, waitMinutes: hearsay() });
        break;
      case 'count':
        reports.push({ ...base, queueVehicles: count(noisy(truth.queue(m), NOISE.count)), ...alsoStated() });
        break;
      case 'km':
        reports.push({ ...base, queueKm: km((noisy(truth.queue(m), NOISE.km) * reporting.metresPerVehicle) / 1000), ...alsoStated() });
        break;
      case 'crossed': {
        const joined = truth.joinedFor(m);
        // Nobody reports "crossed after five minutes".
        if (joined === null || m - joined < 15) break;
        const minutes = took(m - joined);
        reports.push({ ...base, joinedAt: at(m - minutes), crossedAt: at(m) });
        break;
      }
      case 'letThrough': {
        const window = [30, 60, 60, 120, 300][Math.floor(random() * 5)]!;
        if (m < window) break;
        const passed = truth.served(m - window, m);
        reports.push({ ...base, letThrough: Math.max(0, count(noisy(passed, NOISE.letThrough))), letThroughMinutes: window });
        break;
      }
    }
  }

  // Reporters who post their place as they advance: one device, a falling count, each with the
  // same way of counting (a bias shared by all its reports) and a little noise of its own.
  if (reporting.positional) {
    const p = reporting.positional;
    for (let d = 0; d < p.devices; d += 1) {
      const joined = p.firstMinute + random() * (p.lastMinute - p.firstMinute);
      const bias = noisy(1, NOISE.positionBias);
      let minute = joined;
      for (let i = 0; i < p.reportsEach && minute < truth.minutes; i += 1) {
        const ahead = noisy(truth.ahead(joined, minute) * bias, NOISE.positionStep);
        reports.push({ ...empty, deviceKey: `positional-${d}`, network: carrier(), createdAt: at(minute), queueVehicles: count(ahead) });
        minute += 30 + random() * 60;
      }
    }
  }

  // Liars come when the crowd does: each at the time of a random honest report.
  const honestCount = reports.length;
  const liars = attack.liarShare ? Math.round((honestCount * attack.liarShare) / (1 - attack.liarShare)) : 0;
  for (let i = 0; i < liars && honestCount > 0; i += 1) {
    const createdAt = reports[Math.floor(hostile() * honestCount)]!.createdAt;
    reports.push({ ...empty, deviceKey: `liar-${i}`, createdAt, waitMinutes: attack.liarMinutes ?? 10 });
  }
  if (attack.flood) {
    const { devices = 1, reports: count, fromMinute, waitMinutes } = attack.flood;
    for (let d = 0; d < devices; d += 1) {
      for (let i = 0; i < count; i += 1) {
        const m = fromMinute + Math.floor((i / count) * 60);
        reports.push({ ...empty, deviceKey: `flood-${d}`, createdAt: at(m), waitMinutes: Math.round(waitMinutes(truth.wait(m))) });
      }
    }
  }
  if (attack.rotation) {
    const { reports: count, fromMinute, devicesPer10Minutes: cap, waitMinutes } = attack.rotation;
    for (let i = 0; i < count; i += 1) {
      const m = fromMinute + Math.floor((i / count) * 60);
      // Past the cap the server refuses new keys, so the machine can only reuse the ones it got in.
      const key = cap === null ? `rotating-${i}` : `rotating-${Math.floor((m - fromMinute) / 10)}-${i % cap}`;
      reports.push({ ...empty, deviceKey: key, network: -1, createdAt: at(m), waitMinutes: Math.round(waitMinutes(truth.wait(m))) });
    }
  }
  return reports.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Standard normal draws (Box–Muller) from a uniform source. */
export function gaussian(random: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

export { rng };
