import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { createReportLimiter } from '../../server/rate-limits';

const limits = { REPORT_LIMIT_PER_DEVICE: 10, REPORT_LIMIT_PER_ADDRESS: 100, REPORT_DEVICES_PER_ADDRESS: 3, REPORT_LIMIT_WINDOW_SECONDS: 600 };

describe('the report limiter', () => {
  it('lets several first reports of one new device racing in spend one of the address\'s device slots', async () => {
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.1';
    const racing = await Promise.allSettled(Array.from({ length: 5 }, () => limit({ deviceKeyHash: 'first', address })));
    expect(racing.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Two more devices fit the cap of three; a fourth does not, and stays refused when it tries again.
    await limit({ deviceKeyHash: 'second', address });
    await limit({ deviceKeyHash: 'third', address });
    await expect(limit({ deviceKeyHash: 'fourth', address })).rejects.toBeInstanceOf(AppError);
    await expect(limit({ deviceKeyHash: 'fourth', address })).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
