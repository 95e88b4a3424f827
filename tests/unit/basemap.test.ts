import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { BASEMAP_BOUNDS, basemapFeatures, type Basemap } from '../../lib/basemap';
import { basemapTopology, makeBasemap } from '../../lib/basemap-cut';

const world = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as Topology;
// What the browser draws: the cut shapes, sent as a topology on a grid and turned back into shapes.
const sent = JSON.parse(JSON.stringify(basemapTopology(makeBasemap(world))));
const basemap = basemapFeatures(sent) as Basemap;
const [west, south, east, north] = BASEMAP_BOUNDS;

function contains(ring: [number, number][], [x, y]: [number, number]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const countryAt = (point: [number, number]) =>
  basemap.features.find((feature) => feature.geometry.coordinates.some((polygon) => contains(polygon[0]!, point)))?.properties.name;

describe('the offline basemap', () => {
  it('keeps every point inside the region it covers', () => {
    for (const feature of basemap.features) {
      for (const polygon of feature.geometry.coordinates) {
        for (const ring of polygon) {
          for (const [x, y] of ring) {
            expect(x >= west && x <= east && y >= south && y <= north).toBe(true);
          }
        }
      }
    }
  });

  it('puts the places either side of the crossings in the right countries, Russia’s east included', () => {
    expect(countryAt([44.6, 43.2])).toBe('Russia'); // Vladikavkaz
    expect(countryAt([44.8, 41.7])).toBe('Georgia'); // Tbilisi
    expect(countryAt([106.9, 47.9])).toBe('Mongolia'); // Ulaanbaatar
    expect(countryAt([107.6, 51.8])).toBe('Russia'); // Ulan-Ude
    expect(countryAt([28.5, 60.9])).toBe('Russia'); // Vyborg
    expect(countryAt([27.2, 60.6])).toBe('Finland'); // Hamina
    expect(countryAt([71.4, 51.2])).toBe('Kazakhstan'); // Astana
    expect(countryAt([140, 65])).toBe('Russia'); // the far east, which crosses the antimeridian
  });

  it('is sent as a topology, a border two countries share written once, in under 60 KB compressed', () => {
    expect(sent.type).toBe('Topology');
    expect(gzipSync(JSON.stringify(sent)).length).toBeLessThan(60 * 1024);
    // Russia and Finland share their border's line.
    const arcsOf = (name: string) => JSON.stringify(sent.objects.countries.geometries.find((g: { properties: { name: string } }) => g.properties.name === name).arcs).match(/-?\d+/g)!.map((i) => (Number(i) < 0 ? ~Number(i) : Number(i)));
    const finnish = new Set(arcsOf('Finland'));
    expect(arcsOf('Russia').some((arc) => finnish.has(arc))).toBe(true);
  });

  it('draws no band round the world where an island crosses the antimeridian', () => {
    for (const feature of basemap.features) {
      for (const polygon of feature.geometry.coordinates) {
        const xs = polygon[0]!.map(([x]) => x);
        const ys = polygon[0]!.map(([, y]) => y);
        const wide = Math.max(...xs) - Math.min(...xs) > 100;
        const thin = Math.max(...ys) - Math.min(...ys) < 2;
        expect(wide && thin).toBe(false);
      }
    }
  });
});
