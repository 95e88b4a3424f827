// The one HTTP server: every request gets the security headers and the peer
// address header, over-long addresses and targets that are no path are refused
// before Next.js sees them, /sw.js is served from the build, /list and an
// unknown crossing's 404 without any script (list-page.ts, not-found-page.ts),
// a page whose data cannot be read with a 503 that says so (unavailable-page.ts),
// and the rest is Next.js's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError } from '../lib/errors';
import { PATH_HEADER, PEER_ADDRESS_HEADER } from '../lib/request-headers';
import type { ClientAddress } from './client-address';
import { requestTarget } from './request-target';
import { applySecurityHeaders, type SecurityOptions } from './security-headers';
import { serveServiceWorker, type ServiceWorkerScript } from './service-worker';
import { answerUnavailable, isUnavailable } from './unavailable-page';

/** Longer addresses are refused with 414; the longest real one is well under 200 characters. */
const MAX_URL_LENGTH = 4096;

/** What is wrong with a request's target that no route can take, or null when it is a path. */
function unroutableTarget(req: IncomingMessage): string | null {
  const url = requestTarget(req);
  if (!url) return 'is not a path';
  try {
    decodeURIComponent(url.pathname);
    return null;
  } catch {
    return 'has a % that starts no escape';
  }
}

export interface HttpServerDeps {
  /** Next.js's request handler. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  clientAddress: ClientAddress;
  security: SecurityOptions;
  /** The built service worker; null in dev mode, which builds none. */
  serviceWorker: ServiceWorkerScript | null;
  /** Pages served here rather than by Next.js, in turn: /list (list-page.ts), an unknown crossing's 404 (not-found-page.ts). */
  ownPages: ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[];
  logger: Logger;
}

async function servedHere(pages: HttpServerDeps['ownPages'], req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  for (const page of pages) if (await page(req, res)) return true;
  return false;
}

export function createHttpServer(deps: HttpServerDeps): Server {
  return createServer((req, res) => {
    // Route handlers learn the peer address (for rate limits only) from
    // this header, which a client can therefore never set itself.
    req.headers[PEER_ADDRESS_HEADER] = deps.clientAddress(req);
    req.headers[PATH_HEADER] = (req.url ?? '/').split('?')[0]!.slice(0, 512);
    applySecurityHeaders(req, res, deps.security);
    if ((req.url ?? '').length > MAX_URL_LENGTH) {
      // Refused before Next.js sees it: no route needs this much, and a redirect would echo it back.
      res.writeHead(414, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(new AppError('invalid_query', `The address is longer than ${MAX_URL_LENGTH} characters.`, [{ path: '(url)', message: 'is too long' }]).toBody()));
      return;
    }
    const unroutable = unroutableTarget(req);
    if (unroutable) {
      // Next.js answers these with a 500 (`OPTIONS *`; a POST to a page whose path has a stray `%`).
      res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(new AppError('invalid_query', 'The address is not a path on this server.', [{ path: '(url)', message: unroutable }]).toBody()));
      return;
    }
    if (deps.serviceWorker && serveServiceWorker(req, res, deps.serviceWorker)) return;
    servedHere(deps.ownPages, req, res)
      .then((served) => (served ? undefined : deps.handle(req, res)))
      .catch((error: unknown) => {
        if (isUnavailable(error) && !res.headersSent) {
          // Weather, not a bug: the database is away (logged where it was noticed), and the reader is told so.
          answerUnavailable(req, res);
          return;
        }
        deps.logger.error({ err: error, path: req.url?.split('?')[0] }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      });
  });
}
