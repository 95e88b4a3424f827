// Which of the page's requests the service worker keeps for offline use, and
// under which cache. Pure, so the rules are tested without a browser.

/** The parts of a fetch the rules look at. */
export interface RequestFacts {
  url: URL;
  sameOrigin: boolean;
  method: string;
  /** `navigate` for a page the browser opens. */
  mode: string;
}

export const CACHES = {
  /** Pages as last seen online: the app shell with the estimates it was rendered with. */
  pages: 'kordon-pages',
  /** Checkpoint data (`/api/checkpoints[/:id]`) as last fetched. */
  data: 'kordon-data',
  basemap: 'kordon-basemap',
} as const;

/** Pages stored when the service worker installs, so a first visit is enough to open them offline later (erasing Kordon included). */
export const WARM_PAGES = ['/', '/list', '/erase'] as const;

/** What a page that was never opened online falls back to: the list needs no script to read. */
export const FALLBACK_PAGES = ['/list', '/'] as const;

export const BASEMAP_PATH = '/api/basemap';
const CHECKPOINT_DATA = /^\/api\/checkpoints(\/[a-z0-9-]+)?$/;

export type CacheRule = keyof typeof CACHES;

/** Pages never kept: what a moderator sees is theirs alone, and must not outlive their session on the phone. */
const NEVER_KEPT = /^\/moderate(\/|$)/;

/** The cache a request belongs in; null leaves it to the network alone (reports, Socket.IO, moderation). */
export function cacheRuleFor(request: RequestFacts): CacheRule | null {
  if (!request.sameOrigin || request.method !== 'GET') return null;
  const path = request.url.pathname;
  if (request.mode === 'navigate') return path.startsWith('/api/') || path.startsWith('/socket.io') || NEVER_KEPT.test(path) ? null : 'pages';
  if (path === BASEMAP_PATH) return 'basemap';
  if (CHECKPOINT_DATA.test(path)) return 'data';
  return null;
}
