// Leaflet drops a view change asked for while a zoom animation runs (its
// _tryAnimatedZoom returns early), so a second tap on a border tab mid-zoom
// would do nothing. Run the change once the animation has ended instead.
import type L from 'leaflet';

export function whenStill(map: L.Map, move: () => void): () => void {
  if (!(map as unknown as { _animatingZoom?: boolean })._animatingZoom) {
    move();
    return () => undefined;
  }
  map.once('zoomend', move);
  return () => map.off('zoomend', move);
}

/** Moves as the map was made to: gliding, or in steps for a person who asked for less motion (KordonMap). */
export const moveOptions = (map: L.Map): L.ZoomPanOptions => (map.options.zoomAnimation === false ? { animate: false } : {});
