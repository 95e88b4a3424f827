'use client';
// The bundled country shapes, fetched once from /api/basemap (same host).
import type { PathOptions } from 'leaflet';
import { useEffect, useState } from 'react';
import { GeoJSON } from 'react-leaflet';
import type { Basemap as BasemapData } from '../../lib/basemap';

const RUSSIA: PathOptions = { fillColor: '#ece6da', fillOpacity: 1, color: '#8a7f70', weight: 1.2 };
const OTHER: PathOptions = { fillColor: '#f8f6f1', fillOpacity: 1, color: '#8a7f70', weight: 1.2 };

export function Basemap() {
  const [data, setData] = useState<BasemapData | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/basemap', { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<BasemapData>) : null))
      .then(setData)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  if (!data) return null;
  return (
    <GeoJSON
      data={data as GeoJSON.FeatureCollection}
      interactive={false}
      attribution="Natural Earth"
      style={(feature) => (feature?.properties?.name === 'Russia' ? RUSSIA : OTHER)}
    />
  );
}
