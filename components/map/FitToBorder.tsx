'use client';
// Moves the map when a border is chosen. MapContainer's props are fixed after
// the first render, so the view changes through the map instance. The fit
// keeps every marker clear of what is drawn over the map (lib/ui/map-padding.ts).
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { clearPadding } from '../../lib/ui/map-padding';
import { overlayBoxes } from './overlays';
import { moveOptions, whenStill } from './when-still';

export interface FitRequest {
  points: readonly [number, number][];
  /** Grows with every request, so choosing the same border twice moves the map back. */
  seq: number;
}

function paddingOf(map: L.Map) {
  const padding = clearPadding(map.getContainer().getBoundingClientRect(), overlayBoxes(map), { least: 48, margin: 8 });
  return { paddingTopLeft: L.point(padding.left, padding.top), paddingBottomRight: L.point(padding.right, padding.bottom) };
}

export function FitToBorder({ request }: { request: FitRequest }) {
  const map = useMap();
  useEffect(() => {
    if (request.points.length === 0) return;
    const bounds = L.latLngBounds(request.points.map(([lat, lon]) => L.latLng(lat, lon)));
    return whenStill(map, () => map.fitBounds(bounds, { ...paddingOf(map), maxZoom: 7, ...moveOptions(map) }));
  }, [map, request]);
  return null;
}
