// Driving times from a routing service the operator runs (ROUTING_URL, any
// OSRM-compatible server: its `table` service), for the list's "from" on the
// server. Where it is not set, does not answer in time or answers nonsense,
// the caller falls back to the estimate (drive.ts). Only the start and the
// crossings' positions are sent, and only to that server.
import type { Drive, Point } from './drive';

export interface RoutingOptions {
  /** The service's base, e.g. http://osrm.internal:5000 */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const position = (point: Point) => `${point.lon.toFixed(5)},${point.lat.toFixed(5)}`;

/** Drives from `start` to each destination by id, or null when the service could not say. */
export async function routeDrives(start: Point, destinations: readonly (Point & { id: string })[], options: RoutingOptions): Promise<Map<string, Drive> | null> {
  if (destinations.length === 0) return new Map();
  const url = `${options.baseUrl.replace(/\/+$/, '')}/table/v1/driving/${[start, ...destinations].map(position).join(';')}?sources=0&annotations=duration,distance`;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
    if (!response.ok) return null;
    const body = (await response.json()) as { code?: string; durations?: (number | null)[][]; distances?: (number | null)[][] };
    const durations = body.durations?.[0];
    const distances = body.distances?.[0];
    if (body.code !== 'Ok' || !durations || !distances) return null;
    const drives = new Map<string, Drive>();
    destinations.forEach((destination, i) => {
      const seconds = durations[i + 1];
      const metres = distances[i + 1];
      // No road found to this one: leave it to the estimate.
      if (typeof seconds === 'number' && typeof metres === 'number' && seconds >= 0 && metres >= 0) {
        drives.set(destination.id, { km: metres / 1000, minutes: seconds / 60, source: 'routing' });
      }
    });
    return drives;
  } catch {
    return null;
  }
}

/**
 * `routeDrives` with at most `limit` questions to the service at once; past that it answers null at once, and the
 * caller estimates. Anyone can ask /list for a start, so a flood of such requests would otherwise pile up on the
 * operator's routing service, and every honest one behind them would wait its 2 s and still get the estimate.
 */
export function routeWithin(limit: number, route: typeof routeDrives = routeDrives): typeof routeDrives {
  let asking = 0;
  return async (start, destinations, options) => {
    if (asking >= limit) return null;
    asking += 1;
    try {
      return await route(start, destinations, options);
    } finally {
      asking -= 1;
    }
  };
}
