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
