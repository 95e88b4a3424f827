// A load generator for bench/fanout.ts, in a process of its own: it holds
// many subscribed clients, Socket.IO ones against Kordon or plain WebSocket
// ones against the raw `ws` server, and records how long each broadcast took
// to reach each of them. Driven over IPC by the parent.
import WebSocket from 'ws';

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

/**
 * A subscriber speaking Socket.IO's wire protocol (Engine.IO 4 over WebSocket) directly on `ws`, as
 * lean as the raw clients below: the benchmark measures the servers, and socket.io-client's own
 * parsing, on the same two cores, would be charged to Kordon's delivery times.
 */
function connectSocketIo(url: string, localAddress: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { localAddress, perMessageDeflate: false });
    closers.push(() => socket.close());
    socket.once('error', () => resolve(false));
    socket.on('message', (data) => {
      const text = String(data);
      if (text === '2') return socket.send('3'); // ping → pong
      if (text.startsWith('0')) return socket.send('40'); // open → connect to the main namespace
      if (text.startsWith('40')) return socket.send('420["checkpoint:subscribe",{"borders":["KZ"]}]');
      if (text.startsWith('430')) return resolve((JSON.parse(text.slice(3)) as [{ ok: boolean }])[0].ok);
      if (text.startsWith('42')) {
        const [event, estimate] = JSON.parse(text.slice(2)) as [string, { checkpointId: string; version: number; updatedAt: string }];
        if (event === 'estimate:updated') record(`${estimate.checkpointId}/${estimate.version}`, Date.parse(estimate.updatedAt));
      }
    });
  });
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
