'use client';
// Leaflet's default attribution prefix carries a national flag. People open
// this page on phones that border guards may look through: credit Leaflet in
// plain words and show no political symbol.
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function PlainAttribution() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix('<a href="https://leafletjs.com" rel="noreferrer">Leaflet</a>');
  }, [map]);
  return null;
}
