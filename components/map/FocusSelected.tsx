'use client';
// Brings the open checkpoint into view, clear of the bottom sheet on phones:
// close enough to tell it from its neighbours, without undoing a closer zoom.
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { moveOptions, whenStill } from './when-still';

const DETAIL_ZOOM = 6;

export function FocusSelected({ point }: { point: [number, number] }) {
  const map = useMap();
  const [lat, lon] = point;
  useEffect(() => {
    let cancel = () => {};
    // Wait a frame: the panel opening resizes the map first.
    const frame = requestAnimationFrame(() => {
      cancel = whenStill(map, () => {
        const size = map.getSize();
        const sheet = window.matchMedia('(min-width: 48rem)').matches ? 0 : Math.round(size.y * 0.62);
        const zoom = Math.max(map.getZoom(), DETAIL_ZOOM);
        // Centre the point in the part of the map the sheet leaves visible.
        const projected = map.project(L.latLng(lat, lon), zoom).add([0, sheet / 2]);
        map.setView(map.unproject(projected, zoom), zoom, moveOptions(map));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      cancel();
    };
  }, [map, lat, lon]);
  return null;
}
