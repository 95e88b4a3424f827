import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LegacyClientToServerEvents, ServerToClientEvents } from '../../lib/events';
import type { Estimate } from '../../lib/estimates/types';
import type { ReportInput } from '../../lib/reports/input';

/** Most tests send reports as pages cached before the key moved to the report did: the key in the handshake. */
export type Client = Socket<ServerToClientEvents, LegacyClientToServerEvents>;
/** What today's page sends: no key at the handshake, the key with each report. */
export type ReportingClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export const newDeviceKey = () => randomBytes(16).toString('base64url');

/** Connects with a fresh device key, the given one, or none (null); `headers` go with the handshake. */
export async function connect(url: string, deviceKey: string | null = newDeviceKey(), headers?: Record<string, string>): Promise<Client> {
  const socket: Client = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: deviceKey ? { deviceKey } : {},
    ...(headers ? { extraHeaders: headers } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves with the next pushed estimate that matches, or rejects after `ms`. */
export function nextUpdate(socket: Client, match: (estimate: Estimate) => boolean = () => true, ms = 5000): Promise<Estimate> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('estimates:updated', listener);
      reject(new Error(`no matching estimate in estimates:updated within ${ms} ms`));
    }, ms);
    const listener = (estimates: Estimate[]) => {
      const found = estimates.find(match);
      if (!found) return;
      clearTimeout(timer);
      socket.off('estimates:updated', listener);
      resolve(found);
    };
    socket.on('estimates:updated', listener);
  });
}

/** Calls `listener` with every estimate the socket is sent, one at a time. */
export function onEachEstimate(socket: Client, listener: (estimate: Estimate) => void): void {
  socket.on('estimates:updated', (estimates) => estimates.forEach(listener));
}

/** A valid report, with `fields` changed; typed as input although tests also send invalid ones. */
export function aReport(fields: Record<string, unknown> = {}): ReportInput {
  return { id: randomUUID(), checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', waitMinutes: 240, ...fields } as ReportInput;
}
