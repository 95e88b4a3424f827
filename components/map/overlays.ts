// What is drawn over the map: the legend and "Без карты" beside it, Leaflet's
// own zoom buttons inside it. A fit keeps the markers' points clear of them
// (FitToBorder), and the placement keeps the markers themselves clear
// (SpreadMarkers).
import type L from 'leaflet';

export const MAP_OVERLAYS = '.legend, .lite-toggle, .leaflet-control-zoom';

/** The overlays' elements over this map, wherever the page draws them. */
export function overlaysOf(map: L.Map): HTMLElement[] {
  const container = map.getContainer();
  const area = container.closest('.map-area') ?? container;
  return [...area.querySelectorAll<HTMLElement>(MAP_OVERLAYS)];
}

/** Their boxes on the screen; one that is not shown has no size. */
export const overlayBoxes = (map: L.Map): DOMRect[] => overlaysOf(map).map((element) => element.getBoundingClientRect());
