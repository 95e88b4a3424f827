// What a node defends by itself at the TCP level, before HTTP: a connection
// that has sent nothing within a few seconds is closed (Node's own request and
// header timeouts start only once bytes arrive), and one address holds at most
// so many connections at once, so that a single client cannot spend the
// process's file descriptors and shut everyone else out. Proxies named in
// TRUST_PROXY are exempt: every client behind them shares their address.
// docs/operations.md says what belongs to the proxy in front instead.
import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ConnectionGuardOptions {
  /** A connection that has sent no byte after this long is closed. */
  firstByteMs: number;
  /** Open connections one address may hold; the next is closed at once. */
  perAddress: number;
  /** The key an address is counted by (IPv4 unmapped, IPv6 by its prefix). */
  keyOf: (address: string) => string;
  /** Addresses not counted (trusted proxies). */
  exempt: (address: string) => boolean;
  logger: Logger;
}

export function guardConnections(server: Server, options: ConnectionGuardOptions): { openConnections: () => number } {
  const open = new Map<string, number>();
  let refusedSince = 0;
  let total = 0;
  server.on('connection', (socket) => {
    total += 1;
    socket.once('close', () => (total -= 1));
    const address = socket.remoteAddress ?? 'unknown';
    // Nothing received yet when the time is up: a client that will not speak, holding a descriptor.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, options.firstByteMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
    if (options.exempt(address)) return;
    const key = options.keyOf(address);
    const count = open.get(key) ?? 0;
    if (count >= options.perAddress) {
      socket.destroy();
      // Once a minute at most: a flood must not flood the log too. The address is never logged.
      if (Date.now() - refusedSince > 60_000) {
        refusedSince = Date.now();
        options.logger.warn({ perAddress: options.perAddress }, 'an address reached its connection limit; its further connections are closed');
      }
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
  return { openConnections: () => total };
}
