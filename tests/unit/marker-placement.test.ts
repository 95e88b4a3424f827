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
});
