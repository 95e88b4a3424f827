// How far and how long a drive to a crossing is, without asking anyone: the
// straight line times a road factor, at an average speed. Labelled "approx."
// wherever it is shown; a routing service, where the operator runs one, does
// better (routing.ts).

export interface Point {
  lat: number;
  lon: number;
}

/** Roads wind: in Russia's south and Kazakhstan the road is about this much longer than the straight line. */
export const ROAD_FACTOR = 1.3;
/** Average speed on the way, km/h: highways, towns, fuel stops and checkpoints of the road police. */
export const AVERAGE_KMH = 70;
const EARTH_RADIUS_KM = 6371;

/** Great-circle distance, km. */
export function straightKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Drive {
  km: number;
  minutes: number;
  /** Straight line × road factor at the average speed (approximate), or a routing service's answer. */
  source: 'estimate' | 'routing';
}

export function estimateDrive(from: Point, to: Point): Drive {
  const km = straightKm(from, to) * ROAD_FACTOR;
  return { km, minutes: (km / AVERAGE_KMH) * 60, source: 'estimate' };
}
