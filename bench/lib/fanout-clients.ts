// A load generator for bench/fanout.ts, in a process of its own: it holds
// many subscribed clients, Socket.IO ones against Kordon or plain WebSocket
// ones against the raw `ws` server, and records how long each broadcast took
// to reach each of them. Driven over IPC by the parent.
import WebSocket from 'ws';
import { connectWire } from './wire-client';

/** Subscribers listen to every border, so they hear whatever is reported. */
const BORDERS = ['FI', 'GE', 'KZ', 'MN'];

type Protocol = 'socket.io' | 'ws';
type Command =
  | { type: 'connect'; protocol: Protocol; url: string; count: number; addresses: string[] }
  | { type: 'collect' }
  | { type: 'disconnect' };

/** Message id → the latency (ms) of each client that got it. */
let received = new Map<string, number[]>();
let closers: (() => void)[] = [];
const CONNECTING_AT_ONCE = 200;

function record(id: string, sentAt: number): void {
  const latency = Date.now() - sentAt;
  const list = received.get(id);
  if (list) list.push(latency);
  else received.set(id, [latency]);
}

/** A Socket.IO subscriber on the wire client: lean, so the figures are the server's. */
async function connectSocketIo(url: string, localAddress: string): Promise<boolean> {
  try {
    const client = await connectWire(url, { localAddress });
    closers.push(() => client.close());
    client.on('estimates:updated', (estimates: { checkpointId: string; version: number; updatedAt: string }[]) => {
      for (const estimate of estimates) record(`${estimate.checkpointId}/${estimate.version}`, Date.parse(estimate.updatedAt));
    });
    const ack = (await client.emitWithAck('checkpoint:subscribe', { borders: BORDERS })) as { ok: boolean };
    return ack.ok;
  } catch {
    return false;
  }
}

function connectWs(url: string, localAddress: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { localAddress, perMessageDeflate: false });
    closers.push(() => socket.close());
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: string; sentAt: number };
      record(message.id, message.sentAt);
    });
    socket.once('error', () => resolve(false));
    socket.once('open', () => resolve(true));
  });
}

async function connect(command: Extract<Command, { type: 'connect' }>): Promise<{ connected: number; failed: number }> {
  let connected = 0;
  let failed = 0;
  for (let start = 0; start < command.count; start += CONNECTING_AT_ONCE) {
    const batch = Array.from({ length: Math.min(CONNECTING_AT_ONCE, command.count - start) }, (_, i) => {
      const address = command.addresses[(start + i) % command.addresses.length]!;
      return command.protocol === 'socket.io' ? connectSocketIo(command.url, address) : connectWs(command.url, address);
    });
    for (const ok of await Promise.all(batch)) ok ? (connected += 1) : (failed += 1);
  }
  return { connected, failed };
}

process.on('message', (command: Command) => {
  void (async () => {
    if (command.type === 'connect') {
      received = new Map();
      process.send!({ type: 'connected', ...(await connect(command)) });
    } else if (command.type === 'collect') {
      process.send!({ type: 'collected', received: Object.fromEntries(received) });
      received = new Map();
    } else if (command.type === 'disconnect') {
      for (const close of closers) close();
      closers = [];
      process.send!({ type: 'disconnected' });
    }
  })();
});
process.send!({ type: 'ready' });
