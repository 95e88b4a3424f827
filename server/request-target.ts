// The path and query a request asked for, read the same way by the HTTP server
// and by every page served here rather than by Next.js.
import type { IncomingMessage } from 'node:http';

/**
 * The request's target as a URL on this host, or null for one that names no path here (`OPTIONS *`, garbage). A
 * target that starts with `//` is a path on this host too: `new URL('//', base)` would read it as another host's
 * address, and throws for `//` itself. The absolute form a proxy may send (`http://host/list`) gives its path.
 */
export function requestTarget(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  try {
    if (target.startsWith('/')) return new URL(`http://kordon.invalid${target}`);
    if (/^https?:\/\//i.test(target)) {
      const absolute = new URL(target);
      return new URL(`http://kordon.invalid${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // Not a URL at all.
  }
  return null;
}
