import { describe, expect, it } from 'vitest';
import { BORDERS } from '../../lib/borders';
import type { CheckpointView } from '../../lib/checkpoints';
import type { Estimate } from '../../lib/estimates/types';
import { orderList } from '../../lib/ui/list-order';

const checkpoint = (id: string, fields: { border: 'KZ' | 'GE'; region: string; ru: string; en: string; lat: number; lon: number; wait?: number; stale?: boolean }): CheckpointView =>
  ({
    id,
    border: fields.border,
    name: { en: fields.en, ru: fields.ru },
    russianSide: { name: { en: fields.en, ru: fields.ru }, region: fields.region },
    neighbourSide: { name: { en: id, local: id }, region: 'x' },
    lat: fields.lat,
    lon: fields.lon,
    coordinateQuality: 'checkpoint',
    modes: ['car'],
    access: 'multilateral',
    status: 'open',
    statusNote: null,
    statusUpdatedAt: null,
    capacityPerDay: null,
    openingHours: null,
    note: '',
    sources: [],
    estimates:
      fields.wait === undefined
        ? []
        : [{ checkpointId: id, direction: 'out', mode: 'car', waitMinutes: fields.wait, low: fields.wait, high: fields.wait, stale: fields.stale ?? false, confidence: 'medium', version: 1, reports: 2, lastReportAt: '2022-09-26T10:00:00.000Z' } as Estimate],
    usual: [],
  }) as CheckpointView;

const checkpoints = [
  checkpoint('ozinki', { border: 'KZ', region: 'Saratov Oblast', ru: 'Озинки', en: 'Ozinki', lat: 51.2, lon: 49.9, wait: 180 }),
  checkpoint('vishnevka', { border: 'KZ', region: 'Volgograd Oblast', ru: 'Вишнёвка', en: 'Vishnyovka', lat: 49.43, lon: 46.81, wait: 2880 }),
  checkpoint('alexandrov-gay', { border: 'KZ', region: 'Saratov Oblast', ru: 'Александров Гай', en: 'Aleksandrov Gay', lat: 50.1, lon: 48.6 }),
  checkpoint('lars', { border: 'GE', region: 'Republic of North Ossetia–Alania', ru: 'Верхний Ларс', en: 'Upper Lars', lat: 42.77, lon: 44.63, wait: 600, stale: true }),
];
const base = { borders: BORDERS, checkpoints, direction: 'out' as const, mode: 'car' as const, start: null, now: new Date('2022-09-26T10:00:00.000Z') };
const ids = (order: ReturnType<typeof orderList>) =>
  order.kind === 'ranked' ? order.rows.map((r) => r.checkpoint.id) : order.borders.flatMap((b) => b.regions.flatMap((g) => g.rows.map((r) => r.checkpoint.id)));

describe('the order of /list', () => {
  it('groups by border and the Russian region, named in the reader\'s language, and sorts by name in it', () => {
    const order = orderList({ ...base, lang: 'ru', sort: 'name' });
    if (order.kind !== 'grouped') throw new Error('grouped');
    const kz = order.borders.find((b) => b.border.code === 'KZ')!;
    expect(kz.regions.map((g) => g.region)).toEqual(['Саратовская область', 'Волгоградская область']);
    expect(kz.regions[0]!.rows.map((r) => r.checkpoint.id)).toEqual(['alexandrov-gay', 'ozinki']);
    // Borders in the catalogue's order (Georgia before Kazakhstan); regions by their first crossing's name.
    expect(ids(orderList({ ...base, lang: 'en', sort: 'name' }))).toEqual(['lars', 'alexandrov-gay', 'ozinki', 'vishnevka']);
  });

  it('sorts by wait: within a region the shortest live one first, old ones after live ones, none at all last; regions by their best', () => {
    expect(ids(orderList({ ...base, lang: 'ru', sort: 'wait' }))).toEqual(['lars', 'ozinki', 'alexandrov-gay', 'vishnevka']);
  });

  it('ranks everything as one list from a start: by distance, or by drive + wait', () => {
    const start = { lat: 48.72, lon: 44.5 };
    expect(ids(orderList({ ...base, lang: 'ru', sort: 'distance', start }))).toEqual(['vishnevka', 'alexandrov-gay', 'ozinki', 'lars']);
    const total = orderList({ ...base, lang: 'ru', sort: 'total', start });
    expect(ids(total)).toEqual(['ozinki', 'vishnevka', 'lars', 'alexandrov-gay']);
    if (total.kind !== 'ranked') throw new Error('ranked');
    expect(total.rows[0]!.total).toBeCloseTo(total.rows[0]!.drive!.minutes + 180, 6);
  });

  it('without a start, sorting by distance falls back to the grouped list', () => {
    expect(orderList({ ...base, lang: 'ru', sort: 'total' }).kind).toBe('grouped');
  });
});
