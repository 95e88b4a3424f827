import { describe, expect, it } from 'vitest';
import { addToOutbox, holdInOutbox, holdOf, isFinalRefusal, isHeldBack, parseOutbox, removeFromOutbox } from '../../lib/ui/outbox';

const entry = (id: string) => ({ report: { id, checkpointId: 'kyakhta', direction: 'out' as const, mode: 'car' as const, waitMinutes: 120 }, queuedAt: '2026-11-25T12:00:00.000Z' });
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('the outbox', () => {
  it('keeps each report once, in order, and reads back what it stored', () => {
    let list = addToOutbox([], entry(A));
    list = addToOutbox(list, entry(B));
    list = addToOutbox(list, entry(A));
    expect(list.map((e) => e.report.id)).toEqual([A, B]);
    expect(parseOutbox(JSON.stringify(list))).toEqual(list);
    expect(removeFromOutbox(list, A).map((e) => e.report.id)).toEqual([B]);
  });

  it('drops what is malformed rather than failing the page', () => {
    expect(parseOutbox('nonsense')).toEqual([]);
    expect(parseOutbox('{"a":1}')).toEqual([]);
    expect(parseOutbox(JSON.stringify([{ report: { id: 'not-a-uuid' }, queuedAt: 'x' }, entry(A), { queuedAt: 'x' }]))).toEqual([entry(A)]);
  });

  it('gives up only on refusals that a resend would repeat', () => {
    expect(['invalid_input', 'unknown_checkpoint', 'mode_not_allowed'].every(isFinalRefusal)).toBe(true);
    expect(['timeout', 'unavailable', 'rate_limited', 'internal'].some(isFinalRefusal)).toBe(false);
    // A limit, or the device's proof still being made, holds a report back with its reason; no answer does not.
    expect(['rate_limited', 'proof_pending'].every(isHeldBack)).toBe(true);
    expect(['timeout', 'unavailable', 'internal', 'invalid_input'].some(isHeldBack)).toBe(false);
  });

  it('notes why a report waits, from the refusal, and forgets it with no answer', () => {
    const now = new Date('2026-12-05T22:00:00Z');
    const hold = holdOf({ code: 'rate_limited', limit: 'device', retryAfter: 90 }, now);
    expect(hold).toEqual({ code: 'rate_limited', limit: 'device', retryAt: '2026-12-05T22:01:30.000Z' });
    expect(holdOf({ code: 'timeout' }, now)).toBeUndefined();
    let list = holdInOutbox([entry(A), entry(B)], A, hold);
    expect(list[0]).toMatchObject({ hold });
    expect(list[1]).not.toHaveProperty('hold');
    // Kept in storage and read back.
    expect(parseOutbox(JSON.stringify(list))[0]).toMatchObject({ hold });
    list = holdInOutbox(list, A, undefined);
    expect(list[0]).not.toHaveProperty('hold');
  });
});
