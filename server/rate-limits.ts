// Report rate limits per device and per network address, held in memory
// only: neither key is ever written to the database or a log.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../lib/errors';
import type { Config } from './config';

export function createReportLimiter(config: Pick<Config, 'REPORT_LIMIT_PER_DEVICE' | 'REPORT_LIMIT_PER_ADDRESS' | 'REPORT_LIMIT_WINDOW_SECONDS'>) {
  const perDevice = new RateLimiterMemory({ keyPrefix: 'device', points: config.REPORT_LIMIT_PER_DEVICE, duration: config.REPORT_LIMIT_WINDOW_SECONDS });
  const perAddress = new RateLimiterMemory({ keyPrefix: 'address', points: config.REPORT_LIMIT_PER_ADDRESS, duration: config.REPORT_LIMIT_WINDOW_SECONDS });

  return async function limitReports(client: { deviceKeyHash: string; address: string }): Promise<void> {
    try {
      await perAddress.consume(client.address);
      await perDevice.consume(client.deviceKeyHash);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('rate_limited', `Too many reports; try again in ${seconds} s.`, undefined, seconds);
    }
  };
}
