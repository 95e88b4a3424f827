// The pure parts of the moderator page: the modes in force over the catalogue's, the bursts of new devices per
// address, the log that holds them, and how a form's body is read.
import { describe, expect, it } from 'vitest';
import { effectiveModes, overridesFor } from '../../lib/checkpoint-modes';
import { ADDRESS_BURST, addressBursts } from '../../lib/moderation/address-bursts';
import { formObject, moderateForm } from '../../lib/moderation/moderate-form';
import { memoryNewDevices, NEW_DEVICES_KEEP_MS, NEW_DEVICES_MAX } from '../../server/new-devices';

describe('the modes in force', () => {
  it('are the catalogue\'s with what a moderator opened, less what they closed, in the vocabulary\'s order', () => {
    expect(effectiveModes({ modes: ['car', 'truck', 'bus'] })).toEqual(['car', 'truck', 'bus']);
    expect(effectiveModes({ modes: ['bus', 'car'], modesEnabled: ['bicycle', 'pedestrian'], modesDisabled: ['bus'] })).toEqual(['car', 'pedestrian', 'bicycle']);
    // A mode the catalogue later lists itself stays open; one it drops stays closed only if the moderator closed it.
    expect(effectiveModes({ modes: ['car', 'pedestrian'], modesEnabled: ['pedestrian'], modesDisabled: [] })).toEqual(['car', 'pedestrian']);
  });

  it('are stored as the difference from the catalogue, so that the catalogue itself is never rewritten', () => {
    expect(overridesFor(['car', 'truck', 'bus'], ['car', 'bus', 'pedestrian'])).toEqual({ modesEnabled: ['pedestrian'], modesDisabled: ['truck'] });
    expect(overridesFor(['car'], ['car'])).toEqual({ modesEnabled: [], modesDisabled: [] });
    for (const wanted of [['car'], ['pedestrian', 'bicycle'], ['truck', 'bus', 'car', 'pedestrian', 'bicycle']] as const) {
      expect(effectiveModes({ modes: ['car', 'truck'], ...overridesFor(['car', 'truck'], wanted) })).toEqual(['car', 'truck', 'bus', 'pedestrian', 'bicycle'].filter((m) => (wanted as readonly string[]).includes(m)));
    }
  });
});

describe('bursts of new devices from one address', () => {
  const now = 10 * 3_600_000;
  const sighting = (address: string, device: string, minutesAgo: number, proven = true) => ({ address, device, proven, at: now - minutesAgo * 60_000 });

  it('are the addresses with enough new devices in the last hour, the most first, each device once', () => {
    const sightings = [
      ...Array.from({ length: 7 }, (_, i) => sighting('crowdAddressHash', `crowd-${i}`, 50 - i)),
      ...Array.from({ length: 5 }, (_, i) => sighting('machineAddressHash', `machine-${i}`, 3, false)),
      sighting('machineAddressHash', 'machine-0', 2, false),
      ...Array.from({ length: 4 }, (_, i) => sighting('fewAddressHash', `few-${i}`, 1)),
      // Too old to count.
      ...Array.from({ length: 9 }, (_, i) => sighting('oldAddressHash', `old-${i}`, 61 + i)),
    ];
    const bursts = addressBursts(sightings, now);
    expect(bursts.map((b) => [b.address, b.devices.length, b.proven, b.unproven])).toEqual([
      ['crowdAddre', 7, 7, 0],
      ['machineAdd', 5, 0, 5],
    ]);
    expect(bursts[0]!.address).toHaveLength(ADDRESS_BURST.prefix);
    expect(bursts[0]!.devices[0]).toBe('crowd-0');
    expect(bursts[1]!.from).toBe(bursts[1]!.to);
  });
});

describe('the log of new devices', () => {
  it('forgets a sighting taken back, and everything older than a day', async () => {
    let clock = 0;
    const log = memoryNewDevices(() => clock);
    const a = { address: 'x', device: 'a', proven: true, at: 0 };
    const b = { address: 'x', device: 'b', proven: true, at: 10 };
    await log.record(a);
    await log.record(b);
    await log.forget(a);
    expect(await log.since(0)).toEqual([b]);
    clock = NEW_DEVICES_KEEP_MS + 11;
    expect(await log.since(0)).toEqual([]);
  });

  it('holds a bounded number of sightings however many keys a flood invents', async () => {
    const log = memoryNewDevices(() => 0);
    for (let i = 0; i < NEW_DEVICES_MAX + 500; i += 1) await log.record({ address: 'flood', device: `d${i}`, proven: false, at: 0 });
    const kept = await log.since(0);
    expect(kept.length).toBeLessThanOrEqual(NEW_DEVICES_MAX);
    expect(kept.at(-1)!.device).toBe(`d${NEW_DEVICES_MAX + 499}`);
  });
});

describe('a form of the moderator page', () => {
  it('reads repeated fields as lists and the rest as one value, and refuses an unknown intent', () => {
    const body = new URLSearchParams('intent=set-modes&checkpoint=kyakhta&modes=car&modes=pedestrian&note=why&csrf=t');
    expect(moderateForm.parse(formObject(body))).toEqual({ intent: 'set-modes', checkpoint: 'kyakhta', modes: ['car', 'pedestrian'], note: 'why' });
    expect(moderateForm.parse(formObject(new URLSearchParams('intent=set-modes&checkpoint=kyakhta')))).toEqual({ intent: 'set-modes', checkpoint: 'kyakhta', modes: [], note: '' });
    expect(moderateForm.safeParse(formObject(new URLSearchParams('intent=drop-table'))).success).toBe(false);
    expect(moderateForm.safeParse(formObject(new URLSearchParams('intent=hide-devices&reason=x'))).success).toBe(false);
  });
});
