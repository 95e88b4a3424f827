'use client';
// Leaflet measures its container once; the side panel opening or a phone
// turning changes it, so tell the map whenever the box changes size.
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function FollowSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}
