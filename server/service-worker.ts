// Serves the built service worker (scripts/build-service-worker.mjs) at
// /sw.js: a worker's scope is its own path, so only the root covers the site.
// Browsers ask for it again at every visit, so it carries an ETag (a visit
// with the worker already installed costs a 304, not the script) and goes
// gzipped: it is 88 KB, which on 400 kbps took 1.8 s of the link at every
// visit, beside the page's own first data.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { acceptsGzip, etagOf, gzippedEtag, matches } from '../lib/shared-cache';

export const SERVICE_WORKER_PATH = '/sw.js';

export interface ServiceWorkerScript {
  plain: { body: Buffer; etag: string };
  gzipped: { body: Buffer; etag: string };
}

/** The built script, or null when there is none (dev mode builds none). */
export async function loadServiceWorker(projectDir: string): Promise<ServiceWorkerScript | null> {
  const body = await readFile(join(projectDir, '.next', 'kordon', 'sw.js')).catch(() => null);
  if (!body) return null;
  const etag = etagOf(body);
  return { plain: { body, etag }, gzipped: { body: gzipSync(body, { level: 9 }), etag: gzippedEtag(etag) } };
}

/** Answers a request for /sw.js; false for any other request. */
export function serveServiceWorker(req: IncomingMessage, res: ServerResponse, script: ServiceWorkerScript): boolean {
  if (req.url?.split('?')[0] !== SERVICE_WORKER_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const { body, etag } = gzip ? script.gzipped : script.plain;
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    // Browsers check for a new worker at every visit; never serve a stale one.
    'cache-control': 'no-cache',
    etag,
    vary: 'Accept-Encoding',
  };
  if (matches(req.headers['if-none-match'] ?? null, etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
