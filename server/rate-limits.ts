// Report rate limits, held in memory, or in Redis when several nodes must
// share them; never in the database or a log. Per address there are two:
// reports (a crowd behind one carrier NAT shares it, so it is high), and new
// devices without a proof of work (a page without scripts): few, counted over
// the estimate's window, so that one machine rotating device keys without
// working gains few voices. New devices that proved their work are not counted
// per address: each voice already cost its machine seconds of CPU, whatever its
// address, and a count there would be a lock that one machine with a couple of
// cores could keep shut on every new phone behind a carrier's address. A page
// without scripts cannot make a proof: past the few, its report is admitted
// held (stored hidden for a moderator) rather than refused, so that the few
// spent by invented keys lock nobody out.
// Only stored reports spend them: a refusal or a report that is not stored
// gives back what it took.
// Addresses are keyed by their keyed hash, so Redis never holds one in clear.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, type RateLimitName } from '../lib/errors';
import type { LimitReports } from '../lib/reports/submit-report';
import type { Config } from './config';
import type { NewDeviceLog } from './new-devices';

type LimitConfig = Pick<
  Config,
  'REPORT_LIMIT_PER_DEVICE' | 'REPORT_LIMIT_PER_ADDRESS' | 'REPORT_LIMIT_WINDOW_SECONDS' | 'REPORT_UNPROVEN_DEVICES_PER_ADDRESS' | 'REPORT_UNPROVEN_WINDOW_SECONDS'
>;

const LIMIT_WORDS: Record<RateLimitName, string> = {
  device: 'reports from this device',
  address: 'reports from this network',
  unproven_devices: 'new devices without a proof of work on this network',
  push_subscriptions: 'notification subscriptions from this network',
  push_updates: 'changes to this notification subscription',
  connection: 'requests on this connection',
};

export interface LimiterStore {
  redis: Redis;
  prefix: string;
}

function limiterIn(store: LimiterStore | undefined) {
  return (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!store) return memory;
    // While Redis is away each node limits on its own rather than letting everything through.
    return new RateLimiterRedis({ storeClient: store.redis, keyPrefix: `${store.prefix}:limit:${name}`, points, duration, insuranceLimiter: memory });
  };
}

/** The refusal a limit gives: its true reason and the time to wait. */
function refuse(rejection: RateLimiterRes, limit: RateLimitName): AppError {
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  if (limit === 'unproven_devices') {
    return new AppError(
      'proof_required',
      `Too many new devices without a proof of work on this network; send the report with a proof, or try again in ${seconds} s.`,
      [{ path: 'proof', message: 'required' }],
      seconds,
      limit,
    );
  }
  return new AppError('rate_limited', `Too many ${LIMIT_WORDS[limit]}; try again in ${seconds} s.`, undefined, seconds, limit);
}

/** One count per key (an address, an endpoint) over a window, held by its keyed hash, refused with the true reason once spent. */
function hashedKeyLimiter(store: LimiterStore | undefined, hashKey: (key: string) => string, spec: { name: string; points: number; duration: number; limit: RateLimitName }) {
  const counter = limiterIn(store)(spec.name, spec.points, spec.duration);
  return async (key: string): Promise<void> => {
    try {
      await counter.consume(hashKey(key));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection, spec.limit);
    }
  };
}

/**
 * What one Socket.IO connection may ask of its node, a minute (`REQUESTS_PER_CONNECTION`). Without a limit one
 * connection had the node answer 17,000 subscriptions a second (each a snapshot of every border), and five 21,000 at
 * 93 % of its CPU, and everyone else on the node paid for it. A page asks a few times a minute (a subscription when it
 * connects or its view changes, the server's clock, a report), far below the default. Per connection, in the node's
 * memory (a connection lives on one node), not per address: a carrier NAT's crowd shares an address and must not
 * share this.
 */
export function createConnectionLimiter(perMinute = 300): (connection: string) => Promise<void> {
  return hashedKeyLimiter(undefined, (connection) => connection, { name: 'connection-requests', points: perMinute, duration: 60, limit: 'connection' });
}

type AddressLimitConfig = Pick<Config, 'PUSH_SUBSCRIPTIONS_PER_ADDRESS' | 'REPORT_LIMIT_WINDOW_SECONDS'>;

/** Writes to one push subscription already stored, per window: a person changing the watch list star by star. */
export const PUSH_UPDATES_PER_SUBSCRIPTION = 60;

/**
 * Writes of push subscriptions. A new one is a row, so an address may make `PUSH_SUBSCRIPTIONS_PER_ADDRESS` per
 * window (a crowd needs about one each). A write to a subscription already stored adds no row and is limited by its
 * endpoint, which only its browser knows: a script behind the same carrier address, however busy, cannot stop the
 * people already subscribed there from changing their watch lists. Past the address's new subscriptions, a proof of
 * work buys one (`spendProof`, for the endpoint's keyed hash, never a device key), so such a script cannot keep a
 * newcomer there from alerts either.
 */
