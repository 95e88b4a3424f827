import { describe, expect, it } from 'vitest';
import { estimateWait, learnThroughput, queueLength } from '../../lib/estimates/estimate-wait';
import type { EstimatorReport } from '../../lib/estimates/types';
import { effectiveCount, weightedMedian, weightedQuantile } from '../../lib/estimates/weighted';

const NOW = new Date('2022-09-26T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
let deviceCounter = 0;

function report(fields: Partial<EstimatorReport> & { ago?: number }): EstimatorReport {
  const { ago = 5, ...rest } = fields;
  return {
    deviceKey: `device-${deviceCounter++}`,
    createdAt: minutesAgo(ago),
    waitMinutes: null,
    queueVehicles: null,
    queueKm: null,
    joinedAt: null,
    crossedAt: null,
    ...rest,
  };
}

// 1,440 vehicles a day: one a minute, so N vehicles ahead is N minutes.
const checkpoint = { id: 'verkhny-lars', capacityPerDay: 1440 };
const estimate = (reports: EstimatorReport[], now = NOW) => estimateWait({ checkpoint, direction: 'out', mode: 'car', reports, now });

describe('weighted statistics', () => {
  it('the weighted median needs half the weight to move', () => {
    expect(weightedMedian([{ value: 1, weight: 1 }, { value: 100, weight: 0.9 }])).toBe(1);
    expect(weightedMedian([{ value: 1, weight: 1 }, { value: 100, weight: 1.1 }])).toBe(100);
    expect(weightedMedian([])).toBeNull();
    expect(weightedQuantile([{ value: 5, weight: 0 }], 0.5)).toBeNull();
  });

  it('counts equal weights fully and a lone heavy weight as one', () => {
    expect(effectiveCount([{ value: 0, weight: 2 }, { value: 0, weight: 2 }])).toBe(2);
    expect(effectiveCount([{ value: 0, weight: 1 }, { value: 0, weight: 0 }])).toBe(1);
  });
});

describe('estimateWait', () => {
  it('with no reports gives no number, stale, low confidence', () => {
    expect(estimate([])).toMatchObject({
      checkpointId: 'verkhny-lars',
      direction: 'out',
      mode: 'car',
      waitMinutes: null,
      low: null,
      high: null,
      queueVehicles: null,
      reports: 0,
      lastReportAt: null,
      updatedAt: NOW.toISOString(),
      confidence: 'low',
      stale: true,
      trend: null,
    });
  });

  it('with one stated wait shows it, inside a band, and does not claim high confidence', () => {
    const result = estimate([report({ waitMinutes: 180 })]);
    expect(result.waitMinutes).toBe(180);
    expect(result.low!).toBeLessThan(180);
    expect(result.high!).toBeGreaterThan(180);
    expect(result.reports).toBe(1);
    expect(result.confidence).not.toBe('high');
    expect(result.stale).toBe(false);
    expect(result.lastReportAt).toBe(minutesAgo(5).toISOString());
  });

  it('lets recent reports outweigh older ones: a queue that cleared an hour ago stops showing', () => {
    const result = estimate([
      report({ waitMinutes: 300, ago: 90 }),
      report({ waitMinutes: 300, ago: 80 }),
      report({ waitMinutes: 300, ago: 75 }),
      report({ waitMinutes: 0, ago: 15 }),
      report({ waitMinutes: 10, ago: 10 }),
    ]);
    expect(result.waitMinutes!).toBeLessThanOrEqual(10);
  });

  it('resists an absurd value: the centre is robust, not a mean', () => {
    const honest = [110, 120, 120, 130, 125].map((waitMinutes, i) => report({ waitMinutes, ago: 5 + i * 3 }));
    const result = estimate([...honest, report({ waitMinutes: 10080, ago: 1 }), report({ waitMinutes: 0, ago: 1 })]);
    expect(result.waitMinutes!).toBeGreaterThanOrEqual(110);
    expect(result.waitMinutes!).toBeLessThanOrEqual(130);
    expect(result.high!).toBeLessThan(400);
  });

  it('counts a device once, by its latest report, however often it reports', () => {
    const flooder = Array.from({ length: 200 }, (_, i) => report({ deviceKey: 'flooder', waitMinutes: 5000, ago: 1 + i * 0.1 }));
    const honest = [118, 120, 122].map((waitMinutes) => report({ waitMinutes, ago: 20 }));
    const result = estimate([...flooder, ...honest]);
    expect(result.reports).toBe(4);
    expect(result.waitMinutes!).toBeLessThanOrEqual(122);

    const changedMind = estimate([report({ deviceKey: 'a', waitMinutes: 600, ago: 30 }), report({ deviceKey: 'a', waitMinutes: 60, ago: 5 })]);
    expect(changedMind).toMatchObject({ waitMinutes: 60, reports: 1 });
  });

  it('turns a queue length into a wait through the throughput (vehicles, and km at 7 m a car)', () => {
    expect(estimate([report({ queueVehicles: 240 })])).toMatchObject({ waitMinutes: 240, queueVehicles: 240 });
    expect(estimate([report({ queueKm: 1.4 })])).toMatchObject({ waitMinutes: 200, queueVehicles: 200 });
    expect(queueLength({ queueVehicles: null, queueKm: 2 }, 'truck')).toBe(100);
  });

  it('takes a crossing as a measured wait', () => {
    const crossed = report({ joinedAt: minutesAgo(185), crossedAt: minutesAgo(5), ago: 5 });
    expect(estimate([crossed]).waitMinutes).toBe(180);
  });

  it('learns throughput from crossings matched with queue lengths at the join time, bounded by the prior', () => {
    // Two vehicles a minute would clear 300 ahead in 150 min; here it took 300: one a minute.
    const prior = 2;
    const history = [
      report({ queueVehicles: 300, ago: 310 }),
      report({ queueVehicles: 300, ago: 305 }),
      report({ joinedAt: minutesAgo(305), crossedAt: minutesAgo(5), ago: 5 }),
      report({ joinedAt: minutesAgo(300), crossedAt: minutesAgo(0), ago: 0 }),
    ];
    const learned = learnThroughput(history, 'car', prior, NOW);
    expect(learned).toBeLessThan(prior);
    expect(learned).toBeGreaterThan(1);

    const absurd = [report({ queueVehicles: 20000, ago: 65 }), report({ joinedAt: minutesAgo(60), crossedAt: minutesAgo(50), ago: 50 })];
    expect(learnThroughput(absurd, 'car', prior, NOW)).toBeLessThanOrEqual(prior * 4);
    expect(learnThroughput([], 'car', prior, NOW)).toBe(prior);
  });

  it('says stale after three hours without a report, and forgets reports older than six hours', () => {
    expect(estimate([report({ waitMinutes: 60, ago: 150 })]).stale).toBe(false);
    const old = estimate([report({ waitMinutes: 60, ago: 200 })]);
    expect(old).toMatchObject({ stale: true, waitMinutes: 60 });
    const gone = estimate([report({ waitMinutes: 60, ago: 7 * 60 })]);
    expect(gone).toMatchObject({ waitMinutes: null, stale: true, reports: 0, lastReportAt: minutesAgo(7 * 60).toISOString() });
  });

  it('is confident with many fresh, agreeing reports and not with few or old ones', () => {
    const many = [100, 110, 120, 120, 130, 115].map((waitMinutes, i) => report({ waitMinutes, ago: 2 + i * 4 }));
    expect(estimate(many).confidence).toBe('high');
    expect(estimate([report({ waitMinutes: 120, ago: 100 }), report({ waitMinutes: 120, ago: 110 })]).confidence).toBe('low');
    const scattered = [20, 400, 60, 900, 150, 30].map((waitMinutes, i) => report({ waitMinutes, ago: 2 + i * 4 }));
    expect(estimate(scattered).confidence).not.toBe('high');
  });

  it('reports a rising, falling or steady trend against half an hour ago', () => {
    const rising = [report({ waitMinutes: 60, ago: 50 }), report({ waitMinutes: 60, ago: 45 }), report({ waitMinutes: 240, ago: 5 }), report({ waitMinutes: 250, ago: 3 })];
    expect(estimate(rising).trend).toBe('rising');
    const falling = [report({ waitMinutes: 300, ago: 50 }), report({ waitMinutes: 300, ago: 45 }), report({ waitMinutes: 60, ago: 5 }), report({ waitMinutes: 50, ago: 3 })];
    expect(estimate(falling).trend).toBe('falling');
    const steady = [report({ waitMinutes: 120, ago: 50 }), report({ waitMinutes: 125, ago: 5 })];
    expect(estimate(steady).trend).toBe('steady');
    expect(estimate([report({ waitMinutes: 120, ago: 5 })]).trend).toBeNull();
  });

  it('ignores reports from after `now`, and gives the same answer for the same input', () => {
    const reports = [report({ waitMinutes: 90, ago: 10 }), report({ waitMinutes: 5000, ago: -30 })];
    expect(estimate(reports).waitMinutes).toBe(90);
    expect(estimate(reports)).toEqual(estimate(reports));
  });
});
