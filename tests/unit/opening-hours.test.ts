import { describe, expect, it } from 'vitest';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import { openClock, openIntervals } from '../../lib/estimates/opening-hours';
import { estimatorReport } from '../helpers/estimator-reports';
import { closingAtStake } from '../../lib/ui/post-hours';

const H = 3_600_000;
const DAY0 = Date.UTC(2022, 8, 27);
const iso = (ms: number) => new Date(ms).toISOString();

describe('opening hours', () => {
  it('are local to the post, summer time included', () => {
    const moscow = openIntervals({ timeZone: 'Europe/Moscow', open: '08:00', close: '22:00' }, DAY0, DAY0 + 20 * H);
    expect(moscow.map(([a, b]) => [iso(a), iso(b)])).toEqual([['2022-09-27T05:00:00.000Z', '2022-09-27T19:00:00.000Z']]);
    // Finland moves to summer time on 27 Mar 2022: 07:00 local is 05:00 UTC, then 04:00.
    const helsinki = openIntervals({ timeZone: 'Europe/Helsinki', open: '07:00', close: '21:00' }, Date.UTC(2022, 2, 26), Date.UTC(2022, 2, 27, 23));
    expect(helsinki.map(([a]) => iso(a))).toEqual(['2022-03-26T05:00:00.000Z', '2022-03-27T04:00:00.000Z']);
    // Hours past midnight.
    const night = openIntervals({ timeZone: 'UTC', open: '20:00', close: '04:00' }, DAY0, DAY0 + 23 * H);
    expect(night.map(([a, b]) => [iso(a), iso(b)])).toContainEqual(['2022-09-27T20:00:00.000Z', '2022-09-28T04:00:00.000Z']);
  });

  it('keep to the zone where offsets are not whole hours and summer time moves the clock by half an hour', () => {
    // Offsets are remembered by quarter hour of UTC (opening-hours.ts): these zones test that assumption.
    // Kathmandu is UTC+05:45: 07:00 local is 01:15 UTC.
    const kathmandu = openIntervals({ timeZone: 'Asia/Kathmandu', open: '07:00', close: '19:00' }, DAY0, DAY0 + 20 * H);
    expect(kathmandu.map(([a, b]) => [iso(a), iso(b)])).toEqual([['2022-09-27T01:15:00.000Z', '2022-09-27T13:15:00.000Z']]);
    // Lord Howe Island leaves its summer time (+11:00 → +10:30) at 02:00 local on 3 Apr 2022 (15:00 UTC on the 2nd).
    const lordHowe = { timeZone: 'Australia/Lord_Howe', open: '01:00', close: '03:00' };
    const around = openIntervals(lordHowe, Date.UTC(2022, 3, 1, 12), Date.UTC(2022, 3, 3, 18));
    expect(around.map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ['2022-04-01T14:00:00.000Z', '2022-04-01T16:00:00.000Z'],
      ['2022-04-02T14:00:00.000Z', '2022-04-02T16:30:00.000Z'],
      ['2022-04-03T14:30:00.000Z', '2022-04-03T16:30:00.000Z'],
    ]);
    // Asked again (the remembered offsets now answer), the same.
    expect(openIntervals(lordHowe, Date.UTC(2022, 3, 1, 12), Date.UTC(2022, 3, 3, 18))).toEqual(around);
  });

  it('make a clock that stops while the post is shut', () => {
    const clock = openClock({ timeZone: 'UTC', open: '08:00', close: '20:00' }, DAY0, DAY0 + 3 * 24 * H);
    // To within seconds: while shut, open time creeps on (reports keep their order).
    expect((clock.toOpen(DAY0 + 9 * H) - DAY0) / H).toBeCloseTo(1, 2);
    expect((clock.toOpen(DAY0 + 23 * H) - DAY0) / H).toBeCloseTo(12, 2);
    expect((clock.toOpen(DAY0 + 33 * H) - DAY0) / H).toBeCloseTo(13, 2);
    expect(clock.toOpen(DAY0 + 21 * H)).toBeLessThan(clock.toOpen(DAY0 + 31 * H));
    // An hour of open time from 19:30 ends at 08:30 the next morning.
    const minute = (ms: number) => iso(Math.round(ms / 60_000) * 60_000);
    expect(minute(clock.toWall(clock.toOpen(DAY0 + 19.5 * H) + H))).toBe('2022-09-28T08:30:00.000Z');
    // The shut hours between two moments, on the open clock.
    expect(clock.shutHours(clock.toOpen(DAY0 + 19 * H), clock.toOpen(DAY0 + 33 * H))).toBeCloseTo(12, 3);
    expect(clock.shutHours(clock.toOpen(DAY0 + 9 * H), clock.toOpen(DAY0 + 11 * H))).toBeCloseTo(0, 6);
    expect(clock.isOpen(DAY0 + 23 * H)).toBe(false);
    expect(iso(clock.nextOpen(DAY0 + 23 * H))).toBe('2022-09-28T08:00:00.000Z');
  });
});

