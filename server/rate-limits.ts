// Report rate limits, held in memory only: neither a device key's hash nor an
// address is ever written to the database or a log. Per address there are two:
// reports (a crowd behind one carrier NAT shares it, so it is high) and
// different devices, so that one machine rotating device keys gains few voices.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../lib/errors';
import type { Config } from './config';

type LimitConfig = Pick<Config, 'REPORT_LIMIT_PER_DEVICE' | 'REPORT_LIMIT_PER_ADDRESS' | 'REPORT_DEVICES_PER_ADDRESS' | 'REPORT_LIMIT_WINDOW_SECONDS'>;

export function createReportLimiter(config: LimitConfig) {
  const duration = config.REPORT_LIMIT_WINDOW_SECONDS;
  const perDevice = new RateLimiterMemory({ keyPrefix: 'device', points: config.REPORT_LIMIT_PER_DEVICE, duration });
  const perAddress = new RateLimiterMemory({ keyPrefix: 'address', points: config.REPORT_LIMIT_PER_ADDRESS, duration });
  const devicesPerAddress = new RateLimiterMemory({ keyPrefix: 'address-devices', points: config.REPORT_DEVICES_PER_ADDRESS, duration });
  /** Address × device pairs seen in the window: only a device new to the address spends one of its device points. */
  const pairsSeen = new RateLimiterMemory({ keyPrefix: 'address-device', points: 1, duration });

  const refuse = (rejection: RateLimiterRes, what: string) => {
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return new AppError('rate_limited', `Too many ${what}; try again in ${seconds} s.`, undefined, seconds);
  };

  return async function limitReports(client: { deviceKeyHash: string; address: string }): Promise<void> {
    const pair = `${client.address} ${client.deviceKeyHash}`;
    try {
      await perAddress.consume(client.address);
      if ((await pairsSeen.get(pair)) === null) {
        await devicesPerAddress.consume(client.address);
        await pairsSeen.consume(pair);
      }
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection, 'reports from this network');
    }
    try {
      await perDevice.consume(client.deviceKeyHash);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection, 'reports from this device');
    }
  };
}
