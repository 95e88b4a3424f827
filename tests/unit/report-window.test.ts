import { describe, expect, it } from 'vitest';
import { createReportWindows, withAdded, type WindowReport } from '../../lib/estimates/report-window';

const entry = (id: string, minute: number): WindowReport => ({
  id,
  xmin: 1,
  report: {
    deviceKey: id, createdAt: new Date(Date.UTC(2026, 11, 7, 10, minute)), waitMinutes: 60, queueVehicles: null, queueKm: null,
    joinedAt: null, crossedAt: null, letThrough: null, letThroughMinutes: null,
  },
});
const ids = (window: readonly WindowReport[]) => window.map((e) => e.id);

describe('a window with reports added', () => {
  it('stays oldest first, reports of one moment in the order of their ids, as the database reads it', () => {
    const window = [entry('a1', 0), entry('b1', 5)];
    expect(ids(withAdded(window, [entry('f2', 9), entry('c2', 9)]))).toEqual(['a1', 'b1', 'c2', 'f2']);
    // Another node's clock ran ahead: the new report goes where it belongs, not at the end.
    expect(ids(withAdded(window, [entry('z3', 3)]))).toEqual(['a1', 'z3', 'b1']);
    // The same moment as the newest kept: by id.
    expect(ids(withAdded(window, [entry('a9', 5)]))).toEqual(['a1', 'a9', 'b1']);
    expect(ids(withAdded([], [entry('q', 1), entry('p', 1)]))).toEqual(['p', 'q']);
    expect(withAdded(window, [])).toEqual(window);
    expect(withAdded(window, [])).not.toBe(window);
  });
});

describe('the windows a node keeps', () => {
  it('keeps as many keys as it may, the least recently used going first', () => {
    const windows = createReportWindows({ maxKeys: 2 });
    windows.set('a', [entry('a', 0)]);
    windows.set('b', [entry('b', 0)]);
    expect(windows.get('a')).toBeDefined();
    windows.set('c', [entry('c', 0)]);
    expect(windows.get('b')).toBeUndefined();
    expect(ids(windows.get('a')!)).toEqual(['a']);
    windows.forget('a');
    expect(windows.get('a')).toBeUndefined();
    expect(windows.get('c')).toBeDefined();
  });
});
