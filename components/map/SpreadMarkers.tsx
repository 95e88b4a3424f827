'use client';
// Keeps every marker clear of the others (lib/ui/marker-placement.ts): after
// each move of the map, and whenever the markers' text changes (`version`), a
// marker that would hide under another, or under the legend or the zoom
// buttons, is drawn beside it with a line to its true point, so that each
// stays readable and tappable.
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { placeMarkers, type Footprint } from '../../lib/ui/marker-placement';
import { overlayBoxes, overlaysOf } from './overlays';

/** Markers this far outside the view still count: they may be panned in before the next placement. */
const MARGIN = 80;

function priorityOf(pin: HTMLElement): number {
  if (pin.dataset.selected === 'true') return 3;
  return pin.dataset.band && pin.dataset.band !== 'none' ? 2 : 1;
}

export function SpreadMarkers({ version }: { version: string }) {
  const map = useMap();
  useEffect(() => {
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const view = map.getContainer().getBoundingClientRect();
        const footprints: Footprint[] = [];
        const pins = new Map<string, { icon: HTMLElement; pin: HTMLElement }>();
        map.eachLayer((layer) => {
          if (!(layer instanceof L.Marker)) return;
          const icon = layer.getElement();
          const pin = icon?.querySelector<HTMLElement>('.pin');
          const id = pin?.dataset.checkpoint;
          if (!icon || !pin || !id) return;
          // Where Leaflet will draw the point, not where the icon is drawn this frame: a slow phone can end a zoom
          // (its 250 ms timer) while the icons are still gliding there, and a placement read from them would stay wrong.
          const point = map.latLngToContainerPoint(layer.getLatLng());
          const x = view.left + point.x;
          const y = view.top + point.y;
          if (x < view.left - MARGIN || x > view.right + MARGIN || y < view.top - MARGIN || y > view.bottom + MARGIN) return;
          pins.set(id, { icon, pin });
          const size = pin.getBoundingClientRect();
          footprints.push({ id, x, y, width: size.width, height: size.height, priority: priorityOf(pin) });
        });
        const offsets = placeMarkers(footprints, { view, obstacles: overlayBoxes(map) });
        for (const [id, { icon, pin }] of pins) {
          const offset = offsets.get(id);
          pin.style.setProperty('--dx', `${offset?.dx ?? 0}px`);
          pin.style.setProperty('--dy', `${offset?.dy ?? 0}px`);
          let leader = icon.querySelector<HTMLElement>('.pin-leader');
          if (!offset) {
            leader?.remove();
            continue;
          }
          if (!leader) {
            leader = document.createElement('span');
            leader.className = 'pin-leader';
            leader.setAttribute('aria-hidden', 'true');
            icon.prepend(leader);
          }
          leader.style.width = `${Math.hypot(offset.dx, offset.dy)}px`;
          leader.style.transform = `rotate(${Math.atan2(offset.dy, offset.dx)}rad)`;
        }
      });
    };
    place();
    map.on('zoomend moveend viewreset resize', place);
    // The legend opening or folding changes what the markers must clear.
    const resized = new ResizeObserver(place);
    for (const overlay of overlaysOf(map)) resized.observe(overlay);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      map.off('zoomend moveend viewreset resize', place);
    };
  }, [map, version]);
  return null;
}
