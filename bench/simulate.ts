// Simulates a day at one checkpoint with a known true wait, feeds honest and
// hostile reports through the real estimator, and prints its error.
// Run: npm run bench:simulate   (writes bench/results/simulate.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateWait } from '../lib/estimates/estimate-wait';
import type { EstimatorReport } from '../lib/estimates/types';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const START = Date.UTC(2022, 8, 26, 0, 0);
const SERVICE_PER_MINUTE = 1; // 1,440 vehicles a day, the catalogue prior below

/** A small seeded PRNG (mulberry32), so every run gives the same figures. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Arrivals a minute: quiet, a surge (growth), a plateau at capacity, then clearing. */
function arrivalsPerMinute(minute: number): number {
  const hour = minute / 60;
  if (hour < 4) return 0.9;
  if (hour < 10) return 2.2; // queue grows by 1.2 vehicles/min
  if (hour < 16) return 1.0; // plateau
  return 0.25; // clearing
}

/** True queue length and wait for someone joining, minute by minute. */
function truth(): { queue: number[]; wait: number[] } {
  const queue: number[] = [];
  let length = 30;
  for (let m = 0; m <= DAY_MINUTES; m += 1) {
    queue.push(length);
    length = Math.max(0, length + arrivalsPerMinute(m) - SERVICE_PER_MINUTE);
  }
  return { queue, wait: queue.map((n) => n / SERVICE_PER_MINUTE) };
}

interface Scenario {
  name: string;
  liarShare: number;
  floodDevices: number;
  floodReports: number;
  /**
   * One machine behind one address, a new device key for every report, 11–12 h, at 10× the truth;
   * the server lets an address use only `devicesPer10Minutes` different devices per window
   * (REPORT_DEVICES_PER_ADDRESS), null for no such cap.
   */
  rotation?: { reports: number; devicesPer10Minutes: number | null };
  /**
   * Honest reporters behind carrier NAT: the share of them on each network. Unset, every honest device
   * is on a network of its own. Liars always have their own; the rotating machine has one.
   */
  honestNetworks?: number[];
  /**
   * The rule Kordon does not use, measured for comparison: every network is one voice (as if the
   * estimator took only the latest report of each address), instead of every device.
   */
  voicePerNetwork?: boolean;
  capacityPerDay: number | null;
}

/** A simulated report: what the estimator reads, plus the network it came through (null: its own). */
type SimulatedReport = EstimatorReport & { network: number | null };

function generate(scenario: Scenario, seed: number) {
  const random = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const noisy = (value: number, sigma: number) => value * Math.exp(sigma * normal());
  const { queue, wait } = truth();
  const reports: SimulatedReport[] = [];
  let device = 0;
  const at = (minute: number) => new Date(START + minute * MINUTE);
  const empty = { waitMinutes: null, queueVehicles: null, queueKm: null, joinedAt: null, crossedAt: null, network: null };
  /** The network an honest report comes through: a carrier by its share, or none shared. */
  const carrier = (): number | null => {
    if (!scenario.honestNetworks) return null;
    let draw = random();
    for (const [index, share] of scenario.honestNetworks.entries()) {
      if ((draw -= share) < 0) return index;
    }
    return scenario.honestNetworks.length - 1;
  };
  /** The rotating machine's one address: no carrier's index. */
  const ATTACKER_NETWORK = -1;

  for (let m = 0; m < DAY_MINUTES; m += 1) {
    // About 8 honest reports an hour, of three kinds.
    if (random() < 3 / 60) {
      const stated = Math.round(noisy(wait[m]!, 0.35) / 30) * 30; // "about 3 hours"
      reports.push({ ...empty, deviceKey: `honest-${device++}`, network: carrier(), createdAt: at(m), waitMinutes: stated });
    }
    if (random() < 3 / 60) {
      const counted = noisy(queue[m]!, 0.25);
      const asKm = random() < 0.4;
      reports.push({
        ...empty,
        deviceKey: `honest-${device++}`,
        network: carrier(),
        createdAt: at(m),
        ...(asKm ? { queueKm: Math.round(((counted * 7) / 1000) * 10) / 10 } : { queueVehicles: Math.round(counted) }),
      });
    }
    if (random() < 2 / 60) {
      // Someone crossing now joined when the wait was what it took them.
      const joinedMinute = findJoinMinute(wait, m);
      if (joinedMinute !== null) {
        const joined = joinedMinute + Math.round(normal() * 10);
        reports.push({ ...empty, deviceKey: `honest-${device++}`, network: carrier(), createdAt: at(m), joinedAt: at(joined), crossedAt: at(m) });
      }
    }
    // Liars: a share of extra reports with absurd values, each from its own device.
    if (random() < (scenario.liarShare / (1 - scenario.liarShare)) * (8 / 60)) {
      const absurd = random() < 0.5 ? 10080 : 0;
      reports.push({ ...empty, deviceKey: `liar-${device++}`, createdAt: at(m), waitMinutes: absurd });
    }
  }
  // Floods: a few devices hammer a value 10× the truth from hour 11 on.
  for (let d = 0; d < scenario.floodDevices; d += 1) {
    for (let i = 0; i < scenario.floodReports; i += 1) {
      const m = 11 * 60 + Math.floor((i / scenario.floodReports) * 60);
      reports.push({ ...empty, deviceKey: `flood-${d}`, createdAt: at(m), waitMinutes: Math.round(wait[m]! * 10) });
    }
  }
  if (scenario.rotation) {
    const { reports: count, devicesPer10Minutes: cap } = scenario.rotation;
    for (let i = 0; i < count; i += 1) {
      const m = 11 * 60 + Math.floor((i / count) * 60);
      // Past the cap the server refuses new keys, so the machine can only reuse the ones it got in.
      const key = cap === null ? `rotating-${i}` : `rotating-${Math.floor((m - 11 * 60) / 10)}-${i % cap}`;
      reports.push({ ...empty, deviceKey: key, network: ATTACKER_NETWORK, createdAt: at(m), waitMinutes: Math.round(wait[m]! * 10) });
    }
  }
  // Under one voice per network, the devices behind one network are one device to the estimator.
  const asEstimated = reports.map(({ network, ...report }): EstimatorReport =>
    scenario.voicePerNetwork && network !== null ? { ...report, deviceKey: `network-${network}` } : report,
  );
  return { reports: asEstimated, wait };
}

