// The leader hands alerts the newest change of each crossing once a second, not every report's.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalBus, type KordonEvent } from '../../lib/domain-events';
import { ALERT_BATCH_MS, onLeaderEvents } from '../../server/leader-events';

const estimate = (checkpointId: string, version: number) =>
  ({ type: 'estimate:changed', border: 'GE', estimate: { checkpointId, direction: 'out', mode: 'car', version, waitMinutes: 600 - version } }) as unknown as KordonEvent;

afterEach(() => vi.useRealTimers());

describe('alerts on the leader', () => {
  it('get the newest estimate of each crossing once per batch, a status change too, and nothing on another node', async () => {
    vi.useFakeTimers();
    const bus = createLocalBus();
    const handled: string[] = [];
    let leader = true;
    const stop = onLeaderEvents(bus, {
      isLeader: () => leader,
      handle: async (event) => void handled.push(event.type === 'estimate:changed' ? `${event.estimate.checkpointId}@${event.estimate.version}` : event.type),
      logger: pino({ level: 'silent' }),
      what: 'test',
    });
    for (let version = 1; version <= 50; version += 1) bus.publish(estimate('verkhny-lars', version));
    // An older version arriving late does not replace the newest.
    bus.publish(estimate('verkhny-lars', 7));
    bus.publish(estimate('kyakhta', 3));
    bus.publish({ type: 'reports:changed', checkpointIds: ['kyakhta'] });
    bus.publish({ type: 'checkpoint:changed', border: 'MN', update: { checkpointId: 'kyakhta', status: 'closed', statusNote: null, modes: ['car'], statusUpdatedAt: '2026-12-06T00:00:00.000Z' } });
    expect(handled).toEqual([]);
    await vi.advanceTimersByTimeAsync(ALERT_BATCH_MS);
    expect(handled).toEqual(['verkhny-lars@50', 'kyakhta@3', 'checkpoint:changed']);

    leader = false;
    bus.publish(estimate('verkhny-lars', 51));
    await vi.advanceTimersByTimeAsync(2 * ALERT_BATCH_MS);
    expect(handled).toHaveLength(3);
    await stop();
  });

  it('hand on what they hold when stopped, and the stop waits until it is handled', async () => {
    vi.useFakeTimers();
    const bus = createLocalBus();
    const handled: string[] = [];
    const stop = onLeaderEvents(bus, {
      isLeader: () => true,
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (event.type === 'estimate:changed') handled.push(event.estimate.checkpointId);
      },
      logger: pino({ level: 'silent' }),
      what: 'test',
    });
    bus.publish(estimate('verkhny-lars', 1));
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    await stopping;
    expect(handled).toEqual(['verkhny-lars']);
    // Nothing is heard after the stop.
    bus.publish(estimate('kyakhta', 1));
    await vi.advanceTimersByTimeAsync(2 * ALERT_BATCH_MS);
    expect(handled).toEqual(['verkhny-lars']);
  });
});
