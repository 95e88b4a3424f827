import { describe, expect, it } from 'vitest';
import { clearPadding } from '../../lib/ui/map-padding';

const options = { least: 48, margin: 8 };

describe('the padding that keeps markers clear of what is drawn over the map', () => {
  it('clears a phone\'s folded legend (bottom left) by the bottom edge, where it costs the map less', () => {
    const phone = { left: 0, top: 0, right: 390, bottom: 600 };
    const legend = { left: 8, top: 534, right: 130, bottom: 578 };
    expect(clearPadding(phone, [legend], options)).toEqual({ left: 48, top: 48, right: 48, bottom: 74 });
  });

  it('clears a wide screen\'s open legend by the left edge, and the zoom buttons by whichever edge is cheaper', () => {
    const wide = { left: 0, top: 0, right: 900, bottom: 700 };
    const legend = { left: 8, top: 480, right: 190, bottom: 680 };
    const zoom = { left: 10, top: 10, right: 54, bottom: 98 };
    expect(clearPadding(wide, [legend, zoom], options)).toEqual({ left: 198, top: 48, right: 48, bottom: 48 });
  });

  it('ignores what is hidden or lies outside the map, and never pads less than the least', () => {
    const map = { left: 100, top: 100, right: 500, bottom: 500 };
    expect(clearPadding(map, [{ left: 0, top: 0, right: 0, bottom: 0 }, { left: 600, top: 100, right: 650, bottom: 150 }], options)).toEqual({ left: 48, top: 48, right: 48, bottom: 48 });
  });
});
