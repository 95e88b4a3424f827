import { describe, expect, it } from 'vitest';
import { anchorOf, queryOf, resultOf } from '../../lib/ui/no-script-form';
import { stateFromForm } from '../../lib/ui/report-form';

describe('where the page opens after a post without scripts', () => {
  it('at the thanks when stored or already stored, at the form when a field was wrong, at the reason when refused as a whole', () => {
    expect(anchorOf({ outcome: 'accepted' })).toBe('report-status');
    expect(anchorOf({ outcome: 'duplicate' })).toBe('report-status');
    expect(anchorOf({ outcome: 'refused', code: 'not_a_number', field: 'waitHours' })).toBe('report-form-title');
    // A limit, or nothing filled in: no field to read, the status says why.
    expect(anchorOf({ outcome: 'refused', code: 'proof_required', field: 'form', limit: 'unproven_devices' })).toBe('report-status');
  });

  it('carries "kept for a moderator" through the address, and opens at the status that says so', () => {
    const query = Object.fromEntries(queryOf({ outcome: 'held' }));
    expect(query).toEqual({ report: 'held' });
    expect(resultOf(query)).toEqual({ outcome: 'held' });
    expect(anchorOf({ outcome: 'held' })).toBe('report-status');
  });

  it('carries a one-tap signal through the address, and drops one that is no signal', () => {
    const query = Object.fromEntries(queryOf({ outcome: 'accepted', signal: 'closed' }));
    expect(query).toEqual({ report: 'accepted', s: 'closed' });
    expect(resultOf(query)).toEqual({ outcome: 'accepted', signal: 'closed' });
    expect(resultOf({ report: 'accepted', s: '<script>' })).toEqual({ outcome: 'accepted' });
  });

  it('carries "stored, but still no wait" through the address, so the page does not say the estimate moved', () => {
    const query = Object.fromEntries(queryOf({ outcome: 'accepted', waitUnknown: true }));
    expect(query).toEqual({ report: 'accepted', nw: '1' });
    expect(resultOf(query)).toEqual({ outcome: 'accepted', waitUnknown: true });
    expect(resultOf({ report: 'accepted', nw: 'yes' })).toEqual({ outcome: 'accepted' });
  });
});

describe('the form as posted (or as it stands on the page)', () => {
  const fallback = { direction: 'out', mode: 'car' } as const;
  it('takes a quick choice where its field is empty, and the number typed where there is one', () => {
    const form = new URLSearchParams({ 'report-direction': 'in', 'report-mode': 'truck', waitHours: '', 'waitHours-quick': '4', vehiclesAhead: '120', 'vehiclesAhead-quick': '50', 'tookHours-quick': '8' });
    const { state, wrong } = stateFromForm(form, fallback);
    expect(wrong).toBeNull();
    expect(state).toMatchObject({ direction: 'in', mode: 'truck', waitHours: '4', vehiclesAhead: '120', letThrough: '', tookHours: '8', crossed: true, letThroughMinutes: 60 });
  });

  it('names a direction or mode that is none of Kordon\'s, and keeps the fallback in its place', () => {
    expect(stateFromForm(new URLSearchParams({ 'report-direction': 'sideways', 'report-mode': 'car' }), fallback)).toMatchObject({ wrong: 'direction', state: { direction: 'out' } });
    expect(stateFromForm(new URLSearchParams({ 'report-direction': 'out', 'report-mode': 'boat' }), fallback)).toMatchObject({ wrong: 'mode', state: { mode: 'car' } });
  });
});
