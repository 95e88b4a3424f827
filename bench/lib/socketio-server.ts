// The middle yardstick for bench/fanout.ts: Socket.IO with nothing of
// Kordon's (no database, no Next.js, no handlers but a subscription that
// joins a room), so the figures split into what raw `ws` costs, what
// Socket.IO adds, and what Kordon adds. Driven over IPC like the raw server.
import { createServer, type IncomingMessage } from 'node:http';
import { Server } from 'socket.io';

const server = createServer();
const io = new Server(server, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
io.engine.on('connection', (raw: { request: IncomingMessage | null }) => {
  raw.request = null;
});
io.on('connection', (socket) => {
  // The rooms Kordon would join for the same request, so memory per client compares fairly.
  socket.on('checkpoint:subscribe', (request: { borders?: string[] }, ack: (reply: unknown) => void) => {
    void socket.join((request.borders ?? []).map((border) => `border:${border}`));
    ack({ ok: true, data: { estimates: [], checkpoints: [] } });
  });
});

process.on('message', (message: { type: string; payload?: Record<string, unknown> }) => {
  if (message.type === 'broadcast') {
    io.to('border:KZ').emit('estimates:updated', [{ ...message.payload, updatedAt: new Date().toISOString() }]);
  } else if (message.type === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    process.send!({ type: 'stats', heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external, cpu: process.cpuUsage() });
  }
});
server.listen(0, '127.0.0.1', () => process.send!({ type: 'ready', port: (server.address() as { port: number }).port }));
