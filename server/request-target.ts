// The path and query a request asked for, read the same way by every page
// served here rather than by Next.js.
import type { IncomingMessage } from 'node:http';

/**
 * The request's target as a URL on this host, or null for one that names no path here (`OPTIONS *`, a proxy's
 * absolute form). A target that starts with `//` is a path on this host too: `new URL('//', base)` would read it
 * as another host's address, and throws for `//` itself.
 */
export function requestTarget(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://kordon.invalid${target}`);
  } catch {
    return null;
  }
}
