import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../../lib/errors';
import { deviceKeySchema, makeReportInputSchema } from '../../lib/reports/input';

const now = new Date('2022-09-26T12:00:00Z');
const schema = makeReportInputSchema(() => now);
const base = { id: '0b8f7a52-4a7e-4b8e-9a53-9d1f0c6a7e21', checkpointId: 'verkhny-lars', direction: 'out', mode: 'car' };
const pathsOf = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : fieldErrorsFrom(result.error.issues).map((field) => field.path);
};

describe('the report schema', () => {
  it('accepts each kind of observation, and null as absent', () => {
    expect(schema.parse({ ...base, waitMinutes: 0 })).toMatchObject({ waitMinutes: 0, queueKm: null, joinedAt: null });
    expect(schema.parse({ ...base, queueVehicles: 20000, queueKm: null })).toMatchObject({ queueVehicles: 20000 });
    const crossed = schema.parse({ ...base, joinedAt: '2022-09-25T12:00:00+03:00', crossedAt: '2022-09-26T11:59:00Z' });
    expect(crossed.joinedAt).toEqual(new Date('2022-09-25T09:00:00Z'));
  });

  it('accepts "N let through in the last M minutes", the two together, M from 5 min to a day', () => {
    expect(schema.parse({ ...base, letThrough: 50, letThroughMinutes: 300 })).toMatchObject({ letThrough: 50, letThroughMinutes: 300, waitMinutes: null });
    expect(schema.parse({ ...base, letThrough: 0, letThroughMinutes: 60 })).toMatchObject({ letThrough: 0 });
    expect(pathsOf({ ...base, letThrough: 50 })).toEqual(['letThroughMinutes']);
    expect(pathsOf({ ...base, letThroughMinutes: 60 })).toEqual(['letThrough']);
    expect(pathsOf({ ...base, letThrough: -1, letThroughMinutes: 60 })).toEqual(['letThrough']);
    expect(pathsOf({ ...base, letThrough: 5, letThroughMinutes: 4 })).toEqual(['letThroughMinutes']);
    expect(pathsOf({ ...base, letThrough: 5, letThroughMinutes: 1441 })).toEqual(['letThroughMinutes']);
    expect(pathsOf({ ...base, letThrough: 2.5, letThroughMinutes: 60 })).toEqual(['letThrough']);
  });

  it('needs at least one observation', () => {
    expect(pathsOf(base)).toEqual(['(root)']);
  });

  it('checks times against the server clock, allowing two minutes of skew', () => {
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:00:00Z', crossedAt: '2022-09-26T12:01:30Z' })).toEqual([]);
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:00:00Z', crossedAt: '2022-09-26T12:03:00Z' })).toEqual(['crossedAt']);
    expect(pathsOf({ ...base, joinedAt: '2022-09-24T11:00:00Z', crossedAt: '2022-09-25T11:00:00Z' })).toEqual(['crossedAt']);
    expect(pathsOf({ ...base, joinedAt: '2022-09-19T11:00:00Z', crossedAt: '2022-09-26T11:30:00Z' })).toEqual(['joinedAt']);
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:30:00Z', crossedAt: '2022-09-26T11:30:00Z' })).toEqual(['joinedAt']);
    expect(pathsOf({ ...base, crossedAt: '2022-09-26T11:30:00Z' })).toEqual(['joinedAt']);
  });

  it('refuses a crossing of under five minutes and a join time after the server\'s now', () => {
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:55:00Z', crossedAt: '2022-09-26T12:00:00Z' })).toEqual([]);
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:59:59.999Z', crossedAt: '2022-09-26T12:00:00Z' })).toEqual(['joinedAt']);
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:56:00Z', crossedAt: '2022-09-26T12:00:00Z' })).toEqual(['joinedAt']);
    // A fast clock may put the crossing a minute ahead, never the join.
    expect(pathsOf({ ...base, joinedAt: '2022-09-26T11:00:00Z', crossedAt: '2022-09-26T12:01:30Z' })).toEqual([]);
    const result = schema.safeParse({ ...base, joinedAt: '2022-09-26T12:01:00Z', crossedAt: '2022-09-26T12:01:30Z' });
    expect(!result.success && fieldErrorsFrom(result.error.issues)).toContainEqual({ path: 'joinedAt', message: 'is in the future' });
  });

  it('keeps a phone\'s times to the minute, so its clock cannot link its reports', () => {
    const crossed = schema.parse({ ...base, joinedAt: '2022-09-26T08:30:59.999Z', crossedAt: '2022-09-26T11:45:12.345+03:00' });
    expect(crossed.joinedAt).toEqual(new Date('2022-09-26T08:30:00Z'));
    expect(crossed.crossedAt).toEqual(new Date('2022-09-26T08:45:00Z'));
  });

  it('reads a crossing on the clock of the phone that sent it, when it says when it sent it (sentAt)', () => {
    // An hour fast: its "now" is 13:00 when the server's is 12:00; crossed after two hours.
    const fast = { ...base, joinedAt: '2022-09-26T11:00:00Z', crossedAt: '2022-09-26T13:00:00Z' };
    expect(pathsOf(fast)).toEqual(['crossedAt']);
    const moved = schema.parse({ ...fast, sentAt: '2022-09-26T13:00:20Z' });
    expect(moved.joinedAt).toEqual(new Date('2022-09-26T09:59:00Z'));
    expect(moved.crossedAt).toEqual(new Date('2022-09-26T11:59:00Z'));
    expect(moved).not.toHaveProperty('sentAt');
    // Three hours slow, with seconds: the crossing it sent at once is the one that just ended.
    const slow = schema.parse({ ...base, joinedAt: '2022-09-26T06:30:40Z', crossedAt: '2022-09-26T09:00:40Z', sentAt: '2022-09-26T09:00:40Z' });
    expect(slow.crossedAt).toEqual(new Date('2022-09-26T12:00:00Z'));
    expect(slow.joinedAt).toEqual(new Date('2022-09-26T09:30:00Z'));
    // Written offline an hour before it went: still an hour ago, on the server's clock.
    const queued = schema.parse({ ...base, joinedAt: '2022-09-26T15:00:00Z', crossedAt: '2022-09-26T17:00:00Z', sentAt: '2022-09-26T18:00:00Z' });
    expect(queued.crossedAt).toEqual(new Date('2022-09-26T11:00:00Z'));
    // What is checked is what is kept: a crossing that, moved, ended a day and a half ago is refused.
    expect(pathsOf({ ...fast, sentAt: '2022-09-28T01:00:00Z' })).toEqual(['crossedAt']);
    expect(pathsOf({ ...fast, sentAt: '2022-09-26T12:00:00Z' })).toEqual(['crossedAt']);
    expect(pathsOf({ ...fast, sentAt: 'soon' })).toEqual(['sentAt']);
    // The other kinds carry no time of their own, and are as they were.
    expect(schema.parse({ ...base, waitMinutes: 60, sentAt: '2022-09-26T13:00:00Z' })).toMatchObject({ waitMinutes: 60, joinedAt: null, crossedAt: null });
  });

  it('bounds a queue by what a road can hold in each mode', () => {
    expect(pathsOf({ ...base, mode: 'car', queueVehicles: 20000, queueKm: 100 })).toEqual([]);
    expect(pathsOf({ ...base, mode: 'truck', queueVehicles: 5001 })).toEqual(['queueVehicles']);
    expect(pathsOf({ ...base, mode: 'bicycle', queueKm: 100 })).toEqual(['queueKm']);
    expect(pathsOf({ ...base, mode: 'bicycle', queueKm: 10 })).toEqual([]);
    expect(pathsOf({ ...base, mode: 'bus', queueVehicles: 20000, queueKm: 30 }).sort()).toEqual(['queueKm', 'queueVehicles']);
    const result = schema.safeParse({ ...base, mode: 'pedestrian', queueKm: 50 });
    expect(!result.success && fieldErrorsFrom(result.error.issues)).toEqual([{ path: 'queueKm', message: 'must be at most 10 km for pedestrian' }]);
  });

  it('refuses unknown fields, wrong types and values out of range, naming each', () => {
    expect(pathsOf({ ...base, waitMinutes: 10081, queueKm: -1, queueVehicles: '5', note: 'hi' }).sort()).toEqual(['note', 'queueKm', 'queueVehicles', 'waitMinutes'].sort());
    expect(pathsOf({ ...base, waitMinutes: 30, checkpointId: 'Upper Lars!' })).toEqual(['checkpointId']);
  });
});

describe('the device key', () => {
  it('is 16–128 url-safe characters', () => {
    expect(deviceKeySchema.safeParse('abcdefghijklmnop').success).toBe(true);
    expect(deviceKeySchema.safeParse('short').success).toBe(false);
    expect(deviceKeySchema.safeParse('has spaces in it, which is bad').success).toBe(false);
    expect(deviceKeySchema.safeParse(undefined).success).toBe(false);
  });
});
