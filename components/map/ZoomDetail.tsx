'use client';
// Zoomed out, a border's checkpoints crowd each other (Kazakhstan's 28 share
// one phone width). The map container says how close the view is, so the
// stylesheet can shrink the markers that have no wait to show into dots and
// leave the ones with a number readable.
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** From this zoom on, every marker is a full pill. */
const NEAR_ZOOM = 6;

export function ZoomDetail() {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    const update = () => {
      container.dataset.detail = map.getZoom() >= NEAR_ZOOM ? 'near' : 'far';
    };
    update();
    map.on('zoomend', update);
    return () => {
      map.off('zoomend', update);
    };
  }, [map]);
  return null;
}
