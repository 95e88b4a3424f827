// A Socket.IO client speaking the wire protocol (Engine.IO 4 over WebSocket)
// directly on `ws`, for the load generators: as lean as a raw WebSocket
// client, so the benchmarks measure the server, not socket.io-client's own
// parsing on the same few cores. Events only, no binary, the main namespace.
import WebSocket from 'ws';

export interface WireClient {
  /** Sends an event with an acknowledgement; resolves with the acknowledgement's argument. */
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: never) => void): void;
  close(): void;
}

export function connectWire(url: string, options: { localAddress?: string; auth?: object } = {}): Promise<WireClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { localAddress: options.localAddress, perMessageDeflate: false });
    const acks = new Map<number, (value: unknown) => void>();
    const listeners = new Map<string, (payload: never) => void>();
    let nextAck = 0;
    const client: WireClient = {
      emitWithAck: (event, payload) =>
        new Promise((done) => {
          const id = nextAck++;
          acks.set(id, done);
          socket.send(`42${id}${JSON.stringify([event, payload])}`);
        }),
      on: (event, listener) => void listeners.set(event, listener),
      close: () => socket.close(),
    };
    socket.once('error', reject);
    socket.on('message', (data) => {
      const text = String(data);
      if (text === '2') return socket.send('3'); // ping → pong
      if (text.startsWith('0')) return socket.send(`40${options.auth ? JSON.stringify(options.auth) : ''}`); // open → connect
      if (text.startsWith('44')) return reject(new Error(`refused: ${text.slice(2)}`)); // connect_error
      if (text.startsWith('40')) return resolve(client);
      if (text.startsWith('43')) {
        const bracket = text.indexOf('[');
        const id = Number(text.slice(2, bracket));
        acks.get(id)?.((JSON.parse(text.slice(bracket)) as unknown[])[0]);
        acks.delete(id);
      } else if (text.startsWith('42')) {
        const [event, payload] = JSON.parse(text.slice(2)) as [string, never];
        listeners.get(event)?.(payload);
      }
    });
  });
}
