// The snapshot a subscription is answered with (estimates and moderators'
// statuses of what it covers), read for many subscriptions at once: after a
// node restarts, thousands of clients reconnect within seconds, and one query
// per batch replaces one per client. Every caller in a batch joined its rooms
// before the batch's read began, so no update can fall between the two.
import { listStatusUpdates } from './checkpoints';
import type { Db } from './db';
import { listEstimates } from './estimates/store';
import type { Snapshot } from './events';

interface Waiter {
  ids: ReadonlySet<string>;
  resolve(snapshot: Snapshot): void;
  reject(error: unknown): void;
}

export function createSnapshotReader(db: Db): (checkpointIds: readonly string[]) => Promise<Snapshot> {
  let batch: Waiter[] | null = null;

  async function read(waiters: Waiter[]): Promise<void> {
    const ids = [...new Set(waiters.flatMap((waiter) => [...waiter.ids]))];
    try {
      const [estimates, statuses] = await Promise.all([listEstimates(db, ids), listStatusUpdates(db, ids)]);
      for (const waiter of waiters) {
        waiter.resolve({
          estimates: estimates.filter((estimate) => waiter.ids.has(estimate.checkpointId)),
          checkpoints: statuses.filter((status) => waiter.ids.has(status.checkpointId)),
        });
      }
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }

  return (checkpointIds) =>
    new Promise<Snapshot>((resolve, reject) => {
      if (batch === null) {
        const waiters: Waiter[] = [];
        batch = waiters;
        // Everything that asks before the event loop comes round again shares this read.
        setImmediate(() => {
          batch = null;
          void read(waiters);
        });
      }
      batch.push({ ids: new Set(checkpointIds), resolve, reject });
    });
}
