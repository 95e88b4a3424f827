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

  it('gives back what a refused report took, and what an admitted one spent when it is handed back', async () => {
    const limit = createReportLimiter({ ...limits, REPORT_LIMIT_PER_ADDRESS: 3 }, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.2';
    // Three reports admitted and handed back (a fault, a repeat): the address and its device slots are whole again.
    for (const device of ['a', 'b', 'c']) await (await limit({ deviceKeyHash: device, address })).giveBack();
    for (const device of ['d', 'e', 'f']) await limit({ deviceKeyHash: device, address });
    // The address is full now; a refusal takes nothing, so it stays refused for the same reason.
    await expect(limit({ deviceKeyHash: 'd', address })).rejects.toMatchObject({ code: 'rate_limited', message: expect.stringContaining('reports from this network') });
    await expect(limit({ deviceKeyHash: 'g', address: '198.51.100.3' })).resolves.toBeDefined();
  });

  it('says which limit refused: a new device on a full network is not "this device"', async () => {
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.4';
    for (const device of ['a', 'b', 'c']) await limit({ deviceKeyHash: device, address });
    await expect(limit({ deviceKeyHash: 'd', address })).rejects.toMatchObject({ message: expect.stringContaining('new devices on this network') });
    // Its refusal left the address's report points alone: the known devices report on.
    for (let i = 0; i < 9; i += 1) await limit({ deviceKeyHash: 'a', address });
    await expect(limit({ deviceKeyHash: 'a', address })).rejects.toMatchObject({ message: expect.stringContaining('this device') });
  });
});
