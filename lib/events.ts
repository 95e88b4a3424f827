// The Socket.IO contract, shared by the server (server/realtime.ts) and every
// client. Requests are `noun:verb` with a typed acknowledgement; pushes are
// `noun:past-participle`. Rooms are `checkpoint:<id>` and `border:<code>`.
import type { BorderCode, CheckpointStatus, Mode } from './enums';
import type { ErrorBody } from './errors';
import type { Estimate } from './estimates/types';
import type { ReportInput } from './reports/input';
import type { PublicReport } from './reports/store';

/** What every acknowledgement carries. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] };

export type AckCallback<T> = (result: Ack<T>) => void;

export interface ServerInfo {
  /** The server's clock, so a client can tell how far its own is off. */
  serverTime: string;
}

/** Checkpoints by id, whole borders, or both. */
export interface SubscriptionRequest {
  ids?: string[];
  borders?: BorderCode[];
}

/** Everything a subscription covers, as it stands: what a client that was away has missed. */
export interface Snapshot {
  estimates: Estimate[];
  /** A moderator's latest status and note for each covered checkpoint that has one. */
  checkpoints: CheckpointStatusUpdate[];
}

export interface ReportCreated {
  report: PublicReport;
  estimate: Estimate;
  /** True when this id was stored before: the first result, nothing stored twice. */
  duplicate: boolean;
  /** The device's voice token once it has proved its work: later reports send it instead of a proof. */
  voice?: string;
}

export interface ClientToServerEvents {
  /** Asks for the server's time; also a cheap round-trip check for clients. */
  'server:ping': (ack: AckCallback<ServerInfo>) => void;
  /** Joins the rooms and returns what it covers as it stands now (the snapshot). */
  'checkpoint:subscribe': (request: SubscriptionRequest, ack: AckCallback<Snapshot>) => void;
  'checkpoint:unsubscribe': (request: SubscriptionRequest, ack: AckCallback<Record<string, never>>) => void;
  /**
   * Acknowledged once the report is committed. The device key travels with the report, never with
   * the connection: a page that only looks sends none. (Pages cached before this carried it in the
   * handshake's `auth` and send `(report, ack)`; the server still takes that.)
   */
  'report:create': (report: ReportInput, credentials: ReportCredentials, ack: AckCallback<ReportCreated>) => void;
}

/** A moderator changed a checkpoint's status, its note, or the modes it takes reports for. */
export interface CheckpointStatusUpdate {
  checkpointId: string;
  status: CheckpointStatus;
  statusNote: string | null;
  /** The modes reports are taken for now: the catalogue's, with what a moderator opened or closed. */
  modes: Mode[];
  /** When a moderator last changed any of these. */
  statusUpdatedAt: string;
}

export interface ServerToClientEvents {
  /**
   * Estimates of one border that changed, newest version of each, at most one batch per border per
   * 250 ms: to `border:<code>` and to the `checkpoint:<id>` rooms of the estimates in it, each client
   * once. Keep the highest `version` per checkpoint × direction × mode.
   */
  'estimates:updated': (estimates: Estimate[]) => void;
  /** To `checkpoint:<id>` and `border:<code>`; the newest `statusUpdatedAt` wins. */
  'checkpoint:updated': (update: CheckpointStatusUpdate) => void;
}

/** The Socket.IO handshake `auth` a client sends. */
/**
 * What pages cached before the key moved to the report send: `report:create` as (report, ack), the key
 * in the handshake's `auth` (SocketAuth). The server takes both; tests drive this form too.
 */
export type LegacyClientToServerEvents = Omit<ClientToServerEvents, 'report:create'> & {
  'report:create': (report: ReportInput, ack: AckCallback<ReportCreated>) => void;
};

/**
 * What proves one device: its key, sent with each report only, and its voice: the token its first stored
 * report was answered with, or, until it has one, the proof of work it made (docs/api.md).
 */
export interface ReportCredentials {
  deviceKey: string;
  voice?: string;
  proof?: DeviceProof;
}

/** A proof of work: a challenge from `GET /api/proof-challenge` as the server signed it, and its solution. */
export interface DeviceProof {
  challenge: ProofChallenge;
  solution: { counter: number; derivedKey: string };
}

/** ALTCHA's proof-of-work challenge (v2), as `GET /api/proof-challenge` sends it. */
export interface ProofChallenge {
  parameters: { algorithm: string; nonce: string; salt: string; cost: number; keyLength: number; keyPrefix: string; keySignature?: string; expiresAt?: number };
  signature?: string;
}

/** The handshake's `auth`, as pages cached before reports carried their key sent it. */
export interface SocketAuth {
  deviceKey?: string;
}

export const SOCKET_PATH = '/socket.io';

export const checkpointRoom = (id: string) => `checkpoint:${id}`;
export const borderRoom = (code: BorderCode) => `border:${code}`;
