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

/** The ETag of the gzipped bytes of a body whose own ETag is `etag`: one per encoding, as the bytes differ. */
export const gzippedEtag = (etag: string) => `${etag.slice(0, -1)}-gzip"`;

/** Whether an Accept-Encoding header takes gzip: named, or by `*`, and not at q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  let gzip: boolean | undefined;
  let any = false;
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim().match(/^q=([\d.]+)$/)?.[1]).find((value) => value !== undefined);
    const wanted = q === undefined || Number(q) > 0;
    if (name === 'gzip' || name === 'x-gzip') gzip = wanted;
    else if (name === '*') any = wanted;
  }
  return gzip ?? any;
}
