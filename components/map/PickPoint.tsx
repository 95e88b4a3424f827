'use client';
// While the person chooses a trip's start on the map: the next tap on the map
// (not on a marker) is the start. Nothing is sent anywhere; the point goes to
// the planner in the page.
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function PickPoint({ onPick }: { onPick: (point: { lat: number; lon: number }) => void }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.classList.add('picking');
    const picked = (event: { latlng: { lat: number; lng: number } }) => onPick({ lat: event.latlng.lat, lon: event.latlng.lng });
    map.once('click', picked);
    return () => {
      map.off('click', picked);
      container.classList.remove('picking');
    };
  }, [map, onPick]);
  return null;
}