export function createPushLimiter(
  config: AddressLimitConfig,
  options: { hashKey: (key: string) => string; store?: LimiterStore; spendProof: (proof: unknown, holder: string) => Promise<unknown> },
) {
  const perAddress = hashedKeyLimiter(options.store, options.hashKey, { name: 'push-subscriptions', points: config.PUSH_SUBSCRIPTIONS_PER_ADDRESS, duration: config.REPORT_LIMIT_WINDOW_SECONDS, limit: 'push_subscriptions' });
  const perSubscription = hashedKeyLimiter(options.store, options.hashKey, { name: 'push-subscription-updates', points: PUSH_UPDATES_PER_SUBSCRIPTION, duration: config.REPORT_LIMIT_WINDOW_SECONDS, limit: 'push_updates' });
  return async (write: { endpoint: string; known: boolean }, client: { address: string; proof?: unknown }): Promise<{ proofSpent: boolean }> => {
    if (write.known) {
      await perSubscription(write.endpoint);
      return { proofSpent: false };
    }
    try {
      await perAddress(client.address);
      return { proofSpent: false };
    } catch (refusal) {
      if (!(refusal instanceof AppError && refusal.limit === 'push_subscriptions' && client.proof !== undefined)) throw refusal;
      await options.spendProof(client.proof, `push:${options.hashKey(write.endpoint)}`);
      return { proofSpent: true };
    }
  };
}

/**
 * However busy its address, a device's first reports of the window are not refused for the address's load. One
 * machine with a hundred voices (six minutes of one core, once) could otherwise keep a carrier address's allowance
 * full for ever and silence everyone behind it; this way what it takes is bounded (the allowance plus two a device,
 * and every device a proof of work or one of the address's few without) while each person there is still heard.
 */
export const REPORTS_PAST_A_FULL_ADDRESS = 2;

export function createReportLimiter(
  config: LimitConfig,
  options: { hashKey: (key: string) => string; store?: LimiterStore; newDevices?: NewDeviceLog; now?: () => number },
): LimitReports {
  const now = options.now ?? Date.now;
  const made = limiterIn(options.store);
  const limiter = (name: string, points: number, duration = config.REPORT_LIMIT_WINDOW_SECONDS) => made(name, points, duration);
  const perDevice = limiter('device', config.REPORT_LIMIT_PER_DEVICE);
  const perAddress = limiter('address', config.REPORT_LIMIT_PER_ADDRESS);
  const unprovenPerAddress = limiter('address-unproven-devices', config.REPORT_UNPROVEN_DEVICES_PER_ADDRESS, config.REPORT_UNPROVEN_WINDOW_SECONDS);
  /** Address × device pairs seen in the window: a device new to the address is logged for moderators, and without a proof spends one of its few points. */
  const pairsSeen = limiter('address-device', 1);
  const unprovenPairsSeen = limiter('address-unproven-device', 1, config.REPORT_UNPROVEN_WINDOW_SECONDS);

  /** Whether this device has sent fewer than REPORTS_PAST_A_FULL_ADDRESS reports in the window (unsure: no). */
  const fewSoFar = async (deviceKeyHash: string): Promise<boolean> => {
    try {
      return ((await perDevice.get(deviceKeyHash))?.consumedPoints ?? 0) < REPORTS_PAST_A_FULL_ADDRESS;
    } catch {
      return false;
    }
  };

  const firstOfPair = async (seen: RateLimiterAbstract, pair: string): Promise<boolean> => {
    try {
      await seen.consume(pair);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
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
    /** Takes a point, or answers the rejection of a spent limit (having taken nothing more). */
    const tryTake = async (limit: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> => {
      try {
        await limit.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) {
          await giveBack();
          throw rejection;
        }
        return rejection;
      }
      taken.push(() => limit.reward(key));
      return null;
    };
    const take = async (limit: RateLimiterAbstract, key: string, name: RateLimitName) => {
      const rejection = await tryTake(limit, key);
      if (!rejection) return;
      await giveBack();
      throw refuse(rejection, name);
    };
    let held = false;
    /** The address's refusal, when the report came past its full allowance on the device's own few. */
    let addressFull: AppError | null = null;
    try {
      await take(perAddress, address, 'address');
    } catch (refusal) {
      if (!(refusal instanceof AppError && refusal.limit === 'address' && (await fewSoFar(client.deviceKeyHash)))) throw refusal;
      addressFull = refusal;
    }
    const seen = client.proven ? pairsSeen : unprovenPairsSeen;
    // Marking the pair is the atomic test: of several first reports of one device racing in, one
    // spends the device point, the rest see the mark (reading first let each of them spend one).
    let first: boolean;
    try {
      first = await firstOfPair(seen, pair);
    } catch (fault) {
      await giveBack();
      throw fault;
    }
    if (first) {
      // Not admitted (or given back): the device stays new here, so its next try is counted again.
      const unmark = () => seen.delete(pair);
      taken.push(unmark);
      const spent = client.proven ? null : await tryTake(unprovenPerAddress, address);
      if (spent && !client.cannotProve) {
        await giveBack();
        throw refuse(spent, 'unproven_devices');
      }
      if (spent && addressFull) {
        // Every invented key would bring its own few past a full address: held rows for nothing, without end.
        await giveBack();
        throw addressFull;
      }
      if (spent) {
        // A page without scripts cannot make a proof: its report is kept for a moderator instead of refused, so
        // that ten invented keys cannot silence everyone without scripts behind the address. The device stays
        // new here, and asks for the allowance again with its next report.
        held = true;
        taken.splice(taken.indexOf(unmark), 1);
        await unmark();
      }
      if (options.newDevices) {
        const sighting = { address, device: client.deviceKeyHash, proven: client.proven, at: now() };
        await options.newDevices.record(sighting);
        taken.push(() => options.newDevices!.forget(sighting));
      }
    }
    await take(perDevice, client.deviceKeyHash, 'device');
    return { giveBack, held };
  };
}
