// The Socket.IO contract, shared by the server (server/realtime.ts) and every
// client. Requests are `noun:verb` with a typed acknowledgement; pushes are
// `noun:past-participle`. Rooms are `checkpoint:<id>` and `border:<code>`.
import type { ErrorCode, FieldError } from './errors';

/** What every acknowledgement carries. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; fields?: FieldError[] } };

export type AckCallback<T> = (result: Ack<T>) => void;

export interface ServerInfo {
  /** The server's clock, so a client can tell how far its own is off. */
  serverTime: string;
}

export interface ClientToServerEvents {
  /** Asks for the server's time; also a cheap round-trip check for clients. */
  'server:ping': (ack: AckCallback<ServerInfo>) => void;
}

// Filled by the realtime core (estimate:updated and friends).
export type ServerToClientEvents = Record<never, never>;

export const SOCKET_PATH = '/socket.io';
