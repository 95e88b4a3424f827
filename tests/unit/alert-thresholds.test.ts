import { describe, expect, it } from 'vitest';
import { afterStatus, afterWait, initialState, rearmAbove } from '../../lib/alerts/thresholds';

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
