// A small local stand-in for an OSRM routing service: it speaks the `table`
// service's protocol (GET /table/v1/driving/{lon,lat;...}?sources=0&annotations=duration,distance)
// and answers with durations and distances made from the straight line, so a
// test knows what to expect; it can also be made to fail or to hang.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { straightKm } from '../../lib/trip/drive';

export interface OsrmStandIn {
  url: string;
  /** Every path asked for. */
  requests: string[];
  mode: 'ok' | 'error' | 'hang';
  close(): Promise<void>;
}

/** Answers at `kmh` along a road `factor` times the straight line. */
export async function startOsrmStandIn(options: { factor?: number; kmh?: number } = {}): Promise<OsrmStandIn> {
  const factor = options.factor ?? 1.5;
  const kmh = options.kmh ?? 50;
  const requests: string[] = [];
  const standIn: OsrmStandIn = { url: '', requests, mode: 'ok', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (standIn.mode === 'hang') return;
    const match = /^\/table\/v1\/driving\/([^?]+)\?(.*)$/.exec(req.url ?? '');
    if (standIn.mode === 'error' || !match) {
      res.writeHead(standIn.mode === 'error' ? 503 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'InvalidUrl' }));
      return;
    }
    const points = match[1]!.split(';').map((pair) => {
      const [lon, lat] = pair.split(',').map(Number);
      return { lat: lat!, lon: lon! };
    });
    const km = points.map((point) => straightKm(points[0]!, point) * factor);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'Ok', durations: [km.map((d) => (d / kmh) * 3600)], distances: [km.map((d) => d * 1000)] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standIn;
}
