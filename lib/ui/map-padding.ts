// How far in from each edge the map must fit its markers so that nothing
// drawn over it (the legend, the zoom buttons, "Без карты") covers one. Each
// such thing sits in a corner, and is cleared by padding either of the two
// edges it touches: whichever costs the map the smaller share of its size.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Padding {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function clearPadding(map: Box, overlays: readonly Box[], options: { least: number; margin: number }): Padding {
  const padding: Padding = { left: options.least, top: options.least, right: options.least, bottom: options.least };
  const width = map.right - map.left;
  const height = map.bottom - map.top;
  if (width <= 0 || height <= 0) return padding;
  for (const overlay of overlays) {
    // Not shown, or not over the map.
    if (overlay.right <= overlay.left || overlay.bottom <= overlay.top) continue;
    if (overlay.right <= map.left || overlay.left >= map.right || overlay.bottom <= map.top || overlay.top >= map.bottom) continue;
    const reach = {
      left: overlay.right - map.left,
      right: map.right - overlay.left,
      top: overlay.bottom - map.top,
      bottom: map.bottom - overlay.top,
    };
    const side = reach.left <= reach.right ? 'left' : 'right';
    const end = reach.top <= reach.bottom ? 'top' : 'bottom';
    if (reach[side] / width <= reach[end] / height) padding[side] = Math.max(padding[side], reach[side] + options.margin);
    else padding[end] = Math.max(padding[end], reach[end] + options.margin);
  }
  return padding;
}