/** The minute at which a vehicle crossing at `crossing` joined. */
function findJoinMinute(wait: number[], crossing: number): number | null {
  for (let joined = crossing; joined >= 0; joined -= 1) {
    if (joined + wait[joined]! <= crossing + 0.5 && joined + wait[joined]! >= crossing - 0.5) return joined;
  }
  return null;
}

const PHASES = [
  { name: 'quiet (1–4 h)', from: 60, to: 240 },
  { name: 'growth (4–10 h)', from: 240, to: 600 },
  { name: 'plateau (10–16 h)', from: 600, to: 960 },
  { name: 'clearing (16–24 h)', from: 960, to: 1440 },
];

function evaluate(scenario: Scenario, seeds: number[]) {
  const rows: { minute: number; truth: number; estimate: number | null }[] = [];
  for (const seed of seeds) {
    const { reports, wait } = generate(scenario, seed);
    const sorted = [...reports].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (let minute = 60; minute < DAY_MINUTES; minute += 10) {
      const now = new Date(START + minute * MINUTE);
      const seen = sorted.filter((r) => r.createdAt <= now);
      const estimate = estimateWait({
        checkpoint: { id: 'simulated', capacityPerDay: scenario.capacityPerDay },
        direction: 'out',
        mode: 'car',
        reports: seen,
        now,
      });
      rows.push({ minute, truth: wait[minute]!, estimate: estimate.stale ? null : estimate.waitMinutes });
    }
  }
  const summary = (from: number, to: number) => {
    const part = rows.filter((r) => r.minute >= from && r.minute < to && r.estimate !== null);
    const errors = part.map((r) => Math.abs(r.estimate! - r.truth));
    const mae = errors.reduce((s, e) => s + e, 0) / Math.max(part.length, 1);
    const meanTruth = part.reduce((s, r) => s + r.truth, 0) / Math.max(part.length, 1);
    return { maeMinutes: Math.round(mae), maePercent: Math.round((100 * mae) / Math.max(meanTruth, 1)), points: part.length };
  };
  return {
    overall: summary(60, DAY_MINUTES),
    phases: Object.fromEntries(PHASES.map((p) => [p.name, summary(p.from, p.to)])),
    estimates: rows,
  };
}

function shift(base: ReturnType<typeof evaluate>, attacked: ReturnType<typeof evaluate>) {
  const diffs = base.estimates.map((row, i) => Math.abs((attacked.estimates[i]!.estimate ?? 0) - (row.estimate ?? 0)));
  const relative = base.estimates.map((row, i) => {
    const a = attacked.estimates[i]!.estimate ?? 0;
    const b = row.estimate ?? 0;
    return Math.abs(a - b) / Math.max(b, 30);
  });
  return {
    meanShiftMinutes: Math.round(diffs.reduce((s, d) => s + d, 0) / diffs.length),
    maxShiftMinutes: Math.round(Math.max(...diffs)),
    meanShiftPercent: Math.round((100 * relative.reduce((s, d) => s + d, 0)) / relative.length),
  };
}

