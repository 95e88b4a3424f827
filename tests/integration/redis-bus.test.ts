// The domain's events across nodes, on the machine's Redis: every node hears every event once, its own at once
// and the others' through Redis; a consumer that throws keeps no one else from hearing.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBus, type KordonEvent } from '../../lib/domain-events';
import { createRedisBus } from '../../server/redis-bus';

const url = process.env.TEST_REDIS_URL;
const opened: Redis[] = [];
const logger = pino({ level: 'silent' });

function node(prefix: string) {
  const publisher = new Redis(url!);
  const subscriber = new Redis(url!);
  opened.push(publisher, subscriber);
  return createRedisBus({ publisher, subscriber }, { prefix, logger });
}

afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.quit()));
});

const event = (id: string): KordonEvent => ({ type: 'reports:changed', checkpointIds: [id] });

describe('the local bus', () => {
  it('gives every listener each event, even when one of them throws, and stops when asked', () => {
    const failures: string[] = [];
    const bus = createLocalBus((error) => failures.push(String(error)));
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('a broken consumer');
    });
    const stop = bus.subscribe((e) => heard.push(e.type === 'reports:changed' ? String(e.checkpointIds) : e.type));
    bus.publish(event('kyakhta'));
    stop();
    bus.publish(event('salla'));
    expect(heard).toEqual(['kyakhta']);
    expect(failures).toEqual(['Error: a broken consumer', 'Error: a broken consumer']);
  });
});

describe.runIf(url)('the bus through Redis', () => {
  it('lets each of two nodes hear every event exactly once, its own included, and nothing of another prefix', async () => {
    const prefix = `kordon-test-bus-${Date.now()}`;
    const [a, b, stranger] = [node(prefix), node(prefix), node(`${prefix}-other`)];
    const heard = { a: [] as string[], b: [] as string[], stranger: [] as string[] };
    const name = (e: KordonEvent) => (e.type === 'reports:changed' ? String(e.checkpointIds) : e.type);
    a.subscribe((e) => heard.a.push(name(e)));
    b.subscribe((e) => heard.b.push(name(e)));
    stranger.subscribe((e) => heard.stranger.push(name(e)));
    // Subscribing takes a round trip.
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.publish(event('from-a'));
    // Its own node hears it at once, before any round trip.
    expect(heard.a).toEqual(['from-a']);
    b.publish(event('from-b'));
    await expect.poll(() => [heard.a.length, heard.b.length]).toEqual([2, 2]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.a.sort()).toEqual(['from-a', 'from-b']);
    expect(heard.b.sort()).toEqual(['from-a', 'from-b']);
    expect(heard.stranger).toEqual([]);
  });
});
