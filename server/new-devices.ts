// Devices new to an address, as the report limits admit them: what lets a
// moderator see one machine inventing device keys, or a crowd arriving at a
// post. Addresses appear only as their keyed hash, as in the limits; the log
// lives in memory, or in Redis when several nodes run, and forgets after a day.
// It is never written to the database or a log.
import type { Redis } from 'ioredis';

export interface NewDeviceSighting {
  /** The address's keyed hash (server/rate-limits.ts). */
  address: string;
  /** The device's keyed hash, as its reports store it. */
  device: string;
  /** Whether it came with a proof of work. */
  proven: boolean;
  at: number;
}

export interface NewDeviceLog {
  record(sighting: NewDeviceSighting): Promise<void>;
  /** Takes back a sighting whose report was not stored after all. */
  forget(sighting: NewDeviceSighting): Promise<void>;
  /** Sightings at or after `from`, oldest first. */
  since(from: number): Promise<NewDeviceSighting[]>;
}

export const NEW_DEVICES_KEEP_MS = 24 * 3_600_000;
/** At most this many sightings are kept: a flood of invented keys costs a bounded amount of memory. */
export const NEW_DEVICES_MAX = 20_000;

const sameSighting = (a: NewDeviceSighting, b: NewDeviceSighting) => a.address === b.address && a.device === b.device && a.at === b.at;

export function memoryNewDevices(now: () => number = Date.now): NewDeviceLog {
  let sightings: NewDeviceSighting[] = [];
  const trim = () => {
    const cutoff = now() - NEW_DEVICES_KEEP_MS;
    const first = sightings.findIndex((s) => s.at >= cutoff);
    sightings = first === -1 ? [] : sightings.slice(Math.max(first, sightings.length - NEW_DEVICES_MAX));
  };
  return {
    async record(sighting) {
      sightings.push(sighting);
      if (sightings.length > NEW_DEVICES_MAX || sightings[0]!.at < now() - NEW_DEVICES_KEEP_MS) trim();
    },
    async forget(sighting) {
      sightings = sightings.filter((s) => !sameSighting(s, sighting));
    },
    async since(from) {
      trim();
      return sightings.filter((s) => s.at >= from);
    },
  };
}

/** One sorted set for all nodes, scored by time. While Redis is away a node keeps what it sees itself. */
export function redisNewDevices(redis: Redis, prefix: string, now: () => number = Date.now): NewDeviceLog {
  const key = `${prefix}:new-devices`;
  const local = memoryNewDevices(now);
  const member = (s: NewDeviceSighting) => JSON.stringify([s.address, s.device, s.proven ? 1 : 0, s.at]);
  return {
    async record(sighting) {
      try {
        await redis
          .multi()
          .zadd(key, sighting.at, member(sighting))
          .zremrangebyscore(key, '-inf', now() - NEW_DEVICES_KEEP_MS)
          .zremrangebyrank(key, 0, -(NEW_DEVICES_MAX + 1))
          .pexpire(key, NEW_DEVICES_KEEP_MS)
          .exec();
      } catch {
        await local.record(sighting);
      }
    },
    async forget(sighting) {
      await local.forget(sighting);
      await redis.zrem(key, member(sighting)).catch(() => 0);
    },
    async since(from) {
      const mine = await local.since(from);
      try {
        const shared = (await redis.zrangebyscore(key, from, '+inf')).map((raw): NewDeviceSighting => {
          const [address, device, proven, at] = JSON.parse(raw) as [string, string, number, number];
          return { address, device, proven: proven === 1, at };
        });
        return [...shared, ...mine.filter((s) => !shared.some((t) => sameSighting(s, t)))].sort((a, b) => a.at - b.at);
      } catch {
        return mine;
      }
    },
  };
}
