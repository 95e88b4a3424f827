// Which browser origins may open a Socket.IO connection. CORS does not cover
// WebSockets, so a page on any other site could otherwise connect with the
// visitor's browser and report through it.

/** An origin as browsers send it: scheme, host and port, nothing else. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * No Origin header: not a browser (curl, the benchmarks), which CORS never
 * governed. Otherwise the page must come from this host, or from an origin
 * the operator allowed.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normal = normaliseOrigin(origin);
  if (normal === null) return false;
  if (host !== undefined && new URL(normal).host === host.toLowerCase()) return true;
  return allowed.includes(normal);
}

/**
 * A form posted from Kordon's own page, not another site's: the browser's Sec-Fetch-Site where it sends one, else the
 * Origin rule above (no Origin, an old browser or not a browser, passes; no other site does).
 */
export function isFromOwnPage(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  return isAllowedOrigin(headers.get('origin') ?? undefined, headers.get('host') ?? undefined, []);
}
