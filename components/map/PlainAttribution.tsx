'use client';
// Leaflet's default attribution prefix carries a national flag and a link
// away from Kordon. People open this page on phones that border guards may
// look through: credit Leaflet in plain words, with no political symbol and
// no link to follow (or to mis-tap on a crowded map).
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function PlainAttribution() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix('Leaflet');
  }, [map]);
  return null;
}
