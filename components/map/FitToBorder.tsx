'use client';
// Moves the map when a border is chosen. MapContainer's props are fixed after
// the first render, so the view changes through the map instance.
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { whenStill } from './when-still';

export interface FitRequest {
  points: readonly [number, number][];
  /** Grows with every request, so choosing the same border twice moves the map back. */
  seq: number;
}

export function FitToBorder({ request }: { request: FitRequest }) {
  const map = useMap();
  useEffect(() => {
    if (request.points.length === 0) return;
    const bounds = L.latLngBounds(request.points.map(([lat, lon]) => L.latLng(lat, lon)));
    return whenStill(map, () => map.fitBounds(bounds, { padding: [48, 48], maxZoom: 7 }));
  }, [map, request]);
  return null;
}
