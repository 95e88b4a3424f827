// Sends changed estimates to clients, packed: every border room gets at most
// one `estimates:updated` per window, carrying the newest version of each
// estimate that changed in it. A quiet border's first change goes out at
// once; under a burst of reports each subscriber gets a few messages a second
// instead of one per report (bench/ingest.ts: one write per subscriber per
// report is what capped ingest at about 230 reports/s with 100 subscribers).
import type { BorderCode } from '../lib/enums';
import type { Estimate } from '../lib/estimates/types';
import { borderRoom, checkpointRoom } from '../lib/events';
import type { RealtimeServer } from './realtime';

export interface EstimateBroadcaster {
  publish(estimate: Estimate, border: BorderCode): void;
  /** Sends what is pending now (shutdown). */
  flush(): void;
  stop(): void;
}

const key = (e: Estimate) => `${e.checkpointId}/${e.direction}/${e.mode}`;

export function createEstimateBroadcaster(io: RealtimeServer, options: { windowMs: number }): EstimateBroadcaster {
  const borders = new Map<BorderCode, { pending: Map<string, Estimate>; timer: NodeJS.Timeout | null; lastSent: number }>();

  function send(border: BorderCode): void {
    const state = borders.get(border)!;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    if (state.pending.size === 0) return;
    const batch = [...state.pending.values()];
    state.pending.clear();
    state.lastSent = Date.now();
    // One emit to the border and to the checkpoints in the batch: each client once. A client that
    // watches one checkpoint gets its border's batch too; it keeps what is newer, as always. Only this
    // node's clients: every node hears every change (lib/domain-events.ts) and sends its own.
    io.local.to([borderRoom(border), ...new Set(batch.map((estimate) => checkpointRoom(estimate.checkpointId)))]).emit('estimates:updated', batch);
  }

  return {
    publish(estimate, border) {
      let state = borders.get(border);
      if (!state) borders.set(border, (state = { pending: new Map(), timer: null, lastSent: 0 }));
      const held = state.pending.get(key(estimate));
      if (!held || held.version < estimate.version) state.pending.set(key(estimate), estimate);
      if (state.timer) return;
      state.timer = setTimeout(() => send(border), Math.max(0, state.lastSent + options.windowMs - Date.now()));
      state.timer.unref();
    },
    flush() {
      for (const border of borders.keys()) send(border);
    },
    stop() {
      for (const state of borders.values()) if (state.timer) clearTimeout(state.timer);
    },
  };
}
