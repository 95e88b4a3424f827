import { describe, expect, it } from 'vitest';
import { placeMarkers, type Footprint } from '../../lib/ui/marker-placement';

const pill = (id: string, x: number, y: number, priority = 1): Footprint => ({ id, x, y, width: 60, height: 24, priority });
const box = (f: Footprint, offsets: ReturnType<typeof placeMarkers>) => {
  const o = offsets.get(f.id) ?? { dx: 0, dy: 0 };
  return { left: f.x + o.dx - f.width / 2, right: f.x + o.dx + f.width / 2, top: f.y + o.dy - f.height / 2, bottom: f.y + o.dy + f.height / 2 };
};
const apart = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

describe('placing markers so that none hides another', () => {
  it('leaves markers that do not overlap where they are', () => {
    expect(placeMarkers([pill('a', 0, 0), pill('b', 100, 0), pill('c', 0, 100)]).size).toBe(0);
  });

  it('moves the less important of two on one point the shortest way clear, and the more important stays', () => {
    const offsets = placeMarkers([pill('grey', 10, 10, 1), pill('wait', 12, 12, 2)]);
    expect(offsets.has('wait')).toBe(false);
    expect(offsets.get('grey')).toEqual({ dx: 0, dy: -26 });
  });

  it('clears a crowd of three on nearly one point (Ozinki, Mashtakovo, Teploye at a far zoom): no two overlap', () => {
    const crowd = [pill('ozinki', 200, 300, 2), pill('mashtakovo', 205, 302, 2), pill('teploye', 208, 299, 1), pill('karauzek', 190, 310, 1)];
    const offsets = placeMarkers(crowd);
    for (let i = 0; i < crowd.length; i += 1) {
      for (let j = i + 1; j < crowd.length; j += 1) expect(apart(box(crowd[i]!, offsets), box(crowd[j]!, offsets)), `${crowd[i]!.id}/${crowd[j]!.id}`).toBe(true);
    }
  });

  it('does not move a marker out of the visible area when there is room inside it', () => {
    // Above, below and the right diagonals are taken: the first free place is to the upper left, off the screen.
    const taken = [pill('here', 22, 100, 3), pill('above', 22, 74, 3), pill('below', 22, 126, 3), pill('upper-right', 84, 74, 3), pill('lower-right', 84, 126, 3)];
    const view = { left: 0, top: 0, right: 400, bottom: 400 };
    const offsets = placeMarkers([...taken, pill('moved', 22, 100, 1)], { view });
    const moved = box(pill('moved', 22, 100), offsets);
    expect(moved.left).toBeGreaterThanOrEqual(0);
    for (const other of taken) expect(apart(moved, box(other, offsets)), other.id).toBe(true);
    // Without a view it would have gone there.
    expect(box(pill('moved', 22, 100), placeMarkers([...taken, pill('moved', 22, 100, 1)])).left).toBeLessThan(0);
  });

  it('moves a marker out from under what is drawn over the map (the legend\'s button) and leaves the rest', () => {
    // The legend's button in the lower-left corner, a pill whose left end runs under it, another well clear.
    // Sides as getters, as a DOMRect has them.
    const legend = new (class {
      get left() { return 8; }
      get top() { return 325; }
      get right() { return 127; }
      get bottom() { return 367; }
    })();
    const under = pill('torfyanovka', 150, 340);
    const clear = pill('salla', 400, 200);
    const offsets = placeMarkers([under, clear], { view: { left: 0, top: 0, right: 844, bottom: 390 }, obstacles: [legend] });
    expect(offsets.has('salla')).toBe(false);
    // Up one step still touches the button's top, and down its bottom: the nearest place clear of it is up and right.
    expect(offsets.get('torfyanovka')).toEqual({ dx: 62, dy: -26 });
    expect(apart(box(under, offsets), legend)).toBe(true);
    // Without it, the pill stays on its point, under the button.
    expect(placeMarkers([under, clear], { view: { left: 0, top: 0, right: 844, bottom: 390 } }).size).toBe(0);
  });

  it('ignores an overlay that is not shown (no size)', () => {
    expect(placeMarkers([pill('a', 50, 50)], { obstacles: [{ left: 40, top: 40, right: 40, bottom: 40 }] }).size).toBe(0);
  });
});
