// Cutting the offline basemap, on the server: Natural Earth country shapes
// (world-atlas, 1:50m) cut to the region Kordon covers and rounded to about a
// kilometre, then sent as a topology, so the map shows where the crossings are
// without any tile server.
import { clipPolygon } from 'lineclip';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BASEMAP_BOUNDS, type Basemap, type BasemapFeature, type BasemapTopology, type Ring } from './basemap';

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

export function makeBasemap(world: Topology, options: { bounds?: readonly [number, number, number, number]; step?: number } = {}): Basemap {
  const bounds = [...(options.bounds ?? BASEMAP_BOUNDS)] as [number, number, number, number];
  const step = options.step ?? 0.02;
  const countries = world.objects.countries as GeometryCollection<{ name: string }>;
  const collection = feature(world, countries);
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

/**
 * Steps of the grid the shapes are sent on, across the region's width and height: 10,000 is about 1.4 km east–west,
 * finer than the 1:50m shapes themselves.
 */
const QUANTIZATION = 10_000;

/**
 * The basemap as it is sent: a TopoJSON topology, where a border two countries share is one line, and points are
 * whole steps of a grid written as the step from the last. 50 KB gzip instead of 126 KB of GeoJSON: it is most of
 * what a weak link pays for the map.
 */
export function basemapTopology(basemap: Basemap): BasemapTopology {
  return topology({ countries: basemap as GeoJSON.FeatureCollection }, QUANTIZATION) as BasemapTopology;
}
