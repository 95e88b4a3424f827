// Redis, when REDIS_URL is set, on three connections with different needs:
// - `publisher` (the domain events' bus, server/redis-bus.ts): while Redis is
//   away its messages wait and go out once it is back, never failing; nobody
//   waits for them, so a failure would end the process as an unhandled rejection;
// - `subscriber`: a subscribed connection can do nothing else;
// - `commands` (rate limits): fails at once while Redis is away, so limits fall
//   back to each node's memory instead of holding reports up.
// All reconnect by themselves; `onReconnect` lets the node catch its clients
// up on broadcasts it missed meanwhile. Redis away at start is no reason not
// to serve: the node runs alone until it is back.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

const QUIT_WAIT_MS = 1000;

export interface RedisConnections {
  publisher: Redis;
  subscriber: Redis;
  commands: Redis;
  /** Where it is, for the start-up line; never a password. */
  description: string;
  /** Whether this node shares with the others now (false while Redis is away, or not yet reached). */
  connected(): boolean;
  /** Called each time the subscriber is back after losing Redis, or reaches it for the first time. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `Redis at ${parsed.hostname}:${parsed.port || '6379'}`;
}

/** A publish nobody waits for must never reject unheard. */
function neverRejectUnheard(redis: Redis, logger: Logger): void {
  const publish = redis.publish.bind(redis) as (...args: unknown[]) => Promise<number>;
  redis.publish = ((...args: unknown[]) => {
    const result = publish(...args);
    result.catch((error: Error) => logger.debug({ reason: error.message }, 'a broadcast to other nodes was dropped'));
    return result;
  }) as Redis['publish'];
}

export async function openRedis(url: string, logger: Logger): Promise<RedisConnections> {
  const base: RedisOptions = { lazyConnect: true, enableAutoPipelining: true };
  const publisher = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const subscriber = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const commands = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  neverRejectUnheard(publisher, logger);
  const all = [
    ['publisher', publisher],
    ['subscriber', subscriber],
    ['commands', commands],
  ] as const;

  let lastError = '';
  for (const [name, connection] of all) {
    // The error says why; the URL (which may hold a password) stays out of the log.
    connection.on('error', (error: Error) => {
      lastError = error.message;
      logger.debug({ redis: name, reason: error.message }, 'redis connection error');
    });
  }
  const listeners: (() => void)[] = [];
  let lost = false;
  let closing = false;
  subscriber.on('close', () => {
    if (!lost && !closing) logger.warn('lost Redis: broadcasts from other nodes wait until it is back');
    lost = true;
  });
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.info('Redis is back');
    for (const listener of listeners) listener();
  });

  try {
    await Promise.all(all.map(([, connection]) => connection.connect()));
    lost = false;
  } catch (error) {
    // A node that cannot start while Redis is down leaves no capacity after a crash or a deploy during an
    // outage. It serves alone instead, its limits in its own memory, and says so; the connections keep
    // retrying, and once Redis answers the node shares broadcasts and limits and catches its clients up.
    lost = true;
    logger.warn(
      { redis: describeRedisUrl(url), reason: lastError || (error as Error).message },
      'cannot reach Redis: serving as a single node until it is back (broadcasts from other nodes and shared limits wait)',
    );
  }
  return {
    connected: () => !lost && subscriber.status === 'ready',
    publisher,
    subscriber,
    commands,
    description: describeRedisUrl(url),
    onReconnect: (listener) => listeners.push(listener),
    async close() {
      closing = true;
      // QUIT lets what is written go out first; with Redis away it would wait forever.
      await Promise.allSettled(
        all.map(([, connection]) => Promise.race([connection.quit(), new Promise((resolve) => setTimeout(resolve, QUIT_WAIT_MS))]).finally(() => connection.disconnect())),
      );
    },
  };
}