// SIMULATE_SEEDS and BENCH_OUT let the test suite run a small smoke version.
const seeds = Array.from({ length: Number(process.env.SIMULATE_SEEDS ?? 5) }, (_, i) => i + 1);
const outDir = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const CARRIERS = [0.5, 0.3, 0.2];
const honest: Scenario = { name: 'honest', liarShare: 0, floodDevices: 0, floodReports: 0, capacityPerDay: 1440 };
const scenarios: Scenario[] = [
  honest,
  { ...honest, name: 'prior 3× too low (capacity 480/day)', capacityPerDay: 480 },
  { ...honest, name: 'no capacity in catalogue (default prior 1,000/day)', capacityPerDay: null },
  { ...honest, name: '5% liars (0 or 10,080 min)', liarShare: 0.05 },
  { ...honest, name: '20% liars', liarShare: 0.2 },
  { ...honest, name: 'one liar: 1 device × 1 report at 10× truth (11:00)', floodDevices: 1, floodReports: 1 },
  { ...honest, name: 'flood: 1 device × 1,000 reports at 10× truth (11–12 h)', floodDevices: 1, floodReports: 1000 },
  { ...honest, name: 'flood: 5 devices × 200 reports at 10× truth (~60 % of the voices that hour)', floodDevices: 5, floodReports: 200 },
  { ...honest, name: 'flood: 1 address, a new device key per report, 1,000 reports, no cap on devices per address', rotation: { reports: 1000, devicesPer10Minutes: null } },
  { ...honest, name: 'the same, capped at 10 devices per address per 10 min (the default)', rotation: { reports: 1000, devicesPer10Minutes: 10 } },
  { ...honest, name: 'the same, capped at 2 devices per address per 10 min', rotation: { reports: 1000, devicesPer10Minutes: 2 } },
  { ...honest, name: 'honest, behind 3 carrier networks (50 / 30 / 20 %)', honestNetworks: CARRIERS },
  { ...honest, name: 'the same, with 5% liars, each on a network of its own', honestNetworks: CARRIERS, liarShare: 0.05 },
  { ...honest, name: 'the same, with 1 address rotating device keys (1,000 reports, default cap)', honestNetworks: CARRIERS, rotation: { reports: 1000, devicesPer10Minutes: 10 } },
  // The rule Kordon does not use: one voice per network.
  { ...honest, name: 'one voice per network: 1 address rotating device keys (1,000 reports, default cap)', voicePerNetwork: true, rotation: { reports: 1000, devicesPer10Minutes: 10 } },
  { ...honest, name: 'one voice per network: honest behind 3 carriers', voicePerNetwork: true, honestNetworks: CARRIERS },
  { ...honest, name: 'one voice per network: honest behind 3 carriers, 5% liars', voicePerNetwork: true, honestNetworks: CARRIERS, liarShare: 0.05 },
  { ...honest, name: 'one voice per network: honest behind 3 carriers, 1 address rotating keys', voicePerNetwork: true, honestNetworks: CARRIERS, rotation: { reports: 1000, devicesPer10Minutes: 10 } },
];

// An attack is measured against the honest day of the same crowd under the same rule.
const baselines = new Map<string, ReturnType<typeof evaluate>>();
const baselineFor = (scenario: Scenario) => {
  const key = JSON.stringify([scenario.honestNetworks, scenario.voicePerNetwork]);
  if (!baselines.has(key)) baselines.set(key, evaluate({ ...honest, honestNetworks: scenario.honestNetworks, voicePerNetwork: scenario.voicePerNetwork }, seeds));
  return baselines.get(key)!;
};
const results = scenarios.map((scenario) => {
  const result = scenario === honest ? baselineFor(honest) : evaluate(scenario, seeds);
  const attacked = scenario.liarShare > 0 || scenario.floodDevices > 0 || scenario.rotation !== undefined;
  return { scenario: scenario.name, overall: result.overall, phases: result.phases, ...(attacked ? { shiftFromHonest: shift(baselineFor(scenario), result) } : {}) };
});

console.log(`Simulated day: true wait 30 min → ${Math.round(Math.max(...truth().wait) / 60)} h → 0, ~8 honest reports/h, ${seeds.length} seeds, estimate every 10 min\n`);
for (const r of results) {
  console.log(`${r.scenario}`);
  console.log(`  overall: MAE ${r.overall.maeMinutes} min (${r.overall.maePercent} %)`);
  for (const [phase, s] of Object.entries(r.phases)) console.log(`  ${phase.padEnd(20)} MAE ${String(s.maeMinutes).padStart(4)} min (${s.maePercent} %)`);
  if (r.shiftFromHonest) {
    console.log(`  moved the estimate by: mean ${r.shiftFromHonest.meanShiftMinutes} min (${r.shiftFromHonest.meanShiftPercent} %), max ${r.shiftFromHonest.maxShiftMinutes} min`);
  }
}
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'simulate.json'),
  `${JSON.stringify({ ranAt: new Date().toISOString(), seeds, results }, null, 2)}\n`,
);
console.log(`\nwrote ${join(outDir, 'simulate.json')}`);
