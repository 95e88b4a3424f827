// Socket.IO, attached to the same HTTP server as Next.js. Each handler
// validates, acts through lib/, and acknowledges with data or a coded error.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { PrismaClient } from '../lib/db';
import type { BorderCode } from '../lib/enums';
import { toAppError } from '../lib/errors';
import {
  SOCKET_PATH,
  borderRoom,
  checkpointRoom,
  type Ack,
  type CheckpointStatusUpdate,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type ReportCredentials,
  type SocketAuth,
} from '../lib/events';
import type { SubmitReport } from '../lib/reports/submit-report';
import { listStatusUpdates } from '../lib/checkpoints';
import { listEstimates } from '../lib/estimates/store';
import { isAllowedOrigin } from '../lib/security/origins';
import { resolveSubscription } from '../lib/subscriptions';
import type { CheckpointDirectory } from '../lib/checkpoint-directory';
import { createSnapshotReader } from '../lib/snapshots';
import type { ClientAddress } from './client-address';
import { createConnectionLimiter } from './rate-limits';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Requests refused in a row past which a connection is closed (it was told when to come back, each time). */
const REFUSALS_BEFORE_CLOSE = 30;

/** One connection, as its requests are admitted. */
interface Connection {
  id: string;
  /** Requests refused since the last one admitted. */
  refused: number;
  close: () => void;
}

/** While draining, the socket closes once no request has arrived for this long. */
const QUIET_BEFORE_CLOSE_MS = 100;

export interface RealtimeDeps {
  logger: Logger;
  prisma: PrismaClient;
  submitReport: SubmitReport;
  /** Which checkpoints exist, on which border (in memory). */
  directory: CheckpointDirectory;
  now?: () => Date;
  /** The handshake's client address, for rate limits. */
  clientAddress: ClientAddress;
}

export interface RealtimeOptions {
  /** Leave upgrades on other paths to someone else (Next.js's dev server). */
  shareUpgrades?: boolean;
  /** Browser origins besides this host's own that may connect. */
  allowedOrigins?: readonly string[];
  /** Requests one connection may make a minute (server/rate-limits.ts). */
  requestsPerMinute?: number;
}

/** Sends a moderator's change of a checkpoint to the same rooms, to this node's clients (every node hears it). */
export function publishCheckpointUpdate(io: RealtimeServer, update: CheckpointStatusUpdate, border: BorderCode): void {
  io.local.to([checkpointRoom(update.checkpointId), borderRoom(border)]).emit('checkpoint:updated', update);
}

/**
 * Sends this node's own clients the current estimates and statuses, to the
 * rooms they are in; clients keep only what is newer than what they hold.
 */
export async function resendToLocalClients(io: RealtimeServer, prisma: PrismaClient): Promise<void> {
  const checkpoints = await prisma.checkpoint.findMany({ select: { id: true, border: true } });
  const borders = new Map(checkpoints.map((c) => [c.id, c.border]));
  const [estimates, statuses] = await Promise.all([listEstimates(prisma), listStatusUpdates(prisma, [...borders.keys()])]);
  for (const border of new Set(borders.values())) {
    const batch = estimates.filter((estimate) => borders.get(estimate.checkpointId) === border);
    const rooms = [borderRoom(border), ...new Set(batch.map((estimate) => checkpointRoom(estimate.checkpointId)))];
    if (batch.length > 0) io.local.to(rooms).emit('estimates:updated', batch);
  }
  for (const update of statuses) io.local.to([checkpointRoom(update.checkpointId), borderRoom(borders.get(update.checkpointId)!)]).emit('checkpoint:updated', update);
}

