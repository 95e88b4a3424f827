import { describe, expect, it } from 'vitest';
import { afterStatus, afterWait, alertWait, changeOf, initialState, liveWait, rearmAbove, type AlertReason } from '../../lib/alerts/thresholds';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import { anHourOfQueue, DAY0, EIGHT_TO_EIGHT, HOUR_MS } from '../helpers/estimator-reports';

describe('an alert below a threshold', () => {
  it('fires once per drop, not again while the wait wobbles around it, and again after a clear rise', () => {
    let state = initialState({ belowMinutes: 360, waitMinutes: 600, status: 'open' });
    expect(state.armed).toBe(true);
    const alerts: number[] = [];
    for (const wait of [500, 350, 370, 340, 380, 355, 390, rearmAbove(360), 300, 420]) {
      const next = afterWait(state, wait);
      if (next.alert) alerts.push(wait);
      state = next.state;
    }
    // 414 re-arms (6 h + 15 %), 300 fires again; 370–390 around 6 h never do.
    expect(rearmAbove(360)).toBe(414);
    expect(alerts).toEqual([350, 300]);
  });

  it('starts disarmed when the wait is already below (no alert at once), and ignores a missing estimate', () => {
    const state = initialState({ belowMinutes: 360, waitMinutes: 120, status: 'open' });
    expect(state.armed).toBe(false);
    expect(afterWait(state, 100).alert).toBeNull();
    expect(afterWait({ ...state, armed: true }, null)).toEqual({ state: { ...state, armed: true }, alert: null });
    // A small threshold re-arms at least 20 min above it.
    expect(rearmAbove(60)).toBe(80);
  });

  it('tells a change of status once, and a watch of status only never alerts on the wait', () => {
    const state = initialState({ belowMinutes: null, waitMinutes: 50, status: 'open' });
    expect(afterWait(state, 10).alert).toBeNull();
    const closed = afterStatus(state, 'closed');
    expect(closed.alert).toEqual({ kind: 'status', status: 'closed' });
    expect(afterStatus(closed.state, 'closed').alert).toBeNull();
    expect(afterStatus(closed.state, 'open').alert).toEqual({ kind: 'status', status: 'open' });
  });
});

describe('an alert at a post with opening hours', () => {
  const H = HOUR_MS;
  const hours = EIGHT_TO_EIGHT;
  // An hour of queue through the evening.
  const reports = anHourOfQueue(17, 6);
  const at = (hour: number) => estimateWait({ checkpoint: { id: 'salla', capacityPerDay: null, openingHours: hours }, direction: 'out', mode: 'car', reports, now: new Date(DAY0 + hour * H) });
  const night = Array.from({ length: 24 }, (_, i) => 19.5 + i / 2).map(at);

  /** The alerts a 6 h watch set at 19:30 makes through the night, comparing `compared` of each estimate. */
  function alertsOverNight(compared: (e: (typeof night)[number]) => number | null): AlertReason[] {
    let state = initialState({ belowMinutes: 360, waitMinutes: compared(night[0]!), status: 'open' });
    const alerts: AlertReason[] = [];
    for (const estimate of night) {
      const next = afterWait(state, compared(estimate), liveWait(estimate));
      if (next.alert) alerts.push(next.alert);
      state = next.state;
    }
    return alerts;
  }

  it('is not woken by the clock: the wait counting down to the opening is not the queue getting shorter', () => {
    // The whole wait runs through the night at 19:30 and counts down to the opening: below 6 h by 04:00.
    expect(liveWait(night[0]!)!).toBeGreaterThan(12 * 60);
    expect(liveWait(at(28))!).toBeLessThan(360);
    // Compared with the whole wait, a watch for "below 6 h" would go off at night, with nothing changed.
    expect(alertsOverNight(liveWait)).toHaveLength(1);
    // The queue's own wait, an hour, holds all night: no alert.
    expect(night.every((e) => Math.abs(alertWait(e)! - 60) < 15)).toBe(true);
    expect(alertsOverNight(alertWait)).toEqual([]);
    // And so does the machinery every channel's alerts go through, event by event.
    let watch = initialState({ belowMinutes: 360, waitMinutes: alertWait(night[0]!), status: 'open' });
    for (const estimate of night) {
      const change = changeOf({ type: 'estimate:changed', estimate: { ...estimate, version: 1 }, border: 'FI' }, watch);
      expect(change?.alert ?? null).toBeNull();
      if (change) watch = change.state;
    }
  });

  it('tells the whole wait when the queue itself drops below the threshold', () => {
    const armed = initialState({ belowMinutes: 360, waitMinutes: 500, status: 'open' });
    expect(afterWait(armed, 300, 1020).alert).toEqual({ kind: 'below', waitMinutes: 1020 });
  });
});
