'use client';
// One Socket.IO connection for the page: joins the rooms of what is on screen,
// hands every pushed estimate to the page, and after a reconnect joins again
// and takes a fresh snapshot (rooms do not survive a new connection).
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { BorderCode } from '../../lib/enums';
import type { Estimate } from '../../lib/estimates/types';
import {
  SOCKET_PATH,
  type Ack,
  type CheckpointStatusUpdate,
  type ClientToServerEvents,
  type ReportCreated,
  type ServerToClientEvents,
  type SubscriptionRequest,
} from '../../lib/events';
import type { ReportInput } from '../../lib/reports/input';
import { noteServerTime } from './server-clock';

/** The device's proof of work and voice: not in the first script, and started once the page has settled. */
const loadVoice = () => import('./device-voice');
/** After the page's own first load, so that on a weak link the proof's few KB do not compete with it. */
const PROOF_START_DELAY_MS = 3000;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';
type KordonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Wanted {
  ids: readonly string[];
  borders: readonly BorderCode[];
}

/** What sending a report came to: the server's answer, no answer, or held until the device's proof of work is made. */
export type SubmitOutcome = Ack<ReportCreated> | { ok: false; error: { code: 'timeout' | 'proof_pending'; message: string } };

const ACK_TIMEOUT_MS = 10_000;

function roomsOf(wanted: Wanted): Set<string> {
  return new Set([...wanted.ids.map((id) => `c:${id}`), ...wanted.borders.map((code) => `b:${code}`)]);
}

function requestOf(rooms: Iterable<string>): SubscriptionRequest {
  const ids: string[] = [];
  const borders: BorderCode[] = [];
  for (const room of rooms) {
    if (room.startsWith('c:')) ids.push(room.slice(2));
    else borders.push(room.slice(2) as BorderCode);
  }
  return { ids, borders };
}

export function useRealtime(options: {
  wanted: Wanted;
  onEstimates: (estimates: Estimate[]) => void;
  onCheckpointUpdate: (update: CheckpointStatusUpdate) => void;
  onReconnect: () => void;
}) {
  const [state, setState] = useState<ConnectionState>('connecting');
  // An attempt failed or the connection was lost since the last success: what the page shows may be old.
  const [cutOff, setCutOff] = useState(false);
  const socketRef = useRef<KordonSocket | null>(null);
  const joined = useRef(new Set<string>());
  const wanted = useRef(roomsOf(options.wanted));
  const handlers = useRef(options);
  handlers.current = options;
  wanted.current = roomsOf(options.wanted);

  const subscribe = (socket: KordonSocket, rooms: Set<string>) => {
    if (rooms.size === 0) return;
    for (const room of rooms) joined.current.add(room);
    socket.emit('checkpoint:subscribe', requestOf(rooms), (result) => {
      if (result.ok) {
        handlers.current.onEstimates(result.data.estimates);
        for (const update of result.data.checkpoints) handlers.current.onCheckpointUpdate(update);
        return;
      }
      for (const room of rooms) joined.current.delete(room);
      // Past what one connection may ask a minute (a very quick hand): again when the server says, what is still wanted.
      if (result.error.code === 'rate_limited') {
        setTimeout(() => {
          if (socket.connected) subscribe(socket, new Set([...wanted.current].filter((room) => !joined.current.has(room))));
        }, (result.error.retryAfter ?? 5) * 1000);
      }
    });
  };

  useEffect(() => {
    // With no network, retrying only drains a phone's battery: the socket waits for the browser's `online`.
    // No device key here: it is made on the first report and sent only with reports.
    const socket: KordonSocket = io({ path: SOCKET_PATH, autoConnect: navigator.onLine });
    socketRef.current = socket;
    let connectedBefore = false;
    const offlineOr = (otherwise: ConnectionState) => (navigator.onLine ? otherwise : 'offline');

    socket.on('connect', () => {
      setState('live');
      setCutOff(false);
      joined.current.clear();
      subscribe(socket, wanted.current);
      const sentAt = Date.now();
      const started = performance.now();
      socket.emit('server:ping', (result) => {
        if (result.ok) noteServerTime({ sentAt, roundTripMs: performance.now() - started, serverTime: result.data.serverTime });
      });
      if (connectedBefore) handlers.current.onReconnect();
      connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      setState(offlineOr('reconnecting'));
      setCutOff(true);
      // A server that closes our socket on purpose (shutting down) is not retried by
      // Socket.IO on its own; another node, or the same one restarted, will take us.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.io.on('reconnect_attempt', () => setState(offlineOr('reconnecting')));
    socket.on('connect_error', () => {
      setState(offlineOr(connectedBefore ? 'reconnecting' : 'connecting'));
      setCutOff(true);
    });
    socket.on('estimates:updated', (estimates) => handlers.current.onEstimates(estimates));
    socket.on('checkpoint:updated', (update) => handlers.current.onCheckpointUpdate(update));

    const wentOffline = () => {
      // Closed on purpose, which also stops Socket.IO's retries (toggling its `reconnection` instead
      // can leave a pending retry that blocks the next connect).
      socket.disconnect();
      setState('offline');
      setCutOff(true);
    };
    if (!navigator.onLine) wentOffline();
    const cameOnline = () => {
      setState(socket.connected ? 'live' : 'reconnecting');
      // Do not wait for the back-off timer once the phone has signal again.
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameOnline);
    return () => {
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  const wantedKey = [...wanted.current].sort().join(' ');
  useEffect(() => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    const added = new Set([...wanted.current].filter((room) => !joined.current.has(room)));
    const removed = [...joined.current].filter((room) => !wanted.current.has(room));
    subscribe(socket, added);
    if (removed.length > 0) {
      for (const room of removed) joined.current.delete(room);
      socket.emit('checkpoint:unsubscribe', requestOf(removed), () => undefined);
    }
  }, [wantedKey]);

  useEffect(() => {
    // While the person reads: once the page has loaded and the browser is idle, so that their first report need not
    // wait for it, and the page's first load is not slowed by it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      timer = setTimeout(() => void loadVoice().then((voice) => voice.prepareVoice()), PROOF_START_DELAY_MS);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    return () => {
      window.removeEventListener('load', start);
      clearTimeout(timer);
    };
  }, []);

  const submit = async (report: ReportInput): Promise<SubmitOutcome> => {
    const socket = socketRef.current;
    if (!socket) return { ok: false, error: { code: 'timeout', message: 'not connected' } };
    const voice = await loadVoice();
    // Without a proof yet the report goes anyway: the server checks it at once, and hears a few new devices of an
    // address without one. Where those are used up, it waits for the proof.
    const proven = voice.voiceCredentials();
    const credentials = proven ?? { deviceKey: voice.currentDeviceKey() };
    // On the phone's own clock, as the report's times are: the server moves them onto its own by the difference.
    const sent = { ...report, sentAt: new Date().toISOString() };
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('report:create', sent, credentials, (error: Error | null, result?: Ack<ReportCreated>) => {
        if (error || !result) return resolve({ ok: false, error: { code: 'timeout', message: 'no answer from the server' } });
        if (result.ok && result.data.voice) voice.keepVoice(credentials.deviceKey, result.data.voice);
        if (!result.ok && result.error.code === 'proof_required') {
          // A proof that was refused (spent, expired) is made again; one still being made is waited for.
          if (proven) voice.forgetProof();
          return resolve({ ok: false, error: { code: 'proof_pending', message: 'the device is making its proof of work' } });
        }
        resolve(result);
      });
    });
  };

  return { state, cutOff, submit };
}
