// New voices arriving together (lib/estimates/bursts.ts) and what the
// estimator makes of them: the attack of one machine with ten invented device
// keys at a quiet crossing must never read "high".
import { describe, expect, it } from 'vitest';
import { burstOf, type DeviceSighting } from '../../lib/estimates/bursts';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import type { EstimatorReport } from '../../lib/estimates/types';

const NOW = Date.parse('2022-09-26T12:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => NOW + minutes * MINUTE;

function waitReport(device: string, minutes: number, waitMinutes: number): EstimatorReport {
  return {
    deviceKey: device, createdAt: new Date(at(minutes)), waitMinutes,
    queueVehicles: null, queueKm: null, joinedAt: null, crossedAt: null, letThrough: null, letThroughMinutes: null,
  };
}
const estimate = (reports: EstimatorReport[], minutes = 1) =>
  estimateWait({ checkpoint: { id: 'kyakhta', capacityPerDay: null }, direction: 'out', mode: 'car', reports, now: new Date(at(minutes)) });
const sighting = (device: string, firstSeen: number, lastSeen = firstSeen): DeviceSighting => ({ device, firstSeen: at(firstSeen), lastSeen: at(lastSeen) });

describe('a burst of new voices', () => {
  it('is the largest group first seen within ten minutes, when it outweighs the rest', () => {
    const quiet = [sighting('old-1', -200), sighting('old-2', -190)];
    const burst = Array.from({ length: 4 }, (_, i) => sighting(`new-${i}`, -3 + i));
    expect(burstOf([...quiet, ...burst], NOW)).toMatchObject({ devices: ['new-0', 'new-1', 'new-2', 'new-3'], from: at(-3), to: at(0) });
    expect(burstOf([...quiet, ...burst], NOW)!.share).toBeGreaterThan(0.9);
    // Two devices are not a burst; four spread over forty minutes are not either.
    expect(burstOf([...quiet, ...burst.slice(0, 2)], NOW)).toBeNull();
    expect(burstOf([...quiet, ...burst.map((s, i) => sighting(s.device, -40 + 12 * i))], NOW)).toBeNull();
  });

  it('does not carry a busy crossing, where new devices arrive every few minutes among many', () => {
    const busy = Array.from({ length: 120 }, (_, i) => sighting(`d-${i}`, -360 + 3 * i));
    expect(burstOf(busy, NOW)).toBeNull();
  });
});

describe('the estimate at a quiet crossing', () => {
  const honest = Array.from({ length: 10 }, (_, i) => waitReport(`honest-${i}`, -300 + 12 * i, 60));

  it('is never "high" when ten fresh device keys in a minute outweigh everyone heard before, either way', () => {
    for (const lie of [600, 10080, 0, 10]) {
      const attack = Array.from({ length: 10 }, (_, i) => waitReport(`rotated-${i}`, i * 0.05, lie));
      for (const minutes of [1, 10, 30, 120]) expect(estimate([...honest, ...attack], minutes).confidence).not.toBe('high');
    }
  });

  it('is "high" when the same ten voices came one by one', () => {
    const oneByOne = Array.from({ length: 10 }, (_, i) => waitReport(`arrived-${i}`, -108 + 12 * i, 600));
    expect(estimate([...honest, ...oneByOne]).confidence).toBe('high');
  });
});