describe('the estimate at a post with opening hours', () => {
  const hours = { timeZone: 'UTC', open: '08:00', close: '20:00' };
  const report = estimatorReport;
  // 40 cars ahead at 19:00, 40 let through in the last hour: an hour of queue.
  const reports = [
    report({ device: 'a', at: DAY0 + 19 * H, queueVehicles: 40 }),
    report({ device: 'b', at: DAY0 + 19 * H, letThrough: 40, letThroughMinutes: 60 }),
  ];
  const at = (ms: number, openingHours: typeof hours | null = hours) =>
    estimateWait({ checkpoint: { id: 'salla', capacityPerDay: null, openingHours }, direction: 'out', mode: 'car', reports, now: new Date(ms) });

  it('counts the hours the post is shut in the wait of someone joining before it shuts', () => {
    const open = at(DAY0 + 19.5 * H);
    const roundTheClock = at(DAY0 + 19.5 * H, null);
    expect(roundTheClock.waitMinutes!).toBeLessThan(120);
    // Half an hour tonight, the night, and the rest tomorrow from 08:00.
    expect(open.waitMinutes!).toBeGreaterThan(12 * 60);
    expect(open.waitMinutes! - 12 * 60).toBeCloseTo(roundTheClock.waitMinutes!, -1);
    expect(open.opensAt).toBeNull();
  });

  it('while the post is shut, says when it opens and counts down to it; the estimate stays live overnight', () => {
    const night = at(DAY0 + 23 * H);
    expect(night.opensAt).toBe('2022-09-28T08:00:00.000Z');
    expect(night.stale).toBe(false);
    const later = at(DAY0 + 26 * H);
    expect(night.waitMinutes! - later.waitMinutes!).toBe(180);
    expect(night.lastReportAt).toBe('2022-09-27T19:00:00.000Z');
  });

  it('is not sure when the band runs from before closing into the night, however sure the wait in open hours', () => {
    // Eight devices agree on three hours through the afternoon, with counts and what was let through.
    const afternoon = Array.from({ length: 8 }, (_, i) => [
      report({ device: `w${i}`, at: DAY0 + (14 + i * 0.25) * H, waitMinutes: 180 }),
      report({ device: `n${i}`, at: DAY0 + (14.1 + i * 0.25) * H, queueVehicles: 120 }),
      report({ device: `l${i}`, at: DAY0 + (14.2 + i * 0.25) * H, letThrough: 40, letThroughMinutes: 60 }),
    ]).flat();
    const value = (hour: number) =>
      estimateWait({ checkpoint: { id: 'salla', capacityPerDay: null, openingHours: hours }, direction: 'out', mode: 'car', reports: afternoon, now: new Date(DAY0 + hour * H) });
    // At 16:00 three hours end before 20:00: the band too.
    const early = value(16);
    expect(early.high!).toBeLessThan(4 * 60);
    expect(early.confidence).not.toBe('low');
    expect(early.closesAt).toBe('2022-09-27T20:00:00.000Z');
    expect(closingAtStake(early)).toBeNull();
    // At 16:50 they end at about 19:50: the band runs from before closing to tomorrow morning.
    const edge = value(16 + 50 / 60);
    expect(edge.low!).toBeLessThan(190);
    expect(edge.high!).toBeGreaterThan(12 * 60);
    expect(edge.confidence).toBe('low');
    // The panel says so in words: it shuts at 20:00, and whoever joins now may wait the night.
    expect(closingAtStake(edge)).toBe('2022-09-27T20:00:00.000Z');
    // Shut, it says when it opens, not when it shuts.
    const shut = value(21);
    expect(shut.closesAt).toBeNull();
    expect(shut.opensAt).toBe('2022-09-28T08:00:00.000Z');
    expect(closingAtStake(shut)).toBeNull();
  });
});
