// What a node defends by itself at the TCP level, before HTTP: a connection
// that has sent nothing within a few seconds is closed (Node's own request and
// header timeouts start only once bytes arrive), and the node holds at most so
// many connections at once, below its file-descriptor limit, so that no client
// can spend the process's descriptors and shut everyone else out. When it is
// full, a new connection is taken from the address holding the most
// (server/connection-shares.ts), never refused to a lighter one: a cap per
// address let one script behind a carrier NAT shut out every phone sharing it.
// Proxies named in TRUST_PROXY are counted but never given up: every client
// behind them shares their address, and the proxy limits them itself.
// docs/operations.md says what belongs to the proxy in front instead.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { createConnectionShares } from './connection-shares';

export interface ConnectionGuardOptions {
  /** A connection that has sent no byte after this long is closed. */
  firstByteMs: number;
  /** Open connections the node holds at most (connectionCapacity). */
  capacity: number;
  /** The key an address is counted by (IPv4 unmapped, IPv6 by its prefix). */
  keyOf: (address: string) => string;
  /** Addresses never given up (trusted proxies). */
  exempt: (address: string) => boolean;
  logger: Logger;
}

/** Descriptors kept free for everything else a node opens: the database, Redis, files, its listening sockets. */
const RESERVED_DESCRIPTORS = 256;

/** The process's soft limit on open files, where the system says (Linux's /proc); null elsewhere. */
export function openFileLimit(limitsFile = '/proc/self/limits'): number | null {
  try {
    const line = readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/** What the node may hold: as configured, but never so many that the descriptors run out first. */
export function connectionCapacity(configured: number, fileLimit: number | null): number {
  if (fileLimit === null) return configured;
  return Math.max(1, Math.min(configured, Math.max(fileLimit - RESERVED_DESCRIPTORS, Math.floor(fileLimit / 2))));
}

export function guardConnections(server: Server, options: ConnectionGuardOptions): { openConnections: () => number } {
  const shares = createConnectionShares<Socket>();
  // Every connection the node holds; one it closes to make room leaves at once, not when its close event comes.
  const held = new Set<Socket>();
  let fullSince = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const exempt = options.exempt(address);
    if (held.size >= options.capacity) {
      const taken = shares.takenFromHeaviest();
      if (!taken) {
        // Full of a trusted proxy's connections: nothing to take back; the proxy's own limits apply.
        socket.destroy();
        return;
      }
      shares.remove(taken.key, taken.member);
      held.delete(taken.member);
      taken.member.destroy();
      // Once a minute at most: a flood must not flood the log too. The address is never logged.
      if (Date.now() - fullSince > 60_000) {
        fullSince = Date.now();
        options.logger.warn({ capacity: options.capacity }, 'the node holds all the connections it may; a new one closes one of the address holding the most');
      }
    }
    held.add(socket);
    socket.once('close', () => held.delete(socket));
    // Nothing received yet when the time is up: a client that will not speak, holding a descriptor.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, options.firstByteMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
    if (exempt) return;
    const key = options.keyOf(address);
    shares.add(key, socket);
    socket.once('close', () => shares.remove(key, socket));
  });
  return { openConnections: () => held.size };
}
