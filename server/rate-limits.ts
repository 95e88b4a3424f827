// Report rate limits, held in memory, or in Redis when several nodes must
// share them; never in the database or a log. Per address there are two:
// reports (a crowd behind one carrier NAT shares it, so it is high) and
// different devices, so that one machine rotating device keys gains few voices.
// Only stored reports spend them: a refusal or a report that is not stored
// gives back what it took.
// Addresses are keyed by their keyed hash, so Redis never holds one in clear.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../lib/errors';
import type { LimitReports } from '../lib/reports/submit-report';
import type { Config } from './config';

type LimitConfig = Pick<Config, 'REPORT_LIMIT_PER_DEVICE' | 'REPORT_LIMIT_PER_ADDRESS' | 'REPORT_DEVICES_PER_ADDRESS' | 'REPORT_LIMIT_WINDOW_SECONDS'>;

export interface LimiterStore {
  redis: Redis;
  prefix: string;
}

export function createReportLimiter(config: LimitConfig, options: { hashKey: (key: string) => string; store?: LimiterStore }): LimitReports {
  const duration = config.REPORT_LIMIT_WINDOW_SECONDS;
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!options.store) return memory;
    // While Redis is away each node limits on its own rather than letting everything through.
    return new RateLimiterRedis({ storeClient: options.store.redis, keyPrefix: `${options.store.prefix}:limit:${name}`, points, duration, insuranceLimiter: memory });
  };
  const perDevice = limiter('device', config.REPORT_LIMIT_PER_DEVICE);
  const perAddress = limiter('address', config.REPORT_LIMIT_PER_ADDRESS);
  const devicesPerAddress = limiter('address-devices', config.REPORT_DEVICES_PER_ADDRESS);
  /** Address × device pairs seen in the window: only a device new to the address spends one of its device points. */
  const pairsSeen = limiter('address-device', 1);

  const firstOfPair = async (pair: string): Promise<boolean> => {
    try {
      await pairsSeen.consume(pair);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  };

  const refuse = (rejection: RateLimiterRes, what: string) => {
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return new AppError('rate_limited', `Too many ${what}; try again in ${seconds} s.`, undefined, seconds);
  };

  /**
   * Admits one report, or refuses it with the true reason and the time to wait. Whatever a refused
   * report took is given back at once, and an admitted one's points go back through `giveBack` when it
   * is not stored after all (a repeat of a stored id, a fault): only stored reports spend a quota, so
   * bogus requests cannot silence the honest devices behind the same carrier address, and an outbox
   * retrying through an outage does not lock itself out.
   */
  return async function limitReports(client) {
    const address = options.hashKey(client.address);
    const pair = `${address}:${client.deviceKeyHash}`;
    const taken: (() => Promise<unknown>)[] = [];
    const giveBack = async () => {
      // Best effort: a limit that cannot be given back (Redis away) only errs on the strict side.
      await Promise.allSettled(taken.splice(0).map((undo) => undo()));
    };
    const take = async (limit: RateLimiterAbstract, key: string, what: string) => {
      try {
        await limit.consume(key);
      } catch (rejection) {
        await giveBack();
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw refuse(rejection, what);
      }
      taken.push(() => limit.reward(key));
    };
    await take(perAddress, address, 'reports from this network');
    // Marking the pair is the atomic test: of several first reports of one device racing in, one
    // spends the device point, the rest see the mark (reading first let each of them spend one).
    let first: boolean;
    try {
      first = await firstOfPair(pair);
    } catch (fault) {
      await giveBack();
      throw fault;
    }
    if (first) {
      // Not admitted (or given back): the device stays new here, so its next try is counted again.
      taken.push(() => pairsSeen.delete(pair));
      await take(devicesPerAddress, address, 'new devices on this network');
    }
    await take(perDevice, client.deviceKeyHash, 'reports from this device');
    return { giveBack };
  };
}
