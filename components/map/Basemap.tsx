'use client';
// The bundled country shapes, fetched once from /api/basemap (same host), as a
// topology that is turned into shapes here.
import type { PathOptions } from 'leaflet';
import { useEffect, useState } from 'react';
import { GeoJSON } from 'react-leaflet';
import { basemapFeatures, type Basemap as BasemapData, type BasemapTopology } from '../../lib/basemap';

// Coloured by the page's style sheet (`.land` in app/globals.css), so that the dark theme reaches the shapes too.
const RUSSIA: PathOptions = { className: 'land land-russia', fillOpacity: 1, weight: 1.2 };
const OTHER: PathOptions = { className: 'land', fillOpacity: 1, weight: 1.2 };

export function Basemap() {
  const [data, setData] = useState<GeoJSON.FeatureCollection | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/basemap', { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<BasemapData | BasemapTopology>) : null))
      .then((sent) => setData(sent && basemapFeatures(sent)))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  if (!data) return null;
  return (
    <GeoJSON
      data={data}
      interactive={false}
      attribution="Natural Earth"
      style={(feature) => (feature?.properties?.name === 'Russia' ? RUSSIA : OTHER)}
    />
  );
}
