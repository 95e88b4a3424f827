// Public reads that many people make at once (the list, a busy crossing's
// page) are the same for every reader for a few seconds. One computation
// serves them all: a fresh answer is kept for `ttlMs`, readers that arrive
// while it is being computed wait for that one, and at most `maxConcurrent`
// computations run at once, so a crowd of readers cannot fill the event loop
// and the database pool and starve reports and health checks. Beyond
// `maxWaiting` queued computations a read is refused as unavailable, with a
// retry time, rather than queued for ever.
import { AppError } from './errors';

export interface ReadCacheOptions {
  ttlMs: number;
  maxConcurrent: number;
  maxWaiting: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries: number;
  now?: () => number;
}

export interface ReadCache {
  read<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Forgets every entry whose key starts with `prefix` (all with none): its data changed. */
  invalidate(prefix?: string): void;
}

export function createReadCache(options: ReadCacheOptions): ReadCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  let running = 0;
  const waiting: (() => void)[] = [];

  const slot = async () => {
    if (running < options.maxConcurrent) {
      running += 1;
      return;
    }
    if (waiting.length >= options.maxWaiting) throw new AppError('unavailable', 'Too many readers at once; try again in a second.', undefined, 1);
    // The slot is handed over by the computation that ends, so `running` stays counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    read<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && now() - hit.at < options.ttlMs) return hit.value as Promise<T>;
      const value = (async () => {
        await slot();
        try {
          return await compute();
        } finally {
          release();
        }
      })();
      const entry = { at: now(), value };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      // A failure is not kept: the next reader tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    invalidate(prefix) {
      for (const key of [...entries.keys()]) if (prefix === undefined || key.startsWith(prefix)) entries.delete(key);
    },
  };
}
