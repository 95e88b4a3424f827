import { describe, expect, it } from 'vitest';
import { historyFrom, historyRowsWithin, usualFrom, usualHours, type AggregateRow } from '../../lib/estimates/aggregates';
import type { Estimate } from '../../lib/estimates/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2022-10-04T12:40:00Z'); // a Tuesday
/** The aggregate of the hour that ended at `endsAgo` before now, give or take. */
const row = (endsAgoMs: number, waitMinutes: number | null, direction: 'out' | 'in' = 'out'): AggregateRow => ({
  checkpointId: 'kyakhta',
  direction,
  mode: 'car',
  hour: new Date(Math.floor((now.getTime() - endsAgoMs) / HOUR) * HOUR - HOUR),
  waitMinutes,
  low: waitMinutes,
  high: waitMinutes,
  reports: 3,
});

describe('usual at this time', () => {
  it('is the middle half of the same time on the same weekday of earlier weeks, once three have a number', () => {
    const rows = [row(7 * DAY, 180), row(14 * DAY, 240), row(21 * DAY, 300)];
    expect(usualFrom(rows, now)).toEqual({ low: 210, high: 270, basis: 'weekday', days: 3 });
    expect(usualFrom(rows.slice(0, 2), now)).toBeNull();
  });

  it('falls back to the same time of day over the last two weeks, once four days have a number', () => {
    const rows = [1, 2, 3, 4].map((days) => row(days * DAY, 60 * days));
    expect(usualFrom(rows, now)).toMatchObject({ basis: 'daily', days: 4, low: 105, high: 195 });
  });

  it('takes only hours near this time of day, and none with no number', () => {
    const far = [7, 14, 21].map((weeks) => row(weeks * DAY + 4 * HOUR, 600));
    expect(usualFrom(far, now)).toBeNull();
    expect(usualFrom([row(7 * DAY, null), row(14 * DAY, 100), row(21 * DAY, 100)], now)).toBeNull();
  });

  it('asks for the hours around this time on each day it looks at, and no others', () => {
    const hours = usualHours(now);
    // 14 days back plus the 6 earlier weeks, three hours each.
    expect(hours).toHaveLength((14 + 6) * 3);
    expect(hours.map((h) => h.toISOString())).toContain(row(7 * DAY, 0).hour.toISOString());
    // Each ends within 90 minutes of this time of day on an earlier day.
    for (const hour of hours) {
      const end = hour.getTime() + HOUR;
      const day = Math.round((now.getTime() - end) / DAY);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(Math.abs(now.getTime() - day * DAY - end)).toBeLessThan(90 * 60_000);
    }
  });
});

describe('history from the aggregates', () => {
  const live: Estimate = {
    checkpointId: 'kyakhta', direction: 'out', mode: 'car', waitMinutes: 200, low: 150, high: 260, queueVehicles: null, reports: 2,
    lastReportAt: new Date(now.getTime() - 10 * 60_000).toISOString(), updatedAt: now.toISOString(), confidence: 'medium', stale: false,
    trend: 'steady', throughputPerHour: 30, throughputSource: 'catalogue', version: 4,
  };

  it('gives whole hours from the aggregates, then the live estimate now', () => {
    const [series] = historyFrom({ rows: [row(HOUR, 90), row(0, 120)], estimates: [live], hours: 3, now });
    expect(series!.points.map((p) => p.at)).toEqual(['2022-10-04T11:00:00.000Z', '2022-10-04T12:00:00.000Z', now.toISOString()]);
    expect(series!.points.map((p) => p.waitMinutes)).toEqual([90, 120, 200]);
  });

  it('leaves hours without an aggregate empty, and now empty while the estimate is stale', () => {
    const [series] = historyFrom({ rows: [row(HOUR, 90)], estimates: [{ ...live, stale: true }], hours: 3, now });
    expect(series!.points.map((p) => p.waitMinutes)).toEqual([90, null, null]);
  });

  it('has a series for each direction × mode with aggregates or a recent estimate', () => {
    const series = historyFrom({ rows: [row(0, 30, 'in')], estimates: [live], hours: 24, now });
    expect(series.map((s) => `${s.direction}/${s.mode}`).sort()).toEqual(['in/car', 'out/car']);
    expect(series.every((s) => s.points.length === 24)).toBe(true);
  });

  it('cut from a week read once, is what reading only the hours asked for gives', () => {
    // A week of hours in two series; the 'in' one has no aggregate in the last 31 hours and no live estimate.
    const week = Array.from({ length: 168 }, (_, i) => row(i * HOUR, 60 + i)).concat(Array.from({ length: 100 }, (_, i) => row((30 + i) * HOUR, 10 + i, 'in')));
    const lastBoundary = Math.floor(now.getTime() / HOUR) * HOUR;
    for (const hours of [1, 2, 3, 24, 31, 32, 100, 168]) {
      // What listHistoryRows asks the database for: the hours that end after the period's start and by the last boundary.
      const read = week.filter((r) => r.hour.getTime() >= lastBoundary - (hours - 1) * HOUR && r.hour.getTime() < lastBoundary);
      const cut = historyRowsWithin(week, hours, now);
      expect(cut, `${hours} h`).toEqual(read);
      expect(historyFrom({ rows: cut, estimates: [live], hours, now }), `${hours} h`).toEqual(historyFrom({ rows: read, estimates: [live], hours, now }));
    }
    // The 'in' series shows over 32 hours and more, and not over 31, where it had nothing.
    expect(historyFrom({ rows: historyRowsWithin(week, 31, now), estimates: [live], hours: 31, now }).map((s) => s.direction)).toEqual(['out']);
    expect(historyFrom({ rows: historyRowsWithin(week, 32, now), estimates: [live], hours: 32, now }).map((s) => s.direction).sort()).toEqual(['in', 'out']);
  });
});
