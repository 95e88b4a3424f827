import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { createReportLimiter } from '../../server/rate-limits';
import { memoryNewDevices } from '../../server/new-devices';

const limits = {
  REPORT_LIMIT_PER_DEVICE: 10,
  REPORT_LIMIT_PER_ADDRESS: 100,
  REPORT_LIMIT_WINDOW_SECONDS: 600,
  REPORT_UNPROVEN_DEVICES_PER_ADDRESS: 2,
  REPORT_UNPROVEN_WINDOW_SECONDS: 6 * 3600,
};

describe('the report limiter', () => {
  it('lets several first reports of one new device without a proof racing in spend one of the address\'s few slots', async () => {
    const limit = createReportLimiter({ ...limits, REPORT_UNPROVEN_DEVICES_PER_ADDRESS: 3 }, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.1';
    const racing = await Promise.allSettled(Array.from({ length: 5 }, () => limit({ deviceKeyHash: 'first', address, proven: false })));
    expect(racing.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Two more devices fit the cap of three; a fourth does not, and stays refused when it tries again.
    await limit({ deviceKeyHash: 'second', address, proven: false });
    await limit({ deviceKeyHash: 'third', address, proven: false });
    await expect(limit({ deviceKeyHash: 'fourth', address, proven: false })).rejects.toBeInstanceOf(AppError);
    await expect(limit({ deviceKeyHash: 'fourth', address, proven: false })).rejects.toMatchObject({ code: 'proof_required' });
  });

  it('gives back what a refused report took, and what an admitted one spent when it is handed back', async () => {
    const limit = createReportLimiter({ ...limits, REPORT_LIMIT_PER_ADDRESS: 3 }, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.2';
    // Three reports admitted and handed back (a fault, a repeat): the address and its device slots are whole again.
    for (const device of ['a', 'b', 'c']) await (await limit({ deviceKeyHash: device, address, proven: true })).giveBack();
    for (const device of ['d', 'e', 'f']) await limit({ deviceKeyHash: device, address, proven: true });
    // The address is full now, yet d's second report of the window goes through (REPORTS_PAST_A_FULL_ADDRESS); its
    // third is refused, and a refusal takes nothing, so it stays refused for the same reason.
    await limit({ deviceKeyHash: 'd', address, proven: true });
    for (let i = 0; i < 2; i += 1) {
      await expect(limit({ deviceKeyHash: 'd', address, proven: true })).rejects.toMatchObject({ code: 'rate_limited', limit: 'address', message: expect.stringContaining('reports from this network') });
    }
    await expect(limit({ deviceKeyHash: 'g', address: '198.51.100.3', proven: true })).resolves.toBeDefined();
  });

  it('says which limit refused: a new device on a full network is not "this device"', async () => {
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.4';
    for (const device of ['a', 'b']) await limit({ deviceKeyHash: device, address, proven: false });
    await expect(limit({ deviceKeyHash: 'c', address, proven: false })).rejects.toMatchObject({ message: expect.stringContaining('new devices without a proof of work on this network') });
    // Its refusal left the address's report points alone: the known devices report on.
    for (let i = 0; i < 9; i += 1) await limit({ deviceKeyHash: 'a', address, proven: false });
    await expect(limit({ deviceKeyHash: 'a', address, proven: false })).rejects.toMatchObject({ message: expect.stringContaining('this device') });
  });

  it('holds devices without a proof of work to a few per address, apart from those with one, and says a proof is needed', async () => {
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.5';
    await limit({ deviceKeyHash: 'plain-1', address, proven: false });
    await limit({ deviceKeyHash: 'plain-2', address, proven: false });
    const refusal = limit({ deviceKeyHash: 'plain-3', address, proven: false });
    await expect(refusal).rejects.toMatchObject({ code: 'proof_required', limit: 'unproven_devices', fields: [{ path: 'proof' }] });
    // The six-hour window, not the ten-minute one, says when a slot frees.
    expect(((await refusal.catch((error: unknown) => error)) as AppError).retryAfterSeconds).toBeGreaterThan(600);
    // Devices that proved their work are not held to a number per address: each cost its machine a proof, and a count
    // there would be a lock one machine could keep shut on every new phone behind the address. Past any number of
    // them (as many as a machine with many cores makes), a newcomer with a proof is heard.
    for (let i = 0; i < 500; i += 1) await limit({ deviceKeyHash: `worked-${i}`, address, proven: true });
    await expect(limit({ deviceKeyHash: 'newcomer', address, proven: true })).resolves.toBeDefined();
    // A device already heard without a proof goes on reporting.
    await expect(limit({ deviceKeyHash: 'plain-1', address, proven: false })).resolves.toBeDefined();
  });

  it('admits a device that cannot prove (a page without scripts) past its address\'s allowance held, spending no slot of it', async () => {
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.9';
    // Two invented keys fill the allowance.
    for (const device of ['bogus-1', 'bogus-2']) expect((await limit({ deviceKeyHash: device, address, proven: false, cannotProve: true })).held).toBe(false);
    // A person without scripts behind the same address is not refused: the report is admitted, held.
    const person = await limit({ deviceKeyHash: 'person', address, proven: false, cannotProve: true });
    expect(person.held).toBe(true);
    // It stays new here: each report asks for the allowance again, and is held while it is spent...
    expect((await limit({ deviceKeyHash: 'person', address, proven: false, cannotProve: true })).held).toBe(true);
    // ...while a sender that can make a proof is still told to.
    await expect(limit({ deviceKeyHash: 'api-client', address, proven: false })).rejects.toMatchObject({ code: 'proof_required' });
    // Held reports still count against the device's own limit (10 a window): the two above and eight more.
    for (let i = 0; i < 8; i += 1) await limit({ deviceKeyHash: 'person', address, proven: false, cannotProve: true });
    await expect(limit({ deviceKeyHash: 'person', address, proven: false, cannotProve: true })).rejects.toMatchObject({ code: 'rate_limited', limit: 'device' });
    // Where the allowance has room, a device that cannot prove is heard as before.
    expect((await limit({ deviceKeyHash: 'elsewhere', address: '198.51.100.10', proven: false, cannotProve: true })).held).toBe(false);
  });

  it('holds nothing past a full address: a device\'s own few there are for devices it has heard, not for every invented key', async () => {
    const limit = createReportLimiter({ ...limits, REPORT_LIMIT_PER_ADDRESS: 5 }, { hashKey: (key) => `h:${key}` });
    const address = '198.51.100.11';
    for (const device of ['a', 'b']) await limit({ deviceKeyHash: device, address, proven: false, cannotProve: true });
    for (let i = 0; i < 3; i += 1) expect((await limit({ deviceKeyHash: `held-${i}`, address, proven: false, cannotProve: true })).held).toBe(true);
    // The address is full now. A device it has heard still gets its own few; a new key that would only be held gets nothing.
    await expect(limit({ deviceKeyHash: 'a', address, proven: false, cannotProve: true })).resolves.toMatchObject({ held: false });
    for (let i = 0; i < 3; i += 1) {
      await expect(limit({ deviceKeyHash: `invented-${i}`, address, proven: false, cannotProve: true })).rejects.toMatchObject({ code: 'rate_limited', limit: 'address' });
    }
    // A newcomer with a proof is still heard there, on its own few.
    await expect(limit({ deviceKeyHash: 'worked', address, proven: true })).resolves.toMatchObject({ held: false });
  });

  it('logs a device new to an address once, by the address hash, and takes it back when its report is not stored', async () => {
    const newDevices = memoryNewDevices(() => 1_000);
    const limit = createReportLimiter(limits, { hashKey: (key) => `h:${key}`, newDevices, now: () => 1_000 });
    const address = '198.51.100.9';
    await limit({ deviceKeyHash: 'a', address, proven: true });
    await limit({ deviceKeyHash: 'a', address, proven: true });
    await (await limit({ deviceKeyHash: 'b', address, proven: false })).giveBack();
    expect(await newDevices.since(0)).toEqual([{ address: 'h:198.51.100.9', device: 'a', proven: true, at: 1_000 }]);
  });
});
