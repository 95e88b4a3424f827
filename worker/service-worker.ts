/// <reference lib="webworker" />
// The service worker (built by scripts/build-service-worker.mjs, served as
// /sw.js). It keeps the app's own files, the pages and the checkpoint data as
// last seen online, so Kordon opens with no connection and says how old what
// it shows is. Live updates never pass through it: Socket.IO is left alone.
import { ExpirationPlugin, NetworkFirst, Serwist, StaleWhileRevalidate, type PrecacheEntry, type RouteHandlerCallback, type SerwistPlugin } from 'serwist';
import { BASEMAP_PATH, CACHES, cacheRuleFor, FALLBACK_PAGES, WARM_PAGES } from '../lib/offline/cache-rules';
import { notificationFor, readPush } from '../lib/alerts/push-notification';
import type { CheckpointView } from '../lib/checkpoints';

declare const self: ServiceWorkerGlobalScope & {
  /** The build's static files, injected at build time. */
  __SW_MANIFEST: PrecacheEntry[];
};

/** Short enough that a weak signal falls back to the stored copy rather than a blank screen. */
const NETWORK_TIMEOUT_SECONDS = 4;

/** A page never opened online still gets something readable: a stored page with every estimate. */
async function fallbackPage(): Promise<Response | undefined> {
  const cache = await caches.open(CACHES.pages);
  for (const path of FALLBACK_PAGES) {
    // /list varies by language and encoding (server/list-page.ts): offline, any stored copy beats none.
    const stored = await cache.match(path, { ignoreVary: true });
    if (stored) return stored;
  }
  return undefined;
}

const pageFallback: SerwistPlugin = {
  async handlerDidError() {
    return (await fallbackPage()) ?? Response.error();
  },
};

const pages = new NetworkFirst({
  cacheName: CACHES.pages,
  networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
  matchOptions: { ignoreVary: true },
  plugins: [new ExpirationPlugin({ maxEntries: 30 }), pageFallback],
});

/**
 * A server that answers but cannot read its data (503 while the database is away, or any 5xx) is no better than
 * none: the stored copy, which says how old it is, beats a page that says only "try later".
 */
const pageOrStored: RouteHandlerCallback = async (options) => {
  const response = await pages.handle(options);
  if (response.status < 500) return response;
  const stored = (await caches.match(options.request, { cacheName: CACHES.pages, ignoreVary: true })) ?? (await fallbackPage());
  return stored ?? response;
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ url, request, sameOrigin }) => cacheRuleFor({ url, sameOrigin, method: request.method, mode: request.mode }) === 'pages',
      handler: pageOrStored,
    },
    {
      matcher: ({ url, request, sameOrigin }) => cacheRuleFor({ url, sameOrigin, method: request.method, mode: request.mode }) === 'data',
      handler: new NetworkFirst({
        cacheName: CACHES.data,
        networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
        plugins: [new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 7 * 24 * 3600 })],
      }),
    },
    {
      matcher: ({ url, request, sameOrigin }) => cacheRuleFor({ url, sameOrigin, method: request.method, mode: request.mode }) === 'basemap',
      handler: new StaleWhileRevalidate({ cacheName: CACHES.basemap }),
    },
  ],
});

// The first visit was not yet under the worker's control, so nothing it loaded
// went through it: store now what opening offline needs, the usual pages, the
// pages open in windows right now, and the basemap (from the browser's HTTP
// cache, which still holds it). A failure here (no signal) must not stop the install.
async function storeFirstVisit(): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows
    .map((client) => new URL(client.url))
    .filter((url) => cacheRuleFor({ url, sameOrigin: url.origin === self.location.origin, method: 'GET', mode: 'navigate' }) === 'pages')
    .map((url) => url.pathname);
  const [pages, basemap] = await Promise.all([caches.open(CACHES.pages), caches.open(CACHES.basemap)]);
  const keep = (cache: Cache, path: string) => cache.add(path).catch(() => undefined);
  await Promise.all([...new Set([...WARM_PAGES, ...open])].map((path) => keep(pages, path)).concat(keep(basemap, BASEMAP_PATH)));
}

self.addEventListener('install', (event) => event.waitUntil(storeFirstVisit()));

// A push carries only which crossing and why (encrypted for this browser): the live numbers come from Kordon now,
// or, with no signal, the notification says what the push said.
async function showPush(text: string): Promise<void> {
  const push = readPush(text);
  if (!push) return;
  let checkpoint: CheckpointView | null = null;
  try {
    const response = await fetch(`/api/checkpoints/${push.checkpointId}?hours=1`, { signal: AbortSignal.timeout(NETWORK_TIMEOUT_SECONDS * 1000) });
    if (response.ok) checkpoint = ((await response.json()) as { checkpoint: CheckpointView }).checkpoint;
  } catch {
    // Offline: the words without the numbers.
  }
  const { title, body, url, tag } = notificationFor(push, checkpoint);
  await self.registration.showNotification(title, { body, tag, data: { url }, icon: '/icons/icon-192.png', lang: push.language });
}

self.addEventListener('push', (event) => event.waitUntil(showPush(event.data?.text() ?? '')));

// A tap opens the crossing: in a Kordon window already open, or a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.navigate(url);
        // Focus is the browser's to grant; the page is there either way.
        await open.focus().catch(() => undefined);
      } else await self.clients.openWindow(url);
    })(),
  );
});

serwist.addEventListeners();