export interface Realtime {
  io: RealtimeServer;
  /**
   * Shutdown, first step: requests already running finish and are acknowledged;
   * new ones are answered `unavailable`, so their clients send them again
   * elsewhere. Resolves when none is left, or after `timeoutMs`.
   */
  drain(timeoutMs: number): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps, options: RealtimeOptions = {}): Realtime {
  const now = deps.now ?? (() => new Date());
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // A report is a few hundred bytes; nothing a client sends needs more.
    maxHttpBufferSize: 16 * 1024,
    destroyUpgrade: !options.shareUpgrades,
    // Checked for polling and WebSocket handshakes alike; CORS alone would not stop a WebSocket.
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req.headers.origin, req.headers.host, options.allowedOrigins ?? []);
      if (!allowed) deps.logger.debug({ origin: req.headers.origin }, 'socket refused: origin not allowed');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  const readSnapshot = createSnapshotReader(deps.prisma);
  const limitConnection = createConnectionLimiter(options.requestsPerMinute);
  let draining = false;
  let lastRefusedAt = 0;
  const running = new Set<Promise<void>>();

  /** Runs one request; only coded errors reach the client, the rest is logged. */
  function reply<T>(event: string, ack: unknown, connection: Connection, work: () => Promise<T>): void {
    // Every request must carry an acknowledgement: without one nobody could learn the outcome.
    if (typeof ack !== 'function') return;
    const respond = ack as (result: Ack<T>) => void;
    if (draining) {
      lastRefusedAt = Date.now();
      respond({ ok: false, error: { code: 'unavailable', message: 'This server is shutting down. Reconnect and send again.' } });
      return;
    }
    const admitted = limitConnection(connection.id).then(
      () => {
        connection.refused = 0;
      },
      (refusal: unknown) => {
        // A page waits when told to; a connection that keeps asking regardless is a script, and answering each
        // refusal would still cost the node most of what answering the request did.
        // Closed once this refusal has gone out.
        if (toAppError(refusal).code === 'rate_limited' && ++connection.refused > REFUSALS_BEFORE_CLOSE) setImmediate(connection.close);
        throw refusal;
      },
    );
    const request = admitted.then(work).then(
      (data) => respond({ ok: true, data }),
      (error: unknown) => {
        const appError = toAppError(error);
        if (appError.code === 'internal') deps.logger.error({ err: error, event }, 'socket request failed');
        respond({ ok: false, error: appError.toPayload() });
      },
    );
    running.add(request);
    void request.finally(() => running.delete(request));
  }

  // The first HTTP request of each connection would otherwise stay in memory as long as the connection
  // does (a few KB each, at tens of thousands of clients): keep only the client's address from it.
  const addresses = new WeakMap<object, string>();
  io.engine.on('connection', (raw: { request: IncomingMessage | null }) => {
    addresses.set(raw, raw.request ? deps.clientAddress(raw.request) : 'unknown');
    raw.request = null;
  });

  io.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as SocketAuth;
    const address = addresses.get(socket.conn) ?? 'unknown';
    const connection: Connection = { id: socket.id, refused: 0, close: () => socket.disconnect(true) };

    socket.on('server:ping', (ack) => reply('server:ping', ack, connection, async () => ({ serverTime: now().toISOString() })));

    socket.on('checkpoint:subscribe', (request, ack) =>
      reply('checkpoint:subscribe', ack, connection, async () => {
        const subscription = await resolveSubscription(deps.directory, request);
        // Join before reading the snapshot, so no update falls between the two.
        await socket.join(subscription.rooms);
        return readSnapshot(subscription.checkpointIds);
      }),
    );

    socket.on('checkpoint:unsubscribe', (request, ack) =>
      reply('checkpoint:unsubscribe', ack, connection, async () => {
        const subscription = await resolveSubscription(deps.directory, request);
        await Promise.all(subscription.rooms.map((room) => socket.leave(room)));
        return {};
      }),
    );

    // (report, { deviceKey, voice | proof }, ack); or, from a page cached before, (report, ack) with the key in the handshake.
    socket.on('report:create', (report: unknown, credentials: unknown, ack?: unknown) => {
      const legacy = ack === undefined && typeof credentials === 'function';
      const given = legacy ? undefined : (credentials as Partial<ReportCredentials> | null | undefined);
      const deviceKey = legacy ? auth.deviceKey : given?.deviceKey;
      reply('report:create', legacy ? credentials : ack, connection, () => deps.submitReport(report, { deviceKey, voice: given?.voice, proof: given?.proof, address }));
    });
  });

  io.engine.on('connection_error', (error: { code: number; message: string }) => {
    deps.logger.debug({ code: error.code, reason: error.message }, 'socket connection refused');
  });

  async function drain(timeoutMs: number): Promise<void> {
    draining = true;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...running]), timedOut]);
    clearTimeout(timer);
    // Requests already on the wire still arrive: answer each (`unavailable`, so its client sends it
    // again elsewhere) until none has come for a moment, rather than close on them unanswered.
    lastRefusedAt = Math.max(lastRefusedAt, Date.now());
    while (Date.now() - lastRefusedAt < QUIET_BEFORE_CLOSE_MS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_CLOSE_MS / 4));
    }
  }

  return { io, drain };
}
