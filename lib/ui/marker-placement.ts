// Where each marker is drawn so that none hides another: a marker that would
// overlap one already placed is moved the shortest way clear of it, and a
// leader line joins it to its true point. The most important are placed first
// and stay where they are: the open crossing, then those with a wait to show.
// What is drawn over the map counts as placed before them all.
// (Clustering, the other way, would put the waits a person compares behind a
// tap; this keeps every number on screen.)

export interface Footprint {
  id: string;
  /** The true point, in screen pixels. */
  x: number;
  y: number;
  /** The marker's size: it is drawn centred on its point, or on its point moved by the offset. */
  width: number;
  height: number;
  /** Higher goes first. */
  priority: number;
}

export interface Offset {
  dx: number;
  dy: number;
}

/** Space kept between two markers, px. */
const GAP = 2;
/** Directions tried, in order: up and down first (pills are wide), then the diagonals, then the sides. */
const DIRECTIONS: [number, number][] = [
  [0, -1],
  [0, 1],
  [1, -1],
  [-1, -1],
  [1, 1],
  [-1, 1],
  [1, 0],
  [-1, 0],
];

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const boxOf = (f: Footprint, dx: number, dy: number): Box => ({
  left: f.x + dx - f.width / 2 - GAP / 2,
  right: f.x + dx + f.width / 2 + GAP / 2,
  top: f.y + dy - f.height / 2 - GAP / 2,
  bottom: f.y + dy + f.height / 2 + GAP / 2,
});
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Offsets for the markers that must move (the others are not in the map). A marker is moved by whole steps of its
 * own height (or width, sideways), at most `maxSteps` of them; one that finds no room stays on its point.
 */
export function placeMarkers(
  footprints: readonly Footprint[],
  options: {
    maxSteps?: number;
    /** The visible area: a marker is not moved out of it. */
    view?: Box;
    /** What is drawn over the map (the legend's button, the zoom buttons): a marker is moved clear of these as of one placed before it. */
    obstacles?: readonly Box[];
  } = {},
): Map<string, Offset> {
  const maxSteps = options.maxSteps ?? 4;
  const view = options.view;
  const inView = (box: Box) => !view || (box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom);
  // Each side by name: a DOMRect's sides are getters, which a spread would not copy.
  const placed: Box[] = (options.obstacles ?? [])
    .filter((box) => box.right > box.left && box.bottom > box.top)
    .map((box) => ({ left: box.left, top: box.top, right: box.right, bottom: box.bottom }));
  const offsets = new Map<string, Offset>();
  const order = [...footprints].sort((a, b) => b.priority - a.priority);
  for (const footprint of order) {
    let chosen: Offset | null = null;
    const free = (dx: number, dy: number) => {
      const box = boxOf(footprint, dx, dy);
      return placed.every((other) => !overlaps(box, other));
    };
    if (free(0, 0)) chosen = { dx: 0, dy: 0 };
    // A marker whose point is off the screen may go anywhere; one on it stays on it.
    const pointInView = !view || (footprint.x >= view.left && footprint.x <= view.right && footprint.y >= view.top && footprint.y <= view.bottom);
    const clear = (dx: number, dy: number) => free(dx, dy) && (!pointInView || inView(boxOf(footprint, dx, dy)));
    for (let step = 1; !chosen && step <= maxSteps; step += 1) {
      for (const [ux, uy] of DIRECTIONS) {
        const dx = ux * step * (footprint.width + GAP);
        const dy = uy * step * (footprint.height + GAP);
        if (clear(dx, dy)) {
          chosen = { dx, dy };
          break;
        }
      }
    }
    const offset = chosen ?? { dx: 0, dy: 0 };
    placed.push(boxOf(footprint, offset.dx, offset.dy));
    if (offset.dx !== 0 || offset.dy !== 0) offsets.set(footprint.id, offset);
  }
  return offsets;
}
