// What happens in the domain, as every channel hears it: an estimate changed,
// a moderator changed a checkpoint, reports were stored or hidden. The domain
// (lib/kordon.ts) publishes them on a bus; the Socket.IO broadcaster, the read
// cache, the checkpoint directory (and alerts) consume them. In one process
// the bus is this one; with several nodes server/redis-bus.ts carries every
// event to every node, each node's consumers hearing each event once.
import type { BorderCode } from './enums';
import type { Estimate } from './estimates/types';
import type { CheckpointStatusUpdate } from './events';

export type KordonEvent =
  | { type: 'estimate:changed'; estimate: Estimate; border: BorderCode }
  | { type: 'checkpoint:changed'; update: CheckpointStatusUpdate; border: BorderCode }
  /** Reports of these checkpoints were stored, hidden or shown again (`all`: of any checkpoint). */
  | { type: 'reports:changed'; checkpointIds: string[] | 'all' };

export type KordonListener = (event: KordonEvent) => void;

export interface EventBus {
  publish(event: KordonEvent): void;
  /** Hears every event from now on, of this node and (through Redis) every other; returns the way to stop. */
  subscribe(listener: KordonListener): () => void;
}

/**
 * The bus of one process. A listener that throws is reported to `onError` and the others still hear the
 * event: one consumer's fault must never keep an estimate from the rest.
 */
export function createLocalBus(onError: (error: unknown, event: KordonEvent) => void = () => {}): EventBus {
  const listeners = new Set<KordonListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
