// The offline basemap: Natural Earth country shapes (world-atlas, 1:50m)
// cut to the region Kordon covers and rounded to about a kilometre, so the
// map shows where the crossings are without any tile server.
import { clipPolygon } from 'lineclip';
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

type Ring = [number, number][];

export interface BasemapFeature {
  type: 'Feature';
  properties: { name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface Basemap {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

function roundRing(ring: readonly number[][], step: number): Ring {
  const out: Ring = [];
  for (const [x = 0, y = 0] of ring) {
    const point: [number, number] = [Number((Math.round(x / step) * step).toFixed(2)), Number((Math.round(y / step) * step).toFixed(2))];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function spansAntimeridian(ring: readonly number[][]): boolean {
  let west = Infinity;
  let east = -Infinity;
  for (const [x = 0] of ring) {
    west = Math.min(west, x);
    east = Math.max(east, x);
  }
  return east - west > 180;
}

export function makeBasemap(topology: Topology, options: { bounds?: readonly [number, number, number, number]; step?: number } = {}): Basemap {
  const bounds = [...(options.bounds ?? BASEMAP_BOUNDS)] as [number, number, number, number];
  const step = options.step ?? 0.02;
  const countries = topology.objects.countries as GeometryCollection<{ name: string }>;
  const collection = feature(topology, countries);
  const features: BasemapFeature[] = [];
  for (const country of collection.features) {
    const geometry = country.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const kept: Ring[][] = [];
    for (const polygon of polygons) {
      // Russia's mainland and Wrangel Island cross the antimeridian: unwrapped, their far
      // east lies past 180° and clips away, instead of clipping to a band round the world.
      const unwrap = polygon[0] !== undefined && spansAntimeridian(polygon[0]);
      const rings = polygon.map((ring) => {
        const points = (unwrap ? ring.map(([x = 0, y = 0]) => [x < 0 ? x + 360 : x, y]) : ring) as [number, number][];
        return roundRing(clipPolygon(points, bounds), step);
      });
      // A polygon whose outline falls outside the region is gone, holes and all.
      if (!rings[0] || rings[0].length < 4) continue;
      kept.push([rings[0], ...rings.slice(1).filter((ring) => ring.length >= 4)]);
    }
    if (kept.length > 0) features.push({ type: 'Feature', properties: { name: country.properties?.name ?? '' }, geometry: { type: 'MultiPolygon', coordinates: kept } });
  }
  return { type: 'FeatureCollection', features };
}
