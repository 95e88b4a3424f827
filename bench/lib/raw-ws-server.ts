// The yardstick for bench/fanout.ts: a minimal broadcast server on the raw
// `ws` package, no rooms, no protocol, one JSON string sent to every open
// socket. Driven over IPC: `broadcast` sends a message, `stats` reports memory.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });

process.on('message', (message: { type: string; payload?: Record<string, unknown> }) => {
  if (message.type === 'broadcast') {
    const data = JSON.stringify({ ...message.payload, sentAt: Date.now() });
    for (const client of wss.clients) client.send(data);
  } else if (message.type === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    process.send!({ type: 'stats', heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external, cpu: process.cpuUsage() });
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send!({ type: 'ready', port: address.port });
});
