// Numbers, waits and times in the reader's language. Waits are rounded to
// what a queue estimate can honestly claim: 5 min, half hours, whole hours.
import { roundWait } from '../estimates/rounding';
import type { Language } from './languages';
import { MESSAGES } from './messages';

const LOCALE: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' };

export function formatNumber(value: number, lang: Language, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** "40 мин", "3,5 ч", "14 ч", "2,5 сут": at the precision of roundWait. */
export function formatWait(minutes: number, lang: Language): string {
  const m = MESSAGES[lang];
  const rounded = roundWait(minutes);
  if (minutes < 55) return `${formatNumber(rounded, lang)} ${m.minutesUnit}`;
  if (minutes / 60 < 48) return `${formatNumber(rounded / 60, lang, 1)} ${m.hoursUnit}`;
  return `${formatNumber(rounded / (24 * 60), lang, 1)} ${m.daysUnit}`;
}

/** "5 минут назад", "2 hours ago"; "только что" under a minute. */
export function formatAgo(then: Date | string, now: Date, lang: Language): string {
  const seconds = (now.getTime() - new Date(then).getTime()) / 1000;
  if (seconds < 60) return MESSAGES[lang].justNow;
  const format = new Intl.RelativeTimeFormat(LOCALE[lang], { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 48 * 3600) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}

/** "5 ч назад", "40 min ago": short enough for a marker. */
export function formatAgoShort(then: Date | string, now: Date, lang: Language): string {
  const m = MESSAGES[lang];
  const minutes = Math.max(0, (now.getTime() - new Date(then).getTime()) / 60_000);
  if (minutes < 1) return m.justNow;
  if (minutes < 60) return m.agoShort(`${Math.floor(minutes)} ${m.minutesUnit}`);
  if (minutes < 48 * 60) return m.agoShort(`${Math.floor(minutes / 60)} ${m.hoursUnit}`);
  return m.agoShort(`${Math.floor(minutes / (24 * 60))} ${m.daysUnit}`);
}

/** "14:05" in the reader's own time zone. */
export function formatClock(at: Date | string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/**
 * "22:57 UTC": a time a server renders, whose own zone is whatever its machine was set to; a page without scripts
 * cannot learn the reader's, so it says which it is.
 */
export function formatClockUtc(at: Date | string, lang: Language): string {
  return `${new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))} UTC`;
}

/** "08:00" in a post's own time zone (its opening hours are local to it). */
export function formatPostClock(at: Date | string, timeZone: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

/** "25 нояб., 14:05". */
export function formatDayClock(at: Date | string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** "24 нояб." for chart axes. */
export function formatDay(at: Date | string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'short' }).format(new Date(at));
}

/** Reads "3,5" or "3.5" as typed on either keyboard; null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (cleaned === '' || !/^[-+]?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}
