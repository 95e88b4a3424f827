import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { straightKm } from '../../lib/trip/drive';
import { routeDrives } from '../../lib/trip/routing';
import { startOsrmStandIn, type OsrmStandIn } from '../helpers/osrm-stand-in';

let osrm: OsrmStandIn;
beforeAll(async () => {
  osrm = await startOsrmStandIn({ factor: 1.5, kmh: 50 });
});
afterAll(() => osrm.close());

const volgograd = { lat: 48.72, lon: 44.5 };
const crossings = [
  { id: 'vishnevka', lat: 49.43, lon: 46.81 },
  { id: 'ozinki', lat: 51.2, lon: 49.91 },
];

describe('driving times from a routing service', () => {
  it('asks its table service once for every crossing from the start, and takes its times and distances', async () => {
    osrm.mode = 'ok';
    const drives = await routeDrives(volgograd, crossings, { baseUrl: osrm.url });
    expect(osrm.requests.at(-1)).toBe('/table/v1/driving/44.50000,48.72000;46.81000,49.43000;49.91000,51.20000?sources=0&annotations=duration,distance');
    const km = straightKm(volgograd, crossings[1]!) * 1.5;
    expect(drives!.get('ozinki')!.km).toBeCloseTo(km, 3);
    expect(drives!.get('ozinki')!.minutes).toBeCloseTo((km / 50) * 60, 3);
    expect(drives!.get('vishnevka')!.source).toBe('routing');
  });

  it('says it could not when the service is down, answers an error, or does not answer in time', async () => {
    osrm.mode = 'error';
    expect(await routeDrives(volgograd, crossings, { baseUrl: osrm.url })).toBeNull();
    // A service that never answers is given up on (without the timeout this would hang until the test's own).
    osrm.mode = 'hang';
    expect(await routeDrives(volgograd, crossings, { baseUrl: osrm.url, timeoutMs: 300 })).toBeNull();
    expect(await routeDrives(volgograd, crossings, { baseUrl: 'http://127.0.0.1:9' })).toBeNull();
  });
});
