// The domain's event bus across nodes: each event is heard at once on the
// node that made it, and published on one Redis channel, from which every
// other node hears it (a node skips its own). While Redis is away each node
// hears only its own events; what others missed meanwhile is sent again when
// it is back (server/realtime.ts resendToLocalClients), and every estimate
// carries its version, so a late event never replaces a newer one.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createLocalBus, type EventBus, type KordonEvent } from '../lib/domain-events';
import type { RedisConnections } from './redis';

interface Envelope {
  node: string;
  event: KordonEvent;
}

export function createRedisBus(redis: Pick<RedisConnections, 'publisher' | 'subscriber'>, options: { prefix: string; logger: Logger }): EventBus {
  const { logger } = options;
  const local = createLocalBus((error, event) => logger.error({ err: error, event: event.type }, 'a consumer of a domain event failed'));
  const node = randomUUID();
  const channel = `${options.prefix}:events`;
  redis.subscriber.subscribe(channel).catch((error: Error) => logger.warn({ reason: error.message }, 'cannot subscribe to the other nodes\' events yet'));
  redis.subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      logger.warn('an event from another node could not be read; skipped');
      return;
    }
    if (envelope.node !== node) local.publish(envelope.event);
  });
  return {
    publish(event) {
      local.publish(event);
      redis.publisher.publish(channel, JSON.stringify({ node, event } satisfies Envelope)).catch(() => {
        // Logged where the publisher is made (server/redis.ts); the other nodes catch up when Redis is back.
      });
    },
    subscribe: (listener) => local.subscribe(listener),
  };
}
