// The offline basemap as the browser sees it: the region it covers, how far
// the map may pan, and the shapes drawn from what /api/basemap sends (made on
// the server by basemap-cut.ts).
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** West, south, east, north: wider than the map may pan, so no cut edge is ever in view. */
export const BASEMAP_BOUNDS = [5, 15, 145, 80] as const;
/**
 * How far the map may pan: the Gulf of Finland to past Kyakhta, with a margin. Far south on purpose: a phone held
 * upright fits a wide border (Kazakhstan, Mongolia) at a zoom that shows ~30° of latitude below it, and a pan limit
 * closer in would push that border to the bottom of the screen instead of its middle.
 */
export const MAP_PAN_BOUNDS = [12, 18, 138, 76] as const;

export type Ring = [number, number][];

export interface BasemapFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface Basemap {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

export type BasemapTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** The shapes a browser draws from what it was sent (a topology; a copy cached before it became one is GeoJSON already). */
export function basemapFeatures(sent: Basemap | BasemapTopology): GeoJSON.FeatureCollection {
  if (sent.type === 'FeatureCollection') return sent as GeoJSON.FeatureCollection;
  return feature(sent, sent.objects.countries) as GeoJSON.FeatureCollection;
}
