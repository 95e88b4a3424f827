// Serves the built service worker (scripts/build-service-worker.mjs) at
// /sw.js: a worker's scope is its own path, so only the root covers the site.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const SERVICE_WORKER_PATH = '/sw.js';

/** The built script, or null when there is none (dev mode builds none). */
export async function loadServiceWorker(projectDir: string): Promise<Buffer | null> {
  return readFile(join(projectDir, '.next', 'kordon', 'sw.js')).catch(() => null);
}

/** Answers a request for /sw.js; false for any other request. */
export function serveServiceWorker(req: IncomingMessage, res: ServerResponse, script: Buffer): boolean {
  if (req.url?.split('?')[0] !== SERVICE_WORKER_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'content-length': script.length,
    // Browsers check for a new worker at every visit; never serve a stale one.
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : script);
  return true;
}
