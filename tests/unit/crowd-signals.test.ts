import { describe, expect, it } from 'vitest';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import { crowdSignals, SIGNAL_RULES } from '../../lib/estimates/signals';
import { estimateChanged } from '../../lib/estimates/store';
import type { EstimatorReport } from '../../lib/estimates/types';

const MINUTE = 60_000;
const START = Date.parse('2022-09-27T08:00:00Z');
const at = (minutes: number) => new Date(START + minutes * MINUTE);
const empty = { waitMinutes: null, queueVehicles: null, queueKm: null, joinedAt: null, crossedAt: null, letThrough: null, letThroughMinutes: null };
const tap = (device: string, minutes: number, signal: string): EstimatorReport => ({ ...empty, deviceKey: device, createdAt: at(minutes), signal });
const wait = (device: string, minutes: number, waitMinutes: number): EstimatorReport => ({ ...empty, deviceKey: device, createdAt: at(minutes), waitMinutes });

describe('crowd signals', () => {
  it(`show once ${SIGNAL_RULES.confirmations} different devices say it within an hour, not before`, () => {
    const reports = [tap('a', 0, 'closed'), tap('b', 10, 'closed')];
    expect(crowdSignals(reports, at(15))).toEqual([]);
    const three = [...reports, tap('c', 20, 'closed')];
    expect(crowdSignals(three, at(21))).toEqual([
      { kind: 'closed', devices: 3, since: at(0).toISOString(), confirmedAt: at(20).toISOString(), fadesAt: at(140).toISOString() },
    ]);
  });

  it('one device saying it many times is one voice; devices more than an hour apart do not confirm each other', () => {
    const one = Array.from({ length: 20 }, (_, i) => tap('flood', i, 'closed'));
    expect(crowdSignals(one, at(30))).toEqual([]);
    const spread = [tap('a', 0, 'turning_back'), tap('b', 50, 'turning_back'), tap('c', 120, 'turning_back')];
    expect(crowdSignals(spread, at(121))).toEqual([]);
  });

  it('fade two hours after the last confirmation, unless the crowd says it again', () => {
    const confirmed = [tap('a', 0, 'draft_checks'), tap('b', 5, 'draft_checks'), tap('c', 10, 'draft_checks')];
    expect(crowdSignals(confirmed, at(10 + 119))).toHaveLength(1);
    expect(crowdSignals(confirmed, at(10 + 121))).toEqual([]);
    // Said again by two more within the hour of a third: confirmed anew, and it stays.
    const again = [...confirmed, tap('d', 100, 'draft_checks'), tap('e', 110, 'draft_checks'), tap('c', 115, 'draft_checks')];
    expect(crowdSignals(again, at(10 + 121))).toMatchObject([{ kind: 'draft_checks', confirmedAt: at(115).toISOString() }]);
  });

  it('"closed" and "not moving" end once someone who joined after them has crossed, and count anew after it', () => {
    const closed = [tap('a', 0, 'closed'), tap('b', 5, 'closed'), tap('c', 10, 'closed')];
    const crossed = (device: string, joined: number, minutes: number): EstimatorReport => ({ ...empty, deviceKey: device, createdAt: at(minutes), joinedAt: at(joined), crossedAt: at(minutes) });
    expect(crowdSignals(closed, at(30), 'car')).toHaveLength(1);
    // Joined at minute 15, after the three taps, and through by 40: the post was not closed after all, or has opened.
    expect(crowdSignals([...closed, crossed('x', 15, 40)], at(45), 'car')).toEqual([]);
    // "Just crossed" after a wait that began before the taps says nothing of them: people report a crossing when
    // they can, often long after it, on the far side.
    expect(crowdSignals([...closed, crossed('x', -200, 40)], at(45), 'car')).toHaveLength(1);
    // Joined in the minute of the last tap (a time kept to the minute): which came first is not known, and the taps stand.
    const inMinute = ['a', 'b', 'c'].map((device, i) => ({ ...tap(device, 10, 'closed'), createdAt: new Date(at(10).getTime() + (i + 1) * 15_000) }));
    expect(crowdSignals([...inMinute, crossed('x', 10, 40)], at(45), 'car')).toHaveLength(1);
    // Said again by three after the crossing (one of them the same phone as before), it shows again, since then.
    const again = [...closed, crossed('x', 15, 40), tap('a', 50, 'closed'), tap('d', 55, 'closed'), tap('e', 60, 'closed')];
    expect(crowdSignals(again, at(65), 'car')).toMatchObject([{ kind: 'closed', devices: 3, since: at(50).toISOString() }]);
    // Two of them after it are not yet three.
    expect(crowdSignals(again.slice(0, -1), at(65), 'car')).toEqual([]);
  });

  it('some let through end "not moving" when those minutes began after the taps; none let through does not', () => {
    const still = [tap('a', 0, 'not_moving'), tap('b', 5, 'not_moving'), tap('c', 10, 'not_moving')];
    const letThrough = (minutes: number, passed: number, over: number): EstimatorReport => ({ ...empty, deviceKey: `l${minutes}`, createdAt: at(minutes), letThrough: passed, letThroughMinutes: over });
    // 20 let through in the 30 minutes to minute 45: they went by after minute 15, after every tap.
    expect(crowdSignals([...still, letThrough(45, 20, 30)], at(46), 'car')).toEqual([]);
    // 20 in the hour to minute 45: they may have gone by before the taps; the stop stands.
    expect(crowdSignals([...still, letThrough(45, 20, 60)], at(46), 'car')).toHaveLength(1);
    // Nobody let through agrees with it.
    expect(crowdSignals([...still, letThrough(45, 0, 30)], at(46), 'car')).toHaveLength(1);
  });

  it('"only on foot" ends when a vehicle crosses after it, not a person on foot; the other signals are not of moving', () => {
    const kinds = ['foot_only', 'turning_back', 'draft_checks'] as const;
    const taps = kinds.flatMap((kind) => ['a', 'b', 'c'].map((device, i) => tap(`${device}-${kind}`, i * 5, kind)));
    const crossing: EstimatorReport = { ...empty, deviceKey: 'x', createdAt: at(40), joinedAt: at(15), crossedAt: at(40) };
    expect(crowdSignals([...taps, crossing], at(45), 'car').map((signal) => signal.kind)).toEqual(['turning_back', 'draft_checks']);
    expect(crowdSignals([...taps, crossing], at(45), 'pedestrian').map((signal) => signal.kind)).toEqual([...kinds]);
  });

  it('a tap is no number: it neither moves nor freshens the wait', () => {
    const waits = [wait('w1', 0, 240), wait('w2', 20, 240)];
    const plain = estimateWait({ checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out', mode: 'car', reports: waits, now: at(60) });
    const tapped = estimateWait({
      checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out', mode: 'car',
      reports: [...waits, tap('a', 50, 'closed'), tap('b', 55, 'foot_only'), tap('c', 58, 'not_moving')], now: at(60),
    });
    expect({ ...tapped, signals: [] }).toEqual({ ...plain, signals: [] });
    expect(tapped.lastReportAt).toBe(plain.lastReportAt);
  });

  it('a queue the crowd says stands still does not get shorter: the wait as it stopped plus how long it has stood', () => {
    const waits = [wait('w1', 0, 120), wait('w2', 10, 120), wait('w3', 20, 120)];
    const still = [tap('a', 30, 'not_moving'), tap('b', 40, 'not_moving'), tap('c', 50, 'not_moving')];
    const input = { checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out' as const, mode: 'car' as const };
    const before = estimateWait({ ...input, reports: waits, now: at(30) });
    const stood = estimateWait({ ...input, reports: [...waits, ...still], now: at(75) });
    expect(stood.signals).toMatchObject([{ kind: 'not_moving', since: at(30).toISOString() }]);
    // It stopped at minute 30 with about two hours to wait; 45 minutes on, no less than that, and 45 minutes more.
    expect(stood.low).toBeGreaterThanOrEqual(before.waitMinutes!);
    expect(stood.waitMinutes).toBeGreaterThanOrEqual(before.waitMinutes! + 45);
    // One device alone saying so changes nothing.
    const rumour = estimateWait({ ...input, reports: [...waits, tap('a', 30, 'not_moving')], now: at(75) });
    expect(rumour.signals).toEqual([]);
    expect(rumour.waitMinutes).toBeLessThan(before.waitMinutes! + 45);
    // Once the crowd stops saying it (half an hour since the last tap), the reports lead again; the signal still shows.
    const after = estimateWait({ ...input, reports: [...waits, ...still], now: at(90) });
    expect(after.signals).toHaveLength(1);
    expect(after.waitMinutes).toBe(estimateWait({ ...input, reports: waits, now: at(90) }).waitMinutes);
  });

  it('a stop the queue was seen moving after holds the wait up no more: the reports lead again', () => {
    const waits = [wait('w1', 0, 120), wait('w2', 10, 120), wait('w3', 20, 120)];
    const still = [tap('a', 30, 'not_moving'), tap('b', 40, 'not_moving'), tap('c', 50, 'not_moving')];
    // 20 let through in the half hour to minute 65: after every tap.
    const letThrough: EstimatorReport = { ...empty, deviceKey: 'x', createdAt: at(65), letThrough: 20, letThroughMinutes: 30 };
    const input = { checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out' as const, mode: 'car' as const, now: at(66) };
    const held = estimateWait({ ...input, reports: [...waits, ...still] });
    const moved = estimateWait({ ...input, reports: [...waits, ...still, letThrough] });
    expect(held.signals).toHaveLength(1);
    expect(moved.signals).toEqual([]);
    expect(moved.waitMinutes).toBe(estimateWait({ ...input, reports: [...waits, letThrough] }).waitMinutes);
    expect(moved.waitMinutes).toBeLessThan(held.waitMinutes!);
  });

  it('"still right?" moves the wait the way it says, and less than a stated wait would', () => {
    const input = { checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out' as const, mode: 'car' as const, now: at(60) };
    const waits = [wait('w1', 0, 240), wait('w2', 20, 240), wait('w3', 40, 240)];
    const base = estimateWait({ ...input, reports: waits }).waitMinutes!;
    const verdict = (device: string, said: string): EstimatorReport => ({ ...empty, deviceKey: device, createdAt: at(55), verdict: said, shownMinutes: base });
    const longer = estimateWait({ ...input, reports: [...waits, verdict('v', 'longer')] }).waitMinutes!;
    const shorter = estimateWait({ ...input, reports: [...waits, verdict('v', 'shorter')] }).waitMinutes!;
    const right = estimateWait({ ...input, reports: [...waits, verdict('v', 'right')] }).waitMinutes!;
    expect(longer).toBeGreaterThan(base);
    expect(shorter).toBeLessThan(base);
    expect(Math.abs(right - base)).toBeLessThan(Math.abs(longer - base));
    // A stated wait of the same 1.5 times moves it further: a verdict is a light word.
    const stated = estimateWait({ ...input, reports: [...waits, wait('v', 55, Math.round(base * 1.5))] }).waitMinutes!;
    expect(stated - base).toBeGreaterThan(longer - base);
  });

  it('a signal confirmed anew by as many devices is a change to publish: clients hide it at the fadesAt they hold', () => {
    const confirmed = [tap('a', 0, 'closed'), tap('b', 5, 'closed'), tap('c', 10, 'closed')];
    const input = { checkpoint: { id: 'x', capacityPerDay: 2000 }, direction: 'out' as const, mode: 'car' as const };
    const first = estimateWait({ ...input, reports: confirmed, now: at(11) });
    const later = estimateWait({ ...input, reports: confirmed, now: at(12) });
    expect(estimateChanged(first, later)).toBe(false);
    // Ninety minutes on, three others say it again: still three devices, but a new confirmation and a new fadesAt.
    const again = [...confirmed, tap('d', 95, 'closed'), tap('e', 100, 'closed'), tap('f', 105, 'closed')];
    const renewed = estimateWait({ ...input, reports: again, now: at(106) });
    const before = estimateWait({ ...input, reports: confirmed, now: at(106) });
    expect(renewed.signals![0]!.devices).toBe(before.signals![0]!.devices);
    expect(estimateChanged(before, renewed)).toBe(true);
  });
});
