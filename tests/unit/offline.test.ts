import { describe, expect, it } from 'vitest';
import { cacheRuleFor, type RequestFacts } from '../../lib/offline/cache-rules';
import type { Estimate } from '../../lib/estimates/types';
import { asOfFor, confirm, encodeOfflineCopy, newestConfirmations, parseOfflineCopy } from '../../lib/ui/offline-copy';

const request = (path: string, facts: Partial<RequestFacts> = {}): RequestFacts => ({
  url: new URL(path, 'https://kordon.example'),
  sameOrigin: true,
  method: 'GET',
  mode: 'cors',
  ...facts,
});

describe('what the service worker keeps', () => {
  it('pages the browser opens, checkpoint data and the basemap', () => {
    expect(cacheRuleFor(request('/', { mode: 'navigate' }))).toBe('pages');
    expect(cacheRuleFor(request('/checkpoints/kyakhta', { mode: 'navigate' }))).toBe('pages');
    expect(cacheRuleFor(request('/list?direction=in', { mode: 'navigate' }))).toBe('pages');
    expect(cacheRuleFor(request('/api/checkpoints'))).toBe('data');
    expect(cacheRuleFor(request('/api/checkpoints/verkhny-lars?hours=24'))).toBe('data');
    expect(cacheRuleFor(request('/api/basemap'))).toBe('basemap');
  });

  it('leaves reports, Socket.IO, moderation, health and other hosts to the network', () => {
    expect(cacheRuleFor(request('/api/reports', { method: 'POST' }))).toBeNull();
    expect(cacheRuleFor(request('/socket.io/?EIO=4&transport=polling'))).toBeNull();
    expect(cacheRuleFor(request('/api/moderation/actions'))).toBeNull();
    expect(cacheRuleFor(request('/api/moderation/checkpoints/kyakhta/reports'))).toBeNull();
    expect(cacheRuleFor(request('/moderate', { mode: 'navigate' }))).toBeNull();
    expect(cacheRuleFor(request('/moderate?checkpoint=kyakhta&done=set-status', { mode: 'navigate' }))).toBeNull();
    expect(cacheRuleFor(request('/moderates', { mode: 'navigate' }))).toBe('pages');
    expect(cacheRuleFor(request('/api/health'))).toBeNull();
    expect(cacheRuleFor(request('/api/health', { mode: 'navigate' }))).toBeNull();
    expect(cacheRuleFor(request('/', { mode: 'navigate', sameOrigin: false }))).toBeNull();
    // A page's data fetched by the client router is not a page.
    expect(cacheRuleFor(request('/checkpoints/kyakhta?_rsc=abc'))).toBeNull();
  });
});

const estimate = (checkpointId: string, version: number): Estimate => ({
  checkpointId, direction: 'out', mode: 'car', waitMinutes: 90, low: 60, high: 120, queueVehicles: null, reports: 2,
  lastReportAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:00:00.000Z', confidence: 'low', stale: false, trend: null,
  throughputPerHour: 40, throughputSource: 'default', version,
});

describe('the offline copy of the estimates', () => {
  it('reads back what it saved, and drops what is malformed', () => {
    const confirmedAt = confirm({}, ['kyakhta'], new Date('2026-11-25T10:05:00.000Z'));
    const text = encodeOfflineCopy({ a: estimate('kyakhta', 3) }, confirmedAt);
    expect(parseOfflineCopy(text)).toEqual({ estimates: [estimate('kyakhta', 3)], confirmedAt: { kyakhta: '2026-11-25T10:05:00.000Z' } });
    expect(parseOfflineCopy('nonsense')).toBeNull();
    expect(parseOfflineCopy('[1,2]')).toBeNull();
    expect(parseOfflineCopy(JSON.stringify({ estimates: [{ checkpointId: 'x' }, estimate('kyakhta', 1), { ...estimate('a', 1), mode: 'plane' }], confirmedAt: { kyakhta: 'yesterday', a: '2026-11-25T10:05:00.000Z' } }))).toEqual({
      estimates: [estimate('kyakhta', 1)],
      confirmedAt: { a: '2026-11-25T10:05:00.000Z' },
    });
  });

  it('claims for what is shown only the oldest time any of it was current', () => {
    const rendered = '2026-11-25T09:00:00.000Z';
    let confirmedAt = confirm({}, ['kyakhta', 'verkhny-lars'], new Date('2026-11-25T10:00:00.000Z'));
    confirmedAt = confirm(confirmedAt, ['verkhny-lars'], new Date('2026-11-25T11:00:00.000Z'));
    expect(asOfFor(confirmedAt, ['verkhny-lars'], rendered)).toBe('2026-11-25T11:00:00.000Z');
    expect(asOfFor(confirmedAt, ['verkhny-lars', 'kyakhta'], rendered)).toBe('2026-11-25T10:00:00.000Z');
    // Never confirmed live: as of the page's own render.
    expect(asOfFor(confirmedAt, ['verkhny-lars', 'torfyanovka'], rendered)).toBe(rendered);
    // A render newer than an old confirmation stands for it.
    expect(asOfFor(confirmedAt, ['kyakhta'], '2026-11-25T10:30:00.000Z')).toBe('2026-11-25T10:30:00.000Z');
    expect(newestConfirmations({ a: '2026-11-25T10:00:00.000Z', b: '2026-11-25T12:00:00.000Z' }, { a: '2026-11-25T11:00:00.000Z', b: '2026-11-25T08:00:00.000Z' })).toEqual({
      a: '2026-11-25T11:00:00.000Z',
      b: '2026-11-25T12:00:00.000Z',
    });
  });
});
