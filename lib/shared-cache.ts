// Public reads that are the same for every reader may be kept a few seconds by
// any cache in front (a CDN, the nginx of docker-compose.yml) and revalidated
// with an ETag, so that a million readers cost a node a handful of requests.
// Reports and everything per person stay `no-store`.
import { createHash } from 'node:crypto';

/** Fresh for 5 s, then served stale for up to 30 s while one request fetches anew. */
export const SHARED_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30';

/** A strong ETag of exactly these bytes. */
export const etagOf = (body: string | Uint8Array) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names `etag` (or `*`). */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}
