// Group commit per key: work for one key runs one batch at a time, and what
// arrives while a batch runs goes, all together, into the next. An idle key's
// first item starts at once (no added latency); a hot key does one batch per
// round trip of its transaction however many items arrive, instead of one
// transaction each queueing on the same row lock.

export interface GroupCommit<Item, Result> {
  submit(key: string, item: Item): Promise<Result>;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** `run` gets a key's batch and returns one result per item, in order; if it throws, every item of the batch fails. */
export function createGroupCommit<Item, Result>(options: {
  run(key: string, items: Item[]): Promise<Result[]>;
  /** Items per batch at most; the rest wait for the next. */
  maxBatch: number;
}): GroupCommit<Item, Result> {
  const queues = new Map<string, { waiting: Pending<Item, Result>[]; running: boolean }>();

  async function drain(key: string): Promise<void> {
    const queue = queues.get(key)!;
    queue.running = true;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, options.maxBatch);
      try {
        const results = await options.run(key, batch.map((pending) => pending.item));
        batch.forEach((pending, index) => pending.resolve(results[index]!));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    queue.running = false;
    queues.delete(key);
  }

  return {
    submit(key, item) {
      return new Promise<Result>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) queues.set(key, (queue = { waiting: [], running: false }));
        queue.waiting.push({ item, resolve, reject });
        if (!queue.running) void drain(key);
      });
    },
  };
}
