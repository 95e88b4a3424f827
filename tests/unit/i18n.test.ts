import { describe, expect, it } from 'vitest';
import { formatAgo, formatWait, parseDecimal } from '../../lib/i18n/format';
import { postZone } from '../../lib/ui/post-hours';
import { readCatalogue } from '../../prisma/seed';
import { languageFromHeader, pickLanguage } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';

describe('language choice', () => {
  it('takes the best-ranked language we speak from Accept-Language', () => {
    expect(languageFromHeader('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(languageFromHeader('de-DE,ru;q=0.5,en;q=0.4')).toBe('ru');
    expect(languageFromHeader('ka-GE, kk;q=0.9')).toBeNull();
    expect(languageFromHeader('en;q=0, ru;q=0.1')).toBe('ru');
    expect(languageFromHeader('')).toBeNull();
  });

  it('prefers the visitor’s own switch, then the browser, then Russian', () => {
    expect(pickLanguage({ cookie: 'en', acceptLanguage: 'ru' })).toBe('en');
    expect(pickLanguage({ cookie: 'xx', acceptLanguage: 'en-US' })).toBe('en');
    expect(pickLanguage({ cookie: null, acceptLanguage: 'fi' })).toBe('ru');
  });
});

describe('formatting', () => {
  it('rounds waits to what an estimate can claim, in each language', () => {
    expect(formatWait(3, 'ru')).toBe('5 мин');
    expect(formatWait(42, 'ru')).toBe('40 мин');
    expect(formatWait(210, 'ru')).toBe('3,5 ч');
    expect(formatWait(210, 'en')).toBe('3.5 h');
    expect(formatWait(14 * 60 + 20, 'en')).toBe('14 h');
    expect(formatWait(60 * 60, 'ru')).toBe('2,5 сут');
  });

  it('says how long ago in words', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(formatAgo('2026-11-25T11:59:30Z', now, 'ru')).toBe('только что');
    expect(formatAgo('2026-11-25T11:55:00Z', now, 'ru')).toBe('5 минут назад');
    expect(formatAgo('2026-11-25T10:00:00Z', now, 'en')).toBe('2 hours ago');
  });

  it('says whose clock a post\'s hours are on: every zone of the catalogue by name, any other by its offset then', async () => {
    // At a border "local time" is two clocks: Vartius opens 07:30 Finnish time, 08:30 in Moscow.
    const zones = new Set((await readCatalogue()).checkpoints.flatMap((checkpoint) => (checkpoint.hours ? [checkpoint.hours.timeZone] : [])));
    expect(zones.size).toBeGreaterThan(0);
    for (const zone of zones) for (const lang of ['ru', 'en'] as const) expect(postZone(zone, lang)).not.toMatch(/UTC/);
    expect(postZone('Europe/Helsinki', 'ru')).toBe('по финскому времени');
    expect(postZone('Europe/Moscow', 'en')).toBe('Moscow time');
    const winter = new Date('2022-12-01T12:00:00Z');
    const summer = new Date('2022-07-01T12:00:00Z');
    expect(postZone('Asia/Almaty', 'ru', winter)).toBe('по времени UTC+6');
    expect(postZone('Asia/Kathmandu', 'en', winter)).toBe('UTC+5:45');
    expect(postZone('America/St_Johns', 'en', winter)).toBe('UTC−3:30');
    expect(postZone('America/St_Johns', 'en', summer)).toBe('UTC−2:30');
    expect(postZone('Etc/GMT', 'ru', winter)).toBe('по времени UTC');
    expect(postZone('Etc/GMT-5', 'ru', winter)).toBe('по времени UTC+5');
  });

  it('reads numbers typed with a comma or a point, and nothing else', () => {
    expect(parseDecimal('3,5')).toBe(3.5);
    expect(parseDecimal(' 12 ')).toBe(12);
    expect(parseDecimal('1 000')).toBe(1000);
    for (const text of ['', 'abc', '3,5,1', '1e3', '--2']) expect(parseDecimal(text)).toBeNull();
  });

  it('has Russian plural forms for report counts', () => {
    const ru = MESSAGES.ru;
    expect([1, 2, 5, 11, 21, 22].map((n) => ru.reportsCount(n, 6))).toEqual([
      '1 сообщение за 6 ч', '2 сообщения за 6 ч', '5 сообщений за 6 ч', '11 сообщений за 6 ч', '21 сообщение за 6 ч', '22 сообщения за 6 ч',
    ]);
    // A number shown with nobody behind it in the window does not read "0 сообщений".
    expect(ru.reportsCount(0, 6)).toBe('за 6 ч сообщений нет');
    expect(MESSAGES.en.reportsCount(0, 6)).toBe('no reports in 6 h');
  });

  it('gives every message in both languages the same shape', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]).sort())
        : typeof value;
    expect(shape(MESSAGES.en)).toEqual(shape(MESSAGES.ru));
  });
});

describe('region names', () => {
  it('gives every region of the catalogue a Russian name, qualifiers included', async () => {
    const { regionName } = await import('../../lib/i18n/regions');
    const { readFileSync } = await import('node:fs');
    const catalogue = JSON.parse(readFileSync('prisma/catalogue/checkpoints.json', 'utf8')) as {
      checkpoints: { russianSide: { region: string }; neighbourSide: { region: string } }[];
    };
    const regions = new Set(catalogue.checkpoints.flatMap((c) => [c.russianSide.region, c.neighbourSide.region]));
    for (const region of regions) expect(regionName(region, 'ru'), region).toMatch(/^[А-Яа-яЁё]/);
    expect(regionName('Omsk Oblast (unverified)', 'ru')).toBe('Омская область (не подтверждено)');
    expect(regionName('unverified (Khentii or Dornod)', 'ru')).toBe('не подтверждено (Хэнтий или Дорнод)');
    expect(regionName('Omsk Oblast', 'en')).toBe('Omsk Oblast');
  });
});

describe('the moderator page in Russian', () => {
  it('counts devices with the Russian plural: 1 новое устройство, 3 новых устройства, 5 новых устройств', async () => {
    const { MODERATE_MESSAGES } = await import('../../lib/i18n/moderate-messages');
    const t = MODERATE_MESSAGES.ru;
    expect(t.seriesBurst('Ларс', 100, 1)).toContain('1 новое устройство за несколько минут даёт 100 %');
    expect(t.seriesBurst('Ларс', 100, 3)).toContain('3 новых устройства за несколько минут дают 100 %');
    expect(t.seriesBurst('Ларс', 100, 5)).toContain('5 новых устройств за несколько минут дают 100 %');
    expect(t.addressBurst('ab12', 22, 20)).toContain('за час 22 новых устройства, из них 20');
    expect(t.heldReports('Ларс', 1)).toContain('1 сообщ. со страниц без JavaScript отложено');
    const en = MODERATE_MESSAGES.en;
    expect(en.seriesBurst('Lars', 100, 1)).toContain('1 new device within minutes carries 100 %');
    expect(en.seriesBurst('Lars', 100, 3)).toContain('3 new devices within minutes carry 100 %');
    expect(en.heldReports('Lars', 1)).toContain('1 report from pages without JavaScript is held');
    expect(en.reportsIn24h(1)).toBe('1 report in 24 h');
    expect(en.reportsIn24h(2)).toBe('2 reports in 24 h');
  });
});
