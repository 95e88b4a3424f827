// One machine, ten invented device keys, against a quiet crossing: the attack
// of issue 11 (an outside review moved ten honest 60-minute reports to
// 10,080 min, "high", with ten requests from one address). Replays it through
// the estimator that was attacked (bench/baseline/estimator-2026-11.ts) and
// today's, on the same reports: the honest estimate, then the attack
// re-sent every minute for ten minutes, at moments up to two hours on.
// Run: npm run bench:takeover   (writes bench/results/takeover.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { estimateWaitBaseline } from './baseline/estimator-2026-11';
import { estimateWait } from '../lib/estimates/estimate-wait';
import type { EstimateValue, EstimatorReport } from '../lib/estimates/types';

const MINUTE = 60_000;
const START = Date.parse('2022-09-26T12:00:00Z');

function waitReport(device: string, minutes: number, waitMinutes: number): EstimatorReport {
  return {
    deviceKey: device, createdAt: new Date(START + minutes * MINUTE), waitMinutes,
    queueVehicles: null, queueKm: null, joinedAt: null, crossedAt: null, letThrough: null, letThroughMinutes: null,
  };
}

interface Case {
  name: string;
  honest: EstimatorReport[];
}
/** Ten honest devices saying 60 min: over the last hour (as the review sent them), or the last of them 3 h ago. */
const CASES: Case[] = [
  { name: 'ten honest reports over the last hour', honest: Array.from({ length: 10 }, (_, i) => waitReport(`honest-${i}`, -60 + 6 * i, 60)) },
  { name: 'a quiet crossing: ten honest reports, the last 3 h ago', honest: Array.from({ length: 10 }, (_, i) => waitReport(`honest-${i}`, -300 + 12 * i, 60)) },
];
const LIES = [10080, 0];
const MOMENTS = [1, 10, 30, 120];

/** The ten keys, each re-sending its lie every minute for ten minutes (one voice each, the newest counts). */
const attack = (lie: number) =>
  Array.from({ length: 10 }, (_, minute) => Array.from({ length: 10 }, (_, key) => waitReport(`rotated-${key}`, minute + key * 0.01, lie))).flat();

const input = (reports: EstimatorReport[], minutes: number) => ({
  checkpoint: { id: 'vishnevka', capacityPerDay: null }, direction: 'out' as const, mode: 'car' as const,
  reports: reports.filter((r) => r.createdAt.getTime() <= START + minutes * MINUTE), now: new Date(START + minutes * MINUTE),
});
type Shown = Pick<EstimateValue, 'waitMinutes' | 'low' | 'high' | 'confidence'>;
const shown = (e: Shown) => `${e.waitMinutes} [${e.low}–${e.high}] ${e.confidence}`;
const pick = (e: Shown) => ({ waitMinutes: e.waitMinutes, low: e.low, high: e.high, confidence: e.confidence });

const results = CASES.map((c) => {
  const honest = { old: pick(estimateWaitBaseline(input(c.honest, 0))), new: pick(estimateWait(input(c.honest, 0))) };
  console.log(`${c.name}: honest ${shown(estimateWaitBaseline(input(c.honest, 0)))} → ${shown(estimateWait(input(c.honest, 0)))}`);
  const attacks = LIES.map((lie) => {
    const reports = [...c.honest, ...attack(lie)];
    const at = MOMENTS.map((minutes) => {
      const old = estimateWaitBaseline(input(reports, minutes));
      const now = estimateWait(input(reports, minutes));
      console.log(`  ten keys saying ${lie} min, +${String(minutes).padStart(3)} min: old ${shown(old).padEnd(28)} new ${shown(now)}`);
      return { minutes, old: pick(old), new: pick(now) };
    });
    return { lie, at };
  });
  return { case: c.name, honest, attacks };
});

const highUnderAttack = (side: 'old' | 'new') => results.flatMap((r) => r.attacks.flatMap((a) => a.at)).filter((point) => point[side].confidence === 'high').length;
const points = results.flatMap((r) => r.attacks.flatMap((a) => a.at)).length;
console.log(`\nestimates under attack that read "high": old ${highUnderAttack('old')} of ${points}, new ${highUnderAttack('new')} of ${points}`);

const outDir = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/takeover.json`, `${JSON.stringify({ ranAt: new Date().toISOString(), results, highUnderAttack: { old: highUnderAttack('old'), new: highUnderAttack('new'), of: points } }, null, 2)}\n`);
console.log(`wrote ${outDir}/takeover.json`);
