import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Topology } from 'topojson-specification';
import { basemapTopology, makeBasemap } from '../../../lib/basemap-cut';
import { otherMethods } from '../../_lib/http';

// The shapes only change with the world-atlas package, so they are cut once per process.
let body: Promise<string> | null = null;

function loadBasemap(): Promise<string> {
  body ??= readFile(path.join(process.cwd(), 'node_modules/world-atlas/countries-50m.json'), 'utf8').then((text) =>
    JSON.stringify(basemapTopology(makeBasemap(JSON.parse(text) as Topology))),
  );
  body.catch(() => (body = null));
  return body;
}

export async function GET(): Promise<Response> {
  return new Response(await loadBasemap(), {
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=86400' },
  });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
