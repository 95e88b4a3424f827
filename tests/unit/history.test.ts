import { describe, expect, it } from 'vitest';
import { estimateHistory } from '../../lib/estimates/history';

const now = new Date('2022-09-26T12:40:00Z');
const report = (minutesAgo: number, waitMinutes: number, direction: 'out' | 'in' = 'out') => ({
  deviceKey: `d${minutesAgo}`,
  direction,
  mode: 'car' as const,
  createdAt: new Date(now.getTime() - minutesAgo * 60_000),
  waitMinutes,
  queueVehicles: null,
  queueKm: null,
  joinedAt: null,
  crossedAt: null,
});

describe('estimateHistory', () => {
  it('gives one series per reported direction × mode: whole hours, then now', () => {
    const series = estimateHistory({ checkpoint: { id: 'x', capacityPerDay: null }, reports: [report(100, 60), report(5, 240), report(30, 90, 'in')], hours: 3, now });
    expect(series.map((s) => `${s.direction}/${s.mode}`).sort()).toEqual(['in/car', 'out/car']);
    const out = series.find((s) => s.direction === 'out')!;
    expect(out.points.map((p) => p.at)).toEqual(['2022-09-26T11:00:00.000Z', '2022-09-26T12:00:00.000Z', now.toISOString()]);
    expect(out.points[0]!.waitMinutes).toBe(60);
    expect(out.points[2]!.waitMinutes).toBeGreaterThan(60);
  });

  it('leaves a point empty where the estimate was stale', () => {
    const [series] = estimateHistory({ checkpoint: { id: 'x', capacityPerDay: null }, reports: [report(5 * 60, 60)], hours: 5, now });
    expect(series!.points.map((p) => p.waitMinutes)).toEqual([60, 60, null, null, null]);
  });
});
