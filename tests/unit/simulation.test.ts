// The yardstick of bench/simulate: what its reporters say when their flaws are taken away (the error budget
// rests on it), and how it scores the arrow beside the number.
import { describe, expect, it } from 'vitest';
import { simulateQueue, type Truth } from '../../bench/simulation/queue';
import { generateReports, type ReportFlaws } from '../../bench/simulation/reporters';
import { closing, score, trueTrendAt, type Point } from '../../bench/simulation/score';

const H = 60;
const START = Date.UTC(2022, 8, 26);
// A queue that grows for four hours, then drains: every wait, count and crossing differs from minute to minute.
const truth = simulateQueue({ minutes: 10 * H, initialQueue: 40, arrivals: (m) => (m < 4 * H ? 1.6 : 0.3), service: () => 1 });
const reporting = {
  perHour: () => 20,
  mix: { stated: 3, count: 2, km: 1, crossed: 2, letThrough: 1 },
  withStatedWait: 0.5,
  metresPerVehicle: 7,
  positional: { devices: 2, reportsEach: 3, firstMinute: 60, lastMinute: 300 },
};
const reportsWith = (flaws: ReportFlaws) => generateReports({ truth, reporting, seed: 3, start: START, flaws });
const minuteOf = (date: Date) => (date.getTime() - START) / 60_000;

describe('simulated reporters', () => {
  const perfect = reportsWith({ noise: false, rounding: false, rumourLag: false });
  const real = reportsWith({ noise: true, rounding: true, rumourLag: true });

  it('without noise, rounding or rumours, say exactly what the true queue was when they spoke', () => {
    const kinds = new Set<string>();
    for (const report of perfect) {
      const m = minuteOf(report.createdAt);
      if (report.waitMinutes !== null) {
        kinds.add('stated');
        expect(report.waitMinutes).toBeCloseTo(truth.wait(m), 6);
      }
      if (report.queueVehicles !== null && report.deviceKey.startsWith('honest')) {
        kinds.add('count');
        expect(report.queueVehicles).toBeCloseTo(truth.queue(m), 6);
      }
      if (report.queueKm !== null) {
        kinds.add('km');
        expect(report.queueKm).toBeCloseTo((truth.queue(m) * 7) / 1000, 2);
      }
      if (report.joinedAt !== null) {
        kinds.add('crossed');
        expect(minuteOf(report.joinedAt)).toBe(truth.joinedFor(m));
      }
      if (report.letThrough !== null) {
        kinds.add('letThrough');
        expect(report.letThrough).toBeCloseTo(truth.served(m - report.letThroughMinutes!, m), 6);
      }
    }
    expect([...kinds].sort()).toEqual(['count', 'crossed', 'km', 'letThrough', 'stated']);
  });

  it('keep the same crowd when their flaws come back: the same devices, minutes and kinds, only the values differ', () => {
    const shape = (reports: typeof perfect) =>
      reports.map((r) => [r.deviceKey, r.createdAt.getTime(), r.waitMinutes !== null, r.queueVehicles !== null, r.queueKm !== null, r.joinedAt !== null, r.letThrough !== null].join());
    expect(shape(real)).toEqual(shape(perfect));
    const differ = real.filter((r, i) => r.waitMinutes !== perfect[i]!.waitMinutes || r.queueVehicles !== perfect[i]!.queueVehicles);
    expect(differ.length).toBeGreaterThan(real.length / 2);
  });
});

describe('scoring the arrow', () => {
  const ramp: Truth = { ...truth, wait: (m) => (m < 120 ? 100 : 100 + (m - 120)) };

  it('reads the true wait over the last hour by the arrow’s own rule (15 min and 15 %)', () => {
    expect(trueTrendAt(ramp, 30)).toBeNull();
    expect(trueTrendAt(ramp, 120)).toBe('steady');
    // 100 → 110 in an hour: under 15 min.
    expect(trueTrendAt(ramp, 130)).toBe('steady');
    expect(trueTrendAt(ramp, 180)).toBe('rising');
    expect(trueTrendAt({ ...ramp, wait: (m) => 300 - m }, 120)).toBe('falling');
    // 60 min on 1,000: under 15 %.
    expect(trueTrendAt({ ...ramp, wait: (m) => 1000 + m }, 120)).toBe('steady');
  });

  it('counts a "steady" while the queue moves as a miss, and a move while it holds as a false alarm', () => {
    const point = (trend: Point['trend'], trueTrend: Point['trueTrend']): Point => ({
      minute: 0, truth: 100, estimate: 100, low: 80, high: 120, confidence: 'high', trend, trueTrend, closesAt: null, closingAtStake: false,
    });
    const scores = score([point('steady', 'rising'), point('rising', 'rising'), point('falling', 'steady'), point('steady', 'steady'), point(null, 'rising')]);
    expect(scores.trend).toEqual({ right: 0.5, steadyWhileMoving: 0.5, movingWhileSteady: 0.5, points: 4 });
  });
});

describe('scoring near closing', () => {
  // A post that shuts at minute 600; points at minute 400, 200 minutes before it.
  const at = (fields: Partial<Point>): Point => ({
    minute: 400, truth: 100, estimate: 100, low: 80, high: 120, confidence: 'high', trend: null, trueTrend: null, closesAt: 600, closingAtStake: false, ...fields,
  });

  it('asks of the line "may not make it" how often the truth still ended that evening, and of the rest whether the number was on the right side', () => {
    const result = closing([
      // The line shows: the truth ended before closing once, after the night once.
      at({ closingAtStake: true, truth: 150 }),
      at({ closingAtStake: true, truth: 900 }),
      // No line: the number and the truth on the same side twice, on opposite sides once.
      at({ truth: 100, estimate: 120 }),
      at({ truth: 900, estimate: 880 }),
      at({ truth: 900, estimate: 150 }),
      // Too far from closing, shut, or stale: not counted.
      at({ minute: 0, closingAtStake: true }),
      at({ closesAt: null }),
      at({ estimate: null }),
    ]);
    expect(result).toEqual({ points: 5, shown: 0.4, tonightWhereShown: 0.5, rightSideElsewhere: 2 / 3 });
    expect(closing([at({ closesAt: null })])).toBeNull();
  });
});
