// Socket.IO, attached to the same HTTP server as Next.js.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../lib/events';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeDeps {
  logger: Logger;
  now?: () => Date;
}

export interface RealtimeOptions {
  /** Leave upgrades on other paths to someone else (Next.js's dev server). */
  shareUpgrades?: boolean;
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps, options: RealtimeOptions = {}): RealtimeServer {
  const now = deps.now ?? (() => new Date());
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    destroyUpgrade: !options.shareUpgrades,
  });

  io.on('connection', (socket) => {
    socket.on('server:ping', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: { serverTime: now().toISOString() } });
    });
  });

  io.engine.on('connection_error', (error: { code: number; message: string }) => {
    deps.logger.debug({ code: error.code, reason: error.message }, 'socket connection refused');
  });

  return io;
}
